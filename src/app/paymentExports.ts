/**
 * Files for the municipality's finance system: the monthly invoice basis of user payments (one row
 * per person and service: decided hours or days, income band, amount, citations) and the provider
 * settlement of the month, each as CSV (RFC 4180, comma-separated, UTF-8, a header row, amounts in
 * whole kroner or with a decimal point) or as JSON with the same fields (documented in docs/payments.md).
 */
import { compareText } from '../domain/collections.ts';
import type { PaymentLine } from '../domain/payments/index.ts';
import { grantedCasesInForce } from '../store/deliveryMonth.ts';
import { currentIncomeBases, paymentCases, type IncomeBasisRow } from '../store/payments.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { gateOf, levelsOfCases } from './gate.ts';
import { AppError } from './errors.ts';
import { statementsFor } from './payments.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { settlementReport } from './settlement.ts';

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
function basisRows(month: string, c: { case_number: string; person_id: string }, lines: readonly PaymentLine[], person: { national_id: string; name: string }, income: IncomeBasisRow | null): PaymentBasisRow[] {
  return lines.map((l) => ({
    month,
    caseNumber: c.case_number,
    personId: c.person_id,
    nationalId: person.national_id,
    name: person.name,
    serviceCode: l.serviceCode,
    kind: l.kind,
    hoursPerMonth: l.hoursPerMonth,
    days: l.days,
    incomeBand: l.incomeBand,
    under2G: l.under2G,
    amount: l.amount,
    missing: l.missing,
    incomeSource: income?.source ?? null,
    incomeSourceDate: income?.source_date ?? null,
    citations: l.citations.join('; '),
  }));
}

/** The invoice basis of user payments for a month (leaders; rows of the cases they see in full). */
export async function paymentBasis(ctx: AppContext, principal: Principal, meta: RequestMeta, month: string): Promise<PaymentBasisRow[]> {
  assertMayReadPersonalData(principal);
  requireRole(principal, ['leader', 'team_leader'], 'The invoice basis of user payments');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const cases = await grantedCasesInForce(tx, month);
    const levels = await levelsOfCases(tx, gate, cases.map((c) => c.id));
    const visible = await paymentCases(tx, cases.filter((c) => levels.get(c.id)?.level === 'full').map((c) => c.id));
    const incomes = await currentIncomeBases(tx, visible.map((c) => c.person_id));
    const statements = await statementsFor(tx, visible, month, incomes);
    const rows = visible.flatMap((c) => {
      const statement = statements.get(c.id);
      if (!statement) throw new AppError('conflict', 'The case has no decision yet, so it has no payment.');
      return basisRows(month, c, statement.lines, c, incomes.get(c.person_id) ?? null);
    });
    await audit(tx, principal, meta, 'read', 'payment basis export', [...new Set(rows.map((r) => r.personId))]);
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
