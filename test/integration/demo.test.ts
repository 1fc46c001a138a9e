/** The demo municipalities: deterministic, spread over the lifecycle, and valid by the same rules as the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNationalId } from '../../src/domain/person/nationalId.ts';
import { deriveCaseState, CASE_STATE_KEYS, stateKey } from '../../src/domain/case/index.ts';
import { caseInvariantProblems } from '../../src/domain/case/invariants.ts';
import { loadDemo, type DemoSummary } from '../../src/demo/load.ts';
import { DEMO_MUNICIPALITIES } from '../../src/demo/municipalities.ts';
import type { Database } from '../../src/store/database.ts';
import { listActions } from '../../src/store/cases.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';

const AS_OF = new Date('2026-11-01T12:00:00Z');
let first: Database;
let second: Database;
let summaries: DemoSummary[];

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  summaries = await loadDemo(first, { seed: 7, asOf: AS_OF, scale: 0.25 });
  await loadDemo(second, { seed: 7, asOf: AS_OF, scale: 0.25 });
}, 180_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
});

const fingerprint = (db: Database) =>
  db.owner.query(`SELECT p.municipality_id, p.national_id, p.given_name, p.family_name, c.case_number, c.status, c.service_code
                    FROM person p JOIN case_file c ON c.municipality_id = p.municipality_id AND c.person_id = p.id
                   ORDER BY p.municipality_id, c.case_number`);

describe('demo data', () => {
  it('creates the five municipalities of seed 000 with their models, and the Oslo fixture', async () => {
    const { rows } = await first.owner.query('SELECT id, organisational_model FROM municipality ORDER BY id');
    expect(rows).toEqual([
      { id: 'bladal', organisational_model: 'purchaser_provider' },
      { id: 'granvik', organisational_model: 'trust_model' },
      { id: 'oslo', organisational_model: 'hybrid' },
      { id: 'sjoglott', organisational_model: 'hybrid' },
      { id: 'solstad', organisational_model: 'purchaser_provider' },
      { id: 'vindnes', organisational_model: 'allocation_board' },
    ]);
    expect(summaries.map((s) => s.persons)).toEqual([...DEMO_MUNICIPALITIES.map((m) => Math.round(m.persons * 0.25)), 0]);
  });

  it('is the same data for the same seed and date', async () => {
    const [a, b] = await Promise.all([fingerprint(first), fingerprint(second)]);
    expect(a.rows.length).toBeGreaterThan(300);
    expect(b.rows).toEqual(a.rows);
  });

  it('leaves an existing municipality as it is when loaded again', async () => {
    const before = (await first.owner.query('SELECT count(*)::int AS n FROM person')).rows[0].n;
    const again = await loadDemo(first, { seed: 8, asOf: AS_OF, scale: 0.25 });
    expect(again.every((s) => s.skipped)).toBe(true);
    expect((await first.owner.query('SELECT count(*)::int AS n FROM person')).rows[0].n).toBe(before);
  });

  it('spreads cases over every lifecycle state and complaint stage', async () => {
    const { rows } = await first.owner.query('SELECT state FROM case_file');
    const keys = new Set(rows.map((r) => stateKey(r.state)));
    expect([...keys].sort()).toEqual([...CASE_STATE_KEYS].sort());
  });

  it('ends with the work the rules create, so each role’s queue shows it', async () => {
    const { rows } = await first.owner.query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM case_work_item GROUP BY kind');
    const kinds = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    for (const kind of ['request', 'assessment', 'order', 'consultation', 'delivery_complaint', 'complaint', 'reevaluation_due']) {
      expect(kinds[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    // The job runner's rules ran on the demo's delivery data and decisions, as the system staff member.
    const opened = await first.owner.query(`SELECT a.payload->>'kind' AS kind, s.username FROM case_action a JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.actor_staff_id WHERE a.type = 'follow_up_opened'`);
    expect(opened.rows.length).toBeGreaterThan(0);
    expect(new Set(opened.rows.map((r) => r.username))).toEqual(new Set(['tildel-system']));
  });

  it('gives every person a valid synthetic identity number and a plausible age', async () => {
    const { rows } = await first.owner.query(`SELECT national_id, birth_date, date_part('year', age('2026-11-01', birth_date))::int AS age FROM person`);
    for (const r of rows) {
      expect(checkNationalId(r.national_id, { allowSynthetic: true })).toEqual({ valid: true, kind: 'tnr', birthDate: r.birth_date });
    }
    const ages = rows.map((r) => r.age).sort((x, y) => x - y);
    expect(ages[0]).toBeGreaterThanOrEqual(18);
    expect(ages[Math.floor(ages.length / 2)]).toBeGreaterThanOrEqual(67);
  });

  it('keeps each projection equal to the state derived from its log, and gives every open case an owner', async () => {
    const { rows } = await first.owner.query('SELECT municipality_id, id, state, owner_staff_id, status FROM case_file ORDER BY random() LIMIT 60');
    for (const row of rows) {
      const actions = await inTenant(first.app, { municipalityId: row.municipality_id, staffId: null }, (tx) => listActions(tx, row.id));
      expect(deriveCaseState(actions)).toEqual(row.state);
      expect(caseInvariantProblems(row.state), row.id).toEqual([]);
    }
    const unowned = await first.owner.query(`SELECT count(*)::int AS n FROM case_file WHERE owner_staff_id IS NULL AND status NOT IN ('ended', 'withdrawn')`);
    expect(unowned.rows[0].n).toBe(0);
  });
});

describe('demo decisions', () => {
  it('rest on an assessment recorded on the case, or give the reason for deciding without one, for a small share', async () => {
    const { rows } = await first.owner.query(`
      SELECT a.payload->>'withoutAssessmentReason' AS reason,
             EXISTS (SELECT 1 FROM assessment s WHERE s.municipality_id = a.municipality_id AND s.case_id = a.case_id AND s.status = 'completed'
                       AND s.assessed_on <= (a.occurred_at AT TIME ZONE 'Europe/Oslo')::date) AS assessed
        FROM case_action a WHERE a.type = 'decision_made'`);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => !r.assessed && !r.reason)).toEqual([]);
    const without = rows.filter((r) => r.reason).length;
    expect(without).toBeGreaterThan(0);
    expect(without / rows.length).toBeLessThan(0.2);
  });

  it('state what their form demands: goals for psychiatric home services, tasks for norm time, no hours for a place', async () => {
    const { rows } = await first.owner.query(`SELECT payload FROM case_action WHERE type = 'decision_made' AND payload->>'outcome' <> 'refused'`);
    const decisions = rows.map((r) => r.payload);
    const psychiatric = decisions.filter((d) => d.serviceCode === 'psychiatric_home_services');
    expect(psychiatric.length).toBeGreaterThan(0);
    for (const d of psychiatric) expect(d.goals?.length || d.frame?.goals.length, JSON.stringify(d)).toBeGreaterThan(0);
    const normTime = decisions.filter((d) => d.form === 'norm_time');
    expect(normTime.length).toBeGreaterThan(0);
    for (const d of normTime) expect(d.tasks?.length, JSON.stringify(d)).toBeGreaterThan(0);
    for (const d of decisions.filter((x) => x.form === 'place')) expect(d.hoursPerWeek, JSON.stringify(d)).toBeUndefined();
    // Granvik decides home nursing in frames (trust model), within what its policy allows.
    expect(decisions.some((d) => d.form === 'frame' && d.frame.maxHoursPerWeek >= (d.hoursPerWeek ?? 0))).toBe(true);
    for (const d of decisions) expect(d.untilFurtherNotice === true || typeof d.validTo === 'string', JSON.stringify(d)).toBe(true);
  });
});

describe('a newcomer with the demo', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(first);
  });
  afterAll(async () => server?.close());

  it('logs in as a demo caseworker, lists their cases and takes one from request to decision', async () => {
    const client = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    const mine = await client.get('/api/v1/cases?owner=me&status=received');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    let c = mine.body.items[0];
    c = (await client.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    await completeAssessment(client, c.person.id, { caseId: c.id, assessedOn: '2026-11-01' });
    const r = await client.command(`/api/v1/cases/${c.id}/actions`, {
      expectedVersion: c.version,
      reason: 'Kartlagt ved hjemmebesøk',
      // A lawful decision for whichever service the request is for: its form and what the form demands.
      action: decisionAction(c.serviceCode, { outcome: 'partly_granted', validFrom: '2026-11-15', summary: 'Delvis innvilget', considerations: 'Behovet dekkes delvis av pårørende' }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'decided', decision: { outcome: 'partly_granted' } });
  });
});
