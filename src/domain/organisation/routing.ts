/**
 * Where a new request goes under a policy (mottak): the team of the person's district (Oslo model 1),
 * one central unit (model 3), the allocation office, the allocation board, or the delivering unit.
 */
import type { IntakeRoute } from './policy.ts';
import type { UnitKind } from './vocabulary.ts';

export interface RoutableUnit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly districtId: string | null;
}

export interface Route {
  readonly unitId: string | null;
  readonly rule: string;
}

const TARGET_KIND: Record<IntakeRoute, UnitKind> = {
  geographic_team: 'interdisciplinary_team',
  central_unit: 'allocation_office',
  allocation_office: 'allocation_office',
  allocation_board: 'allocation_board',
  delivering_unit: 'municipal_provider',
};

const RULE_TEXT: Record<IntakeRoute, string> = {
  geographic_team: "the team of the person's district",
  central_unit: 'the central allocation unit',
  allocation_office: 'the allocation office',
  allocation_board: "the allocation board's next meeting",
  delivering_unit: "the delivering unit of the person's district",
};

/**
 * Picks the unit: for a geographic team, the team covering the person's area (by postcode) first;
 * then one in the person's district, then one that serves the whole municipality. Pass only the units
 * in force on the day.
 */
export function routeRequest(intake: IntakeRoute, districtId: string | null, units: readonly RoutableUnit[], areaTeamId: string | null = null): Route {
  const candidates = units.filter((u) => u.kind === TARGET_KIND[intake]);
  const areaTeam = intake === 'geographic_team' ? candidates.find((u) => u.id === areaTeamId) : undefined;
  if (areaTeam) return { unitId: areaTeam.id, rule: `Routed to ${areaTeam.name}: the team covering the person's area.` };
  const unit =
    candidates.find((u) => districtId !== null && u.districtId === districtId) ??
    candidates.find((u) => u.districtId === null) ??
    candidates[0];
  if (!unit) return { unitId: null, rule: `No unit found for ${RULE_TEXT[intake]}; the request waits unowned.` };
  return { unitId: unit.id, rule: `Routed to ${unit.name}: ${RULE_TEXT[intake]}.` };
}
