/**
 * The rows behind the equal-treatment figures (issue 20): each case's current decision granting a
 * service, made in a period, with who recorded it, the case's team and district, the diagnosis group
 * its request states, and the scores of the person's latest completed assessment on or before the day
 * of the decision. The bands and the statistics are in domain/reports/equalTreatment.ts.
 */
import type { Tx } from './tx.ts';

export interface GrantRow {
  case_id: string;
  case_number: string;
  person_id: string;
  /** The current decision as the case's state holds it (after any complaint). */
  decision: { seq: number; decidedOn: string; outcome: string; serviceCode: string; hoursPerWeek: number | null; frame: { maxHoursPerWeek: number } | null };
  /** The package of the decision the current one rests on. */
  package: { serviceCode: string; hoursPerWeek?: number }[] | null;
  decider_id: string;
  decider_name: string | null;
  team_id: string | null;
  team_name: string | null;
  district_id: string | null;
  district_name: string | null;
  diagnosis_group: string | null;
  scores: Record<string, number> | null;
}

/** Cases whose current decision grants (fully or partly) and was made (Norwegian date) from `from` to `to`. */
export async function grantRows(tx: Tx, from: string, to: string): Promise<GrantRow[]> {
  const { rows } = await tx.query<GrantRow>(
    `SELECT c.id AS case_id, c.case_number, c.person_id, c.state->'decision' AS decision, dm.payload->'package' AS package,
            dm.actor_staff_id AS decider_id, s.display_name AS decider_name,
            c.owner_unit_id AS team_id, u.name AS team_name, c.district_id, d.name AS district_name,
            rq.payload->>'diagnosisGroup' AS diagnosis_group, asm.scores
       FROM case_file c
       JOIN LATERAL (SELECT a.payload, a.actor_staff_id FROM case_action a
                      WHERE a.municipality_id = c.municipality_id AND a.case_id = c.id AND a.type = 'decision_made'
                        AND a.seq <= (c.state->'decision'->>'seq')::int ORDER BY a.seq DESC LIMIT 1) dm ON true
       LEFT JOIN LATERAL (SELECT a.payload FROM case_action a
                           WHERE a.municipality_id = c.municipality_id AND a.case_id = c.id AND a.type = 'request_received' ORDER BY a.seq LIMIT 1) rq ON true
       LEFT JOIN LATERAL (SELECT x.scores FROM assessment x
                           WHERE x.municipality_id = c.municipality_id AND x.person_id = c.person_id AND x.status = 'completed'
                             AND x.assessed_on <= (c.state->'decision'->>'decidedOn')::date
                           ORDER BY x.assessed_on DESC, x.created_at DESC LIMIT 1) asm ON true
       LEFT JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = dm.actor_staff_id
       LEFT JOIN org_unit u ON u.municipality_id = c.municipality_id AND u.id = c.owner_unit_id
       LEFT JOIN district d ON d.municipality_id = c.municipality_id AND d.id = c.district_id
      WHERE c.municipality_id = current_municipality()
        AND jsonb_typeof(c.state->'decision') = 'object'
        AND c.state->'decision'->>'outcome' IN ('granted', 'partly_granted')
        AND (c.state->'decision'->>'decidedOn')::date BETWEEN $1 AND $2`,
    [from, to],
  );
  return rows;
}

/** What makes a case comparable before its decision: its service, the diagnosis group of its request, and the latest completed assessment up to `onDate`. */
export async function comparableFacts(tx: Tx, caseId: string, onDate: string): Promise<{ diagnosis_group: string | null; scores: Record<string, number> | null } | null> {
  const { rows } = await tx.query<{ diagnosis_group: string | null; scores: Record<string, number> | null }>(
    `SELECT (SELECT a.payload->>'diagnosisGroup' FROM case_action a
              WHERE a.municipality_id = c.municipality_id AND a.case_id = c.id AND a.type = 'request_received' ORDER BY a.seq LIMIT 1) AS diagnosis_group,
            (SELECT x.scores FROM assessment x
              WHERE x.municipality_id = c.municipality_id AND x.person_id = c.person_id AND x.status = 'completed' AND x.assessed_on <= $2
              ORDER BY x.assessed_on DESC, x.created_at DESC LIMIT 1) AS scores
       FROM case_file c WHERE c.municipality_id = current_municipality() AND c.id = $1`,
    [caseId, onDate],
  );
  return rows[0] ?? null;
}
