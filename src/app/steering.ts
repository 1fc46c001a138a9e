/**
 * Steering information for leaders (issue 20): outcome figures per period and breakdown, and the
 * team steering card per month. The figures are aggregates and show no one, so they need only a
 * leader's role; the card's list of users above the continuity alert shows only the users the gate
 * lets the staff member see (access by need, gate.ts), and the read is audited.
 */
import type { DecisionOutcome } from '../domain/case/vocabulary.ts';
import { pushTo } from '../domain/collections.ts';
import { servedDefinitions } from '../domain/reports/figures.ts';
import { breakdownOfTallies, decidedHours, hoursChange, newOutcomeTally, OUTCOME_DEFINITIONS, OUTCOME_FIGURE_IDS, outcomeFigures, tallyGrouped, type OutcomeEvent, type OutcomeGroup, type OutcomeTally } from '../domain/reports/outcomes.ts';
import { addEmployeesPerUser, continuityOverall, eachSteeringCard, perUserCounts, type CardAssessment, type CardCase, type CardFigure, type CardInput, type UserContinuity } from '../domain/reports/steering.ts';
import { STEERING_DEFINITIONS, STEERING_FIGURE_IDS } from '../domain/reports/steeringDefinitions.ts';
import { addDays } from '../domain/law/deadlines.ts';
import { cardAssessmentRows, cardCaseRows, cardComplaintRows, cardUnits, caseNumbersOf, outcomeEventRows, performedVisitEmployees, type CardAssessmentRow, type CardCaseRow, type DecisionFields, type OutcomeEventRow } from '../store/steering.ts';
import { inTenant, inTenantAtOnce } from '../store/tx.ts';
import { audit } from './audit.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { invalidField, notFound } from './errors.ts';
import { gateOf, providerRowsVisible } from './gate.ts';
import { modelClassification } from './policies.ts';
import { mayReadPersonalData, type Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { flatMapInSlices, inSlices, mapInSlices, nextTurn } from './slices.ts';
import { monthOf, monthOfDelivery } from './settlement.ts';

/** Who reads steering figures: the leaders of the municipality and of teams. */
export const STEERING_READERS = ['leader', 'team_leader'] as const;

export const OUTCOME_GROUPINGS = ['service', 'caseworker', 'team', 'district', 'model', 'month'] as const;
export type OutcomeGrouping = (typeof OUTCOME_GROUPINGS)[number];

/** The default period: from the first day of the month two months back to today (the last three months). */
export function defaultPeriod(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const back = new Date(Date.UTC(y, m - 3, 1)).toISOString().slice(0, 10);
  return { from: back, to: today };
}

/** A decision's hours as the domain rule reads them. */
function hoursOf(d: DecisionFields): number | null {
  return decidedHours({ outcome: d.outcome as DecisionOutcome, hoursPerWeek: d.hoursPerWeek, frame: d.frameMaxHoursPerWeek === null ? null : { maxHoursPerWeek: d.frameMaxHoursPerWeek } });
}

function eventOf(r: OutcomeEventRow): OutcomeEvent {
  if (r.kind !== 'decision') return { kind: r.kind, personId: r.person_id };
  const d = r.decision as DecisionFields;
  const outcome = d.outcome as DecisionOutcome;
  return {
    kind: 'decision',
    personId: r.person_id,
    outcome,
    onwardReferral: d.onwardReferral,
    alternativeOffered: outcome !== 'granted' && (d.onwardReferral || d.otherAlternative),
    change: r.previous ? hoursChange(hoursOf(r.previous), hoursOf(d)) : null,
    leftWithoutService: r.left_without_service,
  };
}

type Labelled = { key: string; label: string | null };

function groupOf(groupBy: OutcomeGrouping, models: ReadonlyMap<string, string>): (r: OutcomeEventRow) => Labelled {
  switch (groupBy) {
    case 'service':
      return (r) => ({ key: r.service_code, label: null });
    case 'caseworker':
      return (r) => ({ key: r.owner_staff_id ?? 'none', label: r.owner_name });
    case 'team':
      return (r) => ({ key: r.unit_id ?? 'none', label: r.unit_name });
    case 'district':
      return (r) => ({ key: r.district_id ?? 'none', label: r.district_name });
    case 'model':
      return (r) => ({ key: (r.district_id && models.get(r.district_id)) || 'none', label: null });
    case 'month':
      return (r) => ({ key: r.on_date.slice(0, 7), label: null });
  }
}

/** The months from `from` to `to`, YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; ; i += 1) {
    const month = new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7);
    if (month > to.slice(0, 7)) return out;
    out.push(month);
  }
}

/** A trend shows every month of the period, those without events as empty months. */
function withEveryMonth(groups: readonly OutcomeGroup[], from: string, to: string): OutcomeGroup[] {
  const have = new Map(groups.map((g) => [g.key, g]));
  return monthsOf(from, to).map((key) => have.get(key) ?? { key, figures: outcomeFigures([]) });
}

/** The outcome figures from `from` to `to` (by default the last three months), in total and per group. */
export async function outcomeReport(ctx: AppContext, principal: Principal, q: { from?: string | undefined; to?: string | undefined; groupBy: OutcomeGrouping }) {
  requireRole(principal, STEERING_READERS, 'Steering figures');
  const period = { ...defaultPeriod(todayIn(ctx)), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
  if (period.from > period.to) throw invalidField('from', 'the period begins after it ends');
  if (addDays(period.from, 3660) < period.to) throw invalidField('to', 'the period is longer than ten years');
  const models = q.groupBy === 'model' ? new Map((await modelClassification(ctx, principal)).filter((d) => d.osloClass !== null).map((d) => [d.districtId, String(d.osloClass)])) : new Map<string, string>();
  return inTenant(ctx.db.app, principal, async (tx) => {
    const rows = await outcomeEventRows(tx, period.from, period.to);
    const group = groupOf(q.groupBy, models);
    const labels = new Map<string, string | null>();
    const total = newOutcomeTally();
    const byKey = new Map<string, OutcomeTally>();
    // Counted in slices: an Oslo-size period has about 100,000 events (issue 18: the event loop).
    for await (const slice of inSlices(rows)) {
      for (const r of slice) {
        const g = group(r);
        labels.set(g.key, g.label);
        tallyGrouped(total, byKey, g.key, eventOf(r));
      }
    }
    const b = breakdownOfTallies(total, byKey);
    return {
      ...period,
      groupBy: q.groupBy,
      definitions: servedDefinitions(OUTCOME_FIGURE_IDS, OUTCOME_DEFINITIONS),
      total: b.total,
      unweightedMeanOfGroups: b.unweightedMeanOfGroups,
      groups: (q.groupBy === 'month' ? withEveryMonth(b.groups, period.from, period.to) : b.groups).map((g) => ({ key: g.key, label: labels.get(g.key) ?? null, figures: g.figures })),
    };
  });
}

/** A case row as the card sees it. */
export const cardCaseOf = (c: CardCaseRow): CardCase => ({
  caseId: c.case_id,
  personId: c.person_id,
  unitIds: [c.owner_unit_id, c.provider_unit_id].filter((u): u is string => u !== null),
  active: c.active,
  serviceResponsible: c.service_responsible,
  primaryContact: c.primary_contact,
  receivedOn: c.received_on,
  firstAssessmentOn: c.first_assessment_on,
  firstDecisionOn: c.first_decision_on,
  startedOn: c.started_on,
  decisionsInMonth: c.decisions_in_month,
});

/** An assessment row as the card sees it. */
export const cardAssessmentOf = (a: CardAssessmentRow): CardAssessment => ({ personId: a.person_id, assessedOn: a.assessed_on, whatMatters: a.what_matters, goalFollowUps: a.goal_follow_ups });

/**
 * The month's rows for the cards, read in two transactions at once (inTenantAtOnce): the cases and the
 * complaints in one, the month of delivery (without the ADL sums and the order, which no card figure
 * needs), the assessments and the visits' employees in the other (on the Oslo set about as long).
 */
async function cardInput(ctx: AppContext, principal: Principal, month: string): Promise<CardInput> {
  const m = monthOf(month);
  const [[cases, complaints], [delivery, assessments, visits]] = await inTenantAtOnce(ctx.db.app, principal, [
    async (tx) => [await cardCaseRows(tx, m.first, m.last), await cardComplaintRows(tx, m.first, m.last)] as const,
    // One row per case, unit and employee is all continuity counts (distinct employees).
    async (tx) => [await monthOfDelivery(tx, m, null, { adl: false, ordered: false }), await cardAssessmentRows(tx, m.first, m.last), await performedVisitEmployees(tx, m.first)] as const,
  ]);
  // Made in slices: an Oslo-size month has about 46,000 cases and more visits (issue 18: the event loop).
  // Each visit's person is its case's: the visits are read without their cases. A case registered
  // between the two reads (each sees what was committed when it began) is not on the card, nor its visits.
  const personOf = new Map(cases.map((c) => [c.case_id, c.person_id]));
  return {
    month: m,
    today: todayIn(ctx),
    cases: await mapInSlices(cases, cardCaseOf),
    assessments: assessments.map(cardAssessmentOf),
    visits: await flatMapInSlices(visits, (slice) =>
      slice.flatMap((v) => {
        const personId = personOf.get(v.case_id);
        return personId === undefined ? [] : [{ caseId: v.case_id, personId, unitId: v.provider_unit_id, employeeRef: v.employee_ref }];
      }),
    ),
    complaints: complaints.map((c) => ({ caseId: c.case_id, outcome: c.outcome })),
    delivery: delivery.map((d) => ({ caseId: d.caseId, unitId: d.providerUnitId, decidedHours: d.decidedHours, performedHours: d.performedHours })),
  };
}

/** The steering card of a team (or of every team) for a month, with the users above the continuity alert the staff member may see. */
export async function steeringCardReport(ctx: AppContext, principal: Principal, meta: RequestMeta, q: { team?: string | undefined; month: string; alertAbove: number }) {
  requireRole(principal, STEERING_READERS, 'The steering card');
  // The teams first, so that a team that does not exist costs no month's reads.
  const { units, teams } = await inTenant(ctx.db.app, principal, async (tx) => {
    const units = await cardUnits(tx);
    const teams = q.team ? units.filter((u) => u.id === q.team) : units;
    if (q.team && teams.length === 0) {
      const { rows } = await tx.query<{ id: string; name: string; kind: string }>('SELECT id, name, kind FROM org_unit WHERE municipality_id = current_municipality() AND id = $1', [q.team]);
      if (!rows[0]) throw notFound('The team');
      teams.push(rows[0]);
    }
    return { units, teams };
  });
  const input = await cardInput(ctx, principal, q.month);
  // The cards are counted before the gate's transaction, which then holds its connection only for the gate and the audit.
  const employees = new Map<string, Set<string>>();
  for await (const slice of inSlices(input.visits)) addEmployeesPerUser(employees, slice);
  const perUser = perUserCounts(employees);
  const made: { team: (typeof teams)[number]; card: { figures: CardFigure[]; continuity: UserContinuity[] }; above: UserContinuity[]; rows: { caseId: string; personId: string; providerUnitId: string; distinctEmployees: number }[] }[] = [];
  for (const { team, card } of eachSteeringCard(input, teams, perUser)) {
    // A turn for the event loop between teams (issue 18): the cards of an Oslo-size month are about 150 ms together.
    await nextTurn();
    const above = card.continuity.filter((u) => u.distinctEmployees > q.alertAbove);
    made.push({ team, card, above, rows: above.flatMap((u) => u.caseIds.map((caseId) => ({ caseId, personId: u.personId, providerUnitId: team.id, distinctEmployees: u.distinctEmployees }))) });
  }
  // Over every team, whichever card was asked for: the municipality's figure to compare the team's with.
  const overall = continuityOverall(input.visits, units.map((t) => t.id), perUser);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    // The gate asked once for every team's users above the alert (each row is judged on its own: its case and its team).
    const asked = made.flatMap((m) => m.rows);
    const visible = mayReadPersonalData(principal) && asked.length > 0 ? await providerRowsVisible(tx, gate, asked) : { rows: [], personIds: [] };
    // The case numbers of the rows shown only, not of every case of the month.
    const caseNumbers = visible.rows.length ? await caseNumbersOf(tx, [...new Set(visible.rows.map((r) => r.caseId))]) : new Map<string, string>();
    const visibleOfTeam = new Map<string, (typeof visible.rows)[number][]>();
    for (const r of visible.rows) pushTo(visibleOfTeam, r.providerUnitId, r);
    const cards = made.map(({ team, card, above }) => {
      // One row per user: the first of their cases with the team the gate shows.
      const firstOfUser = new Map<string, (typeof visible.rows)[number]>();
      for (const r of visibleOfTeam.get(team.id) ?? []) if (!firstOfUser.has(r.personId)) firstOfUser.set(r.personId, r);
      const shown = [...firstOfUser.values()];
      return {
        unitId: team.id,
        name: team.name,
        figures: card.figures,
        usersAboveAlert: above.length,
        continuityAlerts: shown.map((r) => ({ caseId: r.caseId, caseNumber: caseNumbers.get(r.caseId) ?? '', distinctEmployees: r.distinctEmployees })),
      };
    });
    if (visible.personIds.length) await audit(tx, principal, meta, 'read', 'steering card continuity alerts', visible.personIds);
    return {
      month: q.month,
      alertAbove: q.alertAbove,
      definitions: servedDefinitions(STEERING_FIGURE_IDS, STEERING_DEFINITIONS),
      continuityOverall: overall,
      teams: cards,
    };
  });
}
