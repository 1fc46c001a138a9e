/**
 * Approved providers per service (godkjente leverandører) with their price models and answer times,
 * the purchaser's budget frames and the providers' reported expenses, and the escalations to leaders.
 */
import { z } from 'zod';
import { priceModelSchema } from '../domain/provider/pricing.ts';
import { SERVICE_CODES } from '../domain/services/catalogue.ts';
import { listUnits } from '../store/org.ts';
import { agreementsInForce, insertAgreement, insertMonthFigure, listEscalations, type MonthFigureKind } from '../store/provider.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { invalidField } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

const localDate = z.iso.date();

export const agreementInput = z.object({
  providerUnitId: z.uuid(),
  serviceCode: z.enum(SERVICE_CODES),
  validFrom: localDate,
  validTo: localDate.optional(),
  userChoice: z.boolean().describe('The provider is one the person may choose (brukervalg)'),
  responseDays: z.int().min(1).max(30).default(2).describe('Working days the provider has to answer an order'),
  priceModel: priceModelSchema,
});

export const monthFigureInput = z.object({
  unitId: z.uuid(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
  amount: z.number().min(0).max(10_000_000_000).describe('Kroner'),
});

const PROVIDER_KINDS = ['municipal_provider', 'private_provider', 'interdisciplinary_team'];

async function assertUnitKind(tx: Tx, unitId: string, field: string, kinds: readonly string[]): Promise<void> {
  const unit = (await listUnits(tx)).find((u) => u.id === unitId);
  if (!unit) throw invalidField(field, 'no such unit in this municipality');
  if (!kinds.includes(unit.kind)) throw invalidField(field, `a ${unit.kind.replace(/_/g, ' ')} cannot be used here (expected ${kinds.join(' or ')})`);
}

export async function agreements(ctx: AppContext, principal: Principal, onDate?: string, serviceCode?: string) {
  return inTenant(ctx.db.app, principal, async (tx) =>
    (await agreementsInForce(tx, onDate ?? todayIn(ctx), serviceCode)).map((a) => ({
      id: a.id,
      providerUnitId: a.provider_unit_id,
      providerName: a.provider_name,
      providerKind: a.provider_kind,
      serviceCode: a.service_code,
      validFrom: a.valid_from,
      validTo: a.valid_to,
      userChoice: a.user_choice,
      responseDays: a.response_days,
      priceModel: a.price_model,
    })),
  );
}

/** A new agreement version; it supersedes the provider's earlier one for the service from its date. */
export async function addAgreement(ctx: AppContext, principal: Principal, meta: CommandMeta, input: z.infer<typeof agreementInput>): Promise<CommandResult> {
  requireRole(principal, ['leader'], 'Provider agreements');
  return runCommand(ctx, principal, meta, async (tx) => {
    await assertUnitKind(tx, input.providerUnitId, 'providerUnitId', PROVIDER_KINDS);
    if (input.validTo && input.validTo < input.validFrom) throw invalidField('validTo', 'ends before it starts');
    const id = await insertAgreement(tx, input, principal.staffId);
    return { statusCode: 201, body: { id, ...input } };
  });
}

/** Records a month's budget frame of a purchasing unit, or a provider's expenses; a later figure replaces an earlier one. */
export async function recordMonthFigure(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  table: MonthFigureKind,
  input: z.infer<typeof monthFigureInput>,
): Promise<CommandResult> {
  requireRole(principal, ['leader'], table === 'budget_frame' ? 'Budget frames' : 'Provider expenses');
  return runCommand(ctx, principal, meta, async (tx) => {
    await assertUnitKind(tx, input.unitId, 'unitId', table === 'budget_frame' ? ['allocation_office', 'interdisciplinary_team', 'allocation_board', 'management'] : PROVIDER_KINDS);
    await insertMonthFigure(tx, table, input.unitId, `${input.month}-01`, input.amount, principal.staffId);
    return { statusCode: 201, body: { ...input } };
  });
}

export async function escalations(ctx: AppContext, principal: Principal) {
  requireRole(principal, ['leader'], 'Escalations');
  return inTenant(ctx.db.app, principal, async (tx) =>
    (await listEscalations(tx)).map((e) => ({ id: e.id, kind: e.kind, caseId: e.case_id, caseNumber: e.case_number, unitId: e.unit_id, detail: e.detail, raisedAt: e.raised_at.toISOString() })),
  );
}
