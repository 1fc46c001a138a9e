/**
 * Equal treatment (likebehandling, issue 20): the spread of granted hours per week for users with
 * comparable assessed need, by caseworker, team or district, for leaders; the cases behind a cell,
 * listed only as the gate allows (access by need); and, for the caseworker about to decide, the range
 * granted to comparable users in the municipality. The figures are aggregates of at least the
 * minimum n; every read is audited.
 */
import { addDays } from '../domain/law/deadlines.ts';
import {
  bandOfTally,
  comparableRange,
  EQUAL_TREATMENT_DEFINITIONS,
  equalTreatment,
  MINIMUM_N,
  NEED_BAND_RULE,
  needBand,
  storedTally,
  unitOf,
  groupKey,
  type Breakdown,
  type Cell,
  type Grant,
  type GroupResult,
} from '../domain/reports/equalTreatment.ts';
import { comparableFacts, grantRows, unitNames, type GrantRow } from '../store/equalTreatment.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { audit, assertMayReadPersonalData } from './audit.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { invalidField } from './errors.ts';
import { gatedCase, gateOf, levelsOfCases } from './gate.ts';
import { decidedServices, frameOfCeiling } from './payments.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { STEERING_READERS } from './steering.ts';
import { flatMapInSlices } from './slices.ts';

export interface Period {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** The period compared: by default the last twelve months to today (a year gives cells enough decisions). */
function periodOf(q: Period, today: string): { from: string; to: string } {
  const period = { from: q.from ?? addDays(today, -365), to: q.to ?? today };
  if (period.from > period.to) throw invalidField('from', 'the period begins after it ends');
  if (addDays(period.from, 3660) < period.to) throw invalidField('to', 'the period is longer than ten years');
  return period;
}

interface Labelled extends Grant {
  readonly caseNumber: string;
  readonly personId: string;
  readonly decidedOn: string;
}

/** Each granted service with hours of a current decision (a package's services one by one). */
function grantsOf(rows: readonly GrantRow[]): Labelled[] {
  const grants: Labelled[] = [];
  for (const r of rows) {
    const band = bandOfTally(storedTally(r.adl_scored, r.adl_sum));
    // Hours as the payment reads them: the frame's ceiling or the hours, and a package's services one by one.
    const services = decidedServices({
      serviceCode: r.decision_service_code,
      hoursPerWeek: r.decision_hours_per_week ?? undefined,
      frame: frameOfCeiling(r.decision_frame_max_hours),
      package: r.package ?? undefined,
    });
    for (const s of services) {
      const hours = s.hoursPerWeek;
      if (hours === null || hours === undefined) continue;
      grants.push({
        caseId: r.case_id,
        caseNumber: r.case_number,
        personId: r.person_id,
        decidedOn: r.decided_on,
        serviceCode: s.serviceCode,
        hoursPerWeek: hours,
        band,
        diagnosisGroup: r.diagnosis_group,
        caseworker: r.decider_id,
        team: r.team_id,
        district: r.district_id,
      });
    }
  }
  return grants;
}

/** A cell as served: every figure, null where suppressed. */
function served(c: Cell) {
  if (c.suppressed) return { suppressed: true, n: null, mean: null, median: null, p10: null, p90: null, ciLow: null, ciHigh: null };
  return { suppressed: false, n: c.n, mean: c.mean, median: c.median, p10: c.p10, p90: c.p90, ciLow: c.ciLow, ciHigh: c.ciHigh };
}

export interface EqualTreatmentQuery extends Period {
  readonly service?: string | undefined;
  readonly by: Breakdown;
}

async function grantsIn(tx: Tx, period: { from: string; to: string }, service: string | undefined) {
  // Made in slices: an Oslo-size period has tens of thousands of decisions (issue 18: the event loop).
  const grants = await flatMapInSlices(await grantRows(tx, period.from, period.to), grantsOf);
  return service ? grants.filter((g) => g.serviceCode === service) : grants;
}

/** The names of the units of the breakdown that the figures show ("none" has no name). */
function labelsOf(tx: Tx, groups: readonly GroupResult[], by: Breakdown) {
  const ids = new Set(groups.flatMap((g) => g.units.map((u) => u.key)).filter((k) => k !== 'none'));
  return unitNames(tx, by, [...ids]);
}

/** The equal-treatment figures of a period, per comparable-need group and unit of the breakdown, with the definitions. */
export async function equalTreatmentReport(ctx: AppContext, principal: Principal, meta: RequestMeta, q: EqualTreatmentQuery) {
  requireRole(principal, STEERING_READERS, 'Equal-treatment figures');
  const period = periodOf(q, todayIn(ctx));
  return inTenant(ctx.db.app, principal, async (tx) => {
    const figures = equalTreatment(await grantsIn(tx, period, q.service), q.by);
    const labels = await labelsOf(tx, figures, q.by);
    const groups = figures.map((g) => ({
      key: g.key,
      serviceCode: g.serviceCode,
      band: g.band,
      diagnosisGroup: g.diagnosisGroup,
      municipality: served(g.municipality),
      units: g.units.map((u) => ({ key: u.key, label: labels.get(u.key) ?? null, figures: served(u.figures), flag: u.flag })),
    }));
    // Aggregates of at least the minimum n name no one; the read is logged all the same.
    await audit(tx, principal, meta, 'read', 'equal treatment figures', []);
    return {
      ...period,
      by: q.by,
      service: q.service ?? null,
      minimumN: MINIMUM_N,
      bandRule: { id: NEED_BAND_RULE.id, source: NEED_BAND_RULE.source, bands: NEED_BAND_RULE.words },
      definitions: [...EQUAL_TREATMENT_DEFINITIONS],
      flagged: groups.reduce((n, g) => n + g.units.filter((u) => u.flag !== null).length, 0),
      groups,
    };
  });
}

/**
 * The cases behind a cell (a group and a unit of the breakdown): only those the gate shows the staff
 * member in full (a leader reads cases for quality assurance, not for administration), by case number
 * and hours, never names; the rest as a count where the cell is shown at all. The read of the persons
 * shown is audited.
 */
export async function equalTreatmentCases(ctx: AppContext, principal: Principal, meta: RequestMeta, q: EqualTreatmentQuery & { group: string; unit: string }) {
  requireRole(principal, STEERING_READERS, 'The cases behind equal-treatment figures');
  const period = periodOf(q, todayIn(ctx));
  return inTenant(ctx.db.app, principal, async (tx) => {
    const cell = (await grantsIn(tx, period, q.service)).filter((g) => groupKey(g) === q.group && unitOf(g, q.by) === q.unit);
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const levels = await levelsOfCases(tx, gate, cell.map((g) => g.caseId));
    const shown = cell.filter((g) => levels.get(g.caseId)?.level === 'full');
    const personIds = [...new Set(shown.map((g) => g.personId))];
    if (personIds.length) await audit(tx, principal, meta, 'read', 'equal treatment cases', personIds);
    return {
      group: q.group,
      unit: q.unit,
      // Below the minimum n the count of cases not shown would give n away.
      notShown: cell.length >= MINIMUM_N.n ? cell.length - shown.length : null,
      cases: shown.map((g) => ({ caseId: g.caseId, caseNumber: g.caseNumber, serviceCode: g.serviceCode, hoursPerWeek: g.hoursPerWeek, decidedOn: g.decidedOn })),
    };
  });
}

/**
 * For the caseworker about to decide: the range granted in the municipality to users with need
 * comparable to this case's (its service, or another asked for; its band today; its diagnosis group),
 * the case itself left out, hidden below the minimum n. Needs the full case.
 */
export async function comparableGrants(ctx: AppContext, principal: Principal, meta: RequestMeta, caseId: string, q: Period & { service?: string | undefined }) {
  assertMayReadPersonalData(principal);
  const today = todayIn(ctx);
  const period = periodOf(q, today);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { row } = await gatedCase(tx, (await gateOf(tx, ctx, principal, meta)).gate, caseId, 'full', 'the grants comparable with this case');
    const facts = await comparableFacts(tx, caseId, today);
    const comparable = { caseId, serviceCode: q.service ?? row.service_code, band: needBand(facts?.scores ?? null), diagnosisGroup: facts?.diagnosis_group ?? null };
    // Made in slices: an Oslo-size period has tens of thousands of decisions (issue 18: the event loop).
    const grants = await flatMapInSlices(await grantRows(tx, period.from, period.to), grantsOf);
    await audit(tx, principal, meta, 'read', 'comparable grants', [row.person_id]);
    const range = comparableRange(grants, comparable);
    return { ...period, ...comparable, minimumN: MINIMUM_N.n, range: range.suppressed ? { suppressed: true, n: null, p10: null, median: null, p90: null } : { ...range } };
  });
}
