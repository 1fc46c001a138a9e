/**
 * KPR/IPLOS reporting over HTTP on a real PostgreSQL (issue 22): the extract of every demo
 * municipality validates against the schema in spec/iplos/; only a leader stating the purpose
 * administration may produce it, and it is logged; the validation report names what a caseworker
 * must put right (missing and outdated scores, a decision that ran out, an invalid identity number)
 * to those with a need, and gives others the counts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateKprExtract } from '../../src/app/kpr.ts';
import type { CaseState } from '../../src/domain/case/state.ts';
import { byCaseNumber, kprCaseState } from '../../src/domain/kpr/index.ts';
import { latestScores } from '../../src/store/assessments.ts';
import { kprAssessmentRows, kprCaseOf, kprCaseRows } from '../../src/store/kpr.ts';
import { isoInstant } from '../../src/store/sqlTime.ts';
import { byCodeUnits } from '../../src/domain/collections.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { insertStaff, insertUnit } from '../../src/store/org.ts';
import { inTenant } from '../../src/store/tx.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { DEMO_MUNICIPALITIES } from '../../src/demo/municipalities.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { completeAssessment, lawfulDecision } from '../helpers/decisions.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;
let m: TestMunicipality;
let office: Client;
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const persons: Record<string, string> = {};
const nationalIds: Record<string, string> = {};
const cases: Record<string, string> = {};

async function act(c: { id: string; version: number }, type: string, payload: unknown, who: Client = office): Promise<any> {
  const r = await who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type, payload } });
  expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

/** A person with home nursing granted from `validFrom` (to `validTo`), ordered and started. */
async function served(key: string, validFrom: string, validTo?: string): Promise<void> {
  nationalIds[key] = nationalId('1938-08-08');
  const p = await office.command('/api/v1/persons', { nationalId: nationalIds[key], givenName: key, familyName: 'Kpr' });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  persons[key] = p.body.id;
  let c = (await office.command('/api/v1/cases', { personId: p.body.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: validFrom, description: 'Søknad' })).body;
  c = await act(c, 'owner_assigned', { ownerStaffId: m.staff.caseworker });
  c = await act(c, 'assessment_started', {});
  const end = validTo ? { validTo, untilFurtherNotice: false, reevaluateBy: `${validTo.slice(0, 7)}-01` } : { untilFurtherNotice: true, reevaluateBy: `${year + 1}-06-01` };
  c = await act(c, 'decision_made', { outcome: 'granted', serviceCode: 'home_nursing', validFrom, summary: 'Vedtak', withoutAssessmentReason: 'Testen', form: 'time_fixed', hoursPerWeek: 2, ...end });
  c = await act(c, 'service_arranged', { providerUnitId: m.providerId, startOn: validFrom });
  const provider = await Client.login(server.url, m.id, 'provider', PASSWORD);
  c = await act(c, 'order_accepted', { providerUnitId: m.providerId }, provider);
  c = await act(c, 'service_started', { startedOn: validFrom }, provider);
  cases[key] = c.id;
}

const FULL_SCORES = { social_participation: 2, everyday_decisions: 2, own_health: 2, communication: 1, memory: 3, behaviour: 1, household_tasks: 3, shopping: 3, cooking: 3, eating: 2, personal_hygiene: 3, dressing: 2, toilet: 2, moving_indoors: 2, moving_outdoors: 3, vision: 1, hearing: 2 };

function assessing(assessedOn: string, scores: Record<string, number> = FULL_SCORES) {
  return { complete: true, assessedOn, scores, whatMatters: 'Å bo hjemme', participants: [{ name: 'Kari', profession: 'Sykepleier' }] };
}

async function assess(key: string, assessedOn: string, scores: Record<string, number> = FULL_SCORES): Promise<void> {
  const r = await office.command(`/api/v1/persons/${persons[key]}/assessments`, assessing(assessedOn, scores));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 43, asOf: new Date(), scale: 0.02 });
  // The demo municipalities are fictional; each has a kommunenummer outside those in use (99xx) for the extract.
  const { rows: unnumbered } = await db.owner.query('SELECT id FROM municipality WHERE municipality_number IS NULL');
  expect(unnumbered).toEqual([]);
  server = await startServer(db);
  m = await createMunicipality(db);
  await db.owner.query("UPDATE municipality SET municipality_number = '4601' WHERE id = $1", [m.id]);
  office = await Client.login(server.url, m.id, 'caseworker', PASSWORD);
  const lastYear = `${year - 1}-01-10`;
  await served('complete', `${year}-01-05`);
  await assess('complete', today);
  await served('missing', `${year}-01-05`);
  await served('outdated', lastYear);
  await assess('outdated', `${year - 1}-01-08`);
  await served('expired', lastYear, `${year - 1}-12-31`);
  await assess('expired', today);
  await served('badId', `${year}-01-05`);
  await assess('badId', today);
  await db.owner.query("UPDATE person SET national_id = '12345678901' WHERE id = $1", [persons.badId]);
  // Assessed in full today; then an assessment from last year, with one score, recorded afterwards (from
  // paper): the newer one stays the latest.
  await served('backdated', `${year}-01-05`);
  await assess('backdated', today);
  await assess('backdated', `${year - 1}-01-08`, { eating: 3 });
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function extract(who: Client, query: string, purpose = 'administration') {
  return fetch(`${server.url}/api/v1/reports/kpr/extract?${query}`, { headers: { authorization: `Bearer ${(who as unknown as { token: string }).token}`, 'tildel-purpose': purpose } });
}

/** The shapes of a state's KPR fields, so the projection test can show it met each. */
function shapesOf(s: CaseState): ('cases' | 'decided' | 'frames' | 'waiting' | 'refused' | 'ended' | 'fractional')[] {
  const d = s.decision;
  const shapes = [['cases', true], ['decided', d !== null], ['frames', d?.frame], ['waiting', d?.onWaitingList], ['refused', d?.outcome === 'refused'], ['ended', s.serviceEndedOn], ['fractional', d?.hoursPerWeek && !Number.isInteger(d.hoursPerWeek)]] as const;
  return shapes.filter(([, on]) => Boolean(on)).map(([shape]) => shape);
}

describe('the KPR extract', () => {
  it('reads each case’s KPR fields out of its state in SQL exactly as the domain takes them from the whole state, in every municipality', async () => {
    // A place granted and waiting on the list (hol § 3-2 a), which the demo at this scale has none of.
    const solstad = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    const person = (await solstad.command('/api/v1/persons', { nationalId: nationalId('1931-07-07'), givenName: 'Vera', familyName: 'Venter' })).body;
    let c = (await solstad.command('/api/v1/cases', { personId: person.id, serviceCode: 'long_term_stay', channel: 'relative', receivedOn: today, description: 'Søknad om sykehjemsplass' })).body;
    c = await act(c, 'assessment_started', {}, solstad);
    await completeAssessment(solstad, person.id, { caseId: c.id, scores: { memory: 4, everyday_decisions: 4, personal_hygiene: 4, toilet: 4 } });
    const waitingList = { placeType: 'long_term_stay', assessedNeed: 'Heldøgns omsorg', recommendedLevel: 'Skjermet enhet', severity: 3, benefit: 3, resourceUse: 2 };
    c = await act(c, 'decision_made', { ...lawfulDecision('long_term_stay', { summary: 'Vurdert etter forskrift om langtidsopphold' }), waitingList }, solstad);
    expect(c.decision).toMatchObject({ onWaitingList: true });

    const { rows: tenants } = await db.owner.query<{ id: string }>('SELECT id FROM municipality ORDER BY id');
    const seen = { cases: 0, decided: 0, frames: 0, waiting: 0, refused: 0, ended: 0, fractional: 0, assessments: 0 };
    for (const { id } of tenants) {
      await inTenant(db.app, { municipalityId: id, staffId: null }, async (tx) => {
        const projected = (await kprCaseRows(tx)).map((r) => ({ ...kprCaseOf(r), personId: r.person_id })).sort(byCaseNumber);
        const { rows } = await tx.query<{ id: string; case_number: string; person_id: string; state: CaseState }>(
          'SELECT id, case_number, person_id, state FROM case_file WHERE municipality_id = current_municipality() ORDER BY case_number',
        );
        expect(projected).toEqual(rows.map((r) => ({ caseId: r.id, caseNumber: r.case_number, personId: r.person_id, state: kprCaseState(r.state) })));
        for (const { state } of rows) for (const shape of shapesOf(state)) seen[shape] += 1;
        // The assessments, their time of recording written in SQL, as the driver's Date writes it.
        const read = (await kprAssessmentRows(tx)).sort((a, b) => byCodeUnits(a.id, b.id));
        const { rows: plain } = await tx.query<{ id: string; person_id: string; status: string; assessed_on: string; scores: Record<string, number>; created_at: Date }>(
          "SELECT id, person_id, status, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, scores, created_at FROM assessment WHERE municipality_id = current_municipality()",
        );
        expect(read).toEqual(plain.sort((a, b) => byCodeUnits(a.id, b.id)).map((a) => ({ id: a.id, personId: a.person_id, status: a.status, assessedOn: a.assessed_on, scores: a.scores, createdAt: a.created_at.toISOString() })));
        seen.assessments += read.length;
      });
    }
    // The comparison covers every shape a state's KPR fields take.
    for (const [shape, n] of Object.entries(seen)) expect(n, shape).toBeGreaterThan(0);
  });

  it('writes an instant in SQL as the driver’s Date writes it: UTC, to the millisecond, microseconds cut off', async () => {
    const instants = ['2026-01-02 03:04:05.678999+00', '2026-12-31 23:59:59.999999+01', '2024-02-29 00:00:00+00', '1999-12-31 23:59:59.0005-05:30', '2026-03-29 02:30:00.1+02'];
    for (const at of instants) {
      const { rows } = await db.owner.query<{ text: string; date: Date }>(`SELECT ${isoInstant('$1::timestamptz')} AS text, $1::timestamptz AS date`, [at]);
      expect(rows[0]?.text, at).toBe(rows[0]?.date.toISOString());
    }
  });

  it('validates against the schema for every demo municipality, and reports its users', async () => {
    const { rows } = await db.owner.query<{ municipality_id: string; username: string }>(
      "SELECT DISTINCT ON (municipality_id) municipality_id, username FROM staff WHERE 'leader' = ANY(roles) AND active AND municipality_id = ANY($1) ORDER BY municipality_id, username",
      [DEMO_MUNICIPALITIES.filter((d) => d.persons > 0).map((d) => d.id)],
    );
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      const leader = await Client.login(server.url, row.municipality_id, row.username, 'demo');
      const r = await extract(leader, `year=${year}`);
      const xml = await r.text();
      expect(r.status, xml.slice(0, 300)).toBe(200);
      expect(r.headers.get('content-type')).toContain('application/xml');
      const verdict = await validateKprExtract(xml);
      expect(verdict.errors, row.municipality_id).toEqual([]);
      expect(xml.match(/<Bruker>/g)?.length ?? 0, row.municipality_id).toBeGreaterThan(0);
    }
  });

  it('reports the persons with a service and a valid identity number, leaving out the invalid one, and logs the read', async () => {
    const leader = await Client.login(server.url, m.id, 'leader', PASSWORD);
    const r = await extract(leader, `year=${year}`);
    const xml = await r.text();
    expect(r.status, xml).toBe(200);
    expect((await validateKprExtract(xml)).valid).toBe(true);
    // The decision that ran out last year gives no service this year (the report names it instead).
    expect(xml.match(/<Bruker>/g)).toHaveLength(4);
    expect(xml).not.toContain('12345678901');
    expect(xml).toContain('<Kommunenummer>4601</Kommunenummer>');
    const { rows } = await db.owner.query("SELECT person_ids FROM audit_event WHERE municipality_id = $1 AND resource = 'kpr extract'", [m.id]);
    expect(rows.at(-1)?.person_ids).toHaveLength(4);
    const continuous = await extract(leader, `from=${today}`);
    const text = await continuous.text();
    expect(continuous.status).toBe(200);
    expect(text).toContain('<Meldingstype>K</Meldingstype>');
    expect((await validateKprExtract(text)).valid).toBe(true);
  });

  it('is produced only by a leader stating the purpose administration', async () => {
    const leader = await Client.login(server.url, m.id, 'leader', PASSWORD);
    expect((await extract(leader, `year=${year}`, 'case_processing')).status).toBe(403);
    expect((await extract(office, `year=${year}`)).status).toBe(403);
  });

  it('reports the latest assessment by the day assessed, not one recorded later for an earlier day, as the reports reading it in SQL take it', async () => {
    const leader = await Client.login(server.url, m.id, 'leader', PASSWORD);
    const xml = await (await extract(leader, `year=${year}`)).text();
    const user = xml.split('<Bruker>').find((b) => b.includes(`>${nationalIds.backdated}</Fodselsnummer>`));
    expect(user, xml.slice(0, 500)).toBeDefined();
    expect(user).toContain(`<Funksjonsvurdering dato="${today}">`);
    expect(user?.match(/<Variabel /g)).toHaveLength(Object.keys(FULL_SCORES).length);
    // The readers in SQL (KOSTRA, equal treatment, the month of delivery) take the same one: its scores in full.
    const latest = await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => latestScores(tx, [persons.backdated as string]));
    expect(latest.get(persons.backdated as string)).toEqual(FULL_SCORES);
    // The time of recording is kept to the millisecond, as the domain reads it, so both order alike.
    const { rows: finer } = await db.owner.query("SELECT count(*)::int AS n FROM assessment WHERE municipality_id = $1 AND created_at <> date_trunc('milliseconds', created_at)", [m.id]);
    expect(finer[0].n).toBe(0);
    // The person view lists it last, and the form starts from it.
    const view = await office.get(`/api/v1/persons/${persons.backdated}/assessments`);
    expect(view.body.assessments.map((a: { assessedOn: string }) => a.assessedOn)).toEqual([`${year - 1}-01-08`, today]);
  });

  it('refuses an assessment dated after today, naming the field, and records nothing', async () => {
    const before = await office.get(`/api/v1/persons/${persons.complete}/assessments`);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const r = await office.command(`/api/v1/persons/${persons.complete}/assessments`, assessing(tomorrow));
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body).toMatchObject({ rule: 'in_the_future', errors: [{ field: 'assessedOn' }] });
    const after = await office.get(`/api/v1/persons/${persons.complete}/assessments`);
    expect(after.body).toEqual(before.body);
  });
});

describe('the KPR validation report', () => {
  it('names to the caseworker what to put right: missing and outdated scores, a decision that ran out, an invalid identity number', async () => {
    const r = await office.get(`/api/v1/reports/kpr/validation?year=${year}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const lines = r.body.lines.map((l: any) => `${l.kind}:${l.personName}`);
    expect(lines).toContain('iplos_missing:missing Kpr');
    expect(lines).toContain('iplos_to_be_validated:outdated Kpr');
    expect(lines).toContain('decision_expired:expired Kpr');
    expect(lines).toContain('invalid_national_id:badId Kpr');
    expect(lines.filter((l: string) => l.endsWith(':complete Kpr') || l.endsWith(':backdated Kpr'))).toEqual([]);
    expect(r.body.lines.find((l: any) => l.kind === 'decision_expired').caseId).toBe(cases.expired);
    expect(r.body.lines.find((l: any) => l.kind === 'iplos_to_be_validated').detail).toContain('more than 12 months old');
    expect(r.body.counts).toMatchObject({ iplos_missing: 1, iplos_to_be_validated: 1, decision_expired: 1, invalid_national_id: 1, service_without_decision: 0 });
    expect(r.body.notShown).toBe(0);
  });

  it('uses the same IPLOS status as the person view', async () => {
    for (const [key, status] of [['missing', 'missing'], ['outdated', 'to_be_validated'], ['complete', 'complete'], ['backdated', 'complete']] as const) {
      const r = await office.get(`/api/v1/persons/${persons[key]}/assessments`);
      expect(r.body.iplos.status, key).toBe(status);
    }
  });

  it('gives a team member without a need the counts and no one’s name, and refuses the administrator', async () => {
    const passwordHash = await hashPassword(PASSWORD);
    await inTenant(db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
      const unit = await insertUnit(tx, { name: 'Team Vest', kind: 'interdisciplinary_team', districtId: null });
      await insertStaff(tx, { username: 'elsewhere', displayName: 'Annen Testesen', profession: 'Sykepleier', roles: ['team_member'], passwordHash, unitIds: [unit] });
    });
    const own = await office.get(`/api/v1/reports/kpr/validation?year=${year}`);
    const elsewhere = await Client.login(server.url, m.id, 'elsewhere', PASSWORD);
    const r = await elsewhere.get(`/api/v1/reports/kpr/validation?year=${year}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(own.body.total);
    expect(r.body.counts).toEqual(own.body.counts);
    expect(r.body.lines).toEqual([]);
    expect(r.body.notShown).toBe(own.body.total);
    expect(JSON.stringify(r.body)).not.toContain('Kpr');
    const leader = await Client.login(server.url, m.id, 'leader', PASSWORD);
    const l = await leader.request('GET', `/api/v1/reports/kpr/validation?year=${year}`, undefined, { 'tildel-purpose': 'quality_assurance' });
    expect(l.status).toBe(200);
    expect(l.body.lines.length + l.body.notShown).toBe(l.body.total);
    const admin = await Client.login(server.url, m.id, 'admin', PASSWORD);
    expect((await admin.get(`/api/v1/reports/kpr/validation?year=${year}`)).status).toBe(403);
  });
});
