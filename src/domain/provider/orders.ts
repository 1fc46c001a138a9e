/**
 * Orders (bestillinger) to providers, as part of a case's state. Arranging the service sends an order
 * to each provider it names; arranging again to a provider that had accepted is an order change;
 * ending the service, or arranging it elsewhere, ends the orders a provider had accepted. Each of
 * these waits for the provider's answer, and an unanswered one escalates (see caseLog).
 */
import type { ActionPayload } from '../case/actions.ts';

export type OrderKind = 'new' | 'change' | 'end';
export type OrderStatus = 'awaiting' | 'accepted' | 'rejected';

export interface OrderState {
  readonly providerUnitId: string;
  /** 1 for the first order to this provider on the case; each change adds one. */
  readonly revision: number;
  readonly kind: OrderKind;
  readonly status: OrderStatus;
  /** The action that sent this revision. */
  readonly sentSeq: number;
  readonly sentAt: string;
  readonly hoursPerWeek: number | null;
  /** Planned visits a week, from the order's tasks (null when the order names none). */
  readonly visitsPerWeek: number | null;
  /** A part of the service under mixed provision. */
  readonly part: boolean;
}

/** The orders after arranging: one per named provider, and an end for any accepted order left out. */
export function ordersAfterArranging(
  previous: readonly OrderState[],
  payload: ActionPayload<'service_arranged'>,
  sentSeq: number,
  sentAt: string,
  decidedHours: number | null,
): OrderState[] {
  const mainHours = payload.order?.hoursPerWeek ?? (decidedHours !== null && payload.partOrder ? Math.max(0, decidedHours - payload.partOrder.hoursPerWeek) : decidedHours);
  const named = [
    { providerUnitId: payload.providerUnitId, hoursPerWeek: mainHours, visitsPerWeek: visitsOf(payload.order?.tasks), part: false },
    ...(payload.partOrder
      ? [{ providerUnitId: payload.partOrder.providerUnitId, hoursPerWeek: payload.partOrder.hoursPerWeek, visitsPerWeek: visitsOf(payload.partOrder.tasks), part: true }]
      : []),
  ];
  const next: OrderState[] = named.map((n) => {
    const before = previous.find((o) => o.providerUnitId === n.providerUnitId && o.kind !== 'end');
    // A change sent again before the provider answered is still a change of the order it had accepted.
    const changing = before !== undefined && (before.status === 'accepted' || (before.kind === 'change' && before.status === 'awaiting'));
    return { ...n, revision: (before?.revision ?? 0) + 1, kind: changing ? 'change' : 'new', status: 'awaiting', sentSeq, sentAt };
  });
  // A provider left out is told the end of whatever it holds or still has to answer.
  const ended = previous.filter((o) => holdsWork(o) && !named.some((n) => n.providerUnitId === o.providerUnitId)).map((o) => endOf(o, sentSeq, sentAt));
  return [...next, ...ended];
}

function visitsOf(tasks: readonly { visitsPerWeek?: number | undefined }[] | undefined): number | null {
  const counted = (tasks ?? []).filter((t) => t.visitsPerWeek !== undefined);
  return counted.length ? counted.reduce((a, t) => a + (t.visitsPerWeek ?? 0), 0) : null;
}

function endOf(o: OrderState, sentSeq: number, sentAt: string): OrderState {
  return { ...o, revision: o.revision + 1, kind: 'end', status: 'awaiting', sentSeq, sentAt };
}

/**
 * Whether a provider holds (or may hold) work under the order: one it accepted, one still waiting for
 * its answer, or a change it rejected (it still delivers the revision it had accepted before).
 */
export function holdsWork(o: OrderState): boolean {
  return o.kind !== 'end' && (o.status !== 'rejected' || o.kind === 'change');
}

/** Ending the service ends every order a provider is working on or still has to answer. */
export function ordersAfterEnding(previous: readonly OrderState[], sentSeq: number, sentAt: string): OrderState[] {
  return previous.map((o) => (holdsWork(o) ? endOf(o, sentSeq, sentAt) : o));
}

export function answerOrder(previous: readonly OrderState[], providerUnitId: string, status: 'accepted' | 'rejected'): OrderState[] {
  return previous.map((o) => (o.providerUnitId === providerUnitId && o.status === 'awaiting' ? { ...o, status } : o));
}

export function awaitingOrder(orders: readonly OrderState[] | undefined, providerUnitId?: string): OrderState | undefined {
  return (orders ?? []).find((o) => o.status === 'awaiting' && (providerUnitId === undefined || o.providerUnitId === providerUnitId));
}
