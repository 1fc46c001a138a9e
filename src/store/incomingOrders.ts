/**
 * The orders to a provider's units (issue 18): the cases, their orders to the units and the
 * service_arranged action each order was sent with, in one statement, instead of the whole case and
 * its whole action history per case.
 */
import type { OrderState } from '../domain/provider/orders.ts';
import type { Tx } from './tx.ts';

export interface IncomingOrderRow {
  readonly case_id: string;
  readonly case_number: string;
  readonly person_id: string;
  readonly person_name: string;
  readonly service_code: string;
  readonly version: number;
  /** The order as stored in the case's state. */
  readonly order: OrderState;
  /** The type and payload of the action at the order's sentSeq (null: none). */
  readonly sent_type: string | null;
  readonly sent_payload: unknown;
}

/**
 * The orders to the units (with the status, when asked) of the 500 cases last changed that hold one,
 * newest case first (and the highest case number first among cases changed at the same moment) and
 * each case's orders in their order in the state.
 */
export async function incomingOrderRows(tx: Tx, unitIds: readonly string[], status: string | null): Promise<IncomingOrderRow[]> {
  const { rows } = await tx.query<IncomingOrderRow>(
    `WITH k AS MATERIALIZED (
       -- (the case number breaks ties: cases loaded or changed together share their moment)
       SELECT id, row_number() OVER (ORDER BY updated_at DESC, case_number DESC) AS rank FROM (
         SELECT id, updated_at, case_number FROM case_file WHERE municipality_id = current_municipality() AND state->'orders' IS NOT NULL
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(state->'orders') o WHERE o->>'providerUnitId' = ANY($1::text[]) AND ($2::text IS NULL OR o->>'status' = $2))
          ORDER BY updated_at DESC, case_number DESC LIMIT 500) latest)
     SELECT c.id AS case_id, c.case_number, c.person_id, p.given_name || ' ' || p.family_name AS person_name, c.service_code, c.version,
            o.value AS "order", a.type AS sent_type, a.payload AS sent_payload
       FROM k
       JOIN case_file c ON c.municipality_id = current_municipality() AND c.id = k.id
       JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
      CROSS JOIN LATERAL jsonb_array_elements(c.state->'orders') WITH ORDINALITY o(value, n)
       LEFT JOIN LATERAL (
         SELECT a.type, a.payload FROM case_action a JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.actor_staff_id
          WHERE a.municipality_id = c.municipality_id AND a.case_id = c.id AND a.seq = (o.value->>'sentSeq')::int) a ON true
      WHERE o.value->>'providerUnitId' = ANY($1::text[]) AND ($2::text IS NULL OR o.value->>'status' = $2)
      ORDER BY k.rank, o.n`,
    [unitIds, status],
  );
  return rows;
}
