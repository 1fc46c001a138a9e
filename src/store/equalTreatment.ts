/**
 * The rows behind the equal-treatment figures (issue 20): each case's current decision granting a
 * service, made in a period, with who recorded it, the case's team and district, the diagnosis group
 * its request states, and the tally of the scores of the person's latest completed assessment on or
 * before the day of the decision. The bands and the statistics are in domain/reports/equalTreatment.ts.
 */
import type { ActionPayload } from '../domain/case/index.ts';
import { byCodeUnits } from '../domain/collections.ts';
import { latestFirst } from './assessments.ts';
import { currentDecisionActions } from './cases.ts';
import type { Tx } from './tx.ts';

export interface GrantRow {
  case_id: string;
  case_number: string;
  person_id: string;
  /** The current decision as the case's state holds it (after any complaint), from its generated columns (migration 0043). */
  decided_on: string;
  decision_service_code: ActionPayload<'decision_made'>['serviceCode'];
  decision_hours_per_week: number | null;
  /** The ceiling of a frame decision (rammevedtak), when it is one. */
  decision_frame_max_hours: number | null;
  /** The package of the decision the current one rests on. */
  package: ActionPayload<'decision_made'>['package'] | null;
  decider_id: string;
  team_id: string | null;
  district_id: string | null;
  diagnosis_group: string | null;
  /** The tally of the person's latest completed assessment on or before the day of the decision (scoreTally, migrations 0030 and 0044); null without one. */
  adl_scored: number | null;
  adl_sum: number | null;
}

/**
 * Cases whose current decision grants (fully or partly) and was made (Norwegian date) from `from` to `to`,
 * in case-number order. The granted cases of the period and their decisions' fields come from the
 * case's generated columns and their covering index (migration 0043), not out of each state, and the
 * assessment's tally of scores from the index of latest assessments (0044), not its scores (issue 18:
 * on the Oslo set the query's 440 ms → about 210 in psql, and no 12 MB of scores to parse); each
 * case's decision action, request and assessment are found by joining the actions by type and the
 * completed assessments once, not by three index lookups per case (issue 18: on the Oslo set 0.55 →
 * 0.43 s for 23,553 rows). The names of the units are read apart (unitNames).
 */
export async function grantRows(tx: Tx, from: string, to: string): Promise<GrantRow[]> {
  const { rows } = await tx.query<GrantRow>(
    `WITH granted AS MATERIALIZED (
       -- ISO dates as texts compare as the days do
       SELECT c.id, c.case_number, c.person_id, c.owner_unit_id, c.district_id, c.decision_seq, c.decided_on,
              c.decision_service_code, c.decision_hours_per_week, c.decision_frame_max_hours
         FROM case_file c
        WHERE c.municipality_id = current_municipality() AND c.decision_outcome IN ('granted', 'partly_granted') AND c.has_decision
          AND c.decided_on BETWEEN to_char($1::date, 'YYYY-MM-DD') AND to_char($2::date, 'YYYY-MM-DD')),
     -- the payloads' package and diagnosis group as generated columns hold them, read from the index by type and case (migration 0035):
     -- the decision the current one rests on (the latest up to its sequence number), and the case's request
     dm AS (${currentDecisionActions('granted', ['package', 'actor_staff_id'])}),
     rq AS (
       SELECT DISTINCT ON (a.case_id) a.case_id, a.diagnosis_group
         FROM case_action a
        WHERE a.municipality_id = current_municipality() AND a.type = 'request_received'
        ORDER BY a.case_id, a.seq),
     -- the tally of the person's latest completed assessment on or before the day of the decision, not its
     -- scores (issue 18: on the Oslo set 26,000 rows of scores sorted on disk and parsed in Node)
     asm AS (
       SELECT DISTINCT ON (g.id) g.id AS case_id, x.adl_scored, x.adl_sum
         FROM assessment x JOIN granted g ON g.person_id = x.person_id
        WHERE x.municipality_id = current_municipality() AND x.status = 'completed' AND x.assessed_on <= g.decided_on::date
        ORDER BY g.id, ${latestFirst('x.')})
     SELECT c.id AS case_id, c.case_number, c.person_id, c.decided_on, c.decision_service_code, c.decision_hours_per_week,
            c.decision_frame_max_hours, dm.package, dm.actor_staff_id AS decider_id,
            c.owner_unit_id AS team_id, c.district_id, rq.diagnosis_group, asm.adl_scored, asm.adl_sum
       FROM granted c
       JOIN dm ON dm.case_id = c.id
       LEFT JOIN rq ON rq.case_id = c.id
       LEFT JOIN asm ON asm.case_id = c.id`,
    [from, to],
  );
  // Ordered here, after the join (issue 18: in SQL the sort of 23,000 wide rows spilled to disk).
  return rows.sort((a, b) => byCodeUnits(a.case_number, b.case_number));
}

/** Where the names of the units of each breakdown are: the decider's, the team's, the district's. */
const NAMES = {
  caseworker: 'SELECT s.id::text AS id, s.display_name AS name FROM staff s WHERE s.municipality_id = current_municipality() AND s.id = ANY($1::uuid[])',
  team: 'SELECT u.id::text AS id, u.name FROM org_unit u WHERE u.municipality_id = current_municipality() AND u.id = ANY($1::uuid[])',
  district: 'SELECT d.id::text AS id, d.name FROM district d WHERE d.municipality_id = current_municipality() AND d.id = ANY($1::uuid[])',
} as const;

/** The names of the staff members, teams or districts (as `by` says) with these ids; an id without a row has none. */
export async function unitNames(tx: Tx, by: keyof typeof NAMES, ids: readonly string[]): Promise<Map<string, string | null>> {
  const { rows } = await tx.query<{ id: string; name: string | null }>(NAMES[by], [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What makes a case comparable before its decision: its service, the diagnosis group of its request, and the latest completed assessment up to `onDate`. */
export async function comparableFacts(tx: Tx, caseId: string, onDate: string): Promise<{ diagnosis_group: string | null; scores: Record<string, number> | null } | null> {
  const { rows } = await tx.query<{ diagnosis_group: string | null; scores: Record<string, number> | null }>(
    `SELECT (SELECT a.payload->>'diagnosisGroup' FROM case_action a
              WHERE a.municipality_id = c.municipality_id AND a.case_id = c.id AND a.type = 'request_received' ORDER BY a.seq LIMIT 1) AS diagnosis_group,
            (SELECT x.scores FROM assessment x
              WHERE x.municipality_id = c.municipality_id AND x.person_id = c.person_id AND x.status = 'completed' AND x.assessed_on <= $2
              ORDER BY ${latestFirst('x.')} LIMIT 1) AS scores
       FROM case_file c WHERE c.municipality_id = current_municipality() AND c.id = $1`,
    [caseId, onDate],
  );
  return rows[0] ?? null;
}
