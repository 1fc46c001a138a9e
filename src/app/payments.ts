/**
 * Use cases for user payments (egenandelsforskriften): a person's income basis, recorded with its
 * source and date as an append-only history; the municipality's rates per year; and the payment of
 * a case's current decision, computed by the domain from the decision, the income basis and the
 * rates. Reading the income basis or a payment is reading personal data: through the gate, audited.
 */
import { z } from 'zod';
import type { ActionPayload } from '../domain/case/index.ts';
import { municipalRatesProblems, paymentStatement, type DecidedService, type MonthTerms, type MunicipalPaymentRates, type PaymentStatement } from '../domain/payments/index.ts';
import { currentDecisionContents, type CaseRow } from '../store/cases.ts';
import { allRates, currentIncomeBases, incomeHistory, insertIncomeBasis, insertRates, ratesFor, shortStayDaysBefore, type IncomeBasisRow, type IncomeFigures, type RatesRow, type StatedDecisionFields } from '../store/payments.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { today } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError } from './errors.ts';
import { gatedCase, gatedPerson, gateOf } from './gate.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

const kroner = z.int().min(0).max(1_000_000_000);

export const INCOME_SOURCES = ['tax_assessment', 'self_declared', 'nav', 'other'] as const;

export const recordIncomeBasisInput = z.object({
  householdIncome: kroner.describe('Husstandens samlede skattbare nettoinntekt før særfradrag, kroner per year (practical help, egenandelsforskriften § 10)'),
  householdSize: z.int().min(1).max(20).optional().describe('Persons in the household (spouse, registered partner or cohabitant)'),
  netIncomeAfterTax: kroner.optional().describe('The person’s own income after tax and interest on debt, kroner per year (stays, § 3 fourth paragraph); without it a long-term stay, and a short-term stay past its 60th day, have no amount (the household income is not what § 3 counts)'),
  annualDeductions: kroner.optional().describe('Deductions the regulation allows for stays, kroner per year'),
  incomeYear: z.int().min(2000).max(2100).describe('The income year the figures are for'),
  source: z.enum(INCOME_SOURCES).describe('tax_assessment (skatteoppgjør/skattemelding), self_declared, nav, other'),
  sourceDate: z.iso.date().describe('The date of the source document'),
  note: z.string().trim().max(2000).optional(),
  corrects: z.uuid().optional().describe('The earlier income basis this one corrects (the earlier stays in the history)'),
});
export type RecordIncomeBasisInput = z.infer<typeof recordIncomeBasisInput>;

const band = z.object({ fromG: z.number().min(0).max(100), hourlyRate: kroner, monthlyCap: kroner.nullable() });
const stateRatesInput = z.object({
  year: z.int().min(2000).max(2100),
  effectiveFrom: z.iso.date(),
  shortTermStayPerDay: kroner,
  dayOrNightStay: kroner,
  practicalHelpMaxUnder2G: kroner,
  allowance: kroner,
  allowanceDoubleRoom: kroner,
  source: z.string().trim().min(1).max(500).describe('E.g. Rundskriv I-1/2026'),
});
export const paymentRatesInput = z.object({
  year: z.int().min(2000).max(2100),
  practicalHelp: z.object({ costPerHour: kroner.describe('Selvkost per hour'), bands: z.array(band).min(1).max(20).describe('Income bands, lowest first, the first from 0 G') }),
  shortTermStayPerDay: kroner.optional(),
  dayOrNightStay: kroner.optional(),
  longTermStayCostPerMonth: kroner.optional(),
  state: stateRatesInput.optional().describe('The state’s figures for the year, where the shipped data lacks them'),
  source: z.string().trim().min(1).max(500).describe('Where the rates were decided, e.g. "Kommunestyret 12.12.2025 sak 88/25"'),
});

export interface IncomeBasisView {
  id: string;
  personId: string;
  householdIncome: number;
  householdSize: number | null;
  netIncomeAfterTax: number | null;
  annualDeductions: number | null;
  incomeYear: number;
  source: IncomeBasisRow['source'];
  sourceDate: string;
  note: string | null;
  corrects: string | null;
  recordedBy: { id: string; name: string };
  recordedAt: string;
}

export function incomeBasisView(r: IncomeBasisRow): IncomeBasisView {
  return {
    id: r.id,
    personId: r.person_id,
    householdIncome: r.household_income,
    householdSize: r.household_size,
    netIncomeAfterTax: r.net_income_after_tax,
    annualDeductions: r.annual_deductions,
    incomeYear: r.income_year,
    source: r.source,
    sourceDate: r.source_date,
    note: r.note,
    corrects: r.corrects,
    recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
    recordedAt: r.recorded_at.toISOString(),
  };
}

/** Who records a person's income: those who decide and follow up their services. */
const INCOME_WRITERS = ['caseworker', 'team_member', 'team_leader', 'leader'] as const;

export async function recordIncomeBasis(ctx: AppContext, principal: Principal, meta: CommandMeta, personId: string, input: RecordIncomeBasisInput): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  requireRole(principal, INCOME_WRITERS, 'Recording an income basis');
  return runCommand(ctx, principal, meta, async (tx) => {
    await gatedPerson(tx, (await gateOf(tx, ctx, principal, meta)).gate, personId, 'full', 'the person’s income');
    if (input.corrects && !(await incomeHistory(tx, personId)).some((b) => b.id === input.corrects)) {
      throw new AppError('validation', 'The income basis to correct is not one of this person’s.', { fields: [{ field: 'corrects', message: 'not an income basis of this person' }] });
    }
    const row = await insertIncomeBasis(tx, { personId, ...input, recordedBy: principal.staffId });
    await audit(tx, principal, meta, 'write', 'income basis', [personId]);
    return { statusCode: 201, body: incomeBasisView(row) };
  });
}

export async function getIncomeBasis(ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string): Promise<{ current: IncomeBasisView | null; history: IncomeBasisView[] }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    await gatedPerson(tx, (await gateOf(tx, ctx, principal, meta)).gate, personId, 'full', 'the person’s income');
    const history = (await incomeHistory(tx, personId)).map(incomeBasisView);
    await audit(tx, principal, meta, 'read', 'income basis', [personId]);
    return { current: history[0] ?? null, history };
  });
}

type DecisionPayload = ActionPayload<'decision_made'>;

/** The services a decision grants, each with its hours a week. */
export function decidedServices(d: Pick<StatedDecisionFields, 'serviceCode' | 'hoursPerWeek' | 'package' | 'frame'>): DecidedService[] {
  const main = { serviceCode: d.serviceCode, hoursPerWeek: d.frame?.maxHoursPerWeek ?? d.hoursPerWeek ?? null };
  return [main, ...(d.package ?? []).map((p) => ({ serviceCode: p.serviceCode, hoursPerWeek: p.hoursPerWeek ?? null }))];
}

/** A frame decision's ceiling as decidedServices reads it, from a decision's stored ceiling (none: not a frame decision). */
export function frameOfCeiling(maxHoursPerWeek: number | null): { maxHoursPerWeek: number } | undefined {
  return maxHoursPerWeek === null ? undefined : { maxHoursPerWeek };
}

/** The month a payment is stated for: the given one, else this month or the month the service starts. */
function paymentMonth(validFrom: string, onDate: string, month?: string): string {
  if (month) return month;
  return [onDate.slice(0, 7), validFrom.slice(0, 7)].sort().at(-1) as string;
}

/** The municipality's rates as the payment rules read them, from their stored row. */
export function ratesOf(row: RatesRow | null): MunicipalPaymentRates | null {
  return row ? { ...row.rates, year: row.year, source: row.source } : null;
}

/** What a month's statement reads besides the case: the person's income basis, the year's rates and the short-stay days before the month. */
interface StatementFacts {
  readonly income: IncomeFigures | null;
  readonly rates: MunicipalPaymentRates | null;
  readonly daysEarlierThisYear: number;
}

/** What a statement reads of a decision: its outcome and the fields of its content a payment is computed from. */
export type StatedDecision = StatedDecisionFields & { readonly outcome: DecisionPayload['outcome'] };

/**
 * The statement of a case's current decision in a month from the facts read for it (the day its
 * service ended, if it has); `terms` (monthTerms of the month and rates) may be given for many cases.
 */
export function statementOf(serviceEndedOn: string | null, decision: StatedDecision, month: string, facts: StatementFacts, terms?: MonthTerms): PaymentStatement {
  const granted = decision.outcome === 'granted' || decision.outcome === 'partly_granted';
  const validTo = [decision.validTo, serviceEndedOn].filter((x): x is string => typeof x === 'string').sort()[0];
  const basis = facts.income;
  return paymentStatement({
    month,
    services: granted ? decidedServices(decision) : [],
    validFrom: decision.validFrom,
    validTo,
    income: basis ? { householdIncome: basis.household_income, netIncomeAfterTax: basis.net_income_after_tax, annualDeductions: basis.annual_deductions } : null,
    rates: facts.rates,
    daysEarlierThisYear: facts.daysEarlierThisYear,
  }, terms);
}

/** The first day of a month's year, and the first day of the month: the short-stay days are counted between them. */
const yearStartOf = (month: string) => `${month.slice(0, 4)}-01-01`;

/**
 * The payment of a case's current decision in a month (`on.month`, else the month of `on.date` or
 * the one the decision comes into force in, whichever is later), from its decision payload, income
 * basis and rates. The decision is in force for the person from the state's day: for a place from
 * the waiting list, the day they got it. A person waiting on the list for a place pays nothing for it
 * until they have it: the statement has no lines.
 */
export async function statementFor(tx: Tx, row: Pick<CaseRow, 'id' | 'person_id' | 'state'>, decision: DecisionPayload, on: { readonly date: string; readonly month?: string | undefined }): Promise<PaymentStatement> {
  const validFrom = row.state.decision?.validFrom ?? decision.validFrom;
  const month = paymentMonth(validFrom, on.date, on.month);
  if (row.state.decision?.onWaitingList) return paymentStatement({ month, services: [], validFrom, income: null, rates: null });
  return statementOf(row.state.serviceEndedOn, { ...decision, validFrom }, month, {
    income: (await currentIncomeBases(tx, [row.person_id])).get(row.person_id) ?? null,
    rates: ratesOf(await ratesFor(tx, Number(month.slice(0, 4)))),
    daysEarlierThisYear: await shortStayDaysBefore(tx, row.person_id, yearStartOf(month), `${month}-01`),
  });
}

/** The content of the case's current decision (decisionContent.ts: a reversal on complaint may state a new one), with its outcome. */
export async function currentDecisionPayload(tx: Tx, row: Pick<CaseRow, 'id' | 'state'>): Promise<DecisionPayload> {
  const current = row.state.decision;
  if (!current) throw new AppError('conflict', 'The case has no decision yet, so it has no payment.');
  const found = (await currentDecisionContents(tx, [row.id])).get(row.id);
  if (!found) throw new AppError('conflict', 'The case has no decision yet, so it has no payment.');
  return { ...found, outcome: current.outcome };
}

export async function casePayment(ctx: AppContext, principal: Principal, meta: RequestMeta, caseId: string, month?: string): Promise<PaymentStatement & { caseId: string }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { row } = await gatedCase(tx, (await gateOf(tx, ctx, principal, meta)).gate, caseId, 'full', 'the payment of the case');
    await audit(tx, principal, meta, 'read', 'payment', [row.person_id]);
    // Before a decision nothing is charged: the statement has no lines.
    if (!row.state.decision) return { caseId, ...paymentStatement({ month: month ?? today(ctx).slice(0, 7), services: [], validFrom: today(ctx), income: null, rates: null }) };
    const decision = await currentDecisionPayload(tx, row);
    return { caseId, ...(await statementFor(tx, row, decision, { date: today(ctx), month })) };
  });
}

export type PaymentRatesView = z.infer<typeof paymentRatesInput> & { id: string; recordedAt: string };

function ratesView(row: RatesRow): PaymentRatesView {
  const r = row.rates;
  return { ...r, practicalHelp: { costPerHour: r.practicalHelp.costPerHour, bands: [...r.practicalHelp.bands] }, year: row.year, source: row.source, id: row.id, recordedAt: row.recorded_at.toISOString() };
}

export async function listPaymentRates(ctx: AppContext, principal: Principal): Promise<PaymentRatesView[]> {
  return inTenant(ctx.db.app, principal, async (tx) => (await allRates(tx)).map(ratesView));
}

export async function recordPaymentRates(ctx: AppContext, principal: Principal, meta: CommandMeta, input: z.infer<typeof paymentRatesInput>): Promise<CommandResult> {
  requireRole(principal, ['admin'], 'Recording the municipality’s payment rates');
  const problems = municipalRatesProblems(input);
  if (problems.length) throw new AppError('validation', 'The rates would break the regulation or fall as income rises.', { fields: problems.map((p) => ({ ...p, code: 'invalid' })) });
  return runCommand(ctx, principal, meta, async (tx) => ({ statusCode: 201, body: ratesView(await insertRates(tx, input, principal.staffId)) }));
}
