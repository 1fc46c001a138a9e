/**
 * Routing rules as data (fordelingsregler): where a new request goes, decided by the municipality's
 * own rules instead of code. A rule has conditions on the request (the person's area or district, the
 * service, the person's age band, the diagnosis group, the pathway it came by) and a target (a team, a
 * named or central unit, the allocation board's next meeting, or a pool of named caseworkers, where the
 * request goes to the member with the fewest open cases). Rules are dated and ranked: the rule in force
 * with the lowest priority number whose every condition holds routes the request; with none, the
 * policy's intake applies (routing.ts).
 *
 * The seeds describe all of these: teams by geography within a district and a central unit for some
 * services (seed 003, Oslo's models 1–3), the board's meeting for long-term places (seed 000/002), and
 * services routed to specialised units (seed 001).
 */
import { z } from 'zod';
import { DIAGNOSIS_GROUPS, REQUEST_CHANNELS, type DiagnosisGroup, type RequestChannel } from '../case/vocabulary.ts';
import { SERVICE_CODES } from '../services/catalogue.ts';
import { inForceOn, type Period } from './dated.ts';
import type { UnitKind } from './vocabulary.ts';

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(200).optional();

export const routingConditionsSchema = z
  .object({
    areaIds: list(z.uuid()).describe('The person lives in one of these geographic areas (by postcode)'),
    districtIds: list(z.uuid()).describe('The person belongs to one of these districts'),
    serviceCodes: list(z.enum(SERVICE_CODES)).describe('The request is for one of these services'),
    ageFrom: z.int().min(0).max(130).optional().describe('The person is at least this old on the day the request is received'),
    ageTo: z.int().min(0).max(130).optional().describe('The person is at most this old (inclusive)'),
    diagnosisGroups: list(z.enum(DIAGNOSIS_GROUPS)).describe('The request states one of these diagnosis groups'),
    channels: list(z.enum(REQUEST_CHANNELS)).describe('The request came by one of these pathways (e.g. hospital: a patient ready for discharge)'),
  })
  .strict()
  .refine((c) => c.ageFrom === undefined || c.ageTo === undefined || c.ageFrom <= c.ageTo, { path: ['ageTo'], message: 'the age band ends before it starts' });
export type RoutingConditions = z.infer<typeof routingConditionsSchema>;

export const routingTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitId: z.uuid().describe('A team, a named unit or the central allocation unit') }).strict(),
  z.object({ kind: z.literal('board_next_meeting'), unitId: z.uuid().describe("The allocation board whose next planned meeting gets the case on its agenda") }).strict(),
  z
    .object({
      kind: z.literal('caseworker_pool'),
      unitId: z.uuid().describe('The unit the pool belongs to; the case is routed there'),
      staffIds: z.array(z.uuid()).min(1).max(100).describe('The caseworkers; the one with the fewest open cases becomes the owner'),
    })
    .strict(),
]);
export type RoutingTarget = z.infer<typeof routingTargetSchema>;

export interface RoutingRule extends Period {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
  readonly conditions: RoutingConditions;
  readonly target: RoutingTarget;
}

/** What routing knows of a new request. */
export interface RequestFacts {
  readonly districtId: string | null;
  readonly areaId: string | null;
  readonly serviceCode: string;
  readonly age: number | null;
  readonly diagnosisGroup: DiagnosisGroup | null;
  readonly channel: RequestChannel;
}

const within = <T>(allowed: readonly T[] | undefined, value: T | null): boolean => allowed === undefined || (value !== null && allowed.includes(value));

/** Whether every condition of the rule holds for the request; a condition on a fact the request lacks does not hold. */
export function ruleMatches(c: RoutingConditions, f: RequestFacts): boolean {
  return (
    within(c.areaIds, f.areaId) &&
    within(c.districtIds, f.districtId) &&
    within<string>(c.serviceCodes, f.serviceCode) &&
    within(c.diagnosisGroups, f.diagnosisGroup) &&
    within(c.channels, f.channel) &&
    (c.ageFrom === undefined || (f.age !== null && f.age >= c.ageFrom)) &&
    (c.ageTo === undefined || (f.age !== null && f.age <= c.ageTo))
  );
}

export interface RuleRoute {
  readonly ruleId: string;
  readonly unitId: string;
  /** The caseworker who becomes the owner (a pool's), or null. */
  readonly ownerStaffId: string | null;
  readonly toBoardMeeting: boolean;
  readonly rule: string;
}

/** The pool member with the fewest open cases; ties go to the first listed. */
export function leastLoaded(staffIds: readonly string[], openCases: (staffId: string) => number): string | null {
  let best: { id: string; load: number } | null = null;
  for (const id of staffIds) {
    const load = openCases(id);
    if (best === null || load < best.load) best = { id, load };
  }
  return best?.id ?? null;
}

/** The rules in force on the date, in the order they are tried: priority, then the older rule first. */
export function rulesInForce(rules: readonly RoutingRule[], onDate: string): RoutingRule[] {
  return rules.filter((r) => inForceOn(r, onDate)).sort((a, b) => a.priority - b.priority || a.validFrom.localeCompare(b.validFrom) || a.id.localeCompare(b.id));
}

/**
 * Routes a request by the first rule in force whose conditions hold, or returns null (the policy's
 * intake applies). Pool members who cannot take cases (not in force in the unit) are passed over by the
 * caller's `openCases` returning Infinity.
 */
export function routeByRules(rules: readonly RoutingRule[], facts: RequestFacts, onDate: string, openCases: (staffId: string, unitId: string) => number, unitName: (id: string) => string): RuleRoute | null {
  const rule = rulesInForce(rules, onDate).find((r) => ruleMatches(r.conditions, facts));
  if (!rule) return null;
  const t = rule.target;
  const load = (staffId: string) => openCases(staffId, t.unitId);
  const pool = t.kind === 'caseworker_pool' ? t.staffIds.filter((id) => Number.isFinite(load(id))) : [];
  const ownerStaffId = t.kind === 'caseworker_pool' ? leastLoaded(pool, load) : null;
  const where = t.kind === 'board_next_meeting' ? `the next meeting of ${unitName(t.unitId)}` : unitName(t.unitId);
  const who = t.kind === 'caseworker_pool' ? (ownerStaffId ? ', to the pool member with the fewest open cases' : '; no pool member can take it, so it waits unowned in the unit') : '';
  return { ruleId: rule.id, unitId: t.unitId, ownerStaffId, toBoardMeeting: t.kind === 'board_next_meeting', rule: `Routed by the rule «${rule.name}» to ${where}${who}.` };
}

export interface RuleUnit extends Period {
  readonly id: string;
  readonly kind: UnitKind;
}

export interface RuleProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * What is wrong with a rule against the organisation from its first day: the target unit must exist
 * and be in force, a board target must be an allocation board, and each pool member must serve in the
 * pool's unit; the areas and districts it names must exist.
 */
export function ruleProblems(
  rule: Pick<RoutingRule, 'conditions' | 'target' | 'validFrom'>,
  org: { units: readonly RuleUnit[]; members: (unitId: string, onDate: string) => readonly string[]; areaIds: readonly string[]; districtIds: readonly string[] },
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const unit = org.units.find((u) => u.id === rule.target.unitId);
  if (!unit) problems.push({ field: 'target.unitId', message: 'no such unit in the municipality' });
  else if (!inForceOn(unit, rule.validFrom)) problems.push({ field: 'target.unitId', message: `the unit is not in force on ${rule.validFrom}` });
  else if (rule.target.kind === 'board_next_meeting' && unit.kind !== 'allocation_board') problems.push({ field: 'target.unitId', message: 'the board’s next meeting needs an allocation board' });
  if (rule.target.kind === 'caseworker_pool' && unit) {
    const members = org.members(unit.id, rule.validFrom);
    rule.target.staffIds.forEach((id, i) => {
      if (!members.includes(id)) problems.push({ field: `target.staffIds.${i}`, message: 'the caseworker does not serve in the unit on the rule’s first day' });
    });
  }
  (rule.conditions.areaIds ?? []).forEach((id, i) => {
    if (!org.areaIds.includes(id)) problems.push({ field: `conditions.areaIds.${i}`, message: 'no such area' });
  });
  (rule.conditions.districtIds ?? []).forEach((id, i) => {
    if (!org.districtIds.includes(id)) problems.push({ field: `conditions.districtIds.${i}`, message: 'no such district' });
  });
  return problems;
}
