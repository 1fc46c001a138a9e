/**
 * A merge of one unit into another from a date (sammenslåing): from that day the merged unit ends,
 * its staff serve in the unit it is merged into, its open cases (and so their open work items, which
 * follow the owner unit) move there, and the areas and routing rules that pointed at it point at the
 * other unit. The plan is a pure function of the organisation and the open cases, so the preview an
 * administrator sees is exactly what is applied.
 */
import { inForceOn, inForceOnOrAfter, type Period } from './dated.ts';

export interface MembershipPeriod extends Period {
  readonly staffId: string;
  readonly unitId: string;
}

export interface MergeUnit extends Period {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

export interface OpenCaseRef {
  readonly caseId: string;
  readonly ownerUnitId: string | null;
}

export interface Pointer {
  readonly id: string;
  readonly name: string;
  readonly unitId: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface MergePlan {
  readonly fromUnitId: string;
  readonly intoUnitId: string;
  readonly effectiveOn: string;
  /** Memberships in the merged unit that end on the day. */
  readonly endedMemberships: readonly MembershipPeriod[];
  /** Memberships in the merged unit that start on the day or later: they have not held, so they are moved to the receiving unit as they are. */
  readonly movedMemberships: readonly MembershipPeriod[];
  /** Staff who start serving in the receiving unit on the day (those who do not already). */
  readonly startedStaffIds: readonly string[];
  /** The open cases the merged unit holds, moved to the receiving unit. */
  readonly movedCaseIds: readonly string[];
  /** Areas and routing rules that pointed at the merged unit, given again pointing at the receiving one. */
  readonly repointedAreaIds: readonly string[];
  readonly repointedRuleIds: readonly string[];
}

export type MergeProblem = { readonly field: string; readonly message: string };

/** Why the merge cannot be made, or nothing. */
export function mergeProblems(from: MergeUnit | undefined, into: MergeUnit | undefined, effectiveOn: string): MergeProblem[] {
  if (!from) return [{ field: 'fromUnitId', message: 'no such unit' }];
  if (!into) return [{ field: 'intoUnitId', message: 'no such unit' }];
  if (from.id === into.id) return [{ field: 'intoUnitId', message: 'a unit cannot be merged into itself' }];
  const problems: MergeProblem[] = [];
  if (!inForceOn(from, effectiveOn) || effectiveOn === from.validFrom) problems.push({ field: 'fromUnitId', message: `the unit is not in force before and on ${effectiveOn}` });
  if (!inForceOn(into, effectiveOn)) problems.push({ field: 'intoUnitId', message: `the unit is not in force on ${effectiveOn}` });
  if (from.kind !== into.kind) problems.push({ field: 'intoUnitId', message: `a ${from.kind.replace(/_/g, ' ')} is merged into a unit of the same kind, not a ${into.kind.replace(/_/g, ' ')}` });
  return problems;
}

/** What the merge does from its day. Call after mergeProblems found none. */
export function planMerge(input: {
  readonly fromUnitId: string;
  readonly intoUnitId: string;
  readonly effectiveOn: string;
  readonly memberships: readonly MembershipPeriod[];
  readonly openCases: readonly OpenCaseRef[];
  readonly areas: readonly Pointer[];
  readonly rules: readonly Pointer[];
}): MergePlan {
  const { fromUnitId, intoUnitId, effectiveOn } = input;
  const live = input.memberships.filter((m) => inForceOnOrAfter(m, effectiveOn));
  const endedMemberships = live.filter((m) => m.unitId === fromUnitId && m.validFrom < effectiveOn);
  const movedMemberships = live.filter((m) => m.unitId === fromUnitId && m.validFrom >= effectiveOn);
  const alreadyInto = new Set(live.filter((m) => m.unitId === intoUnitId && m.validFrom <= effectiveOn).map((m) => m.staffId));
  const startedStaffIds = [...new Set(endedMemberships.map((m) => m.staffId))].filter((s) => !alreadyInto.has(s));
  const pointing = (p: Pointer) => p.unitId === fromUnitId && inForceOnOrAfter(p, effectiveOn);
  return {
    fromUnitId,
    intoUnitId,
    effectiveOn,
    endedMemberships,
    movedMemberships,
    startedStaffIds,
    movedCaseIds: input.openCases.filter((c) => c.ownerUnitId === fromUnitId).map((c) => c.caseId),
    repointedAreaIds: input.areas.filter(pointing).map((a) => a.id),
    repointedRuleIds: input.rules.filter(pointing).map((r) => r.id),
  };
}
