/**
 * Delivery: visits recorded by the provider's staff through the API or imported as CSV from a mobile
 * care system (every row or none, with a report of each rejected row); performed against decided
 * time per decision, provider and period; continuity per user and month; and the provider's list of
 * incoming orders.
 */
import { enqueueFollowUps } from '../jobs/enqueue.ts';
import { createHash } from 'node:crypto';
import type { CaseState } from '../domain/case/index.ts';
import { addVisits, continuityOf, type EmployeesMet } from '../domain/provider/continuity.ts';
import { csvColumnOf, parseDeliveryCsv, type CsvRow, type RowProblem, type VisitInput } from '../domain/provider/delivery.ts';
import { visitHistory, visitProblems, type VisitHistory, type VisitProblem } from '../domain/provider/visitRules.ts';
import { casesByNumber, deliveryHistories, externalRefsTaken, insertImport, insertVisit, type ProviderCaseRow } from '../store/provider.ts';
import { findCase } from '../store/cases.ts';
import { cancelledVisitCounts, type CaseOrderCursor } from '../store/deliveryMonth.ts';
import { pageOf } from '../domain/paging.ts';
import { incomingOrderRows, type IncomingOrderRow } from '../store/incomingOrders.ts';
import { caseNumbersOf, performedVisitEmployees } from '../store/steering.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gateOf, providerRowsVisible } from './gate.ts';
import { today } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { monthOf, monthOfDelivery, monthOfDeliveryPage, type CaseMonth, type PagedCaseMonth } from './settlement.ts';
import { inSlices } from './slices.ts';

const DELIVERERS = ['provider_staff', 'team_member', 'team_leader'] as const;

/** The actor's units that hold an order on the case (the one asked for, when asked); whether each may deliver is visitProblems' question. */
function orderedUnits(principal: Principal, state: CaseState, asked: string | undefined): string[] {
  const ordered = new Set((state.orders ?? []).map((o) => o.providerUnitId));
  return principal.unitIds.filter((id) => ordered.has(id) && (asked === undefined || asked === id));
}

/** A visit the rules of visitRules.ts refuse: 400 naming each field, with the rule and its source in the detail. */
function visitRefused(problems: readonly VisitProblem[]): AppError {
  const detail = problems.map((p) => `${p.field}: ${p.message} (${p.citation})`).join('; ');
  return new AppError('validation', `The visit cannot be recorded: ${detail}.`, { fields: problems.map(({ field, message }) => ({ field, message })), rule: problems[0]?.rule ?? 'visit_rules' });
}

export async function recordVisit(ctx: AppContext, principal: Principal, meta: CommandMeta, input: VisitInput & { providerUnitId?: string | undefined }): Promise<CommandResult> {
  requireRole(principal, DELIVERERS, 'Recording a visit');
  const result = await runCommand(ctx, principal, meta, async (tx) => {
    const c = await findCase(tx, input.caseId);
    if (!c) throw invalidField('caseId', 'no such case in this municipality');
    const units = orderedUnits(principal, c.state, input.providerUnitId);
    if (!units.length) throw new AppError('forbidden', 'You can record visits only on cases with an order to your unit.', { rule: 'own_orders_only' });
    const context = { today: today(ctx), history: visitHistory((await deliveryHistories(tx, [c.id])).get(c.id) ?? []) };
    const checked = units.map((unit) => ({ unit, problems: visitProblems(c.state, { providerUnitId: unit, visitDate: input.visitDate }, context) }));
    const chosen = checked.find((x) => !x.problems.length) ?? checked[0];
    if (!chosen || chosen.problems.length) throw visitRefused(chosen?.problems ?? []);
    const unit = chosen.unit;
    if (input.externalRef && (await externalRefsTaken(tx, unit, [input.externalRef])).size) throw invalidField('externalRef', 'this visit is recorded already');
    const id = await insertVisit(tx, { ...input, providerUnitId: unit }, principal.staffId);
    await audit(tx, principal, meta, 'write', 'visit', [c.person_id]);
    return { statusCode: 201, body: { id, caseId: c.id, providerUnitId: unit, status: input.status, minutes: input.minutes } };
  });
  if (result.statusCode === 201 && !result.replayed) await enqueueFollowUps(ctx.db, principal.municipalityId, [input.caseId]);
  return result;
}

export interface ImportInput {
  readonly providerUnitId: string;
  readonly fileName: string;
  readonly csv: string;
  readonly dryRun: boolean;
}

interface RowCheck {
  readonly unitId: string;
  readonly today: string;
  readonly histories: ReadonlyMap<string, VisitHistory>;
  readonly taken: ReadonlySet<string>;
  readonly seen: ReadonlySet<string>;
}

export type LineFreeProblem = Omit<RowProblem, 'line'>;

/**
 * The problems of a row's case and date for the importing unit: no such case, no order to the unit,
 * the rules of visits (visitRules.ts). Both imports ask this; the streamed one once per case and date.
 */
export function caseDateProblems(caseNumber: string, visitDate: string, c: ProviderCaseRow | undefined, k: { unitId: string; today: string; history: VisitHistory | undefined }): LineFreeProblem[] {
  if (!c) return [{ field: 'case_number', message: `no case ${caseNumber} in this municipality` }];
  if (!(c.state.orders ?? []).some((o) => o.providerUnitId === k.unitId)) return [{ field: 'case_number', message: 'your unit holds no order on this case' }];
  const refused = visitProblems(c.state, { providerUnitId: k.unitId, visitDate }, { today: k.today, history: k.history });
  return refused.map((p) => ({ field: csvColumnOf(p.field), message: p.message, rule: p.rule, citation: p.citation }));
}

/** The message of a visit id the unit has imported before, or one an earlier row of the file has. */
export const importedAlready = (ref: string) => `visit ${ref} is imported already`;

/** The problems of one row: its case, the unit's order on it and the rules of visits, then a repeated visit id. */
function rowProblems(r: CsvRow, c: ProviderCaseRow | undefined, k: RowCheck): RowProblem[] {
  const found = caseDateProblems(r.caseNumber, r.visit.visitDate, c, { unitId: k.unitId, today: k.today, history: c ? k.histories.get(c.id) : undefined });
  if (found.length) return found.map((p) => ({ line: r.line, ...p }));
  const ref = r.visit.externalRef;
  if (ref && (k.taken.has(ref) || k.seen.has(ref))) return [{ line: r.line, field: 'visit_id', message: importedAlready(ref) }];
  return [];
}

/** Checks each parsed row against the cases it names; returns the visits to store and every problem. */
async function resolveRows(tx: Tx, input: ImportInput, onDate: string) {
  const { rows, problems } = parseDeliveryCsv(input.csv);
  const cases = await casesByNumber(tx, [...new Set(rows.map((r) => r.caseNumber))]);
  const histories = new Map([...(await deliveryHistories(tx, [...cases.values()].map((c) => c.id)))].map(([id, actions]) => [id, visitHistory(actions)]));
  const refs = rows.map((r) => r.visit.externalRef).filter((x): x is string => x !== undefined);
  const seen = new Set<string>();
  const check: RowCheck = { unitId: input.providerUnitId, today: onDate, histories, taken: await externalRefsTaken(tx, input.providerUnitId, refs), seen };
  const visits: (VisitInput & { line: number; personId: string })[] = [];
  const all: RowProblem[] = [...problems];
  for (const r of rows) {
    const c = cases.get(r.caseNumber);
    const found = rowProblems(r, c, check);
    if (found.length) all.push(...found);
    else if (c) visits.push({ ...r.visit, caseId: c.id, line: r.line, personId: c.person_id });
    if (r.visit.externalRef) seen.add(r.visit.externalRef);
  }
  return { visits, problems: all.sort((a, b) => a.line - b.line) };
}

/** Delivery is imported by the staff of the provider unit it is for. */
export function assertMayImport(principal: Principal, providerUnitId: string): void {
  requireRole(principal, DELIVERERS, 'Importing delivery');
  if (!principal.unitIds.includes(providerUnitId)) throw new AppError('forbidden', 'You can import delivery only for your own unit.', { rule: 'own_orders_only' });
}

/** Imports a CSV from a mobile care system: all rows or none; a rejected file lists every bad row. */
export async function importDelivery(ctx: AppContext, principal: Principal, meta: CommandMeta, input: ImportInput): Promise<CommandResult> {
  assertMayImport(principal, input.providerUnitId);
  let touched: string[] = [];
  const result = await runCommand(ctx, principal, meta, async (tx) => {
    const { visits, problems } = await resolveRows(tx, input, today(ctx));
    const report = { fileName: input.fileName, rows: visits.length + new Set(problems.map((p) => p.line)).size, accepted: visits.length, rejected: problems };
    if (problems.length) {
      const detail = `Nothing was imported: ${problems.length} problem(s) in ${new Set(problems.map((p) => p.line)).size} row(s). Correct the rows listed and send the whole file again.`;
      return { statusCode: 422, body: { type: 'urn:tildel:problem:validation', title: 'The file has rows that cannot be imported', status: 422, ...report, imported: false, importId: null, detail } };
    }
    if (input.dryRun) return { statusCode: 200, body: { ...report, imported: false, importId: null, detail: 'Every row can be imported (dry run: nothing stored).' } };
    const sha256 = createHash('sha256').update(input.csv).digest('hex');
    const importId = await insertImport(tx, { providerUnitId: input.providerUnitId, fileName: input.fileName, sha256, rowCount: visits.length }, principal.staffId);
    for (const { line: _, personId: __, ...v } of visits) await insertVisit(tx, { ...v, providerUnitId: input.providerUnitId, importId }, principal.staffId);
    await audit(tx, principal, meta, 'write', 'visits (import)', [...new Set(visits.map((v) => v.personId))]);
    touched = visits.map((v) => v.caseId);
    return { statusCode: 201, body: { ...report, imported: true, importId, detail: `${visits.length} visits imported.` } };
  });
  await enqueueFollowUps(ctx.db, principal.municipalityId, touched);
  return result;
}

/** Performed against decided time per decision and provider for a month, with cancellations by reason. */
export async function deliveryPerformance(ctx: AppContext, principal: Principal, meta: RequestMeta, month: string, providerUnitId?: string) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const m = monthOf(month);
    const { gate } = await gateOf(tx, ctx, principal, meta);
    // The cases the gate's scope reaches are read (issue 18: a leader, who sees none of them, read all 24,000 of an Oslo month); the gate then judges each row.
    const reached = (await monthOfDelivery(tx, m, gate.scope)).filter((c) => !providerUnitId || c.providerUnitId === providerUnitId);
    const { rows: months, personIds } = await providerRowsVisible(tx, gate, reached);
    const cancelledOf = cancelledByCaseProvider(months.length ? await cancelledVisitCounts(tx, m.first, m.last) : []);
    await audit(tx, principal, meta, 'read', 'delivery performance', personIds);
    return { month, from: m.first, to: m.last, rows: months.map((c) => deliveryRow(c, cancelledOf)) };
  });
}

/** Where a page of the delivery report starts, and how many rows it holds. */
export interface DeliveryPageRequest {
  readonly providerUnitId: string | null;
  readonly after: CaseOrderCursor | null;
  readonly limit: number;
}

/**
 * The delivery report one page at a time (issue 18): the same rows as deliveryPerformance, by case
 * number and each case's order of orders. The gate's scope goes to SQL with the cursor and the limit;
 * the gate then judges each row, and when it holds some back the next rows are read, so a page is full
 * unless it is the last. Only the persons of the page's rows are logged as read.
 */
export async function deliveryPage(ctx: AppContext, principal: Principal, meta: RequestMeta, month: string, request: DeliveryPageRequest) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const m = monthOf(month);
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const visible: PagedCaseMonth[] = [];
    for (let after = request.after; ; ) {
      const read = await monthOfDeliveryPage(tx, m, gate.scope, { providerUnitId: request.providerUnitId, after, limit: request.limit + 1 });
      visible.push(...(await providerRowsVisible(tx, gate, read)).rows);
      const last = read[read.length - 1];
      if (read.length <= request.limit || visible.length > request.limit || last === undefined) break;
      after = { caseNumber: last.caseNumber, order: last.order };
    }
    const page = visible.slice(0, request.limit);
    const caseIds = [...new Set(page.map((c) => c.caseId))];
    const cancelledOf = cancelledByCaseProvider(caseIds.length ? await cancelledVisitCounts(tx, m.first, m.last, caseIds) : []);
    await audit(tx, principal, meta, 'read', 'delivery performance', [...new Set(page.map((c) => c.personId))]);
    return {
      month,
      from: m.first,
      to: m.last,
      ...pageOf(
        visible,
        request.limit,
        (c) => deliveryRow(c, cancelledOf),
        (c): CaseOrderCursor => ({ caseNumber: c.caseNumber, order: c.order }),
      ),
    };
  });
}

/** A case's performed against decided time under one order, with its cancelled visits by reason. */
function deliveryRow(c: CaseMonth, cancelledOf: ReadonlyMap<string, Record<string, number>>) {
  const cancelReasons = cancelledOf.get(caseProvider(c.caseId, c.providerUnitId)) ?? {};
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    providerUnitId: c.providerUnitId,
    serviceCode: c.serviceCode,
    decidedHours: c.decidedHours,
    performedHours: c.performedHours,
    performedPercent: c.decidedHours > 0 ? Math.round((c.performedHours / c.decidedHours) * 1000) / 10 : null,
    visits: c.performedVisits,
    cancelled: Object.values(cancelReasons).reduce((a, n) => a + n, 0),
    cancelReasons,
  };
}

/** The key of a case's visits by one provider. */
const caseProvider = (caseId: string, providerUnitId: string) => `${caseId} ${providerUnitId}`;

/** The cancelled visits per case and provider as counts by reason, reasons in the order they first occur. */
function cancelledByCaseProvider(counts: readonly { case_id: string; provider_unit_id: string; reason: string; n: number }[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const c of counts) {
    const key = caseProvider(c.case_id, c.provider_unit_id);
    const reasons = out.get(key) ?? {};
    reasons[c.reason] = c.n;
    out.set(key, reasons);
  }
  return out;
}

/** Distinct employees per user and month, per unit, and across units weighted and unweighted. */
export async function continuityReport(ctx: AppContext, principal: Principal, meta: RequestMeta, month: string) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const m = monthOf(month);
    // One row per case, unit and employee, in the order of their first visits: what continuity counts.
    const visits = await performedVisitEmployees(tx, m.first);
    // Counted in slices: an Oslo-size month has more than 100,000 such rows (issue 18: the event loop).
    const employees: EmployeesMet = new Map();
    for await (const slice of inSlices(visits)) {
      addVisits(employees, slice.map((v) => ({ userId: v.case_id, unitId: v.provider_unit_id, employeeRef: v.employee_ref, month })));
    }
    const c = continuityOf(employees);
    // The unit figures show no one; the per-user rows only those the gate lets through, with their case numbers.
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const perUser = await providerRowsVisible(tx, gate, c.perUser.map((u) => ({ caseId: u.userId, providerUnitId: u.unitId, distinctEmployees: u.distinctEmployees })));
    const caseNumber = await caseNumbersOf(tx, [...new Set(perUser.rows.map((u) => u.caseId))]);
    await audit(tx, principal, meta, 'read', 'continuity', perUser.personIds);
    return {
      month,
      units: c.units,
      perUser: perUser.rows.map((u) => ({ caseId: u.caseId, caseNumber: caseNumber.get(u.caseId) ?? '', unitId: u.providerUnitId, distinctEmployees: u.distinctEmployees })),
      weightedByUsers: c.weightedByUsers,
      unweightedMeanOfUnits: c.unweightedMeanOfUnits,
      medianOverUsers: c.medianOverUsers,
      note: 'weightedByUsers: the mean over all users (each unit weighted by its number of users, as seed 003 Table 5.3 appears to publish); unweightedMeanOfUnits: the plain mean of the unit figures.',
    };
  });
}

/** The orders that went to the actor's units, with what the provider needs to deliver. */
export async function incomingOrders(ctx: AppContext, principal: Principal, meta: RequestMeta, status?: 'awaiting' | 'accepted' | 'rejected') {
  requireRole(principal, [...DELIVERERS, 'caseworker', 'leader'], 'Orders');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const out = (await incomingOrderRows(tx, principal.unitIds, status ?? null)).map(incomingOrderOf);
    await audit(tx, principal, meta, 'read', 'orders', [...new Set(out.map((o) => o.personId))]);
    return out;
  });
}

/** An order as the provider sees it: the case, the order, and what it was sent with (the service_arranged action at its sentSeq). */
function incomingOrderOf(r: IncomingOrderRow) {
  const o = r.order;
  const payload = r.sent_type === 'service_arranged' ? (r.sent_payload as { order?: unknown; partOrder?: { providerUnitId: string } & Record<string, unknown>; startOn: string }) : null;
  const details = o.part ? (payload?.partOrder ?? null) : (payload?.order ?? null);
  return { caseId: r.case_id, caseNumber: r.case_number, personId: r.person_id, personName: r.person_name, serviceCode: r.service_code, ...o, startOn: payload?.startOn ?? null, details, caseVersion: r.version };
}
