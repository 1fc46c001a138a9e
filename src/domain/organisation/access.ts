/**
 * Access by need (tjenstlig behov, helsepersonelloven § 21 a; pasientjournalforskriften § 13; Normen
 * 6.0 ch. 5.4): who may read and write which cases and persons. A pure function of the case's facts
 * and the staff member's roles, units, stated purpose and case-specific grants (the board agenda,
 * emergency access), so that reads and writes, single cases and lists, all answer the same.
 *
 * A case reaches a set of keys (its owner unit, its district, the providers with an order, the staff
 * named on it); a staff member holds keys from the units they serve in and the roles they hold there.
 * Where they meet, the staff member has a need. Keys from an order give the order's view only.
 */
import type { CaseState } from '../case/state.ts';
import type { StaffRole, UnitKind } from './vocabulary.ts';

/** What a staff member may see of a case: all of it, what an order needs, or nothing. */
export type AccessLevel = 'full' | 'order' | 'none';

export interface AccessUnit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly districtId: string | null;
}

export interface AccessActor {
  readonly staffId: string;
  readonly roles: readonly StaffRole[];
  readonly units: readonly AccessUnit[];
  /** The purpose the request states (behandlingsformål); a leader reads persons only for some purposes. */
  readonly purpose: string;
  /** Cases granted one by one: on the agenda of a board meeting the staff member sits in, or opened by emergency access. */
  readonly caseIds: readonly string[];
  /** Whether the staff member is in the intake (may register requests under the policy): they see the requests no unit holds yet. */
  readonly intake: boolean;
}

/** The facts of a case that access depends on. */
export type CaseFacts = Pick<
  CaseState,
  'ownerUnitId' | 'districtId' | 'ownerStaffId' | 'serviceResponsibleStaffId' | 'primaryContactStaffId' | 'providerUnitId' | 'orders' | 'consultations'
>;

/** The key every case reaches: held by allocation staff of a unit that serves the whole municipality. */
export const WHOLE_MUNICIPALITY = 'all';
/** The key of a request no unit holds yet (unrouted): held by the intake, who must place it. */
export const UNROUTED = 'unrouted';

/** Roles that handle cases in an allocation unit (office, board, team). */
const ALLOCATION_ROLES: readonly StaffRole[] = ['caseworker', 'team_member', 'team_leader'];
/** Roles that handle cases in a providing unit (the unit's staff and its leader). */
const PROVIDER_ROLES: readonly StaffRole[] = ['provider_staff', 'team_leader'];
const ALLOCATION_UNITS: readonly UnitKind[] = ['allocation_office', 'allocation_board', 'interdisciplinary_team'];
const PROVIDER_UNITS: readonly UnitKind[] = ['municipal_provider', 'private_provider'];

/**
 * Purposes for which a leader reads persons and cases (quality assurance and internal control,
 * complaint handling); otherwise a leader sees aggregates (Normen 6.0 ch. 5.4: access follows the task).
 */
export const LEADER_PURPOSES: readonly string[] = ['quality_assurance', 'complaint_handling'];

/**
 * Actions a provider takes on an order it holds (answer it, start delivery, propose a change, answer
 * a consultation or a complaint about its delivery, and note what it needs to): the only writes the
 * order's view allows.
 */
export const ORDER_ACTIONS: readonly string[] = [
  'order_accepted',
  'order_rejected',
  'service_started',
  'change_proposed',
  'consultation_answered',
  'delivery_complaint_answered',
  'note_added',
];

/** The providers a case is ordered from now: orders not rejected and not ended, the current provider, and providers consulted. */
export function orderedProviders(facts: CaseFacts): string[] {
  const live = facts.orders.filter((o) => o.status !== 'rejected' && !(o.kind === 'end' && o.status === 'accepted')).map((o) => o.providerUnitId);
  const consulted = facts.consultations.flatMap((c) => (c.to === 'provider' && c.providerUnitId ? [c.providerUnitId] : []));
  return [...new Set([...(facts.providerUnitId ? [facts.providerUnitId] : []), ...live, ...consulted])];
}

/** The keys a case reaches, in two sets: those that give the full case, and those that give an order's view. */
export function caseReach(facts: CaseFacts): { full: string[]; order: string[] } {
  const staff = [facts.ownerStaffId, facts.serviceResponsibleStaffId, facts.primaryContactStaffId].filter((s): s is string => s !== null);
  const full = [
    WHOLE_MUNICIPALITY,
    facts.ownerUnitId ? `unit:${facts.ownerUnitId}` : UNROUTED,
    ...(facts.districtId ? [`district:${facts.districtId}`] : []),
    ...staff.map((s) => `staff:${s}`),
  ];
  return { full: [...new Set(full)], order: orderedProviders(facts).map((u) => `order:${u}`) };
}

/** Every key a case reaches (stored on the case row so that lists are scoped by the same rule). */
export function caseReachKeys(facts: CaseFacts): string[] {
  const { full, order } = caseReach(facts);
  return [...full, ...order];
}

const has = (actor: AccessActor, roles: readonly StaffRole[]) => actor.roles.some((r) => roles.includes(r));

/** Keys of one unit: its own cases, its district's (or all, for a unit serving the whole municipality), and its orders. */
function unitKeys(actor: AccessActor, unit: AccessUnit): string[] {
  const area = unit.districtId ? `district:${unit.districtId}` : WHOLE_MUNICIPALITY;
  if (ALLOCATION_UNITS.includes(unit.kind) && has(actor, ALLOCATION_ROLES)) {
    // A team without a district serves the users it holds, not the whole municipality; a team that delivers (trust model) holds its orders.
    return [`unit:${unit.id}`, `order:${unit.id}`, ...(unit.districtId || unit.kind !== 'interdisciplinary_team' ? [area] : [])];
  }
  if (PROVIDER_UNITS.includes(unit.kind) && has(actor, PROVIDER_ROLES)) return [`unit:${unit.id}`, `order:${unit.id}`];
  if (actor.roles.includes('leader') && LEADER_PURPOSES.includes(actor.purpose)) {
    // A leader, for quality assurance or a complaint: what their unit holds, and the area it leads.
    return PROVIDER_UNITS.includes(unit.kind) ? [`unit:${unit.id}`, `order:${unit.id}`] : [`unit:${unit.id}`, area];
  }
  return [];
}

/** The keys a staff member holds: from each unit, and as a named staff member on a case. */
export function actorKeys(actor: AccessActor): string[] {
  if (actor.roles.includes('system')) return [WHOLE_MUNICIPALITY];
  return [...new Set([`staff:${actor.staffId}`, ...(actor.intake ? [UNROUTED] : []), ...actor.units.flatMap((u) => unitKeys(actor, u))])];
}

/** What the staff member may see of the case. */
export function caseAccess(actor: AccessActor, caseId: string, facts: CaseFacts): AccessLevel {
  return levelByReach(actorKeys(actor), actor.caseIds, caseId, caseReachKeys(facts));
}

/** A key an order gives its provider unit (`order:<unit>`): it opens an order's view, not the full case. */
export const isOrderKey = (key: string): boolean => key.startsWith('order:');

/** The keys held, split as levelByReach reads them: those that open the full case, and orders' keys. */
export function keysByLevel(keys: readonly string[]): { fullKeys: string[]; orderKeys: string[] } {
  return { fullKeys: keys.filter((k) => !isOrderKey(k)), orderKeys: keys.filter(isOrderKey) };
}

/**
 * The level from the keys a case reaches (as stored on its row) and the keys and single cases the
 * staff member holds: the one comparison single reads, lists and writes all make.
 */
export function levelByReach(keys: readonly string[], caseIds: readonly string[], caseId: string, reach: readonly string[]): AccessLevel {
  if (caseIds.includes(caseId)) return 'full';
  const held = new Set(keys);
  const met = reach.filter((k) => held.has(k));
  if (met.some((k) => !isOrderKey(k))) return 'full';
  return met.length > 0 ? 'order' : 'none';
}

/** Whether the level allows this action: the full case allows any (the policy decides the rest); an order only the provider's actions. */
export function levelAllowsAction(level: AccessLevel, actionType: string): boolean {
  if (level === 'full') return true;
  return level === 'order' && ORDER_ACTIONS.includes(actionType);
}

/** The better of two levels (a person is seen at the best level of any of their cases). */
export function widest(a: AccessLevel, b: AccessLevel): AccessLevel {
  if (a === 'full' || b === 'full') return 'full';
  return a === 'order' || b === 'order' ? 'order' : 'none';
}

/** A person's level: the best of their cases', or full for allocation staff of the person's district (or the whole municipality). */
export function personAccess(actor: AccessActor, person: { readonly districtId: string | null }, cases: readonly { readonly id: string; readonly facts: CaseFacts }[]): AccessLevel {
  const keys = new Set(actorKeys(actor));
  if (keys.has(WHOLE_MUNICIPALITY) || (person.districtId !== null && keys.has(`district:${person.districtId}`))) return 'full';
  return cases.reduce<AccessLevel>((level, c) => widest(level, caseAccess(actor, c.id, c.facts)), 'none');
}
