/**
 * A month of delivery read in aggregate (issue 18): each granted case's orders with the few fields of
 * its state the month's figures need, the performed visits summed per case and provider, and the
 * latest ADL sum of the person, instead of every state and every visit of the month.
 * Visits follow visitsIn (store/provider.ts): a visit a later row corrects is left out. The month's
 * performed visits come summed from visit_month, which a trigger keeps as visits arrive (migration 0033);
 * the few fields of a case's state come from generated columns (migration 0034), which hold them as
 * this module used to take them out of the state: a value of the wrong JSON type as NULL.
 */
import { latestFirst } from './assessments.ts';
import { inScope, type CaseScope } from './cases.ts';
import type { Tx } from './tx.ts';

/** One order of a granted case, with the case's decision period and the visits of the month by the ordered provider. */
export interface CaseOrderMonthRow {
  case_id: string;
  case_number: string;
  person_id: string;
  service_code: string;
  owner_unit_id: string | null;
  has_decision: boolean;
  valid_from: string | null;
  valid_to: string | null;
  service_ended_on: string | null;
  decision_hours_per_week: number | null;
  plan_hours_per_week: number | null;
  provider_unit_id: string;
  order_hours_per_week: number | null;
  visits_per_week: number | null;
  performed_minutes: number;
  night_minutes: number;
  performed_visits: number;
  adl_sum: number | null;
}

const UNCORRECTED_VISITS_OF_MONTH = `
  FROM visit v
 WHERE v.municipality_id = current_municipality() AND v.visit_date BETWEEN $1 AND $2
   AND NOT EXISTS (SELECT 1 FROM visit l WHERE l.municipality_id = v.municipality_id AND l.corrects = v.id)`;

/** A jsonb value as a number when it is a JSON number, else null (the JS code's `x ?? …` over numbers). */
const numberOrNull = (expr: string) => `CASE WHEN jsonb_typeof(${expr}) = 'number' THEN (${expr} #>> '{}')::float8 END`;

/** The fields of a case a month of delivery needs, as generated columns hold them (migration 0034), on the alias c. */
const CASE_FIELDS = `c.id, c.case_number, c.person_id, c.service_code, c.owner_unit_id, c.has_decision,
              c.decision_valid_from, c.decision_valid_to, c.decision_hours_per_week, c.service_ended_on, c.plan_hours_per_week, c.orders`;

/** The orders that count for a month: not rejected; a new order only once accepted (o is the order). */
const ORDER_COUNTS = `coalesce(o.value ->> 'status', '') <> 'rejected'
        AND (coalesce(o.value ->> 'kind', '') <> 'new' OR o.value ->> 'status' = 'accepted')`;

/** A CaseOrderMonthRow from a case (c, with CASE_FIELDS), its order (o), its month's visits (v) and its person's ADL sum (a). */
const CASE_ORDER_MONTH_COLUMNS = `c.id AS case_id, c.case_number, c.person_id, c.service_code, c.owner_unit_id,
            c.has_decision,
            c.decision_valid_from AS valid_from,
            c.decision_valid_to AS valid_to,
            c.service_ended_on,
            c.decision_hours_per_week,
            c.plan_hours_per_week,
            o.value ->> 'providerUnitId' AS provider_unit_id,
            ${numberOrNull(`o.value -> 'hoursPerWeek'`)} AS order_hours_per_week,
            ${numberOrNull(`o.value -> 'visitsPerWeek'`)} AS visits_per_week,
            coalesce(v.performed_minutes::float8, 0) AS performed_minutes,
            coalesce(v.night_minutes::float8, 0) AS night_minutes,
            coalesce(v.performed_visits, 0) AS performed_visits,
            a.adl_sum`;

/** What a reader of caseOrderMonths may do without (a figure counted over the rows, as the steering card's). */
export interface CaseOrderMonthOptions {
  /** The person's latest ADL sum (default true; without it adl_sum is null). */
  readonly adl?: boolean;
  /** The rows by case number and order (default true; without it the database need not sort the month). */
  readonly ordered?: boolean;
}

/**
 * The orders of the granted cases that count for the month starting on `monthFirst` (not rejected; a new order only once
 * accepted), by case number and each case's order of orders (the order of caseOrderMonthsPage). With a scope, only the cases it
 * reaches (a report that shows persons: the gate's level is not none), so a staff member who sees few
 * of the month's cases does not read them all.
 */
export async function caseOrderMonths(tx: Tx, monthFirst: string, scope: CaseScope | null = null, options: CaseOrderMonthOptions = {}): Promise<CaseOrderMonthRow[]> {
  const withAdl = options.adl ?? true;
  const ordered = options.ordered ?? true;
  const { rows } = await tx.query<CaseOrderMonthRow>(
    `WITH visits AS (
       -- the month's performed visits per case and provider, kept as visits arrive (migration 0033)
       SELECT case_id, provider_unit_id, performed_minutes::float8, night_minutes::float8, performed_visits
         FROM visit_month
        WHERE municipality_id = current_municipality() AND month = $1::date),
     adl AS (
       -- each person's latest completed assessment and the sum of its scores (migration 0030)
       SELECT DISTINCT ON (person_id) person_id, adl_sum
         FROM assessment
        WHERE municipality_id = current_municipality() AND status = 'completed' AND ${withAdl ? 'true' : 'false'}
        ORDER BY person_id, ${latestFirst()}),
     cases AS (
       -- the state's fields as generated columns hold them (migration 0034), not the state itself, from
       -- the index of granted cases with orders alone (migration 0041)
       SELECT ${CASE_FIELDS}
         FROM case_file c
        WHERE c.municipality_id = current_municipality() AND c.decision_outcome IN ('granted', 'partly_granted')
          AND c.orders IS NOT NULL
          AND ($2::text[] IS NULL OR ${inScope('c', 2, 3)}))
     SELECT ${CASE_ORDER_MONTH_COLUMNS}
       FROM cases c
       CROSS JOIN LATERAL jsonb_array_elements(c.orders) WITH ORDINALITY AS o(value, n)
       LEFT JOIN visits v ON v.case_id = c.id AND v.provider_unit_id::text = o.value ->> 'providerUnitId'
       LEFT JOIN adl a ON a.person_id = c.person_id
      WHERE ${ORDER_COUNTS}
      ${ordered ? 'ORDER BY c.case_number, o.n' : ''}`,
    [monthFirst, scope?.keys ?? null, scope?.caseIds ?? []],
  );
  return rows;
}

/** Where a page of the month's case orders starts: after this case number and this place among the case's orders. */
export interface CaseOrderCursor {
  readonly caseNumber: string;
  readonly order: number;
}

/** A case order of a page, with its place among the case's orders (the cursor's second key). */
export interface CaseOrderPageRow extends CaseOrderMonthRow {
  order_n: number;
}

/**
 * One page of caseOrderMonths' rows within the scope, by case number and each case's order of orders
 * (keyset paging, issue 18): the page's cases are found by the index on the case number, and only
 * their visits and assessments are read, so a page costs a page of rows whatever the month holds.
 * With a provider unit, only orders to it.
 */
export async function caseOrderMonthsPage(
  tx: Tx,
  monthFirst: string,
  scope: CaseScope,
  page: { readonly providerUnitId: string | null; readonly after: CaseOrderCursor | null; readonly limit: number },
): Promise<CaseOrderPageRow[]> {
  const { rows } = await tx.query<CaseOrderPageRow>(
    `WITH page AS (
       SELECT ${CASE_FIELDS}, o.value AS order_value, o.n AS order_n
         FROM case_file c
         CROSS JOIN LATERAL jsonb_array_elements(c.orders) WITH ORDINALITY AS o(value, n)
        WHERE c.municipality_id = current_municipality() AND c.decision_outcome IN ('granted', 'partly_granted')
          AND c.orders IS NOT NULL
          AND ${inScope('c', 2, 3)}
          AND ${ORDER_COUNTS}
          AND ($4::text IS NULL OR o.value ->> 'providerUnitId' = $4)
          AND ($5::text IS NULL OR c.case_number >= $5 AND (c.case_number, o.n) > ($5, $6::bigint))
        ORDER BY c.case_number, o.n
        LIMIT $7)
     SELECT ${CASE_ORDER_MONTH_COLUMNS}, c.order_n::int AS order_n
       FROM page c
       CROSS JOIN LATERAL (SELECT c.order_value AS value) o
       LEFT JOIN visit_month v
         ON v.municipality_id = current_municipality() AND v.month = $1::date
        AND v.case_id = c.id AND v.provider_unit_id::text = o.value ->> 'providerUnitId'
       LEFT JOIN LATERAL (
         SELECT adl_sum FROM assessment
          WHERE municipality_id = current_municipality() AND person_id = c.person_id AND status = 'completed'
          ORDER BY ${latestFirst()}
          LIMIT 1) a ON true
      ORDER BY c.case_number, c.order_n`,
    [monthFirst, scope.keys, scope.caseIds, page.providerUnitId, page.after?.caseNumber ?? null, page.after?.order ?? 0, page.limit],
  );
  return rows;
}

/** Cancelled visits of a month counted per case, provider and reason, each case's reasons in the order they first occur. */
export async function cancelledVisitCounts(tx: Tx, from: string, to: string, caseIds: readonly string[] | null = null): Promise<{ case_id: string; provider_unit_id: string; reason: string; n: number }[]> {
  const { rows } = await tx.query<{ case_id: string; provider_unit_id: string; reason: string; n: number }>(
    `SELECT case_id, provider_unit_id, reason, count(*)::int AS n FROM (
       SELECT v.case_id, v.provider_unit_id, coalesce(v.cancel_reason, '') AS reason,
              row_number() OVER (ORDER BY v.visit_date, v.starts_at NULLS LAST, v.recorded_at) AS place
       ${UNCORRECTED_VISITS_OF_MONTH} AND v.status = 'cancelled' AND ($3::uuid[] IS NULL OR v.case_id = ANY($3::uuid[]))) c
      GROUP BY case_id, provider_unit_id, reason
      ORDER BY min(place)`,
    [from, to, caseIds],
  );
  return rows;
}
