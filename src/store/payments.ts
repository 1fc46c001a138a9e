/** Queries for user payments: a person's income basis (append-only history) and the municipality's payment rates per year. */
import type { ActionPayload } from '../domain/case/index.ts';
import type { MunicipalPaymentRates } from '../domain/payments/index.ts';
import { currentDecisionActions, seenInFullSql } from './cases.ts';
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

/**
 * The days of a granted short-term stay in a year before a date, summed per person (the 60-day count,
 * vederlagsforskriften § 1); the parameters' numbers of the year's first day and the date. A stay
 * counts from the day it is in force for the person (a place from the waiting list: the day they got
 * it) to its end: the decision's last day or the day the stay ended, whichever is first (least()
 * passes over the nulls of a stay still running).
 */
const shortStayDays = (yearStartParam: number, beforeParam: number) => `sum(greatest(0, least(decision_valid_to::date, service_ended_on::date, $${beforeParam}::date - 1)
                          - greatest(decision_valid_from::date, $${yearStartParam}::date) + 1))::int`;

/**
 * The granted short-term stays of the municipality (the cases shortStayDays sums over): by the
 * service decided, not the one applied for (a request for a long-term place may be answered with a
 * short stay, and one for a short stay with home nursing), and not while the person waits for the place.
 */
const GRANTED_SHORT_STAYS = `FROM case_file WHERE municipality_id = current_municipality() AND decision_service_code = 'short_term_stay'
                                AND decision_outcome IN ('granted', 'partly_granted') AND has_decision AND decision_on_waiting_list IS NOT TRUE`;

/** The fields of a decision's content a payment is computed from (decidedServices and the period in force). */
export interface StatedDecisionFields {
  readonly validFrom: string;
  readonly validTo?: string | null | undefined;
  readonly serviceCode: string;
  readonly hoursPerWeek?: number | null | undefined;
  readonly frame?: { readonly maxHoursPerWeek: number } | undefined;
  readonly package?: ActionPayload<'decision_made'>['package'];
}

/** The income figures a payment is computed from, as person_income_basis holds them. */
export type IncomeFigures = Pick<IncomeBasisRow, 'household_income' | 'net_income_after_tax' | 'annual_deductions'>;

/** A case of a month's invoice basis, with everything its payment statement and its rows read. */
export interface InvoiceCaseRow {
  readonly id: string;
  readonly case_number: string;
  readonly person_id: string;
  /** The current decision's outcome, as case_file projects it from the state. */
  readonly decision_outcome: ActionPayload<'decision_made'>['outcome'];
  readonly service_ended_on: string | null;
  readonly national_id: string;
  readonly name: string;
  /** The current decision's content fields a payment reads, as case_file projects them from the state's decision. */
  readonly valid_from: string | null;
  readonly valid_to: string | null;
  readonly service_code: string | null;
  readonly hours_per_week: number | null;
  readonly frame_max_hours: number | null;
  /** The package of the action that stated the decision (currentDecisionActions). */
  readonly package: ActionPayload<'decision_made'>['package'] | null;
  /** The person's income basis in force (the latest recorded), or nulls. */
  readonly household_income: number | null;
  readonly net_income_after_tax: number | null;
  readonly annual_deductions: number | null;
  readonly income_source: IncomeBasisRow['source'] | null;
  readonly income_source_date: string | null;
  /** The person's days on granted short-term stays this year before the month (the 60-day count). */
  readonly short_stay_days: number;
}

/**
 * The granted cases whose decision is in force some day of the month (from its first to its "31st",
 * and not waiting on the list for a place, which is not charged until it is had),
 * compared as text), of those the scope sees in full (seenInFullSql), in case-number order: each with
 * its person, the fields of its current decision's content, its person's income basis in force and
 * short-stay days, in one read (issue 18: the invoice basis of an Oslo-size month read these in six
 * queries, sending 23,000 case ids back and forth five times and each decision's whole payload). The
 * content is read from the case's columns and the index of actions by type (its package), not from
 * the actions' rows (only the package of a decision changed on complaint is read from the action that stated it).
 */
export async function invoiceBasisCases(tx: Tx, month: string, scope: { readonly caseIds: readonly string[]; readonly fullKeys: readonly string[] }): Promise<InvoiceCaseRow[]> {
  if (!scope.caseIds.length && !scope.fullKeys.length) return [];
  const { rows } = await tx.query<InvoiceCaseRow>(
    `WITH c AS (
       SELECT c.id, c.case_number, c.person_id, c.decision_outcome, c.service_ended_on, c.decision_seq, c.decision_valid_from,
              c.decision_valid_to, c.decision_service_code, c.decision_hours_per_week, c.decision_frame_max_hours
         FROM case_file c
        WHERE c.municipality_id = current_municipality() AND c.decision_outcome IN ('granted', 'partly_granted') AND c.has_decision
          AND c.decision_on_waiting_list IS NOT TRUE
          AND c.decision_valid_from COLLATE "C" <= $1 || '-31'
          AND coalesce(nullif(least(c.decision_valid_to, c.service_ended_on) COLLATE "C", '') >= $1 || '-01', true)
          AND ${seenInFullSql('c', 2, 3)}),
     -- the decision made itself (nearly every case): its package from the index of actions by type, which includes it
     dm AS (
       SELECT a.case_id, a.package FROM case_action a JOIN c ON c.id = a.case_id AND a.seq = c.decision_seq
        WHERE a.municipality_id = current_municipality() AND a.type = 'decision_made'),
     -- a decision changed on complaint: the package of the action that stated it
     changed AS (SELECT c.id, c.decision_seq FROM c WHERE NOT EXISTS (SELECT 1 FROM dm WHERE dm.case_id = c.id)),
     rv AS (${currentDecisionActions('changed', ['package'])}),
     short_stay AS (
       SELECT person_id, ${shortStayDays(4, 5)} AS days ${GRANTED_SHORT_STAYS} GROUP BY person_id)
     SELECT c.id, c.case_number, c.person_id, c.decision_outcome, c.service_ended_on,
            p.national_id, p.given_name || ' ' || p.family_name AS name,
            c.decision_valid_from AS valid_from, c.decision_valid_to AS valid_to, c.decision_service_code AS service_code,
            c.decision_hours_per_week AS hours_per_week, c.decision_frame_max_hours AS frame_max_hours,
            coalesce(dm.package, rv.package) AS package,
            i.household_income, i.net_income_after_tax, i.annual_deductions, i.source AS income_source, i.source_date AS income_source_date,
            coalesce(s.days, 0) AS short_stay_days
       FROM c
       JOIN person p ON p.municipality_id = current_municipality() AND p.id = c.person_id
       LEFT JOIN dm ON dm.case_id = c.id
       LEFT JOIN rv ON rv.case_id = c.id
       LEFT JOIN LATERAL (
         SELECT b.household_income, b.net_income_after_tax, b.annual_deductions, b.source, to_char(b.source_date, 'YYYY-MM-DD') AS source_date
           FROM person_income_basis b
          WHERE b.municipality_id = current_municipality() AND b.person_id = c.person_id
          ORDER BY b.recorded_at DESC, b.id LIMIT 1) i ON true
       LEFT JOIN short_stay s ON s.person_id = c.person_id
      ORDER BY c.case_number`,
    [month, scope.caseIds, scope.fullKeys, `${month.slice(0, 4)}-01-01`, `${month}-01`],
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

/** Days a person spent on granted short-term stays in a year before a date, this stay's earlier months included (the 60-day count). */
export async function shortStayDaysBefore(tx: Tx, personId: string, yearStart: string, before: string): Promise<number> {
  const { rows } = await tx.query<{ days: number | null }>(
    `SELECT ${shortStayDays(2, 3)} AS days ${GRANTED_SHORT_STAYS} AND person_id = $1`,
    [personId, yearStart, before],
  );
  return rows[0]?.days ?? 0;
}
