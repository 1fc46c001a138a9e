/**
 * Files for the municipality's finance system: the monthly invoice basis of user payments (one row
 * per person and service: decided hours or days, income band, amount, citations) and the provider
 * settlement of the month, each as CSV (RFC 4180, comma-separated, UTF-8, a header row, amounts in
 * whole kroner or with a decimal point) or as JSON with the same fields (documented in docs/payments.md).
 */
import { compareText } from '../domain/collections.ts';
import type { PaymentLine } from '../domain/payments/index.ts';
import { keysByLevel } from '../domain/organisation/access.ts';
import { monthTerms, type MonthTerms, type MunicipalPaymentRates, type PaymentStatement } from '../domain/payments/index.ts';
import { invoiceBasisCases, ratesFor, type InvoiceCaseRow } from '../store/payments.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { gateOf } from './gate.ts';
import { AppError } from './errors.ts';
import { frameOfCeiling, ratesOf, statementOf } from './payments.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { settlementReport } from './settlement.ts';
import { flatMapInSlices } from './slices.ts';

export interface PaymentBasisRow {
  month: string;
  caseNumber: string;
  personId: string;
  nationalId: string;
  name: string;
  serviceCode: string;
  kind: PaymentLine['kind'];
  hoursPerMonth: number | null;
  days: number | null;
  incomeBand: number | null;
  under2G: boolean | null;
  amount: number | null;
  missing: PaymentLine['missing'];
  incomeSource: string | null;
  incomeSourceDate: string | null;
  citations: string;
}

/**
 * A value as a CSV field: quoted when it holds a comma, quote or line break; a text that a
 * spreadsheet would take for a formula (=, +, -, @ first) gets a leading apostrophe.
 */
function csvField(v: unknown): string {
  const raw = v === null || v === undefined ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with a header of the given columns, lines ended by CRLF (RFC 4180). */
export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
}

export const PAYMENT_BASIS_COLUMNS: readonly (keyof PaymentBasisRow & string)[] = [
  'month', 'caseNumber', 'personId', 'nationalId', 'name', 'serviceCode', 'kind', 'hoursPerMonth', 'days', 'incomeBand', 'under2G', 'amount', 'missing', 'incomeSource', 'incomeSourceDate', 'citations',
];

/** A case's lines of the invoice basis. */
function basisRows(month: string, c: InvoiceCaseRow, lines: readonly PaymentLine[]): PaymentBasisRow[] {
  return lines.map((l) => ({
    month,
    caseNumber: c.case_number,
    personId: c.person_id,
    nationalId: c.national_id,
    name: c.name,
    serviceCode: l.serviceCode,
    kind: l.kind,
    hoursPerMonth: l.hoursPerMonth,
    days: l.days,
    incomeBand: l.incomeBand,
    under2G: l.under2G,
    amount: l.amount,
    missing: l.missing,
    incomeSource: c.income_source,
    incomeSourceDate: c.income_source_date,
    citations: l.citations.join('; '),
  }));
}

/** The statement of an invoice basis case's current decision in the month, from the one read of its facts (invoiceBasisCases). */
function invoiceStatement(c: InvoiceCaseRow, month: string, rates: MunicipalPaymentRates | null, terms: MonthTerms): PaymentStatement {
  if (c.valid_from === null || c.service_code === null) throw new AppError('conflict', 'The case has no decision yet, so it has no payment.');
  const decision = {
    outcome: c.decision_outcome,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    serviceCode: c.service_code,
    hoursPerWeek: c.hours_per_week,
    frame: frameOfCeiling(c.frame_max_hours),
    package: c.package ?? undefined,
  };
  const income = c.household_income === null ? null : { household_income: c.household_income, net_income_after_tax: c.net_income_after_tax, annual_deductions: c.annual_deductions };
  return statementOf(c.service_ended_on, decision, month, { income, rates, daysEarlierThisYear: c.short_stay_days }, terms);
}

/**
 * The invoice basis of user payments for a month (leaders; rows of the cases they see in full): the
 * cases and every fact their statements read in one query, the statements made in slices (issue 18:
 * the event loop).
 */
export async function paymentBasis(ctx: AppContext, principal: Principal, meta: RequestMeta, month: string): Promise<PaymentBasisRow[]> {
  assertMayReadPersonalData(principal);
  requireRole(principal, ['leader', 'team_leader'], 'The invoice basis of user payments');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const cases = await invoiceBasisCases(tx, month, { caseIds: gate.scope.caseIds, fullKeys: keysByLevel(gate.scope.keys).fullKeys });
    const rates = ratesOf(await ratesFor(tx, Number(month.slice(0, 4))));
    const terms = monthTerms(month, rates);
    const rows = await flatMapInSlices(cases, (slice) => slice.flatMap((c) => basisRows(month, c, invoiceStatement(c, month, rates, terms).lines)));
    await audit(tx, principal, meta, 'read', 'payment basis export', [...new Set(cases.map((c) => c.person_id))]);
    return rows.sort((a, b) => compareText(a.caseNumber, b.caseNumber) || compareText(a.serviceCode, b.serviceCode));
  });
}

export interface SettlementExportRow {
  month: string;
  providerUnitId: string;
  providerName: string;
  serviceCode: string;
  agreementId: string;
  basis: string;
  element: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export const SETTLEMENT_COLUMNS: readonly (keyof SettlementExportRow & string)[] = ['month', 'providerUnitId', 'providerName', 'serviceCode', 'agreementId', 'basis', 'element', 'quantity', 'unitPrice', 'amount'];

/** The provider settlement of a month as lines for the finance system: one row per provider, agreement and price element. */
export async function settlementExport(ctx: AppContext, principal: Principal, meta: RequestMeta, month: string): Promise<SettlementExportRow[]> {
  const report = await settlementReport(ctx, principal, meta, month);
  return report.settlements.flatMap((s) =>
    s.lines.map((l) => ({ month, providerUnitId: s.providerUnitId, providerName: s.providerName, serviceCode: s.serviceCode, agreementId: s.agreementId, basis: s.basis, element: l.element, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount })),
  );
}
