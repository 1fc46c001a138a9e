/**
 * Generated columns the reports read instead of the jsonb they come from (issue 18):
 * - a case's delivery fields (migration 0034): the few fields of a case's state the month of delivery
 *   reads (store/deliveryMonth.ts), and the current decision's fields equal treatment and KOSTRA read
 *   (migration 0043). They must be what the JavaScript that the SQL replaced read from the state: a
 *   string, number or boolean of the right JSON type (a sequence number a whole one), else NULL; and
 *   PostgreSQL must compute them again whenever a writer changes the state;
 * - an action's package and diagnosis group (migration 0035): the decision_made payload's package and
 *   the request_received payload's diagnosis group, NULL on every other action;
 * - a decision's weekly hours (migration 0042): the decision_made payload's hoursPerWeek when it is a
 *   number, NULL on every other action;
 * - an assessment's tally of scores (migrations 0030 and 0044): how many of its scores are from 1 to 5,
 *   and their sum, as scoreTally (domain/reports/equalTreatment.ts) counts them;
 * - a case's service-responsible person and primary contact (migration 0045): what `state->>'…'`
 *   gave the steering card and the reassignments before, the id as text or NULL;
 * - an assessment's goals' follow-up dates (migration 0045): each goal's `followUpOn` that is not
 *   null, as text, in the goals' order; none when `goals` is not a list.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScale } from '../../src/demo/scale/load.ts';
import { osloScale } from '../../src/demo/scale/municipalities.ts';
import type { Database } from '../../src/store/database.ts';
import { decisionHourRises } from '../../src/store/provider.ts';
import type { Tx } from '../../src/store/tx.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { tallyColumnsOf } from '../helpers/scoreTally.ts';

let db: Database;
const M = 'felt-skala';

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScale(db, [{ ...osloScale(60), id: M, name: 'Felt skala' }], { seed: 5, asOf: new Date('2026-11-01T12:00:00Z'), months: 3, batch: 60 });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

interface FieldsRow {
  state: Record<string, unknown>;
  has_decision: boolean | null;
  decision_valid_from: string | null;
  decision_valid_to: string | null;
  decision_hours_per_week: number | null;
  service_ended_on: string | null;
  plan_hours_per_week: number | null;
  orders: unknown[] | null;
  decision_seq: number | null;
  decided_on: string | null;
  decision_service_code: string | null;
  decision_frame_max_hours: number | null;
  decision_on_waiting_list: boolean | null;
}

const FIELDS = `state, has_decision, decision_valid_from, decision_valid_to, decision_hours_per_week, service_ended_on, plan_hours_per_week, orders,
  decision_seq, decided_on, decision_service_code, decision_frame_max_hours, decision_on_waiting_list`;

const str = (x: unknown) => (typeof x === 'string' ? x : null);
const num = (x: unknown) => (typeof x === 'number' ? x : null);

/** The current decision's fields of migration 0043 as JavaScript reads them (a sequence number: a whole one that fits). */
function decisionFields(d: Record<string, unknown> | null) {
  const seq = d?.seq;
  return {
    decision_seq: typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 && seq < 1e9 ? seq : null,
    decided_on: str(d?.decidedOn),
    decision_service_code: str(d?.serviceCode),
    decision_frame_max_hours: num((d?.frame as Record<string, unknown> | null | undefined)?.maxHoursPerWeek),
    decision_on_waiting_list: typeof d?.onWaitingList === 'boolean' ? d.onWaitingList : null,
  };
}

/** The fields as the JavaScript read them from the state, independently of the SQL. */
function fromState(state: Record<string, unknown>) {
  const decision = state.decision;
  const d = typeof decision === 'object' && decision !== null && !Array.isArray(decision) ? (decision as Record<string, unknown>) : null;
  return {
    has_decision: decision === undefined ? null : d !== null,
    decision_valid_from: d?.validFrom === undefined || d.validFrom === null ? null : typeof d.validFrom === 'string' ? d.validFrom : JSON.stringify(d.validFrom),
    decision_valid_to: str(d?.validTo),
    decision_hours_per_week: num(d?.hoursPerWeek),
    service_ended_on: str(state.serviceEndedOn),
    plan_hours_per_week: num(state.planHoursPerWeek),
    orders: Array.isArray(state.orders) ? state.orders : null,
    ...decisionFields(d),
  };
}

const fieldsOf = ({ state: _, ...r }: FieldsRow) => r;

describe("a case's delivery fields", () => {
  it('are what the state says, for every case the loader wrote through the domain rules', async () => {
    const { rows } = await db.owner.query<FieldsRow>(`SELECT ${FIELDS} FROM case_file WHERE municipality_id = $1`, [M]);
    expect(rows.length).toBeGreaterThan(60);
    // Granted cases have a decision with hours and orders: the columns carry values, not only NULLs.
    expect(rows.some((r) => r.has_decision && r.decision_valid_from !== null && r.decision_hours_per_week !== null)).toBe(true);
    expect(rows.some((r) => (r.orders?.length ?? 0) > 0)).toBe(true);
    expect(rows.some((r) => r.decision_seq !== null && r.decided_on !== null && r.decision_service_code !== null && r.decision_on_waiting_list === false)).toBe(true);
    for (const r of rows) expect(fieldsOf(r)).toEqual(fromState(r.state));
  });

  it('follow a change of the state, and read a value of the wrong JSON type as NULL', async () => {
    const client = await db.owner.connect();
    try {
      await client.query('BEGIN');
      const { rows: [c] } = await client.query<{ id: string }>(`SELECT id FROM case_file WHERE municipality_id = $1 AND has_decision ORDER BY case_number LIMIT 1`, [M]);
      const odd = {
        decision: { validFrom: '2026-01-01', validTo: 20260301, hoursPerWeek: '7', seq: 2.5, decidedOn: 20260101, serviceCode: 'bpa', frame: { maxHoursPerWeek: 12 }, onWaitingList: 'yes' },
        serviceEndedOn: false,
        planHoursPerWeek: 4.5,
        orders: { not: 'a list' },
      };
      const { rows: [after] } = await client.query<FieldsRow>(
        `UPDATE case_file SET state = state || $3::jsonb WHERE municipality_id = $1 AND id = $2 RETURNING ${FIELDS}`,
        [M, c?.id, JSON.stringify(odd)],
      );
      expect(after && fieldsOf(after)).toEqual({
        has_decision: true,
        decision_valid_from: '2026-01-01',
        decision_valid_to: null,
        decision_hours_per_week: null,
        service_ended_on: null,
        plan_hours_per_week: 4.5,
        orders: null,
        decision_seq: null,
        decided_on: null,
        decision_service_code: 'bpa',
        decision_frame_max_hours: 12,
        decision_on_waiting_list: null,
      });
      expect(after && fieldsOf(after)).toEqual(fromState(after?.state ?? {}));
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe("an action's package, diagnosis group and decided hours", () => {
  interface ActionRow {
    type: string;
    payload: Record<string, unknown>;
    package: unknown;
    diagnosis_group: string | null;
    hours_per_week: string | null;
  }
  const fromPayload = (r: ActionRow) => ({
    package: r.type === 'decision_made' ? (r.payload.package ?? null) : null,
    diagnosis_group: r.type === 'request_received' && r.payload.diagnosisGroup !== undefined && r.payload.diagnosisGroup !== null ? String(r.payload.diagnosisGroup) : null,
    hours_per_week: r.type === 'decision_made' && typeof r.payload.hoursPerWeek === 'number' ? r.payload.hoursPerWeek : null,
  });
  // node-postgres gives a numeric as its text
  const generated = (r: ActionRow) => ({ package: r.package, diagnosis_group: r.diagnosis_group, hours_per_week: r.hours_per_week === null ? null : Number(r.hours_per_week) });

  it('are the payload\'s, on the actions they belong to only', async () => {
    const { rows } = await db.owner.query<ActionRow>(`SELECT type, payload, package, diagnosis_group, hours_per_week FROM case_action WHERE municipality_id = $1`, [M]);
    expect(rows.some((r) => r.type === 'decision_made' && typeof r.payload.hoursPerWeek === 'number')).toBe(true);
    expect(rows.some((r) => r.type === 'request_received')).toBe(true);
    for (const r of rows) expect(generated(r)).toEqual(fromPayload(r));
  });

  it('are computed when an action is written: a decision with a package and hours, a request with a diagnosis group', async () => {
    const client = await db.owner.connect();
    try {
      await client.query('BEGIN');
      const written: ActionRow[] = [];
      for (const [type, extra] of [
        ['decision_made', { package: [{ serviceCode: 'dagtilbud', hoursPerWeek: 6 }], hoursPerWeek: 7.5 }],
        ['decision_made', { hoursPerWeek: 'not a number' }],
        ['request_received', { diagnosisGroup: 'dementia' }],
        ['assessment_started', { package: ['not a decision'], diagnosisGroup: 'not a request', hoursPerWeek: 3 }],
      ] as const) {
        // A copy of an existing action of the type, appended as the case's next one, with the payload changed.
        const { rows } = await client.query<ActionRow>(
          `INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, reason, occurred_at)
           SELECT a.municipality_id, a.case_id, (SELECT max(m.seq) + 1 FROM case_action m WHERE m.municipality_id = a.municipality_id AND m.case_id = a.case_id),
                  a.type, a.payload || $3::jsonb, a.actor_staff_id, a.authority, a.reason, a.occurred_at
             FROM case_action a WHERE a.municipality_id = $1 AND a.type = $2 ORDER BY a.case_id, a.seq LIMIT 1
           RETURNING type, payload, package, diagnosis_group, hours_per_week`,
          [M, type, JSON.stringify(extra)],
        );
        written.push(...rows);
      }
      expect(written.map((r) => ({ type: r.type, ...generated(r) }))).toEqual([
        { type: 'decision_made', package: [{ serviceCode: 'dagtilbud', hoursPerWeek: 6 }], diagnosis_group: null, hours_per_week: 7.5 },
        { type: 'decision_made', package: null, diagnosis_group: null, hours_per_week: null },
        { type: 'request_received', package: null, diagnosis_group: 'dementia', hours_per_week: null },
        { type: 'assessment_started', package: null, diagnosis_group: null, hours_per_week: null },
      ]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe("the decisions whose hours rose (decisionHourRises, from the decided hours' index)", () => {
  /** The rises as the report found them before migration 0042: every decision with hours in its payload, by case and seq, against the one before. */
  async function risesFromPayloads(client: Tx) {
    const { rows } = await client.query<{ case_id: string; hours: number; decided_on: string }>(
      `SELECT a.case_id, (a.payload->>'hoursPerWeek')::float8 AS hours, to_char(a.occurred_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS decided_on
         FROM case_action a WHERE a.municipality_id = $1 AND a.type = 'decision_made' AND a.payload ? 'hoursPerWeek' ORDER BY a.case_id, a.seq`,
      [M],
    );
    return rows.flatMap((r, i) => {
      const prev = rows[i - 1];
      return prev && prev.case_id === r.case_id && r.hours > prev.hours ? [{ case_id: r.case_id, hours_before: prev.hours, hours: r.hours, before_on: prev.decided_on, decided_on: r.decided_on }] : [];
    });
  }

  it('are the rises the payloads give, whatever decisions, with or without hours, are appended to which cases', async () => {
    const { rows: cases } = await db.owner.query<{ case_id: string }>(`SELECT DISTINCT case_id FROM case_action WHERE municipality_id = $1 AND type = 'decision_made' ORDER BY case_id`, [M]);
    expect(cases.length).toBeGreaterThan(3);
    // The hours of the appended decision: the copied one's (no change), none, or a number of half hours.
    const hours = fc.oneof(fc.constant('same' as const), fc.constant(null), fc.integer({ min: 0, max: 336 }).map((h) => h / 2));
    const appended = fc.record({ caseIndex: fc.nat(), hours, days: fc.integer({ min: -30, max: 90 }) });
    let risesSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(appended, { maxLength: 25 }), async (appends) => {
        const client = await db.owner.connect();
        try {
          await client.query('BEGIN');
          await client.query(`SELECT set_config('app.municipality_id', $1, true)`, [M]);
          for (const a of appends) {
            const caseId = cases[a.caseIndex % cases.length]?.case_id;
            // A copy of the case's latest decision as the next action, its hours kept, changed or taken out.
            await client.query(
              `INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, reason, occurred_at)
               SELECT a.municipality_id, a.case_id, (SELECT max(m.seq) + 1 FROM case_action m WHERE m.municipality_id = a.municipality_id AND m.case_id = a.case_id),
                      a.type, CASE WHEN $5 THEN a.payload WHEN $3::float8 IS NULL THEN a.payload - 'hoursPerWeek' ELSE a.payload || jsonb_build_object('hoursPerWeek', $3::float8) END,
                      a.actor_staff_id, a.authority, a.reason, a.occurred_at + make_interval(days => $4)
                 FROM case_action a WHERE a.municipality_id = $1 AND a.case_id = $2 AND a.type = 'decision_made' ORDER BY a.seq DESC LIMIT 1`,
              [M, caseId, a.hours === 'same' ? null : a.hours, a.days, a.hours === 'same'],
            );
          }
          const found = (await decisionHourRises(client)).map((r) => ({ case_id: r.case_id, hours_before: Number(r.hours_before), hours: Number(r.hours), before_on: r.before_on, decided_on: r.decided_on }));
          expect(found).toEqual(await risesFromPayloads(client));
          risesSeen += found.length;
        } finally {
          await client.query('ROLLBACK');
          client.release();
        }
      }),
      { numRuns: 25 },
    );
    // The runs made rises to compare, not only empty answers (the loaded set may have no rises of its own).
    expect(risesSeen).toBeGreaterThan(0);
  });
});

describe("an assessment's tally of scores (migrations 0030 and 0044)", () => {
  it('is scoreTally of the scores, for every completed assessment the loader wrote', async () => {
    const { rows } = await db.owner.query<{ scores: unknown; adl_scored: number | null; adl_sum: number | null }>(
      `SELECT scores, adl_scored, adl_sum FROM assessment WHERE municipality_id = $1 AND status = 'completed'`,
      [M],
    );
    expect(rows.some((r) => (r.adl_scored ?? 0) >= 3)).toBe(true);
    for (const { scores, ...columns } of rows) expect(columns).toEqual(tallyColumnsOf(scores));
  });

  it('is scoreTally of any scores, of any JSON type (a property)', async () => {
    // Whole and half scores, so that a sum is exact in any order; values out of 1–5 and of other JSON types.
    const value = fc.oneof(fc.integer({ min: -2, max: 10 }), fc.integer({ min: 0, max: 20 }).map((n) => n / 2), fc.string({ maxLength: 2 }), fc.boolean(), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), value, { maxKeys: 14 }), async (scores) => {
        const { rows: [r] } = await db.owner.query<{ adl_scored: number | null; adl_sum: number | null }>(
          'SELECT iplos_scored_count($1::jsonb) AS adl_scored, iplos_score_sum($1::jsonb) AS adl_sum',
          [JSON.stringify(scores)],
        );
        expect(r).toEqual(tallyColumnsOf(scores));
      }),
      { numRuns: 200 },
    );
  });
});

/** What `state->>'key'` gives for a JSON value: a string as itself, null and absence as NULL, anything else as its JSON text. */
const textOf = (x: unknown) => (x === undefined || x === null ? null : typeof x === 'string' ? x : JSON.stringify(x));

describe("a case's service-responsible person and primary contact (migration 0045)", () => {
  it("are the state's, as text, and follow a change of the state", async () => {
    const client = await db.owner.connect();
    try {
      await client.query('BEGIN');
      const { rows: cases } = await client.query<{ id: string }>('SELECT id FROM case_file WHERE municipality_id = $1 ORDER BY case_number LIMIT 4', [M]);
      expect(cases).toHaveLength(4);
      const staffId = '5f0e8a3c-1d2b-4c5d-8e9f-0a1b2c3d4e5f';
      const changes = [
        { serviceResponsibleStaffId: staffId, primaryContactStaffId: staffId },
        { serviceResponsibleStaffId: staffId, primaryContactStaffId: null },
        { serviceResponsibleStaffId: 17 },
        {},
      ];
      for (const [i, change] of changes.entries()) {
        await client.query(
          `UPDATE case_file SET state = (state - 'serviceResponsibleStaffId' - 'primaryContactStaffId') || $3::jsonb WHERE municipality_id = $1 AND id = $2`,
          [M, cases[i]?.id, JSON.stringify(change)],
        );
      }
      const { rows } = await client.query<{ state: Record<string, unknown>; service_responsible_staff_id: string | null; primary_contact_staff_id: string | null }>(
        'SELECT state, service_responsible_staff_id, primary_contact_staff_id FROM case_file WHERE municipality_id = $1',
        [M],
      );
      expect(rows.filter((r) => r.service_responsible_staff_id !== null)).toHaveLength(3);
      for (const r of rows) {
        expect([r.service_responsible_staff_id, r.primary_contact_staff_id]).toEqual([textOf(r.state.serviceResponsibleStaffId), textOf(r.state.primaryContactStaffId)]);
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

/** An assessment content's goals' follow-up dates as migration 0045 keeps them (the query the steering card had before). */
function goalFollowUpsOf(content: unknown): string[] {
  const goals = (content as { goals?: unknown } | null)?.goals;
  if (!Array.isArray(goals)) return [];
  return goals.flatMap((g) => {
    const on = g !== null && typeof g === 'object' && !Array.isArray(g) ? textOf((g as Record<string, unknown>).followUpOn) : null;
    return on === null ? [] : [on];
  });
}

describe("an assessment's goals' follow-up dates (migration 0045)", () => {
  it('are the follow-up dates of its goals, for any content (a property)', async () => {
    const followUpOn = fc.oneof(fc.constant(undefined), fc.constant(null), fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.integer(), fc.boolean());
    const goal = fc.oneof(
      { weight: 4, arbitrary: fc.record({ text: fc.string({ maxLength: 4 }), followUpOn }).map((g) => (g.followUpOn === undefined ? { text: g.text } : g)) },
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    const content = fc.oneof({ weight: 4, arbitrary: fc.record({ goals: fc.array(goal, { maxLength: 5 }) }) }, fc.record({ goals: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }), fc.constant({}));
    let dates = 0;
    await fc.assert(
      fc.asyncProperty(content, async (c) => {
        const { rows: [r] } = await db.owner.query<{ dates: string[] }>('SELECT goal_follow_up_dates($1::jsonb) AS dates', [JSON.stringify(c)]);
        expect(r?.dates).toEqual(goalFollowUpsOf(c));
        dates += r?.dates.length ?? 0;
      }),
      { numRuns: 200 },
    );
    expect(dates).toBeGreaterThan(0);
  });

  it('are kept for every completed assessment the loader wrote, and for one written with goals', async () => {
    const client = await db.owner.connect();
    try {
      await client.query('BEGIN');
      const goals = [{ text: 'Gå til butikken', followUpOn: '2026-12-01' }, { text: 'Lage middag' }, { text: 'Stå opp', followUpOn: '2027-01-15' }];
      // Assessments are append-only: a copy of one with goals in its content, with every column but the generated ones.
      const { rows: columns } = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'assessment' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'content')`,
      );
      const list = columns.map((c) => c.column_name).join(', ');
      await client.query(
        `INSERT INTO assessment (id, content, ${list})
         SELECT gen_random_uuid(), content || $2::jsonb, ${list} FROM assessment WHERE municipality_id = $1 AND status = 'completed' ORDER BY assessed_on, id LIMIT 1`,
        [M, JSON.stringify({ goals })],
      );
      const { rows } = await client.query<{ content: unknown; goal_follow_ups: string[] }>(
        `SELECT content, goal_follow_ups FROM assessment WHERE municipality_id = $1 AND status = 'completed'`,
        [M],
      );
      expect(rows.filter((r) => r.goal_follow_ups.length > 0).map((r) => r.goal_follow_ups)).toContainEqual(['2026-12-01', '2027-01-15']);
      for (const r of rows) expect(r.goal_follow_ups).toEqual(goalFollowUpsOf(r.content));
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
