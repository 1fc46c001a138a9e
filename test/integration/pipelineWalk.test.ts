/**
 * Random walks through the one case pipeline on a real PostgreSQL, across the staff (and so the
 * roles) of all five demo municipalities and their organisational models (issue 13, item 8). At every
 * step the same action is sent by two writers: the HTTP API, and the pipeline called directly (as the
 * demo, jobs and imports do, in a transaction rolled back afterwards). After every step:
 *
 * - both writers gave the same verdict (accepted, or refused with the same problem and fields);
 * - the stored projection equals the state derived from the stored log;
 * - the case invariants hold (no accepted order without a granted decision in force, every open item
 *   has an owner, a granted decision holds what its form demands).
 *
 * At the end `reproject` changes nothing and `doctor`'s check finds nothing. A fixed seed in CI;
 * a longer run: `TILDEL_WALK_RUNS=20 TILDEL_WALK_SEED=$RANDOM npx vitest run pipelineWalk`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthorityContext } from '../../src/app/authority.ts';
import { appendToCase, openCaseLog, writerAt } from '../../src/app/casePipeline.ts';
import { AppError } from '../../src/app/errors.ts';
import { checkAllProjections, reprojectAll } from '../../src/app/reprojection.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { DEMO_PASSWORD } from '../../src/demo/municipalities.ts';
import { actionPayloadSchemas, checkTransition, deriveCaseState, followUpActionSchema, type ActionType, type CaseState } from '../../src/domain/case/index.ts';
import { caseInvariantProblems } from '../../src/domain/case/invariants.ts';
import type { StaffRole } from '../../src/domain/organisation/vocabulary.ts';
import { SERVICE_CODES } from '../../src/domain/services/catalogue.ts';
import { norwegianDate } from '../../src/app/clock.ts';
import type { Database } from '../../src/store/database.ts';
import { caseHistory } from '../../src/store/cases.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { at, choice, payloadFor, type Choice, type WalkIds } from '../helpers/walk.ts';

const RUNS = Number(process.env.TILDEL_WALK_RUNS ?? 2);
const SEED = Number(process.env.TILDEL_WALK_SEED ?? 13);
const MUNICIPALITIES = ['bladal', 'granvik', 'sjoglott', 'solstad', 'vindnes'];
/** The actions a person sends over the API (letters and evaluations are written by their own commands). */
const POSTABLE = followUpActionSchema.options.map((o) => o.shape.type.value) as ActionType[];

interface Staffer {
  readonly id: string;
  readonly username: string;
  readonly roles: StaffRole[];
  readonly unitIds: string[];
  client: Client;
}

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 11, asOf: new Date('2026-11-01T12:00:00Z'), scale: 0.02 });
  server = await startServer(db);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function setting(municipalityId: string): Promise<{ staff: Staffer[]; ids: WalkIds; persons: { id: string; district_id: string | null }[] }> {
  return inTenant(db.app, { municipalityId, staffId: null }, async (tx) => {
    const staff = await tx.query<{ id: string; username: string; roles: StaffRole[]; unit_ids: string[] }>(
      `SELECT s.id, s.username, s.roles, coalesce(array_agg(m.unit_id) FILTER (WHERE m.unit_id IS NOT NULL), '{}') AS unit_ids
         FROM staff s LEFT JOIN unit_membership m ON m.municipality_id = s.municipality_id AND m.staff_id = s.id
        WHERE s.municipality_id = current_municipality() AND s.password_hash IS NOT NULL AND NOT ('admin' = ANY(s.roles))
        GROUP BY s.municipality_id, s.id ORDER BY s.username`,
    );
    const units = await tx.query<{ id: string; kind: string }>('SELECT id, kind FROM org_unit WHERE municipality_id = current_municipality() ORDER BY name');
    const sets = await tx.query<{ id: string }>('SELECT id FROM criteria_set WHERE municipality_id = current_municipality() LIMIT 1');
    const persons = await tx.query<{ id: string; district_id: string | null }>('SELECT id, district_id FROM person WHERE municipality_id = current_municipality() ORDER BY id LIMIT 4');
    const providers = units.rows.filter((u) => ['municipal_provider', 'private_provider', 'interdisciplinary_team'].includes(u.kind)).map((u) => u.id);
    const office = units.rows.find((u) => ['allocation_office', 'interdisciplinary_team', 'allocation_board'].includes(u.kind))?.id ?? null;
    const people = staff.rows.map((s) => ({ id: s.id, username: s.username, roles: s.roles, unitIds: s.unit_ids, client: null as unknown as Client }));
    return {
      staff: people,
      ids: { office, providers: providers as [string, ...string[]], staff: people.map((s) => s.id) as [string, ...string[]], criteriaSetId: sets.rows[0]?.id ?? '66666666-6666-4666-8666-666666666666' },
      persons: persons.rows,
    };
  });
}

type Verdict = { ok: true } | { ok: false; kind: string; fields: string[] };

class Rollback extends Error {}

/** The verdict of the pipeline called directly by `who`, in a transaction that is rolled back. */
async function directVerdict(municipalityId: string, who: Staffer, caseId: string, version: number, body: { type: ActionType; payload: unknown }): Promise<Verdict> {
  try {
    await inTenant(db.app, { municipalityId, staffId: who.id }, async (tx) => {
      const authority = await loadAuthorityContext(tx, { staffId: who.id, roles: who.roles, unitIds: who.unitIds });
      await appendToCase(tx, writerAt(authority, null, new Date()), { caseId, body: body as never, expectedVersion: version });
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback) return { ok: true };
    if (error instanceof AppError) return { ok: false, kind: error.kind, fields: (error.details.fields ?? []).map((f) => f.field).sort() };
    throw error;
  }
  throw new Error('unreachable');
}

async function storedAndDerived(municipalityId: string, caseId: string): Promise<{ stored: unknown; derived: CaseState }> {
  return inTenant(db.app, { municipalityId, staffId: null }, async (tx) => {
    const { rows } = await tx.query<{ state: unknown }>('SELECT state FROM case_file WHERE municipality_id = current_municipality() AND id = $1', [caseId]);
    return { stored: rows[0]?.state, derived: deriveCaseState(await caseHistory(tx, caseId)) };
  });
}

async function walkOne(municipalityId: string, s: Awaited<ReturnType<typeof setting>>, serviceCode: (typeof SERVICE_CODES)[number], choices: readonly Choice[]): Promise<number> {
  const person = at(s.persons, choices.length);
  const today = norwegianDate();
  const request = { personId: person.id, serviceCode, channel: 'self' as const, receivedOn: today, description: 'Tilfeldig vandring' };
  // Whoever the model lets register the request opens the case (as an office would).
  let caseId: string | null = null;
  for (const opener of s.staff) {
    caseId = await inTenant(db.app, { municipalityId, staffId: opener.id }, async (tx) => {
      const authority = await loadAuthorityContext(tx, { staffId: opener.id, roles: opener.roles, unitIds: opener.unitIds });
      return (await openCaseLog(tx, writerAt(authority, null, new Date()), { request, districtId: person.district_id })).caseId;
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.kind === 'forbidden') return null;
      throw error;
    });
    if (caseId) break;
  }
  if (!caseId) throw new Error(`nobody in ${municipalityId} may register ${serviceCode}`);
  let accepted = 0;
  for (const c of choices) {
    const { derived: state } = await storedAndDerived(municipalityId, caseId);
    const allowed = POSTABLE.filter((t) => checkTransition(state, t, null).ok);
    const type = c.offTable || !allowed.length ? at(POSTABLE, c.pick) : at(allowed, c.pick);
    const parsed = actionPayloadSchemas[type].safeParse(payloadFor(type, state, today, c, s.ids));
    if (!parsed.success) continue;
    const body = { type, payload: parsed.data };
    const who = at(s.staff, c.pick + c.variant);
    const direct = await directVerdict(municipalityId, who, caseId, state.version, body);
    const viaApi = await who.client.command(`/api/v1/cases/${caseId}/actions`, { expectedVersion: state.version, action: body });
    const apiVerdict: Verdict = viaApi.status === 200 ? { ok: true } : { ok: false, kind: String(viaApi.body.type).replace('urn:tildel:problem:', ''), fields: (viaApi.body.errors ?? []).map((e: { field: string }) => e.field).sort() };
    expect(apiVerdict, `${who.username} ${type}: ${JSON.stringify(viaApi.body)}`).toEqual(direct);
    if (apiVerdict.ok) accepted += 1;
    const after = await storedAndDerived(municipalityId, caseId);
    expect(after.stored).toEqual(JSON.parse(JSON.stringify(after.derived)));
    expect(after.derived.version).toBe(state.version + (apiVerdict.ok ? 1 : 0));
    expect(caseInvariantProblems(after.derived)).toEqual([]);
  }
  return accepted;
}

describe('random walks through the one pipeline, across the five models and their roles', () => {
  for (const municipalityId of MUNICIPALITIES) {
    it(`keeps both writers' verdicts equal and every invariant in ${municipalityId}`, async () => {
      const s = await setting(municipalityId);
      for (const who of s.staff) who.client = await Client.login(server.url, municipalityId, who.username, DEMO_PASSWORD);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('home_nursing' as const, 'practical_help' as const, 'long_term_stay' as const, 'psychiatric_home_services' as const), fc.array(choice, { minLength: 8, maxLength: 18 }), async (service, choices) => {
          accepted += await walkOne(municipalityId, s, service, choices);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      expect(accepted).toBeGreaterThan(0);
    }, 120_000);
  }

  it('leaves projections that reproject does not change and doctor finds equal to the logs', async () => {
    const summary = await reprojectAll(db);
    expect(summary.cases).toBeGreaterThan(0);
    expect({ rows: summary.caseRowsChanged, items: summary.workItemsChanged, deadlines: summary.deadlinesChanged, lists: summary.waitingListsChanged }).toEqual({ rows: 0, items: 0, deadlines: 0, lists: 0 });
    expect((await checkAllProjections(db)).problems).toEqual([]);
  }, 120_000);
});
