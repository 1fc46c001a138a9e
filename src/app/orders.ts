/**
 * The rules of orders and user choice, checked with every command (API and demo alike): an order goes
 * to an approved provider; under user choice (brukervalg) the person's informed choice is recorded
 * first and the order follows it; only the provider's own staff answer its orders. An order waiting
 * for an answer carries a deadline; when it falls due the allocation office is reminded (escalation).
 */
import type { ActionBody, ActionPayload, CaseState } from '../domain/case/index.ts';
import { addWorkingDays, osloDate } from '../domain/law/deadlines.ts';
import { awaitingOrder } from '../domain/provider/orders.ts';
import { applyDeadlineChange } from '../store/deadlines.ts';
import { agreementsInForce, type AgreementRow } from '../store/provider.ts';
import type { Tx } from '../store/tx.ts';
import type { AuthorityContext } from './authority.ts';
import { AppError, invalidField } from './errors.ts';

/** Working days a provider has to answer an order when its agreement says nothing. */
export const DEFAULT_RESPONSE_DAYS = 2;

const forbidden = (rule: string, message: string) => new AppError('forbidden', message, { rule });

export async function checkOrderRules(tx: Tx, ctx: AuthorityContext, state: CaseState, body: ActionBody, onDate: string): Promise<void> {
  switch (body.type) {
    case 'service_arranged':
      return checkArrangement(state, body.payload, await agreementsInForce(tx, onDate, state.serviceCode), ctx);
    case 'provider_chosen':
      return checkChoice(body.payload, await agreementsInForce(tx, onDate, state.serviceCode));
    case 'order_accepted':
    case 'order_rejected':
      return checkAnswer(ctx, state, body.payload.providerUnitId);
    default:
      return;
  }
}

function checkAnswer(ctx: AuthorityContext, state: CaseState, providerUnitId: string): void {
  if (!ctx.actor.units.some((u) => u.id === providerUnitId)) {
    throw forbidden('own_orders_only', 'Only staff of the provider the order went to can answer it.');
  }
  if (!awaitingOrder(state.orders, providerUnitId)) throw invalidField('action.payload.providerUnitId', 'this provider has no order waiting for an answer on the case');
}

function checkChoice(p: ActionPayload<'provider_chosen'>, agreements: readonly AgreementRow[]): void {
  const inChoice = agreements.filter((a) => a.user_choice);
  if (!inChoice.length) throw invalidField('action.type', 'this service is not under user choice (no approved providers with user choice)');
  const approved = new Set(inChoice.map((a) => a.provider_unit_id));
  const unknown = p.presentedProviderUnitIds.filter((id) => !approved.has(id));
  if (unknown.length) throw invalidField('action.payload.presentedProviderUnitIds', 'names a provider not approved for this service');
  if (p.choice === 'provider' && !p.providerUnitId) throw invalidField('action.payload.providerUnitId', 'say which provider the person chose');
  if (p.choice === 'provider' && p.providerUnitId && !approved.has(p.providerUnitId)) {
    throw invalidField('action.payload.providerUnitId', 'the chosen provider is not approved for this service');
  }
}

function checkArrangement(
  state: CaseState,
  p: ActionPayload<'service_arranged'>,
  agreements: readonly AgreementRow[],
  ctx: AuthorityContext,
): void {
  if (!agreements.length) return; // no agreements for the service: any provider unit may deliver
  const approved = new Set(agreements.map((a) => a.provider_unit_id));
  if (!approved.has(p.providerUnitId)) throw invalidField('action.payload.providerUnitId', 'not an approved provider for this service');
  if (p.partOrder && !approved.has(p.partOrder.providerUnitId)) throw invalidField('action.payload.partOrder.providerUnitId', 'not an approved provider for this service');
  if (!agreements.some((a) => a.user_choice)) return;
  const choice = state.providerChoice;
  if (!choice) {
    throw forbidden('user_choice', "The service is under user choice (brukervalg): record the person's informed choice of provider (provider_chosen) before the order.");
  }
  const kindOf = (id: string) => ctx.units.find((u) => u.id === id)?.kind;
  if (choice.choice === 'provider' && choice.providerUnitId !== p.providerUnitId) {
    throw invalidField('action.payload.providerUnitId', 'the order must go to the provider the person chose; order a part the chosen provider cannot deliver as partOrder');
  }
  if (choice.choice === 'no_preference' && kindOf(p.providerUnitId) !== 'municipal_provider') {
    throw invalidField('action.payload.providerUnitId', 'the person has no preference, so the municipal provider delivers');
  }
}

/** Keeps the case's order-response deadline in step with its orders: due while one waits, satisfied when none does. */
export async function projectOrderDeadline(tx: Tx, caseId: string, before: CaseState, next: CaseState, at: string): Promise<void> {
  if (before.orders === next.orders) return;
  const waiting = awaitingOrder(next.orders);
  if (!waiting) {
    await applyDeadlineChange(tx, caseId, { set: [], satisfy: ['order_response'] }, at);
    return;
  }
  if (awaitingOrder(before.orders)?.sentSeq === waiting.sentSeq) return;
  const sentOn = osloDate(waiting.sentAt);
  const agreement = (await agreementsInForce(tx, sentOn, next.serviceCode)).find((a) => a.provider_unit_id === waiting.providerUnitId);
  const days = agreement?.response_days ?? DEFAULT_RESPONSE_DAYS;
  await applyDeadlineChange(tx, caseId, {
    set: [{ kind: 'order_response', dueOn: addWorkingDays(sentOn, days), ruleId: 'order_response', citation: `the provider agreement: an answer within ${days} working days (seed 002; domain reference §6)` }],
    satisfy: [],
  }, at);
}
