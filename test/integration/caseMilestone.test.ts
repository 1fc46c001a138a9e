/**
 * Each case's first assessment, first decision and start kept from the actions (migration 0036), on a
 * real PostgreSQL:
 * - on a set the scale loader wrote through the domain rules, the kept table equals an independent
 *   reading of every action, and `tildel doctor`'s comparison finds nothing;
 * - over random walks of actions appended in statements of one to four rows, as every writer does,
 *   each case's row equals a model of the walk: the earliest moment of each kind, whatever order the
 *   actions arrive in, and no row for a case without any of the three kinds;
 * - `tildel reproject` finds a row changed behind the trigger's back and rebuilds it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reprojectAll } from '../../src/app/reprojection.ts';
import { loadScale } from '../../src/demo/scale/load.ts';
import { osloScale } from '../../src/demo/scale/municipalities.ts';
import { caseMilestoneDifferences } from '../../src/store/caseMilestone.ts';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;
const M = 'milepael-skala';

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScale(db, [{ ...osloScale(60), id: M, name: 'Milepæl skala' }], { seed: 11, asOf: new Date('2026-11-01T12:00:00Z'), months: 3, batch: 60 });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

interface Milestone {
  first_assessment_at: string | null;
  first_decision_at: string | null;
  started_on: string | null;
}

interface ActionRow {
  case_id: string;
  type: string;
  occurred_at: string;
  payload: Record<string, unknown>;
}

/** The milestones of each case read from its actions in JavaScript, independently of the SQL. */
function fromActions(actions: readonly ActionRow[]): Map<string, Milestone> {
  const out = new Map<string, Milestone>();
  const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
  for (const a of actions) {
    if (a.type !== 'assessment_started' && a.type !== 'decision_made' && a.type !== 'service_started') continue;
    const m = out.get(a.case_id) ?? { first_assessment_at: null, first_decision_at: null, started_on: null };
    if (a.type === 'service_started') {
      const startedOn = a.payload.startedOn;
      m.started_on = earliest(m.started_on, typeof startedOn === 'string' ? startedOn : startedOn === undefined || startedOn === null ? null : JSON.stringify(startedOn));
    } else if (a.type === 'assessment_started') {
      m.first_assessment_at = earliest(m.first_assessment_at, a.occurred_at);
    } else {
      m.first_decision_at = earliest(m.first_decision_at, a.occurred_at);
    }
    out.set(a.case_id, m);
  }
  return out;
}

const MILESTONE = `case_id, to_char(first_assessment_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS first_assessment_at,
  to_char(first_decision_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS first_decision_at, started_on`;
const ACTION = `case_id, type, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS occurred_at, payload`;

describe("each case's first assessment, decision and start, kept from the actions", () => {
  it('are what the actions say, for every case the loader wrote through the domain rules', async () => {
    const { rows: actions } = await db.owner.query<ActionRow>(`SELECT ${ACTION} FROM case_action WHERE municipality_id = $1`, [M]);
    const { rows: kept } = await db.owner.query<Milestone & { case_id: string }>(`SELECT ${MILESTONE} FROM case_milestone WHERE municipality_id = $1`, [M]);
    const expected = fromActions(actions);
    expect(expected.size).toBeGreaterThan(20);
    expect([...expected.values()].some((m) => m.started_on !== null)).toBe(true);
    expect(new Map(kept.map(({ case_id, ...m }) => [case_id, m]))).toEqual(expected);
    expect(await inTenant(db.app, { municipalityId: M, staffId: null }, (tx) => caseMilestoneDifferences(tx))).toBe(0);
  });

  it('follow any walk of appended actions, in statements of one to four, in any order of their moments', async () => {
    const { rows: cases } = await db.owner.query<{ id: string }>(`SELECT id FROM case_file WHERE municipality_id = $1 ORDER BY case_number LIMIT 3`, [M]);
    const caseIds = cases.map((c) => c.id);
    const action = fc.record({
      caseIndex: fc.nat({ max: caseIds.length - 1 }),
      type: fc.constantFrom('assessment_started', 'decision_made', 'service_started', 'note_added', 'request_received'),
      // moments from 2020 to 2030, so some come before the loaded cases' own and some after
      occurredAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }),
      startedOn: fc.option(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined }),
    });
    const walk = fc.array(fc.array(action, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(walk, async (statements) => {
        const client = await db.owner.connect();
        try {
          await client.query('BEGIN');
          for (const statement of statements) {
            // One INSERT per statement: copies of the case's first action, appended as its next ones, with the type, moment and start changed.
            const values = statement.map((a, n) => ({ case_id: caseIds[a.caseIndex], type: a.type, occurred_at: a.occurredAt.toISOString(), payload: a.startedOn === undefined ? {} : { startedOn: a.startedOn }, n }));
            await client.query(
              `INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, reason, occurred_at)
               SELECT f.municipality_id, f.case_id,
                      (SELECT max(m.seq) FROM case_action m WHERE m.municipality_id = f.municipality_id AND m.case_id = f.case_id)
                        + row_number() OVER (PARTITION BY v.case_id ORDER BY v.n),
                      v.type, f.payload || v.payload, f.actor_staff_id, f.authority, f.reason, v.occurred_at
                 FROM jsonb_to_recordset($2::jsonb) AS v(case_id uuid, type text, occurred_at timestamptz, payload jsonb, n int)
                 JOIN LATERAL (SELECT * FROM case_action a WHERE a.municipality_id = $1 AND a.case_id = v.case_id ORDER BY a.seq LIMIT 1) f ON true`,
              [M, JSON.stringify(values)],
            );
          }
          const { rows: actions } = await client.query<ActionRow>(`SELECT ${ACTION} FROM case_action WHERE municipality_id = $1 AND case_id = ANY($2::uuid[])`, [M, caseIds]);
          const { rows: kept } = await client.query<Milestone & { case_id: string }>(`SELECT ${MILESTONE} FROM case_milestone WHERE municipality_id = $1 AND case_id = ANY($2::uuid[])`, [M, caseIds]);
          expect(new Map(kept.map(({ case_id, ...m }) => [case_id, m]))).toEqual(fromActions(actions));
        } finally {
          await client.query('ROLLBACK');
          client.release();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('are found different and rebuilt by reproject when changed behind the trigger', async () => {
    const scope = { municipalityId: M, staffId: null };
    const { rows } = await db.owner.query<{ case_id: string }>(`SELECT case_id FROM case_milestone WHERE municipality_id = $1 AND first_decision_at IS NOT NULL ORDER BY case_id LIMIT 1`, [M]);
    const caseId = rows[0]!.case_id;
    const before = await db.owner.query(`SELECT ${MILESTONE} FROM case_milestone WHERE municipality_id = $1 AND case_id = $2`, [M, caseId]);
    await db.owner.query(`UPDATE case_milestone SET first_decision_at = first_decision_at + interval '1 day' WHERE municipality_id = $1 AND case_id = $2`, [M, caseId]);
    // the changed row on one side, the actions' row on the other
    expect(await inTenant(db.app, scope, (tx) => caseMilestoneDifferences(tx))).toBe(2);
    const summary = await reprojectAll(db);
    expect(summary.caseMilestonesRebuilt).toBe(1);
    expect(await inTenant(db.app, scope, (tx) => caseMilestoneDifferences(tx))).toBe(0);
    const after = await db.owner.query(`SELECT ${MILESTONE} FROM case_milestone WHERE municipality_id = $1 AND case_id = $2`, [M, caseId]);
    expect(after.rows).toEqual(before.rows);
  });
});
