/**
 * Generated columns the reports read instead of the jsonb they come from (issue 18):
 * - a case's delivery fields (migration 0034): the few fields of a case's state the month of delivery
 *   reads (store/deliveryMonth.ts). They must be what the JavaScript that the SQL replaced read from
 *   the state: a string or number of the right JSON type, else NULL; and PostgreSQL must compute them
 *   again whenever a writer changes the state;
 * - an action's package and diagnosis group (migration 0035): the decision_made payload's package and
 *   the request_received payload's diagnosis group, NULL on every other action;
 * - a decision's weekly hours (migration 0042): the decision_made payload's hoursPerWeek when it is a
 *   number, NULL on every other action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScale } from '../../src/demo/scale/load.ts';
import { osloScale } from '../../src/demo/scale/municipalities.ts';
import type { Database } from '../../src/store/database.ts';
import { createTestDatabase } from '../helpers/database.ts';

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
}

const FIELDS = `state, has_decision, decision_valid_from, decision_valid_to, decision_hours_per_week, service_ended_on, plan_hours_per_week, orders`;

/** The fields as the JavaScript read them from the state, independently of the SQL. */
function fromState(state: Record<string, unknown>) {
  const decision = state.decision;
  const d = typeof decision === 'object' && decision !== null && !Array.isArray(decision) ? (decision as Record<string, unknown>) : null;
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  return {
    has_decision: decision === undefined ? null : d !== null,
    decision_valid_from: d?.validFrom === undefined || d.validFrom === null ? null : typeof d.validFrom === 'string' ? d.validFrom : JSON.stringify(d.validFrom),
    decision_valid_to: str(d?.validTo),
    decision_hours_per_week: num(d?.hoursPerWeek),
    service_ended_on: str(state.serviceEndedOn),
    plan_hours_per_week: num(state.planHoursPerWeek),
    orders: Array.isArray(state.orders) ? state.orders : null,
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
    for (const r of rows) expect(fieldsOf(r)).toEqual(fromState(r.state));
  });

  it('follow a change of the state, and read a value of the wrong JSON type as NULL', async () => {
    const client = await db.owner.connect();
    try {
      await client.query('BEGIN');
      const { rows: [c] } = await client.query<{ id: string }>(`SELECT id FROM case_file WHERE municipality_id = $1 AND has_decision ORDER BY case_number LIMIT 1`, [M]);
      const odd = { decision: { validFrom: '2026-01-01', validTo: 20260301, hoursPerWeek: '7' }, serviceEndedOn: false, planHoursPerWeek: 4.5, orders: { not: 'a list' } };
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
