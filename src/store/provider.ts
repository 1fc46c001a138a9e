/** The provider side in PostgreSQL: agreements, visits and imports, expenses, budget frames, escalations. */
import type { PriceModel } from '../domain/provider/pricing.ts';
import type { VisitInput } from '../domain/provider/delivery.ts';
import type { CaseAction, CaseState } from '../domain/case/index.ts';
import type { Tx } from './tx.ts';
import { statedDecisionHours } from './cases.ts';

export interface AgreementRow {
  id: string;
  provider_unit_id: string;
  provider_name: string;
  provider_kind: string;
  service_code: string;
  valid_from: string;
  valid_to: string | null;
  user_choice: boolean;
  response_days: number;
  price_model: PriceModel;
}

export interface NewAgreement {
  readonly providerUnitId: string;
  readonly serviceCode: string;
  readonly validFrom: string;
  readonly validTo?: string | undefined;
  readonly userChoice: boolean;
  readonly responseDays: number;
  readonly priceModel: PriceModel;
}

export async function insertAgreement(tx: Tx, a: NewAgreement, createdBy: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO provider_agreement (municipality_id, provider_unit_id, service_code, valid_from, valid_to, user_choice, response_days, price_model, created_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [a.providerUnitId, a.serviceCode, a.validFrom, a.validTo ?? null, a.userChoice, a.responseDays, JSON.stringify(a.priceModel), createdBy],
  );
  return (rows[0] as { id: string }).id;
}

/**
 * The agreements in force on a date: for each provider and service the one with the latest start on
 * or before the date (a later row supersedes an earlier one), unless it has ended.
 */
export async function agreementsInForce(tx: Tx, onDate: string, serviceCode?: string): Promise<AgreementRow[]> {
  const { rows } = await tx.query<AgreementRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (a.provider_unit_id, a.service_code)
              a.id, a.provider_unit_id, u.name AS provider_name, u.kind AS provider_kind, a.service_code,
              to_char(a.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(a.valid_to, 'YYYY-MM-DD') AS valid_to,
              a.user_choice, a.response_days, a.price_model
         FROM provider_agreement a
         JOIN org_unit u ON u.municipality_id = a.municipality_id AND u.id = a.provider_unit_id
        WHERE a.municipality_id = current_municipality() AND a.valid_from <= $1::date AND ($2::text IS NULL OR a.service_code = $2)
        ORDER BY a.provider_unit_id, a.service_code, a.valid_from DESC, a.created_at DESC) latest
      WHERE valid_to IS NULL OR valid_to >= to_char($1::date, 'YYYY-MM-DD')
      ORDER BY service_code, provider_kind, provider_name`,
    [onDate, serviceCode ?? null],
  );
  return rows;
}

export async function insertImport(tx: Tx, i: { providerUnitId: string; fileName: string; sha256: string; rowCount: number }, by: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO delivery_import (municipality_id, provider_unit_id, file_name, sha256, row_count, imported_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5) RETURNING id`,
    [i.providerUnitId, i.fileName, i.sha256, i.rowCount, by],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertVisit(tx: Tx, v: VisitInput & { providerUnitId: string; importId?: string | undefined; corrects?: string | undefined }, by: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO visit (municipality_id, case_id, provider_unit_id, employee_ref, visit_date, starts_at, minutes, night, status, cancel_reason,
                        external_ref, import_id, corrects, recorded_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [v.caseId, v.providerUnitId, v.employeeRef, v.visitDate, v.startsAt ?? null, v.minutes, v.night, v.status, v.cancelReason ?? null, v.externalRef ?? null, v.importId ?? null, v.corrects ?? null, by],
  );
  return (rows[0] as { id: string }).id;
}

export async function externalRefsTaken(tx: Tx, providerUnitId: string, refs: readonly string[]): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const { rows } = await tx.query<{ external_ref: string }>(
    `SELECT external_ref FROM visit WHERE municipality_id = current_municipality() AND provider_unit_id = $1 AND external_ref = ANY($2::text[])`,
    [providerUnitId, refs],
  );
  return new Set(rows.map((r) => r.external_ref));
}

/** The full history of each case, oldest action first (for the rules of visits, which replay it). */
export async function deliveryHistories(tx: Tx, caseIds: readonly string[]): Promise<Map<string, CaseAction[]>> {
  const out = new Map<string, CaseAction[]>(caseIds.map((id) => [id, []]));
  if (!caseIds.length) return out;
  const { rows } = await tx.query<{ case_id: string; seq: number; type: CaseAction['type']; payload: CaseAction['payload']; actor_staff_id: string; authority: CaseAction['authority']; reason: string | null; occurred_at: Date }>(
    `SELECT case_id, seq, type, payload, actor_staff_id, authority, reason, occurred_at FROM case_action
      WHERE municipality_id = current_municipality() AND case_id = ANY($1::uuid[]) ORDER BY case_id, seq`,
    [caseIds],
  );
  for (const r of rows) {
    const action = { seq: r.seq, type: r.type, payload: r.payload, actorStaffId: r.actor_staff_id, authority: r.authority, reason: r.reason, occurredAt: r.occurred_at.toISOString() };
    out.get(r.case_id)?.push(action as CaseAction);
  }
  return out;
}

export interface VisitRow {
  id: string;
  case_id: string;
  case_number: string;
  person_id: string;
  provider_unit_id: string;
  employee_ref: string;
  visit_date: string;
  starts_at: string | null;
  minutes: number;
  night: boolean;
  status: 'performed' | 'cancelled';
  cancel_reason: string | null;
  external_ref: string | null;
  corrects: string | null;
}

/** Visits in a period (of a provider, a case or some cases), leaving out any visit a later row corrects. */
export async function visitsIn(tx: Tx, f: { from: string; to: string; providerUnitId?: string | null; caseId?: string | null; caseIds?: readonly string[] | null }): Promise<VisitRow[]> {
  const { rows } = await tx.query<VisitRow>(
    `SELECT v.id, v.case_id, c.case_number, c.person_id, v.provider_unit_id, v.employee_ref, to_char(v.visit_date, 'YYYY-MM-DD') AS visit_date,
            to_char(v.starts_at, 'HH24:MI') AS starts_at, v.minutes, v.night, v.status, v.cancel_reason, v.external_ref, v.corrects
       FROM visit v
       JOIN case_file c ON c.municipality_id = v.municipality_id AND c.id = v.case_id
      WHERE v.municipality_id = current_municipality() AND v.visit_date BETWEEN $1 AND $2
        AND ($3::uuid IS NULL OR v.provider_unit_id = $3) AND ($4::uuid IS NULL OR v.case_id = $4)
        AND ($5::uuid[] IS NULL OR v.case_id = ANY($5::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM visit l WHERE l.municipality_id = v.municipality_id AND l.corrects = v.id)
      ORDER BY v.visit_date, v.starts_at NULLS LAST, v.recorded_at`,
    [f.from, f.to, f.providerUnitId ?? null, f.caseId ?? null, f.caseIds ?? null],
  );
  return rows;
}

export interface ProviderCaseRow {
  id: string;
  case_number: string;
  person_id: string;
  service_code: string;
  owner_unit_id: string | null;
  provider_unit_id: string | null;
  state: CaseState;
}

/** Cases with a decision that grants something (the ones money and delivery are about). */
export async function grantedCases(tx: Tx): Promise<ProviderCaseRow[]> {
  const { rows } = await tx.query<ProviderCaseRow>(
    `SELECT id, case_number, person_id, service_code, owner_unit_id, provider_unit_id, state FROM case_file
      WHERE municipality_id = current_municipality() AND decision_outcome IN ('granted', 'partly_granted')`,
  );
  return rows;
}

export async function casesByNumber(tx: Tx, numbers: readonly string[]): Promise<Map<string, ProviderCaseRow>> {
  const { rows } = await tx.query<ProviderCaseRow>(
    `SELECT id, case_number, person_id, service_code, owner_unit_id, provider_unit_id, state FROM case_file
      WHERE municipality_id = current_municipality() AND case_number = ANY($1::text[])`,
    [numbers],
  );
  return new Map(rows.map((r) => [r.case_number, r]));
}

export type MonthFigureKind = 'provider_expense' | 'budget_frame';

export async function insertMonthFigure(tx: Tx, kind: MonthFigureKind, unitId: string, month: string, amount: number, by: string): Promise<void> {
  await tx.query(`INSERT INTO month_figure (municipality_id, kind, unit_id, month, amount, recorded_by) VALUES (current_municipality(), $1, $2, $3, $4, $5)`, [kind, unitId, month, amount, by]);
}

/** The latest figure of a kind per unit for a month. */
export async function monthFigures(tx: Tx, kind: MonthFigureKind, month: string): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ unit_id: string; amount: string }>(
    `SELECT DISTINCT ON (unit_id) unit_id, amount FROM month_figure
      WHERE municipality_id = current_municipality() AND kind = $1 AND month = $2 ORDER BY unit_id, recorded_at DESC, id`,
    [kind, month],
  );
  return new Map(rows.map((r) => [r.unit_id, Number(r.amount)]));
}

export async function insertEscalation(tx: Tx, e: { kind: 'budget_exceeded'; caseId: string; unitId: string | null; detail: string }): Promise<void> {
  await tx.query(`INSERT INTO escalation (municipality_id, kind, case_id, unit_id, detail) VALUES (current_municipality(), $1, $2, $3, $4)`, [e.kind, e.caseId, e.unitId, e.detail]);
}

export async function listEscalations(tx: Tx): Promise<{ id: string; kind: string; case_id: string; case_number: string; unit_id: string | null; detail: string; raised_at: Date }[]> {
  const { rows } = await tx.query(
    `SELECT e.id, e.kind, e.case_id, c.case_number, e.unit_id, e.detail, e.raised_at FROM escalation e
       JOIN case_file c ON c.municipality_id = e.municipality_id AND c.id = e.case_id
      WHERE e.municipality_id = current_municipality() ORDER BY e.raised_at DESC LIMIT 500`,
  );
  return rows;
}

/**
 * Every decision whose weekly hours rose from the case's decision before (both with hours), by case and
 * seq: the decisions' hours as the generated column holds them, read from their own index (migration
 * 0042), with those of the new decisions reversals on complaint stated (statedDecisionHours), compared in
 * SQL so that only the rises leave the database.
 */
export async function decisionHourRises(tx: Tx) {
  const { rows } = await tx.query<{ case_id: string; case_number: string; person_id: string; hours_before: string; hours: string; before_on: string; decided_on: string }>(
    `WITH d AS (
       SELECT a.case_id, a.seq, a.hours_per_week, a.occurred_at,
              lag(a.hours_per_week) OVER w AS hours_before, lag(a.occurred_at) OVER w AS before_at
         FROM (${statedDecisionHours()}) a
       WINDOW w AS (PARTITION BY a.case_id ORDER BY a.seq))
     SELECT d.case_id, c.case_number, c.person_id, d.hours_before, d.hours_per_week AS hours,
            to_char(d.before_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS before_on,
            to_char(d.occurred_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS decided_on
       FROM d JOIN case_file c ON c.municipality_id = current_municipality() AND c.id = d.case_id
      WHERE d.hours_per_week > d.hours_before
      ORDER BY d.case_id, d.seq`,
  );
  return rows;
}
