/**
 * The rows behind the equal-treatment figures (store/equalTreatment.ts grantRows, issue 18), joined
 * in SQL, against the rule written plainly over the stored rows: for random periods, in every demo
 * municipality, the cases whose current decision grants and was made in the period, each with the
 * decision action it rests on (the latest up to the decision's sequence number), the diagnosis group
 * of its first request, and the tally of the scores (scoreTally) of the person's latest completed
 * assessment on or before the day of the decision, in case-number order. The same for KOSTRA's grants (store/kostra.ts
 * kostraGrantRows): the cases granted from on or before a day, with the first day each ends and the
 * package of the decision action behind it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.ts';
import { grantRows, type GrantRow } from '../../src/store/equalTreatment.ts';
import { kostraGrantRows } from '../../src/store/kostra.ts';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { tallyColumnsOf, type TallyColumns } from '../helpers/scoreTally.ts';

let db: Database;

interface Stored {
  cases: { id: string; case_number: string; person_id: string; owner_unit_id: string | null; district_id: string | null; decision_outcome: string | null; decision_valid_from: string | null; state: { decision?: unknown; serviceEndedOn?: unknown } }[];
  persons: Map<string, { birth_date: string; died_on: string | null; moved_out_on: string | null }>;
  actions: { case_id: string; seq: number; type: string; package: GrantRow['package']; diagnosis_group: string | null; actor_staff_id: string }[];
  assessments: { person_id: string; assessed_on: string; created_at: string; scores: Record<string, number> }[];
}

const stored = new Map<string, Stored>();
const GRANTING = ['granted', 'partly_granted'];

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 11, asOf: new Date('2026-11-01T12:00:00Z'), scale: 0.05 });
  // The demo gives each case one decision and one request, without a diagnosis group. Every third granted case gets
  // a later decision the state does not rest on and a later request with a diagnosis group, appended as the case's
  // next actions: neither may be read (the decision is the latest up to the state's; the request is the first).
  for (const [type, extra] of [
    ['decision_made', { package: [{ serviceCode: 'later_decision', hoursPerWeek: 99 }] }],
    ['request_received', { diagnosisGroup: 'later_request' }],
  ] as const) {
    await db.owner.query(
      `INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, reason, occurred_at)
       SELECT a.municipality_id, a.case_id, (SELECT max(m.seq) + 1 FROM case_action m WHERE m.municipality_id = a.municipality_id AND m.case_id = a.case_id),
              a.type, a.payload || $2::jsonb, a.actor_staff_id, a.authority, a.reason, a.occurred_at
         FROM case_action a JOIN case_file c ON c.municipality_id = a.municipality_id AND c.id = a.case_id
        WHERE a.type = $1 AND c.decision_outcome IN ('granted', 'partly_granted') AND get_byte(uuid_send(c.id), 15) % 3 = 0`,
      [type, JSON.stringify(extra)],
    );
  }
  // The demo grants no place on a waiting list: every fifth granted case's decision is made one (KOSTRA leaves it out).
  await db.owner.query(
    `UPDATE case_file SET state = jsonb_set(state, '{decision,onWaitingList}', 'true')
      WHERE decision_outcome IN ('granted', 'partly_granted') AND get_byte(uuid_send(id), 14) % 5 = 0`,
  );
  const { rows } = await db.owner.query<{ id: string }>('SELECT DISTINCT municipality_id AS id FROM case_file ORDER BY 1');
  for (const { id } of rows) {
    stored.set(id, {
      cases: (await db.owner.query('SELECT id, case_number, person_id, owner_unit_id, district_id, decision_outcome, decision_valid_from, state FROM case_file WHERE municipality_id = $1', [id])).rows,
      persons: new Map(
        (
          await db.owner.query<{ id: string; birth_date: string; died_on: string | null; moved_out_on: string | null }>(
            "SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, to_char(died_on, 'YYYY-MM-DD') AS died_on, to_char(moved_out_on, 'YYYY-MM-DD') AS moved_out_on FROM person WHERE municipality_id = $1",
            [id],
          )
        ).rows.map(({ id: personId, ...p }) => [personId, p]),
      ),
      actions: (await db.owner.query("SELECT case_id, seq, type, package, diagnosis_group, actor_staff_id FROM case_action WHERE municipality_id = $1 AND type IN ('decision_made', 'request_received')", [id])).rows,
      assessments: (
        await db.owner.query(
          "SELECT person_id, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS created_at, scores FROM assessment WHERE municipality_id = $1 AND status = 'completed'",
          [id],
        )
      ).rows,
    });
  }
}, 180_000);

afterAll(async () => {
  await db?.close();
});

type Expected = Omit<GrantRow, keyof TallyColumns> & { scores: Record<string, number> | null; tiedTallies: TallyColumns[] };

/** A decision as the case's state holds it, with the fields the rows read. */
interface StateDecision {
  seq: number;
  decidedOn: string;
  outcome: string;
  serviceCode: GrantRow['decision_service_code'];
  hoursPerWeek?: unknown;
  frame?: { maxHoursPerWeek?: unknown } | null;
}

/** The case's current decision when it grants and was made in the period. */
function grantedIn(c: Stored['cases'][number], from: string, to: string): StateDecision | null {
  const d = c.state.decision as StateDecision | null | undefined;
  if (!GRANTING.includes(c.decision_outcome ?? '') || typeof d !== 'object' || d === null || Array.isArray(d) || typeof d.seq !== 'number') return null;
  return GRANTING.includes(d.outcome) && d.decidedOn >= from && d.decidedOn <= to ? d : null;
}

const numberOrNull = (x: unknown) => (typeof x === 'number' ? x : null);

/** The rule written plainly: what grantRows must give for the period. */
function expectedRows(s: Stored, from: string, to: string): Expected[] {
  const out: Expected[] = [];
  for (const c of s.cases) {
    const d = grantedIn(c, from, to);
    if (!d) continue;
    const mine = s.actions.filter((a) => a.case_id === c.id);
    const decisionAction = decisionActionOf(s, c.id, d.seq);
    if (!decisionAction) continue;
    const request = mine.filter((a) => a.type === 'request_received').sort((a, b) => a.seq - b.seq)[0];
    const done = s.assessments
      .filter((x) => x.person_id === c.person_id && x.assessed_on <= d.decidedOn)
      .sort((a, b) => (b.assessed_on + b.created_at).localeCompare(a.assessed_on + a.created_at));
    const top = done[0];
    out.push({
      case_id: c.id,
      case_number: c.case_number,
      person_id: c.person_id,
      decided_on: d.decidedOn,
      decision_service_code: d.serviceCode,
      decision_hours_per_week: numberOrNull(d.hoursPerWeek),
      decision_frame_max_hours: numberOrNull(d.frame?.maxHoursPerWeek),
      package: decisionAction.package,
      decider_id: decisionAction.actor_staff_id,
      team_id: c.owner_unit_id,
      district_id: c.district_id,
      diagnosis_group: request?.diagnosis_group ?? null,
      scores: top?.scores ?? null,
      // Assessments made in one transaction share their moment: any of those tied for latest is right.
      tiedTallies: done.filter((x) => top && x.assessed_on === top.assessed_on && x.created_at === top.created_at).map((x) => tallyColumnsOf(x.scores)),
    });
  }
  return out.sort((a, b) => (a.case_number < b.case_number ? -1 : a.case_number > b.case_number ? 1 : 0));
}

/** The decision action a case's current decision rests on: the latest up to the decision's sequence number. */
function decisionActionOf(s: Stored, caseId: string, seq: number): Stored['actions'][number] | undefined {
  return s.actions.filter((a) => a.case_id === caseId && a.type === 'decision_made' && a.seq <= seq).sort((a, b) => b.seq - a.seq)[0];
}

/** The first of the days set (in byte order, as JSON texts), or null. */
function firstEnd(days: readonly unknown[]): string | null {
  return days.filter((v) => v !== null && v !== undefined).map(String).sort()[0] ?? null;
}

type KostraDecision = Partial<StateDecision> & { validTo?: unknown; onWaitingList?: unknown };

/** The decision's fields as KOSTRA's rows carry them. */
function kostraDecisionFields(d: KostraDecision) {
  return {
    service_code: d.serviceCode ?? null,
    hours_per_week: numberOrNull(d.hoursPerWeek),
    frame_max_hours: numberOrNull(d.frame?.maxHoursPerWeek),
    on_waiting_list: typeof d.onWaitingList === 'boolean' ? d.onWaitingList : null,
  };
}

/** KOSTRA's grants written plainly: granted from on or before the day, with the first of the days each ends and the decision's fields. */
function expectedKostraRows(s: Stored, onDate: string): unknown[] {
  return s.cases.flatMap((c) => {
    const d = c.state.decision as KostraDecision | null | undefined;
    if (!GRANTING.includes(c.decision_outcome ?? '') || c.decision_valid_from === null || c.decision_valid_from > onDate || !d) return [];
    const p = s.persons.get(c.person_id);
    const ends = firstEnd([d.validTo, c.state.serviceEndedOn, p?.died_on, p?.moved_out_on]);
    const action = typeof d.seq === 'number' ? decisionActionOf(s, c.id, d.seq) : undefined;
    return [
      {
        person_id: c.person_id,
        birth_date: p?.birth_date,
        valid_from: c.decision_valid_from,
        valid_to: ends,
        ...kostraDecisionFields(d),
        payload: action?.package ? { package: action.package } : null,
      },
    ];
  });
}

const byJson = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

const day = fc.integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2027, 0, 1) }).map((t) => new Date(t).toISOString().slice(0, 10));
/** A day of the demo's history (grants in force) half the time, any day of `day` the other half: so the rows counted do not hang on the draw. */
const historyDay = fc.oneof(day, fc.integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2026, 10, 1) }).map((t) => new Date(t).toISOString().slice(0, 10)));

describe('grantRows: the equal-treatment rows joined in SQL', () => {
  it('has granted decisions, requests with a diagnosis group and assessments to compare in more than one municipality', () => {
    const withGrants = [...stored.values()].filter((s) => expectedRows(s, '2000-01-01', '2100-01-01').length > 0);
    expect(withGrants.length).toBeGreaterThan(1);
    const all = withGrants.flatMap((s) => expectedRows(s, '2000-01-01', '2100-01-01'));
    // The actions appended above are there to be passed over.
    const appended = [...stored.values()].flatMap((s) => s.actions).filter((a) => a.diagnosis_group === 'later_request' || (a.package?.[0]?.serviceCode as string | undefined) === 'later_decision');
    expect(appended.length).toBeGreaterThan(10);
    expect(all.some((r) => r.scores !== null)).toBe(true);
    expect(all.some((r) => r.scores === null)).toBe(true);
    // Some tallies have enough scores for a band.
    expect(all.some((r) => (r.tiedTallies[0]?.adl_scored ?? 0) >= 3)).toBe(true);
    // The decision's fields from the generated columns (migration 0043) have values to compare: frames and hours.
    expect(all.some((r) => r.decision_frame_max_hours !== null)).toBe(true);
    expect(all.some((r) => r.decision_hours_per_week !== null)).toBe(true);
    const kostra = [...stored.values()].flatMap((s) => expectedKostraRows(s, '2100-01-01')) as { on_waiting_list: boolean | null }[];
    expect(kostra.some((r) => r.on_waiting_list === true)).toBe(true);
    expect(kostra.some((r) => r.on_waiting_list === false)).toBe(true);
  });

  it('gives, for random periods in every municipality, the rows the plain rule gives, in case-number order', async () => {
    const seen = { rows: 0, periodsWithRows: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stored.keys()), day, day, async (municipalityId, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const got = await inTenant(db.app, { municipalityId, staffId: null }, (tx) => grantRows(tx, from, to));
        const want = expectedRows(stored.get(municipalityId) as Stored, from, to);
        expect(got.map((r) => r.case_id)).toEqual(want.map((r) => r.case_id));
        want.forEach(({ tiedTallies, scores: _, ...w }, i) => {
          const { adl_scored, adl_sum, ...g } = got[i] as GrantRow;
          expect(tiedTallies.length ? tiedTallies : [tallyColumnsOf(null)]).toContainEqual({ adl_scored, adl_sum });
          expect(g).toEqual(w);
        });
        seen.rows += got.length;
        if (got.length) seen.periodsWithRows += 1;
      }),
      { numRuns: 60 },
    );
    expect(seen.periodsWithRows).toBeGreaterThan(5);
  });

  it('gives KOSTRA, for random days in every municipality, the grants the plain rule gives', async () => {
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stored.keys()), historyDay, async (municipalityId, onDate) => {
        const got = await inTenant(db.app, { municipalityId, staffId: null }, (tx) => kostraGrantRows(tx, onDate));
        expect(byJson(got)).toEqual(byJson(expectedKostraRows(stored.get(municipalityId) as Stored, onDate)));
        rows += got.length;
      }),
      { numRuns: 40 },
    );
    expect(rows).toBeGreaterThan(50);
  });
});
