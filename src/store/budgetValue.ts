/**
 * The decided value of a unit's granted cases month by month, in one SQL statement (issue 18.4: the
 * budget check no longer loads every case and visit of the month into JavaScript). A case is valued
 * on decided time at the prices of the agreement in force on the month's first day: each accepted
 * order (or change) at its provider's prices, with the order's hours (else the plan's, else the
 * decision's) and visits; a granted case with no accepted order at the municipal provider's prices
 * (else the first approved provider's) for the decision's hours or frame maximum. The days counted
 * are those of the month the decision holds (until its end date or the service's end). Price
 * elements that follow a case count (hours, visits, a price per user, a day price per place); a
 * provider's fixed frame and ADL share do not. The same rules as the settlement's granted value
 * (app/settlement.ts), there computed per case in TypeScript.
 */
import type { Tx } from './tx.ts';

const COUNTED_ORDER = `o->>'status' <> 'rejected' AND (o->>'kind' <> 'new' OR o->>'status' = 'accepted')`;

const VALUE_SQL = `
WITH months AS (
  SELECT g::date AS first, (g + interval '1 month' - interval '1 day')::date AS last
    FROM generate_series($1::date, $2::date, interval '1 month') g
),
cases AS (
  SELECT c.id, c.service_code, c.state, c.service_code = ANY($5::text[]) AS place,
         COALESCE((c.state->'decision'->>'validFrom')::date, '-infinity'::date) AS d_from,
         LEAST(COALESCE((c.state->'decision'->>'validTo')::date, 'infinity'::date), COALESCE((c.state->>'serviceEndedOn')::date, 'infinity'::date)) AS d_to
    FROM case_file c
   WHERE c.municipality_id = current_municipality() AND c.decision_outcome IN ('granted', 'partly_granted')
     AND c.owner_unit_id = $3 AND ($4::text IS NULL OR c.service_code = $4)
),
lines AS (
  SELECT c.service_code, c.place, c.d_from, c.d_to, o->>'providerUnitId' AS provider,
         COALESCE((o->>'hoursPerWeek')::numeric, (c.state->>'planHoursPerWeek')::numeric, (c.state->'decision'->>'hoursPerWeek')::numeric, 0) AS hpw,
         COALESCE((o->>'visitsPerWeek')::numeric, 0) AS vpw
    FROM cases c CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.state->'orders', '[]'::jsonb)) o
   WHERE ${COUNTED_ORDER}
  UNION ALL
  SELECT c.service_code, c.place, c.d_from, c.d_to, NULL,
         COALESCE((c.state->'decision'->'frame'->>'maxHoursPerWeek')::numeric, (c.state->'decision'->>'hoursPerWeek')::numeric, 0), 0
    FROM cases c
   WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(c.state->'orders', '[]'::jsonb)) o WHERE ${COUNTED_ORDER})
),
rates AS (
  SELECT m.first, p.provider_unit_id::text AS provider, p.service_code, p.kind, p.name,
         (SELECT COALESCE(sum((e->>'pricePerHour')::numeric), 0) FROM jsonb_array_elements(p.price_model->'elements') e WHERE e->>'kind' = 'hour') AS hour_price,
         (SELECT COALESCE(sum((e->>'pricePerVisit')::numeric), 0) FROM jsonb_array_elements(p.price_model->'elements') e WHERE e->>'kind' = 'visit') AS visit_price,
         (SELECT COALESCE(sum((e->>'pricePerUserMonth')::numeric), 0) FROM jsonb_array_elements(p.price_model->'elements') e WHERE e->>'kind' = 'user') AS user_price,
         (SELECT COALESCE(sum((e->>'pricePerDay')::numeric), 0) FROM jsonb_array_elements(p.price_model->'elements') e WHERE e->>'kind' = 'day') AS day_price
    FROM months m CROSS JOIN LATERAL (
      SELECT DISTINCT ON (a.provider_unit_id, a.service_code) a.provider_unit_id, a.service_code, a.price_model, a.valid_to, u.kind, u.name
        FROM provider_agreement a JOIN org_unit u ON u.municipality_id = a.municipality_id AND u.id = a.provider_unit_id
       WHERE a.municipality_id = current_municipality() AND a.valid_from <= m.first
       ORDER BY a.provider_unit_id, a.service_code, a.valid_from DESC, a.created_at DESC) p
   WHERE p.valid_to IS NULL OR p.valid_to >= m.first
),
prospective AS (
  SELECT DISTINCT ON (first, service_code) * FROM rates ORDER BY first, service_code, (kind = 'municipal_provider') DESC, kind, name
),
quantities AS (
  SELECT m.first, l.service_code, l.provider,
         CASE WHEN l.place THEN 0 ELSE round(l.hpw * (LEAST(m.last, l.d_to) - GREATEST(m.first, l.d_from) + 1) / 7, 2) END AS hours,
         round(l.vpw * (LEAST(m.last, l.d_to) - GREATEST(m.first, l.d_from) + 1) / 7, 2) AS visits,
         CASE WHEN l.place THEN LEAST(m.last, l.d_to) - GREATEST(m.first, l.d_from) + 1 ELSE 0 END AS place_days
    FROM lines l JOIN months m ON l.d_from <= m.last AND l.d_to >= m.first
),
priced AS (
  SELECT q.first,
         round(COALESCE(pr.hour_price, ps.hour_price, 0) * q.hours, 2)
         + round(COALESCE(pr.visit_price, ps.visit_price, 0) * q.visits, 2)
         + CASE WHEN q.hours > 0 OR q.place_days > 0 THEN COALESCE(pr.user_price, ps.user_price, 0) ELSE 0 END
         + round(COALESCE(pr.day_price, ps.day_price, 0) * q.place_days, 2) AS value
    FROM quantities q
    LEFT JOIN rates pr ON q.provider IS NOT NULL AND pr.first = q.first AND pr.provider = q.provider AND pr.service_code = q.service_code
    LEFT JOIN prospective ps ON q.provider IS NULL AND ps.first = q.first AND ps.service_code = q.service_code
)
SELECT extract(month FROM m.first)::int AS month, COALESCE(sum(p.value), 0)::float8 AS value
  FROM months m LEFT JOIN priced p ON p.first = m.first
 GROUP BY m.first ORDER BY m.first`;

export interface ValueQuery {
  readonly unitId: string;
  /** One service, or null for every service of the unit. */
  readonly serviceCode: string | null;
  /** The first day of the first and of the last month. */
  readonly fromMonth: string;
  readonly toMonth: string;
  /** The service codes of places (institution stays, priced by the day). */
  readonly placeCodes: readonly string[];
}

/** The decided value of each month from fromMonth to toMonth (inclusive), in order. */
export async function decidedValueByMonth(tx: Tx, q: ValueQuery): Promise<{ month: number; value: number }[]> {
  const { rows } = await tx.query<{ month: number; value: number }>(VALUE_SQL, [q.fromMonth, q.toMonth, q.unitId, q.serviceCode, q.placeCodes]);
  return rows.map((r) => ({ month: r.month, value: Math.round(r.value * 100) / 100 }));
}
