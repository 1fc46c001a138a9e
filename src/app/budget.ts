/**
 * Budgets over the year (issue 17.5): yearly frames per purchasing unit and service with monthly
 * phasing and a carry-over rule, and shared pools between units, configured from a date by the
 * administrator (or a leader) as versioned data: a change is a new version and an entry in the log of
 * configuration changes (org_change), never an update. The monthly figure of POST /budget-frames stays
 * as a monthly override of a unit's whole budget (see docs/budget.md).
 */
import { z } from 'zod';
import { carryOverSchema, phasingProblem, phasingSchema, poolProblem, poolSplitSchema } from '../domain/finance/budget.ts';
import { SERVICE_CODES } from '../domain/services/catalogue.ts';
import { budgetHistory, insertPool, insertYearFrame, poolExists } from '../store/budget.ts';
import { listUnits } from '../store/org.ts';
import { insertOrgChange } from '../store/orgConfig.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { yearView } from './budgetYear.ts';
import { today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { invalidField, notFound } from './errors.ts';
import { assertNotPast } from './orgConfig.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

/** Who sets budgets: the administrator configures, and the leaders who set monthly frames already. */
export const BUDGET_CONFIGURERS = ['admin', 'leader'];
/** The kinds of unit that hold a purchaser's budget. */
export const BUDGET_UNIT_KINDS = ['allocation_office', 'interdisciplinary_team', 'allocation_board', 'management'];

const year = z.number().int().min(2000).max(2100);
const amount = z.number().min(0).max(100_000_000_000).describe('Kroner for the year');
const serviceCode = z.enum(SERVICE_CODES).nullable().describe("One service, or null for the unit's whole budget");
const reason = z.string().trim().min(1).max(1000).optional().describe('Why (kept in the log of changes)');

export const yearFrameInput = z
  .object({
    unitId: z.uuid(),
    serviceCode,
    year,
    amount,
    phasing: phasingSchema.default({ kind: 'even' }),
    carryOver: carryOverSchema.default({ kind: 'none' }),
    effectiveOn: z.iso.date().describe('The day this version holds from (today or later)'),
    reason,
  })
  .strict();

export const poolInput = z
  .object({
    poolId: z.uuid().optional().describe('A new version of this pool; left out for a new pool'),
    name: z.string().trim().min(1).max(200),
    serviceCode,
    year,
    amount,
    phasing: phasingSchema.default({ kind: 'even' }),
    split: poolSplitSchema,
    effectiveOn: z.iso.date(),
    reason,
  })
  .strict();

async function assertBudgetUnits(tx: Tx, ids: readonly string[], field: (i: number) => string): Promise<Map<string, string>> {
  const units = await listUnits(tx);
  ids.forEach((id, i) => {
    const u = units.find((x) => x.id === id);
    if (!u) throw invalidField(field(i), 'no such unit in this municipality');
    if (!BUDGET_UNIT_KINDS.includes(u.kind)) throw invalidField(field(i), `a ${u.kind.replace(/_/g, ' ')} holds no purchaser's budget (expected ${BUDGET_UNIT_KINDS.join(' or ')})`);
  });
  return new Map(units.map((u) => [u.id, u.name]));
}

function configure(ctx: AppContext, principal: Principal, meta: CommandMeta, work: (tx: Tx, today: string) => Promise<unknown>): Promise<CommandResult> {
  requireRole(principal, BUDGET_CONFIGURERS, 'Budget frames and pools');
  return runCommand(ctx, principal, meta, async (tx) => ({ statusCode: 201, body: await work(tx, todayIn(ctx)) }));
}

const kr = (x: number) => `${x.toLocaleString('en-GB', { maximumFractionDigits: 2 })} kr`;

/** A new version of a unit's yearly frame (for a service, or its whole budget). */
export function setYearFrame(ctx: AppContext, principal: Principal, meta: CommandMeta, input: z.infer<typeof yearFrameInput>): Promise<CommandResult> {
  return configure(ctx, principal, meta, async (tx, today) => {
    assertNotPast('effectiveOn', input.effectiveOn, today);
    const problem = phasingProblem(input.phasing);
    if (problem) throw invalidField('phasing.percents', problem);
    const names = await assertBudgetUnits(tx, [input.unitId], () => 'unitId');
    const what = `${names.get(input.unitId)}, ${input.serviceCode?.replace(/_/g, ' ') ?? 'all services'}, ${input.year}`;
    const rule = input.carryOver.kind === 'none' ? 'no carry-over' : `carry-over ${input.carryOver.kind.replace(/_/g, ' ')} capped at ${input.carryOver.capPercent} % of the ${input.carryOver.capOf}`;
    const changeId = await insertOrgChange(tx, {
      kind: 'budget_frame_set',
      subjectId: input.unitId,
      effectiveOn: input.effectiveOn,
      payload: input,
      summary: `Budget frame ${what}: ${kr(input.amount)}, phased ${input.phasing.kind === 'even' ? 'evenly' : 'by monthly shares'}, ${rule}.`,
      staffId: principal.staffId,
      reason: input.reason ?? null,
    });
    const { reason: _, ...frame } = input;
    const id = await insertYearFrame(tx, { ...frame, recordedBy: principal.staffId }, changeId);
    return { id, changeId, ...frame };
  });
}

/** A new pool, or a new version of one: an amount shared by units by share or drawn first come. */
export function setPool(ctx: AppContext, principal: Principal, meta: CommandMeta, input: z.infer<typeof poolInput>): Promise<CommandResult> {
  return configure(ctx, principal, meta, async (tx, today) => {
    assertNotPast('effectiveOn', input.effectiveOn, today);
    const problem = phasingProblem(input.phasing) ?? poolProblem(input.split);
    if (problem) throw invalidField(phasingProblem(input.phasing) ? 'phasing.percents' : 'split', problem);
    if (input.poolId && !(await poolExists(tx, input.poolId))) throw notFound('The pool');
    const unitIds = input.split.kind === 'shares' ? input.split.shares.map((s) => s.unitId) : input.split.unitIds;
    await assertBudgetUnits(tx, unitIds, (i) => (input.split.kind === 'shares' ? `split.shares.${i}.unitId` : `split.unitIds.${i}`));
    const poolId = input.poolId ?? crypto.randomUUID();
    const changeId = await insertOrgChange(tx, {
      kind: 'budget_pool_set',
      subjectId: poolId,
      effectiveOn: input.effectiveOn,
      payload: input,
      summary: `Pool ${input.name} ${input.year}: ${kr(input.amount)} for ${input.serviceCode?.replace(/_/g, ' ') ?? 'all services'}, ${input.split.kind === 'shares' ? 'split by shares' : 'drawn first come'} between ${unitIds.length} unit(s).`,
      staffId: principal.staffId,
      reason: input.reason ?? null,
    });
    const { reason: _, poolId: __, ...pool } = input;
    const id = await insertPool(tx, { ...pool, poolId, recordedBy: principal.staffId }, changeId);
    return { id, poolId, changeId, ...pool };
  });
}

/** Readers of the whole year's budgets: those who configure them. */
export async function budgetYear(ctx: AppContext, principal: Principal, y: number) {
  requireRole(principal, BUDGET_CONFIGURERS, 'Budget frames and pools');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const view = await yearView(tx, y, todayIn(ctx));
    const history = await budgetHistory(tx, y);
    return { ...view, history };
  });
}
