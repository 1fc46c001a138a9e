/**
 * The rows behind the KOSTRA figures (issue 20 part 5): each case's current granted decision with the
 * person's birth date and the days it ends (decision, service, death, moving out), the decision's
 * content (for a package's further services), the tally of the latest completed IPLOS scores per person on a day,
 * and the providers' expenses of a year with the services of their agreements.
 */
import type { ActionPayload } from '../domain/case/index.ts';
import { storedTally, type ScoreTally } from '../domain/reports/equalTreatment.ts';
import { latestFirst } from './assessments.ts';
import { currentDecisionActions } from './cases.ts';
import type { Tx } from './tx.ts';

export interface KostraGrantRow {
  person_id: string;
  birth_date: string;
  valid_from: string;
  /** The first of the days the grant ends (the decision's end, the service's end, death, moving out), or null when none is set. */
  valid_to: string | null;
  /** The current decision's fields (after any complaint), from the case's generated columns (migration 0043). */
  service_code: ActionPayload<'decision_made'>['serviceCode'];
  hours_per_week: number | null;
  /** The ceiling of a frame decision (rammevedtak), when it is one. */
  frame_max_hours: number | null;
  on_waiting_list: boolean | null;
  /** The package of the decision_made payload behind the decision, when it has one. */
  payload: Pick<ActionPayload<'decision_made'>, 'package'> | null;
}

/**
 * The earliest of some ISO dates (texts) in SQL, as the first of a JavaScript sort of those that are
 * set: byte order (COLLATE "C"), and least leaves NULLs out (NULL when none is set).
 */
export function earliestOf(texts: readonly string[]): string {
  return `least(${texts.map((t, i) => (i === 0 ? `(${t}) COLLATE "C"` : `(${t})`)).join(', ')})`;
}

/**
 * Every case whose current decision grants a service (not waiting for a place) from on or before the
 * day. The decision's fields come from the case's generated columns (migration 0043), not out of each
 * state (issue 18); the decision action behind each (the latest up to the decision's sequence number)
 * is joined once over the actions by type, not looked up per case (issue 18: about 0.1 s of 0.38 for
 * the Oslo set's 30,000 grants).
 */
export async function kostraGrantRows(tx: Tx, onDate: string): Promise<KostraGrantRow[]> {
  const { rows } = await tx.query<KostraGrantRow>(
    `WITH granted AS MATERIALIZED (
       -- the person joined here, to the few fields the grant needs, so that the rows are never a hash table
       -- (issue 18: on the Oslo set one of 7.9 MB spilled to disk, and the query took 304–393 ms in psql against 261–294)
       SELECT c.id, c.person_id, c.decision_seq, c.decision_valid_from, c.decision_valid_to, c.service_ended_on,
              c.decision_service_code, c.decision_hours_per_week, c.decision_frame_max_hours, c.decision_on_waiting_list,
              to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, to_char(p.died_on, 'YYYY-MM-DD') AS died_on,
              to_char(p.moved_out_on, 'YYYY-MM-DD') AS moved_out_on
         FROM case_file c
         JOIN person p ON p.municipality_id = current_municipality() AND p.id = c.person_id
        WHERE c.municipality_id = current_municipality() AND c.decision_outcome IN ('granted', 'partly_granted') AND c.has_decision
          AND c.decision_valid_from::date <= $1::date),
     -- the payload's package as the generated column holds it, read from the index by type and case (migration 0035)
     dm AS (${currentDecisionActions('granted', ['package'])})
     SELECT c.person_id, c.birth_date, c.decision_valid_from AS valid_from,
            -- one text, not an array the pg driver parses character by character (30,000 rows in an Oslo-size year, issue 18)
            ${earliestOf(['c.decision_valid_to', 'c.service_ended_on', 'c.died_on', 'c.moved_out_on'])} AS valid_to,
            c.decision_service_code AS service_code, c.decision_hours_per_week AS hours_per_week,
            c.decision_frame_max_hours AS frame_max_hours, c.decision_on_waiting_list AS on_waiting_list,
            CASE WHEN dm.package IS NOT NULL THEN jsonb_build_object('package', dm.package) END AS payload
       FROM granted c
       LEFT JOIN dm ON dm.case_id = c.id`,
    [onDate],
  );
  return rows;
}

/**
 * The tally of the scores (scoreTally) of each person's latest completed assessment on or before the
 * day, from the index of the latest assessments alone (migration 0044), not the scores (issue 18: on
 * the Oslo set 30,000 rows of scores, about 200 ms).
 */
export async function latestTalliesOn(tx: Tx, onDate: string): Promise<Map<string, ScoreTally>> {
  const { rows } = await tx.query<{ person_id: string; scored: number | null; sum: number | null }>(
    `SELECT DISTINCT ON (person_id) person_id, adl_scored AS scored, adl_sum AS sum FROM assessment
      WHERE municipality_id = current_municipality() AND status = 'completed' AND assessed_on <= $1::date
      ORDER BY person_id, ${latestFirst()}`,
    [onDate],
  );
  return new Map(rows.map((r) => [r.person_id, storedTally(r.scored, r.sum)]));
}

/** The providers' expenses of the year (the latest figure per unit and month), with the services of the unit's agreements in the year. */
export async function yearExpenses(tx: Tx, year: number): Promise<{ unit_id: string; amount: number; entries: number; services: string[] }[]> {
  const { rows } = await tx.query<{ unit_id: string; amount: string; entries: number; services: string[] | null }>(
    `WITH latest AS (
       SELECT DISTINCT ON (unit_id, month) unit_id, month, amount FROM month_figure
        WHERE municipality_id = current_municipality() AND kind = 'provider_expense' AND extract(year FROM month) = $1::int
        ORDER BY unit_id, month, recorded_at DESC, id)
     SELECT l.unit_id, sum(l.amount) AS amount, count(*)::int AS entries,
            (SELECT array_agg(DISTINCT a.service_code) FROM provider_agreement a
              WHERE a.municipality_id = current_municipality() AND a.provider_unit_id = l.unit_id
                AND a.valid_from <= make_date($1::int, 12, 31) AND (a.valid_to IS NULL OR a.valid_to >= make_date($1::int, 1, 1))) AS services
       FROM latest l GROUP BY l.unit_id`,
    [year],
  );
  return rows.map((r) => ({ unit_id: r.unit_id, amount: Number(r.amount), entries: r.entries, services: r.services ?? [] }));
}
