/**
 * The authorisation matrix (issue 15, item 6): every operation of the OpenAPI document that reads or
 * writes a case or a person × every staff member of every demo model × a case of their own (with a
 * need), a case of another unit (without one) and a case of another municipality. What each should
 * get follows from the policy and the access rule (the gate the server builds for them); the matrix
 * checks that every operation asks it and obeys it:
 *
 * - single reads answer 2xx exactly when the staff member's level suffices, 403 otherwise, and a
 *   case of another municipality is not found;
 * - writes to a case or person without a need are refused, and never reach another municipality;
 * - every list and report shows only cases and persons the staff member has a need for (a leader
 *   reads persons only for a stated purpose), and nothing of another municipality;
 * - a protected address is shown only to those handling one of the person's open cases, on every
 *   read that shows a person.
 *
 * The operations are taken from the served OpenAPI document, and the test fails when an operation
 * that takes a case or person id is not classified here, so a new endpoint cannot skip the matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthorityContext } from '../../src/app/authority.ts';
import { loadGate, type Gate } from '../../src/app/gate.ts';
import { caseAccess, personAccess, type AccessLevel } from '../../src/domain/organisation/access.ts';
import type { CaseState } from '../../src/domain/case/state.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { DEMO_MUNICIPALITIES } from '../../src/demo/municipalities.ts';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;
let server: TestServer;
let paths: Record<string, Record<string, unknown>>;

const MODELS = DEMO_MUNICIPALITIES.filter((m) => m.persons > 0).map((m) => m.id);
/** The address of the persons given a protected address below: it may appear only where the rule allows. */
const PROTECTED_LINE = 'Sperreveien 13';
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 41, asOf: new Date(), scale: 0.03 });
  // In every municipality two persons with cases get a protected address (strengt fortrolig).
  await db.owner.query(
    `UPDATE person p SET protected_address = true, address_line = $1
      WHERE p.id IN (SELECT person_id FROM (SELECT DISTINCT ON (municipality_id, person_id) municipality_id, person_id, row_number() OVER (PARTITION BY municipality_id ORDER BY person_id) AS n
                                              FROM case_file ORDER BY municipality_id, person_id) x WHERE n <= 2)`,
    [PROTECTED_LINE],
  );
  server = await startServer(db);
  paths = ((await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: typeof paths }).paths;
}, 240_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

type Need = 'full' | 'order' | 'audit';

/** Reads of one case or person, and the level each needs (audit: the access log, for those who audit, by role). */
const SINGLE_READS: Record<string, Need> = {
  '/api/v1/cases/{id}': 'order',
  '/api/v1/cases/{id}/actions': 'full',
  '/api/v1/cases/{id}/decision-reasons': 'full',
  '/api/v1/cases/{id}/orders': 'order',
  '/api/v1/cases/{id}/revision-gate': 'order',
  '/api/v1/persons/{id}': 'order',
  '/api/v1/persons/{id}/assessments': 'order',
  '/api/v1/persons/{id}/access-log': 'audit',
  '/api/v1/cases/{id}/payment': 'full',
  '/api/v1/cases/{id}/comparable-grants': 'full',
  '/api/v1/persons/{id}/income': 'full',
  '/api/v1/cases/{id}/messages': 'full',
  '/api/v1/fhir/Patient/{id}': 'order',
  '/api/v1/fhir/Patient/{id}/$everything': 'order',
};

/** Writes to one case or person, with a body that passes validation (so the answer is about access). */
const SINGLE_WRITES: Record<string, (version: number) => unknown> = {
  '/api/v1/cases/{id}/actions': (version) => ({ expectedVersion: version, action: { type: 'note_added', payload: { text: 'Matrisen var her' } } }),
  '/api/v1/cases/{id}/letters': () => ({ kind: 'decision' }),
  '/api/v1/cases/{id}/letters/preview': () => ({ kind: 'decision' }),
  '/api/v1/cases/{id}/evaluation': () => ({}),
  '/api/v1/persons/{id}/contacts': () => ({ name: 'Matrise Pårørende', relation: 'relative' }),
  '/api/v1/persons/{id}/gp': () => ({ name: 'Matrise Fastlege', herId: '123456' }),
  '/api/v1/persons/{id}/assessments': () => ({ complete: false, assessedOn: today, scores: {}, participants: [{ name: 'Matrise', profession: 'Tester' }] }),
  '/api/v1/persons/{id}/income': () => ({ householdIncome: 300_000, incomeYear: 2025, source: 'self_declared', sourceDate: today }),
};

/** Operations on a case or person id that the matrix leaves to their own tests, and why. */
const ELSEWHERE: Record<string, string> = {
  'post /api/v1/cases/{id}/emergency-access': 'opens a case to one without a need by design (test/integration/access.test.ts)',
  'get /api/v1/letters/{id}': 'a letter id, not a case id: checked below with the letters of the cases',
  'post /api/v1/emergency-accesses/{id}/review': 'a review of an access, for leaders (access.test.ts)',
  'post /api/v1/board-meetings/{id}/agenda': 'board meetings, by role (models.test.ts)',
  'post /api/v1/board-meetings/{id}/minutes': 'board meetings, by role (models.test.ts)',
  'post /api/v1/criteria-sets/{id}/approve': 'a criteria set, not personal data',
  'post /api/v1/staff/{id}/absences': 'a staff member, not a person served',
  'post /api/v1/organisation/units/{id}/end': 'the organisation, not personal data; administrators only (organisation.test.ts)',
  'post /api/v1/organisation/staff/{id}/changes': 'a staff member, not a person served; administrators only (organisation.test.ts)',
  'get /api/v1/organisation/staff/{id}/positions': 'a staff member’s positions, not a person served; administrators only (seedTables5.test.ts)',
  'post /api/v1/organisation/staff/{id}/positions': 'a staff member’s positions, not a person served; administrators only (seedTables5.test.ts)',
  'post /api/v1/organisation/staff/{id}/positions/{positionId}/end': 'a staff member’s positions, not a person served; administrators only (seedTables5.test.ts)',
  'post /api/v1/organisation/areas/{id}/end': 'the organisation, not personal data; administrators only (organisation.test.ts)',
  'post /api/v1/routing-rules/{id}/end': 'the organisation, not personal data; administrators only (organisation.test.ts)',
};

/** Lists and reports whose persons the matrix does not hold to need, and why. */
const LIST_EXCEPTIONS: Record<string, string> = {
  '/api/v1/reports/access-review': 'the leader’s review of emergency access and unusual reading: an audit of staff, by role',
  '/openapi.json': 'the document itself',
};

interface Staff {
  id: string;
  username: string;
  roles: string[];
}

interface CaseRow {
  id: string;
  person_id: string;
  state: CaseState;
  case_number: string;
}

async function staffOf(municipality: string): Promise<Staff[]> {
  const { rows } = await db.owner.query<Staff>("SELECT id, username, roles FROM staff WHERE municipality_id = $1 AND NOT ('system' = ANY (roles)) AND active ORDER BY username", [municipality]);
  return rows;
}

/** The municipality's cases, those of persons with a protected address first (so they are among the targets). */
async function casesOf(municipality: string): Promise<CaseRow[]> {
  const { rows } = await db.owner.query<CaseRow>(
    `SELECT c.id, c.person_id, c.state, c.case_number FROM case_file c JOIN person p ON p.id = c.person_id
      WHERE c.municipality_id = $1 ORDER BY p.protected_address DESC, c.case_number`,
    [municipality],
  );
  return rows;
}

/** The gate the server builds for the staff member (roles, units, policy, agenda), for the default purpose. */
async function gateFor(municipality: string, s: Staff, purpose = 'case_processing'): Promise<Gate> {
  return inTenant(db.app, { municipalityId: municipality, staffId: s.id }, async (tx) => {
    const { rows } = await tx.query<{ unit_id: string }>('SELECT unit_id FROM unit_membership WHERE municipality_id = current_municipality() AND staff_id = $1', [s.id]);
    const authority = await loadAuthorityContext(tx, { staffId: s.id, roles: s.roles as never, unitIds: rows.map((r) => r.unit_id) });
    return loadGate(tx, authority, purpose, new Date(), today);
  });
}

/** Whether the path's {id} is a person's (the person routes, and the FHIR Patient, whose id is the person's). */
const isPersonPath = (path: string): boolean => path.startsWith('/api/v1/persons') || path.startsWith('/api/v1/fhir/Patient');

const personalRoles = ['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff', 'leader'];

function concrete(path: string, id: string): string {
  return path.replace('{id}', id).replace('/api/v1', '/api/v1');
}

function expectedRead(need: Need, level: AccessLevel, s: Staff): 'ok' | 'refused' {
  if (need === 'audit') return s.roles.some((r) => ['leader', 'admin', 'team_leader'].includes(r)) ? 'ok' : 'refused';
  if (!s.roles.some((r) => personalRoles.includes(r))) return 'refused';
  return level === 'full' || (need === 'order' && level === 'order') ? 'ok' : 'refused';
}

/** The case or person id a member names (caseId, personId, or a person object's id), or null. */
function idOf(key: string, v: unknown): { kind: 'cases' | 'persons'; id: string } | null {
  if (key === 'caseId' && typeof v === 'string') return { kind: 'cases', id: v };
  if (key === 'personId' && typeof v === 'string') return { kind: 'persons', id: v };
  if (key === 'person' && v && typeof v === 'object' && 'id' in v) return { kind: 'persons', id: String((v as { id: string }).id) };
  return null;
}

/** Every caseId and personId anywhere in a response. */
function idsIn(value: unknown, into: { cases: Set<string>; persons: Set<string> }): void {
  if (!value || typeof value !== 'object') return;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v) => ['', v]) : Object.entries(value);
  for (const [k, v] of entries) {
    const found = idOf(k, v);
    if (found) into[found.kind].add(found.id);
    idsIn(v, into);
  }
}

describe('the operations', () => {
  it('are all classified: every operation on a case or person id is in the matrix or named with its own test', () => {
    const unclassified: string[] = [];
    for (const [path, ops] of Object.entries(paths)) {
      if (!path.includes('{id}')) continue;
      for (const method of Object.keys(ops)) {
        const key = `${method} ${path}`;
        const covered = (method === 'get' && (path in SINGLE_READS)) || (method === 'post' && path in SINGLE_WRITES) || key in ELSEWHERE;
        if (!covered) unclassified.push(key);
      }
    }
    expect(unclassified).toEqual([]);
  });
});

interface Subject {
  readonly s: Staff;
  readonly client: Client;
  readonly gate: Gate;
  readonly cases: readonly CaseRow[];
}

async function personLevelOf(subject: Subject, personId: string): Promise<AccessLevel> {
  const theirs = subject.cases.filter((c) => c.person_id === personId).map((c) => ({ id: c.id, facts: c.state }));
  return personAccess(subject.gate.actor, { districtId: (await districtOf(personId)) ?? null }, theirs);
}

/** What is wrong with a read's answer, or null: 2xx (a case without a decision has no reasons: 409) when allowed, 403 when not. */
function readProblem(want: 'ok' | 'refused', r: { status: number; body: { detail?: string } | null }, path: string): string | null {
  const ok = r.status < 300 || (r.status === 409 && path.endsWith('decision-reasons'));
  if (want === 'ok' && !ok) return `${r.status} ${r.body?.detail ?? ''}`;
  if (want === 'refused' && r.status !== 403) return `${r.status}, expected 403`;
  return null;
}

/** Reads of the target case and its person: 2xx exactly when the level suffices; no protected address where the rule does not allow it. */
async function checkReads(subject: Subject, target: CaseRow, problems: string[]): Promise<void> {
  const { s, client, gate } = subject;
  const caseLevel = caseAccess(gate.actor, target.id, target.state);
  const personLevel = await personLevelOf(subject, target.person_id);
  const handles = await handlesOpenCase(s, target.person_id);
  for (const [path, need] of Object.entries(SINGLE_READS)) {
    const isPerson = isPersonPath(path);
    const level = isPerson ? personLevel : caseLevel;
    const r = await client.get(concrete(path, isPerson ? target.person_id : target.id));
    const want = expectedRead(need, level, s);
    const problem = readProblem(want, r, path);
    if (problem) problems.push(`${s.username} GET ${path} (${level}): ${problem}`);
    const leak = protectedAddressProblem(r.body, path, s, handles);
    if (leak) problems.push(leak);
  }
}

/** Writes to a case (and its person) the staff member has no need for: refused, every one. */
async function checkWritesWithoutNeed(subject: Subject, target: CaseRow, problems: string[]): Promise<void> {
  const personLevel = await personLevelOf(subject, target.person_id);
  for (const [path, body] of Object.entries(SINGLE_WRITES)) {
    const isPerson = isPersonPath(path);
    if (isPerson && personLevel !== 'none') continue;
    const r = await subject.client.command(concrete(path, isPerson ? target.person_id : target.id), body(target.state.version));
    if (r.status !== 403) problems.push(`${subject.s.username} POST ${path} without need: ${r.status}, expected 403`);
  }
}

/** A case of another municipality is neither read nor written. */
async function checkForeign(subject: Subject, foreign: CaseRow, problems: string[]): Promise<void> {
  const id = (path: string) => concrete(path, isPersonPath(path) ? foreign.person_id : foreign.id);
  for (const path of Object.keys(SINGLE_READS)) {
    const r = await subject.client.get(id(path));
    if (r.status < 300 || r.status >= 500) problems.push(`${subject.s.username} GET ${path} of another municipality: ${r.status}`);
  }
  for (const [path, body] of Object.entries(SINGLE_WRITES)) {
    const r = await subject.client.command(id(path), body(foreign.state.version));
    if (r.status < 300 || r.status >= 500) problems.push(`${subject.s.username} POST ${path} of another municipality: ${r.status}`);
  }
}

/** The cases and persons one list shows that the staff member has no need for (or that are not of the municipality). */
async function listProblems(subject: Subject, path: string, body: unknown, purpose: string): Promise<string[]> {
  const found = { cases: new Set<string>(), persons: new Set<string>() };
  idsIn(body, found);
  if (path === '/api/v1/cases') for (const c of (body as { items: { id: string }[] }).items) found.cases.add(c.id);
  const byId = new Map(subject.cases.map((c) => [c.id, c]));
  const out: string[] = [];
  for (const id of found.cases) {
    const c = byId.get(id);
    if (!c) out.push(`${subject.s.username} GET ${path}: case ${id} of another municipality`);
    else if (caseAccess(subject.gate.actor, id, c.state) === 'none') out.push(`${subject.s.username} (${purpose}) GET ${path}: case ${c.case_number} without need`);
  }
  for (const id of found.persons) {
    if ((await personLevelOf(subject, id)) === 'none') out.push(`${subject.s.username} (${purpose}) GET ${path}: person ${id} without need`);
  }
  return out;
}

describe.each(MODELS)('%s', (municipality) => {
  it('answers every single read and write by need, and a case of another municipality is not found', async () => {
    const cases = await casesOf(municipality);
    const foreign = (await casesOf(MODELS.find((m) => m !== municipality) as string))[0] as CaseRow;
    const problems: string[] = [];
    for (const s of await staffOf(municipality)) {
      const subject: Subject = { s, client: await Client.login(server.url, municipality, s.username, 'demo'), gate: await gateFor(municipality, s), cases };
      const level = (c: CaseRow) => caseAccess(subject.gate.actor, c.id, c.state);
      const own = cases.find((c) => level(c) === 'full') ?? cases.find((c) => level(c) === 'order');
      const other = cases.find((c) => level(c) === 'none');
      if (own) await checkReads(subject, own, problems);
      if (other) {
        await checkReads(subject, other, problems);
        await checkWritesWithoutNeed(subject, other, problems);
      }
      await checkForeign(subject, foreign, problems);
    }
    expect(problems).toEqual([]);
  });

  it('shows in every list and report only cases and persons within need, and nothing of another municipality', async () => {
    const cases = await casesOf(municipality);
    const problems: string[] = [];
    const lists = Object.entries(paths)
      .filter(([path, ops]) => 'get' in ops && !path.includes('{') && path.startsWith('/api/v1') && !(path in LIST_EXCEPTIONS) && !path.startsWith('/api/v1/citizen'))
      .map(([path]) => path);
    let answered = 0;
    for (const s of await staffOf(municipality)) {
      const client = await Client.login(server.url, municipality, s.username, 'demo');
      for (const purpose of s.roles.includes('leader') ? ['case_processing', 'quality_assurance'] : ['case_processing']) {
        const subject: Subject = { s, client, gate: await gateFor(municipality, s, purpose), cases };
        for (const path of lists) {
          const r = await client.request('GET', `${path}?month=${today.slice(0, 7)}`, undefined, { 'tildel-purpose': purpose });
          if (r.status >= 500) problems.push(`${s.username} GET ${path}: ${r.status}`);
          if (r.status >= 300) continue;
          answered += 1;
          problems.push(...[protectedAddressProblem(r.body, path, s, false)].filter((p): p is string => p !== null), ...(await listProblems(subject, path, r.body, purpose)));
        }
      }
    }
    expect(problems).toEqual([]);
    expect(answered).toBeGreaterThan(lists.length);
  });
});

/**
 * Whether the response may show the protected address it holds: only the person's own record, to
 * someone handling one of the person's open cases (owner, owner unit or delivering unit).
 */
function protectedAddressProblem(body: unknown, path: string, s: Staff, handles: boolean): string | null {
  if (!JSON.stringify(body ?? null).includes(PROTECTED_LINE)) return null;
  if (path === '/api/v1/persons/{id}' && handles) return null;
  return `${s.username} GET ${path}: shows a protected address`;
}

async function handlesOpenCase(s: Staff, personId: string): Promise<boolean> {
  const { rows } = await db.owner.query(
    `SELECT 1 FROM case_file c WHERE c.person_id = $1 AND c.status NOT IN ('ended', 'withdrawn', 'answered_low_threshold')
        AND (c.owner_staff_id = $2 OR c.owner_unit_id IN (SELECT unit_id FROM unit_membership WHERE staff_id = $2)
             OR c.provider_unit_id IN (SELECT unit_id FROM unit_membership WHERE staff_id = $2))`,
    [personId, s.id],
  );
  return rows.length > 0;
}

async function districtOf(personId: string): Promise<string | null | undefined> {
  const { rows } = await db.owner.query<{ district_id: string | null }>('SELECT district_id FROM person WHERE id = $1', [personId]);
  return rows[0]?.district_id;
}
