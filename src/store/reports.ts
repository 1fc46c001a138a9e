/** Report queries over the action log. */
import type { Tx } from './tx.ts';

export interface ComplaintRow {
  service_code: string;
  unit: string | null;
  concerns: string | null;
  late: boolean;
  outcome: string;
  /** The criteria set version the decision rested on, as "service vN", or null. */
  criteria_version: string | null;
  /** The criteria of that evaluation that were not met. */
  unmet_criteria: string[] | null;
}

/** Each complaint with its service, owning unit, what it concerns, whether it was late, and how it ended so far. */
export async function complaintRows(tx: Tx): Promise<ComplaintRow[]> {
  const { rows } = await tx.query<ComplaintRow>(
    `SELECT c.service_code, u.name AS unit, coalesce(a.payload->>'concerns', 'decision') AS concerns,
            (a.payload ? 'lateAcceptedReason') AS late,
            CASE WHEN a.payload->>'concerns' = 'delivery' THEN
              CASE WHEN EXISTS (SELECT 1 FROM case_action d WHERE d.municipality_id = a.municipality_id AND d.case_id = a.case_id
                                  AND d.seq > a.seq AND d.type = 'delivery_complaint_answered')
                   THEN 'answered_by_provider' ELSE 'with_provider' END
            ELSE coalesce(
              (SELECT CASE r.type WHEN 'complaint_reversed_on_review' THEN 'reversed_on_review' ELSE r.payload->>'result' END
                 FROM case_action r
                WHERE r.municipality_id = a.municipality_id AND r.case_id = a.case_id AND r.seq > a.seq
                  AND r.type IN ('complaint_reversed_on_review', 'complaint_resolved')
                ORDER BY r.seq LIMIT 1),
              CASE WHEN EXISTS (SELECT 1 FROM case_action f WHERE f.municipality_id = a.municipality_id AND f.case_id = a.case_id
                                  AND f.seq > a.seq AND f.type = 'complaint_forwarded')
                   THEN 'with_statsforvalteren' ELSE 'own_review' END) END AS outcome,
            CASE WHEN c.state->'decision'->'criteria' IS NOT NULL AND jsonb_typeof(c.state->'decision'->'criteria') = 'object'
                 THEN c.service_code || ' v' || (c.state->'decision'->'criteria'->>'version') END AS criteria_version,
            (SELECT array_agg(r->>'id' ORDER BY r->>'id')
               FROM case_action e, jsonb_array_elements(e.payload->'results') r
              WHERE e.municipality_id = a.municipality_id AND e.case_id = a.case_id AND e.type = 'criteria_evaluated'
                AND e.seq = (c.state->'decision'->'criteria'->>'evaluationSeq')::int AND r->>'outcome' = 'not_met') AS unmet_criteria
       FROM case_action a
       JOIN case_file c ON c.municipality_id = a.municipality_id AND c.id = a.case_id
       LEFT JOIN org_unit u ON u.municipality_id = c.municipality_id AND u.id = c.owner_unit_id
      WHERE a.municipality_id = current_municipality() AND a.type = 'complaint_received'`,
  );
  return rows;
}

export interface RequestCountDbRow {
  service_code: string;
  /** Days from the request to its first decision, or null while undecided. */
  days: number | null;
  within_month: boolean | null;
  past_month: boolean | null;
  count: number;
}

/** The last day a request of the municipality was received on or after `since`, or null when none was. */
export async function lastReceivedOn(tx: Tx, since: string): Promise<string | null> {
  const { rows } = await tx.query<{ last: string | null }>(
    `SELECT to_char(max(received_on), 'YYYY-MM-DD') AS last FROM case_file WHERE municipality_id = current_municipality() AND received_on >= $1`,
    [since],
  );
  return rows[0]?.last ?? null;
}

/**
 * The requests received since `since`, counted by service and by days to the first decision (in Norwegian
 * time) and whether it came by the deadline `dues` gives for the day received, or, while undecided, by
 * whether `today` is past that deadline; withdrawn requests never decided are left out. The requests come
 * from case_file_received_idx (migration 0040), each first decision from case_milestone (migration 0036).
 */
export async function requestCounts(tx: Tx, since: string, dues: ReadonlyMap<string, string>, today: string): Promise<RequestCountDbRow[]> {
  const { rows } = await tx.query<RequestCountDbRow>(
    `WITH due AS (SELECT * FROM unnest($2::date[], $3::date[]) AS d(received_on, due)),
     requests AS (
       SELECT c.service_code, c.received_on, (m.first_decision_at AT TIME ZONE 'Europe/Oslo')::date AS decided_on
         FROM case_file c
         LEFT JOIN case_milestone m ON m.municipality_id = c.municipality_id AND m.case_id = c.id
        WHERE c.municipality_id = current_municipality() AND c.received_on >= $1
          AND (c.status <> 'withdrawn' OR m.first_decision_at IS NOT NULL))
     SELECT r.service_code, r.decided_on - r.received_on AS days,
            r.decided_on <= d.due AS within_month, CASE WHEN r.decided_on IS NULL THEN $4::date > d.due END AS past_month,
            count(*)::int AS count
       FROM requests r JOIN due d USING (received_on)
      GROUP BY 1, 2, 3, 4`,
    [since, [...dues.keys()], [...dues.values()], today],
  );
  return rows;
}

export interface RequestOutcomeDbRow {
  service_code: string;
  status: string;
  first_outcome: string | null;
  referred: boolean;
  count: number;
}

/**
 * The requests received since `since`, counted by service, status, the outcome of the first decision and whether a
 * decision sent the person on (a few hundred counts instead of a row per request: issue 18). The decisions are
 * aggregated per case in one pass (by the type index) and hashed to the cases, which come from
 * case_file_received_idx (migration 0040).
 */
export async function requestOutcomeCounts(tx: Tx, since: string): Promise<RequestOutcomeDbRow[]> {
  const { rows } = await tx.query<RequestOutcomeDbRow>(
    `SELECT c.service_code, c.status, dm.first_outcome, coalesce(dm.referred, false) AS referred, count(*)::int AS count
       FROM case_file c
       LEFT JOIN (SELECT a.case_id, (array_agg(a.payload->>'outcome' ORDER BY a.seq))[1] AS first_outcome, bool_or(a.payload ? 'onwardReferral') AS referred
                    FROM case_action a WHERE a.municipality_id = current_municipality() AND a.type = 'decision_made' GROUP BY a.case_id) dm ON dm.case_id = c.id
      WHERE c.municipality_id = current_municipality() AND c.received_on >= $1
      GROUP BY 1, 2, 3, 4`,
    [since],
  );
  return rows;
}
