/**
 * Reads of the case file (saksmappen) that the case view needs beyond the case itself: the orders
 * of one case with what delivering them needs (tasks, time, goals, practical information). Staff who
 * see the whole case get every order; a provider with an order's view gets its own orders only, so
 * opening one case reads one person's data, not the whole list of orders to the unit (GET /orders).
 */
import type { ActionPayload } from '../domain/case/index.ts';
import type { OrderState } from '../domain/provider/orders.ts';
import { listActions } from '../store/cases.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { gatedCase, gateOf } from './gate.ts';
import type { Principal } from './principal.ts';

type Arranged = ActionPayload<'service_arranged'>;
type Sent = NonNullable<Arranged['order']> | NonNullable<Arranged['partOrder']>;

export interface CaseOrder extends OrderState {
  /** The day the service was to start, as ordered. */
  readonly startOn: string | null;
  /** What the provider needs, as ordered (the part order under mixed provision); null when the order named nothing more. */
  readonly details: Sent | null;
}

/** What an order was sent with: the service_arranged action at its seq. */
function sentWith(history: readonly { seq: number; type: string; payload: unknown }[], o: OrderState): Pick<CaseOrder, 'startOn' | 'details'> {
  const sent = history.find((a) => a.seq === o.sentSeq && a.type === 'service_arranged');
  if (!sent) return { startOn: null, details: null };
  const payload = sent.payload as Arranged;
  return { startOn: payload.startOn, details: (o.part ? payload.partOrder : payload.order) ?? null };
}

/** The orders of a case the staff member may see: all with the whole case, the own unit's with an order's view. */
export async function caseOrders(ctx: AppContext, principal: Principal, meta: RequestMeta, caseId: string): Promise<{ orders: CaseOrder[] }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const { row, level } = await gatedCase(tx, gate, caseId, 'order', 'the orders of this case');
    const own = new Set(gate.actor.units.map((u) => u.id));
    const visible = (row.state.orders ?? []).filter((o) => level === 'full' || own.has(o.providerUnitId));
    const history = visible.length > 0 ? await listActions(tx, caseId) : [];
    await audit(tx, principal, meta, 'read', 'orders of a case', [row.person_id]);
    return { orders: visible.map((o) => ({ ...o, ...sentWith(history, o) })) };
  });
}
