/** Queries for user payments: a person's income basis (append-only history) and the municipality's payment rates per year. */
import type { ActionPayload } from '../domain/case/index.ts';
import type { MunicipalPaymentRates } from '../domain/payments/index.ts';
import type { Tx } from './tx.ts';

export interface IncomeBasisRow {
  id: string;
  person_id: string;
  household_income: number;
  household_size: number | null;
  net_income_after_tax: number | null;
  annual_deductions: number | null;
  income_year: number;
  source: 'tax_assessment' | 'self_declared' | 'nav' | 'other';
  source_date: string;
  note: string | null;
  corrects: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Date;
}

export interface NewIncomeBasis {
  readonly personId: string;
  readonly householdIncome: number;
  readonly householdSize?: number | undefined;
  readonly netIncomeAfterTax?: number | undefined;
  readonly annualDeductions?: number | undefined;
  readonly incomeYear: number;
  readonly source: IncomeBasisRow['source'];
  readonly sourceDate: string;
  readonly note?: string | undefined;
  readonly corrects?: string | undefined;
  readonly recordedBy: string;
}

const INCOME_SELECT = `
  SELECT b.id, b.person_id, b.household_income, b.household_size, b.net_income_after_tax, b.annual_deductions,
         b.income_year, b.source, to_char(b.source_date, 'YYYY-MM-DD') AS source_date, b.note, b.corrects,
         b.recorded_by, s.display_name AS recorded_by_name, b.recorded_at
    FROM person_income_basis b JOIN staff s ON s.municipality_id = b.municipality_id AND s.id = b.recorded_by
   WHERE b.municipality_id = current_municipality()`;

export async function insertIncomeBasis(tx: Tx, b: NewIncomeBasis): Promise<IncomeBasisRow> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person_income_basis (municipality_id, person_id, household_income, household_size, net_income_after_tax,
       annual_deductions, income_year, source, source_date, note, corrects, recorded_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [b.personId, b.householdIncome, b.householdSize ?? null, b.netIncomeAfterTax ?? null, b.annualDeductions ?? null, b.incomeYear, b.source, b.sourceDate, b.note ?? null, b.corrects ?? null, b.recordedBy],
  );
  const found = (await tx.query<IncomeBasisRow>(`${INCOME_SELECT} AND b.id = $1`, [rows[0]?.id])).rows[0];
  if (!found) throw new Error('income basis not found after insert');
  return found;
}

/** A person's income bases, newest first (the first is the one in force). */
export async function incomeHistory(tx: Tx, personId: string): Promise<IncomeBasisRow[]> {
  const { rows } = await tx.query<IncomeBasisRow>(`${INCOME_SELECT} AND b.person_id = $1 ORDER BY b.recorded_at DESC, b.id`, [personId]);
  return rows;
}

/** A case as the invoice basis reads it: what statementsFor needs, with its number and its person's national ID and name. */
export interface PaymentCaseRow {
  readonly id: string;
  readonly case_number: string;
  readonly person_id: string;
  /** The current decision's outcome, as case_file projects it from the state. */
  readonly decision_outcome: ActionPayload<'decision_made'>['outcome'] | null;
  readonly service_ended_on: string | null;
  readonly national_id: string;
  readonly name: string;
}

/**
 * The cases of a month's invoice basis with their persons, in case-number order: the case's projected
 * columns, not its state (issue 18: on the Oslo set the state of 20,000 cases took 350–470 ms to read
 * and parse for two of its fields), and the person in the same read.
 */
export async function paymentCases(tx: Tx, caseIds: readonly string[]): Promise<PaymentCaseRow[]> {
  const { rows } = await tx.query<PaymentCaseRow>(
    `SELECT c.id, c.case_number, c.person_id, c.decision_outcome, c.service_ended_on, p.national_id, p.given_name || ' ' || p.family_name AS name
       FROM case_file c JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
      WHERE c.municipality_id = current_municipality() AND c.id = ANY($1::uuid[])
      ORDER BY c.case_number`,
    [caseIds],
  );
  return rows;
}

/** The income basis in force for each person: the latest recorded. */
export async function currentIncomeBases(tx: Tx, personIds: readonly string[]): Promise<Map<string, IncomeBasisRow>> {
  if (personIds.length === 0) return new Map();
  const { rows } = await tx.query<IncomeBasisRow>(
    `SELECT DISTINCT ON (person_id) * FROM (${INCOME_SELECT} AND b.person_id = ANY($1::uuid[])) x ORDER BY person_id, recorded_at DESC, id`,
    [[...new Set(personIds)]],
  );
  return new Map(rows.map((r) => [r.person_id, r]));
}

export interface RatesRow {
  id: string;
  year: number;
  rates: MunicipalPaymentRates;
  source: string;
  recorded_by: string;
  recorded_at: Date;
}

export async function insertRates(tx: Tx, rates: MunicipalPaymentRates, recordedBy: string): Promise<RatesRow> {
  const { rows } = await tx.query<RatesRow>(
    `INSERT INTO payment_rates (municipality_id, year, rates, source, recorded_by) VALUES (current_municipality(), $1, $2, $3, $4)
     RETURNING id, year, rates, source, recorded_by, recorded_at`,
    [rates.year, JSON.stringify(rates), rates.source, recordedBy],
  );
  const row = rows[0];
  if (!row) throw new Error('rates not stored');
  return row;
}

/** The rates in force for a year: the latest recorded for it. */
export async function ratesFor(tx: Tx, year: number): Promise<RatesRow | null> {
  const { rows } = await tx.query<RatesRow>(
    `SELECT id, year, rates, source, recorded_by, recorded_at FROM payment_rates
      WHERE municipality_id = current_municipality() AND year = $1 ORDER BY recorded_at DESC, id LIMIT 1`,
    [year],
  );
  return rows[0] ?? null;
}

/** The rates in force for every year recorded, newest year first. */
export async function allRates(tx: Tx): Promise<RatesRow[]> {
  const { rows } = await tx.query<RatesRow>(
    `SELECT DISTINCT ON (year) id, year, rates, source, recorded_by, recorded_at FROM payment_rates
      WHERE municipality_id = current_municipality() ORDER BY year DESC, recorded_at DESC, id`,
  );
  return rows;
}

/** The days of a granted short-term stay in a year before a date, summed per person (the 60-day count). */
const SHORT_STAY_DAYS = `sum(greatest(0, least(coalesce((state->'decision'->>'validTo')::date, $3::date - 1), $3::date - 1)
                          - greatest((state->'decision'->>'validFrom')::date, $2::date) + 1))::int`;

/** Days a person spent on granted short-term stays in a year before a date, this stay's earlier months included (the 60-day count). */
export async function shortStayDaysBefore(tx: Tx, personId: string, yearStart: string, before: string): Promise<number> {
  return (await shortStayDaysBeforeEach(tx, [personId], yearStart, before)).get(personId) ?? 0;
}

/** shortStayDaysBefore for many persons in one query (the month's invoice basis: issue 18); a person without such a stay is left out. */
export async function shortStayDaysBeforeEach(tx: Tx, personIds: readonly string[], yearStart: string, before: string): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ person_id: string; days: number | null }>(
    `SELECT person_id, ${SHORT_STAY_DAYS} AS days
       FROM case_file
      WHERE municipality_id = current_municipality() AND person_id = ANY($1::uuid[]) AND service_code = 'short_term_stay'
        AND decision_outcome IN ('granted', 'partly_granted')
      GROUP BY person_id`,
    [personIds, yearStart, before],
  );
  return new Map(rows.map((r) => [r.person_id, r.days ?? 0]));
}
