/**
 * Classifies practice from configuration, not from labels:
 *
 * - Each district's Oslo model class (seed 003 Table 3.1, L489–508): where the caseworkers sit.
 *   A caseworker in exactly one geographic team counts 1 («kartlegging og saksbehandling i lokale
 *   team»); one in a single central allocation unit counts 3 («samme organisatoriske enhet for alle
 *   tjenester»); one spread over several teams or services counts 2. The district's class is the mean
 *   rounded to the nearest half, so mixes give 1.5 and 2.5 (seed 003 notes §4 A1: «mixed cases give
 *   1.5 / 2.5»; the rounding is our threshold).
 * - Each district's seed-002 category (Table 13, L526–529) from its policy: 1 professional case
 *   handling without a purchaser–provider split; 2 purchaser and provider in separate units (an order
 *   step and separation of duties); 3 as 2 with activity-based funding.
 */
import type { PolicyRules } from './policy.ts';
import type { UnitKind } from './vocabulary.ts';

export type OsloClass = 1 | 1.5 | 2 | 2.5 | 3;
export type Seed002Category = 1 | 2 | 3;

export interface PlacedUnit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly districtId: string | null;
}

export interface PlacedCaseworker {
  readonly staffId: string;
  readonly unitIds: readonly string[];
}

/**
 * 1, 2 or 3 for one caseworker serving the district, or null if they do not serve it. A
 * municipality-wide allocation office serves every district.
 */
export function caseworkerPlacement(cw: PlacedCaseworker, districtId: string, units: readonly PlacedUnit[]): 1 | 2 | 3 | null {
  const serves = (u: PlacedUnit) => u.districtId === districtId || (u.districtId === null && u.kind === 'allocation_office');
  const here = units.filter((u) => cw.unitIds.includes(u.id) && serves(u));
  if (here.length === 0) return null;
  if (here.length === 1 && here[0]?.kind === 'interdisciplinary_team') return 1;
  if (here.length === 1 && here[0]?.kind === 'allocation_office') return 3;
  return 2;
}

export function osloClass(placements: readonly (1 | 2 | 3)[]): OsloClass | null {
  if (placements.length === 0) return null;
  const mean = placements.reduce((a, b) => a + b, 0) / placements.length;
  return (Math.round(mean * 2) / 2) as OsloClass;
}

export function seed002Category(rules: PolicyRules): Seed002Category {
  if (!rules.orderStep || !rules.separationOfDuties) return 1;
  return rules.activityBasedFunding ? 3 : 2;
}

/** The rules of two policies side by side, one row per rule, in words. */
export function compareRules(a: PolicyRules, b: PolicyRules): { rule: string; a: string; b: string; same: boolean }[] {
  const grants = (r: PolicyRules, p: keyof PolicyRules['grants']) => r.grants[p].map((g) => g.label).join('; ') || 'nobody';
  const rows: [string, (r: PolicyRules) => string][] = [
    ['model', (r) => r.model],
    ['where a new request goes', (r) => r.intake],
    ...(['register', 'assess', 'decide', 'approve', 'order', 'adjust_within_frame', 'propose_change'] as const).map(
      (p) => [`who may ${p.replace(/_/g, ' ')}`, (r: PolicyRules) => grants(r, p)] as [string, (r: PolicyRules) => string],
    ),
    ['order step', (r) => (r.orderStep ? 'yes' : 'no')],
    ['separation of duties', (r) => (r.separationOfDuties ? 'yes' : 'no')],
    ['provider assessment is a proposal', (r) => (r.providerAssessmentIsProposal ? 'yes' : 'no')],
    ['activity-based funding', (r) => (r.activityBasedFunding ? 'yes' : 'no')],
    ['second person above an increase of (hours/week)', (r) => (r.secondPersonAboveIncrease === null ? 'never' : String(r.secondPersonAboveIncrease))],
    ['board quorum', (r) => (r.boardQuorum === null ? '–' : String(r.boardQuorum))],
    ['decision forms', (r) => Object.entries(r.decisionForms).map(([s, f]) => `${s}: ${f?.join('/')}`).join(', ')],
    ['seed 002 category', (r) => String(seed002Category(r))],
  ];
  return rows.map(([rule, f]) => ({ rule, a: f(a), b: f(b), same: f(a) === f(b) }));
}
