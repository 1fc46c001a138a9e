/**
 * The budget after a decision (issue 18.4) and before it (issue 20.6).
 *
 * After: a decision writes one row in budget_check in its own transaction; the job runner checks it
 * after commit and, when the unit's decided value for the month is beyond its frame, tells the leader
 * (an escalation). A statutory decision is never held back or delayed by an empty budget (seed 002
 * L443: «om det er lovpålagte tjenester tildeles tjenesten uansett»).
 *
 * Before: the decider sees the year's forecast for the unit and service with and without the
 * proposed decision, set against the frame, as information only.
 */
import { z } from 'zod';
import { addMonths, forecastYear, MONTHS_IN_YEAR, proposedMonths } from '../domain/finance/index.ts';
import { activityDeviation } from '../domain/provider/pricing.ts';
import { TRANSITIONS } from '../domain/case/transitions.ts';
import { findService, SERVICE_CODES } from '../domain/services/catalogue.ts';
import type { Database } from '../store/database.ts';
import { markBudgetChecked, pendingBudgetChecks } from '../store/budget.ts';
import { listMunicipalities } from '../store/org.ts';
import { agreementsInForce, insertEscalation } from '../store/provider.ts';
import { listPolicyVersions } from '../store/policies.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { budgetConfig, effectiveFrame, frameOf, monthsPassed, poolsOf, valueMonths, type BudgetConfig, type EffectiveFrame, type Scope } from './budgetYear.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { CaseState } from '../domain/case/index.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;
const kr = (x: number) => `${x.toFixed(2)} kr`;

interface CheckedCase {
  readonly owner_unit_id: string | null;
  readonly service_code: string;
  readonly state: CaseState;
}

/** The frames a decision is set against: the unit's frame for the service, and its whole budget. */
const scopesOf = (c: CheckedCase): Scope[] => [
  { unitId: c.owner_unit_id as string, serviceCode: c.service_code },
  { unitId: c.owner_unit_id as string, serviceCode: null },
];

/** The case as it stands, if it has a grant and a unit that holds its budget. */
async function grantedCase(tx: Tx, caseId: string): Promise<CheckedCase | null> {
  const { rows } = await tx.query<CheckedCase>('SELECT owner_unit_id, service_code, state FROM case_file WHERE municipality_id = current_municipality() AND id = $1', [caseId]);
  const c = rows[0];
  const d = c?.state.decision;
  return c && d && d.outcome !== 'refused' && c.owner_unit_id ? c : null;
}

/** A scope's frame and decided value in a month; null when it has no frame. */
interface MonthStanding {
  readonly limit: number;
  readonly value: number;
  readonly pools: boolean;
}

/** Standings read once per batch: many decisions of one unit and month need the month's figures once. */
export type StandingMemo = Map<string, Promise<MonthStanding | null>>;

async function readStanding(tx: Tx, s: Scope, onDate: string, today: string): Promise<MonthStanding | null> {
  const year = Number(onDate.slice(0, 4));
  const month = Number(onDate.slice(5, 7));
  const frame = await effectiveFrame(tx, await budgetConfig(tx, year, onDate), s, today, [month]);
  if (!frame) return null;
  const value = (await valueMonths(tx, s, year, month, month))[month - 1] ?? 0;
  return { limit: frame.months[month - 1] ?? 0, value, pools: frame.pools.length > 0 };
}

function standing(tx: Tx, memo: StandingMemo, s: Scope, onDate: string, today: string): Promise<MonthStanding | null> {
  const key = `${s.unitId}|${s.serviceCode ?? ''}|${onDate.slice(0, 7)}`;
  let hit = memo.get(key);
  if (!hit) {
    hit = readStanding(tx, s, onDate, today);
    memo.set(key, hit);
  }
  return hit;
}

/** Checks one decision against its unit's month; escalates when beyond the frame. Returns what it found. */
export async function checkBudget(tx: Tx, caseId: string, onDate: string, today: string, memo: StandingMemo = new Map()): Promise<'escalated' | 'within' | 'no_frame' | 'not_applicable'> {
  const c = await grantedCase(tx, caseId);
  if (!c) return 'not_applicable';
  let found: 'within' | 'no_frame' = 'no_frame';
  for (const s of scopesOf(c)) {
    const st = await standing(tx, memo, s, onDate, today);
    if (!st) continue;
    found = 'within';
    if (st.value <= st.limit) continue;
    const what = s.serviceCode ? `for ${s.serviceCode.replace(/_/g, ' ')}` : 'for all services';
    await insertEscalation(tx, {
      kind: 'budget_exceeded',
      caseId,
      unitId: s.unitId,
      detail: `Decided value ${kr(st.value)} in ${onDate.slice(0, 7)} ${what} is beyond the budget frame of ${kr(st.limit)}${st.pools ? ' (pools included)' : ''}. The decision stands (a statutory service is not stopped by the budget).`,
    });
    return 'escalated';
  }
  return found;
}

/** Runs the budget checks waiting in one municipality; returns how many escalated. */
export async function runBudgetChecksIn(db: Database, municipalityId: string, today: string): Promise<number> {
  let escalated = 0;
  for (;;) {
    const done = await inTenant(db.app, { municipalityId, staffId: null }, async (tx) => {
      const pending = await pendingBudgetChecks(tx, 50);
      const memo: StandingMemo = new Map();
      for (const p of pending) {
        const outcome = await checkBudget(tx, p.caseId, p.onDate, today, memo);
        if (outcome === 'escalated') escalated += 1;
        await markBudgetChecked(tx, p.id, outcome);
      }
      return pending.length;
    });
    if (done < 50) return escalated;
  }
}

/** The job runner's task: the checks waiting in every municipality. */
export async function runBudgetChecks(db: Database, today: string, log?: (message: string) => void, municipalityId?: string): Promise<number> {
  let escalated = 0;
  const ids = municipalityId ? [municipalityId] : (await listMunicipalities(db.app)).map((m) => m.id);
  for (const id of ids) {
    try {
      escalated += await runBudgetChecksIn(db, id, today);
    } catch (error) {
      // One municipality's failure leaves its checks waiting for the next run; the others go on.
      log?.(`budget checks in ${id} failed: ${(error as Error).message}`);
    }
  }
  return escalated;
}

/** A day in the years budgets are kept for (2000–2100). */
const budgetDate = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'a day in the years 2000–2100');

export const forecastQuery = z.object({
  unitId: z.uuid().describe('The purchasing unit whose frame the decision falls under'),
  serviceCode: z.enum(SERVICE_CODES),
  hoursPerWeek: z.coerce.number().min(0).max(168).optional().describe('The proposed decision’s hours per week (left out: the forecast without a proposal)'),
  from: budgetDate.optional().describe('The first day of the proposed decision (default today); its year is the forecast’s'),
  to: budgetDate.optional().describe('The last day of the proposed decision (default: until further notice)'),
});

/** Who may read a forecast: the roles that may decide (the transition table and any policy's decide grants) and leaders. */
async function forecastReaders(tx: Tx): Promise<string[]> {
  const byPolicy = (await listPolicyVersions(tx)).flatMap((p) => p.rules.grants.decide.flatMap((g) => g.roles));
  return [...new Set([...TRANSITIONS.decision_made.roles, ...byPolicy, 'leader'])];
}

/** The price a proposed decision is valued at: the municipal provider's agreement (else the first approved provider's). */
async function proposalPrices(tx: Tx, serviceCode: string, on: string) {
  const forService = await agreementsInForce(tx, on, serviceCode);
  return (forService.find((a) => a.provider_kind === 'municipal_provider') ?? forService[0])?.price_model ?? null;
}

/** The service's own frame (or pool) if it has one, else the unit's whole budget. */
function forecastScope(config: BudgetConfig, unitId: string, serviceCode: string): Scope {
  const service = { unitId, serviceCode };
  return frameOf(config, service) || poolsOf(config, service).length ? service : { unitId, serviceCode: null };
}

/** The proposed decision's months, or null when no hours were proposed. */
async function proposal(tx: Tx, q: z.infer<typeof forecastQuery>, year: number, from: string): Promise<number[] | null> {
  if (q.hoursPerWeek === undefined) return null;
  const place = findService(q.serviceCode)?.institutional ?? false;
  return proposedMonths(year, { hoursPerWeek: q.hoursPerWeek, from, to: q.to ?? null, place }, await proposalPrices(tx, q.serviceCode, from));
}

const frameWords = (frame: EffectiveFrame | null) =>
  frame ? { total: frame.total, months: frame.months, carriedIn: frame.own?.carriedIn ?? 0, pools: frame.pools.map((p) => ({ poolId: p.poolId, name: p.name, kind: p.kind, amount: round2(p.months.reduce((a, x) => a + x, 0)) })) } : null;

export async function budgetForecast(ctx: AppContext, principal: Principal, q: z.infer<typeof forecastQuery>) {
  return inTenant(ctx.db.app, principal, async (tx) => {
    const readers = await forecastReaders(tx);
    if (!principal.roles.some((r) => readers.includes(r))) throw new AppError('forbidden', `The budget forecast needs one of the roles ${readers.join(', ')}.`);
    const today = todayIn(ctx);
    const from = q.from ?? today;
    const year = Number(from.slice(0, 4));
    const config = await budgetConfig(tx, year, today);
    const scope = forecastScope(config, q.unitId, q.serviceCode);
    const frame = await effectiveFrame(tx, config, scope, today, Array.from({ length: MONTHS_IN_YEAR }, (_, i) => i + 1));
    const passed = monthsPassed(year, today);
    const now = forecastYear(await valueMonths(tx, scope, year), passed);
    const proposed = await proposal(tx, q, year, from);
    const withProposal = proposed ? forecastYear(addMonths(now.months, proposed), passed) : null;
    const total = frame?.total ?? null;
    return {
      year,
      unitId: q.unitId,
      serviceCode: scope.serviceCode,
      frame: frameWords(frame),
      months: now.months,
      yearToDate: now.yearToDate,
      forecast: now.forecast,
      activityDeviation: activityDeviation(total, now.forecast),
      proposal: proposed && withProposal ? { added: round2(withProposal.forecast - now.forecast), months: proposed, forecast: withProposal.forecast, activityDeviation: activityDeviation(total, withProposal.forecast) } : null,
    };
  });
}
