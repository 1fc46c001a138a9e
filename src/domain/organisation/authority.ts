/**
 * Authority: may this staff member take this action on this case under the policy in force? A pure
 * function that answers yes with the grant it used, or no with the rule, the model and who may do
 * it instead, in words a caseworker understands.
 */
import type { ActionType } from '../case/actions.ts';
import type { StaffRole, UnitKind } from './vocabulary.ts';
import { MODEL_LABELS, PERMISSION_LABELS, type DecisionForm, type Grant, type Permission, type PolicyVersion } from './policy.ts';

export interface ActorUnit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
}

export interface Actor {
  readonly staffId: string;
  readonly roles: readonly StaffRole[];
  readonly units: readonly ActorUnit[];
}

export interface AuthorityRequest {
  readonly permission: Permission;
  readonly serviceCode: string;
  readonly institutional: boolean;
  /** Hours per week the action grants (decide). */
  readonly hoursPerWeek?: number | undefined;
  /** Hours per week of the decision in force before this one. */
  readonly previousHoursPerWeek?: number | null | undefined;
  readonly form?: DecisionForm | undefined;
  /** The provider unit the action funds (decide, approve, order). */
  readonly fundsUnitId?: string | null | undefined;
  /** The second person who took part, when one did. */
  readonly coSigner?: Actor | null | undefined;
}

export type AuthorityCheck =
  | { readonly ok: true; readonly grant: Grant }
  | { readonly ok: false; readonly rule: string; readonly message: string; readonly mayInstead: readonly string[] };

/** The permission each action needs; actions not listed are governed by the transition table alone. */
const PERMISSION_OF_ACTION: Partial<Record<ActionType, Permission>> = {
  request_received: 'register',
  assessment_started: 'assess',
  reevaluation_started: 'assess',
  criteria_evaluated: 'assess',
  decision_made: 'decide',
  complaint_reversed_on_review: 'decide',
  service_ended: 'decide',
  decision_approved: 'approve',
  plan_adjusted: 'adjust_within_frame',
  change_proposed: 'propose_change',
  // Letters are written by whoever handles the case; a decision letter by someone who may decide (see permissionOf).
  letter_issued: 'assess',
};

/** Which permission an action needs; without an order step, arranging the service is part of deciding. */
export function permissionFor(type: ActionType, orderStep: boolean): Permission | null {
  if (type === 'service_arranged') return orderStep ? 'order' : 'decide';
  return PERMISSION_OF_ACTION[type] ?? null;
}

function matches(grant: Grant, actor: Actor, req: AuthorityRequest): boolean {
  if (!grant.roles.some((r) => actor.roles.includes(r))) return false;
  if (grant.unitKinds && !actor.units.some((u) => grant.unitKinds?.includes(u.kind))) return false;
  if (grant.services && !grant.services.includes(req.serviceCode as never)) return false;
  if (grant.maxHoursPerWeek !== undefined && (req.hoursPerWeek ?? 0) > grant.maxHoursPerWeek) return false;
  return true;
}

/** Whether any of the policy's grants of the permission names the actor's roles and units, for some service. */
export function holdsGrant(policy: PolicyVersion, actor: Actor, permission: Permission): boolean {
  return policy.rules.grants[permission].some(
    (g) => g.roles.some((r) => actor.roles.includes(r)) && (!g.unitKinds || actor.units.some((u) => g.unitKinds?.includes(u.kind))),
  );
}

function where(policy: PolicyVersion): string {
  return `${MODEL_LABELS[policy.rules.model]} (policy in force from ${policy.effectiveFrom})`;
}

function refuse(rule: string, message: string, mayInstead: readonly string[]): AuthorityCheck {
  return { ok: false, rule, message, mayInstead };
}

export function authorise(policy: PolicyVersion, actor: Actor, req: AuthorityRequest): AuthorityCheck {
  const grants = policy.rules.grants[req.permission];
  const labels = grants.map((g) => g.label);
  const grant = grants.find((g) => matches(g, actor, req));
  const what = PERMISSION_LABELS[req.permission];
  if (!grant) {
    return refuse(
      `grant.${req.permission}`,
      `Under ${where(policy)}, ${what}${req.hoursPerWeek !== undefined ? ` (${req.hoursPerWeek} hours a week)` : ''} for this service is done by ${labels.join('; ') || 'nobody'}.` +
        proposalHint(policy, actor, req),
      labels,
    );
  }
  return checkSeparation(policy, actor, req, labels) ?? checkForm(policy, req) ?? checkSecondPerson(policy, actor, req, labels) ?? { ok: true, grant };
}

function proposalHint(policy: PolicyVersion, actor: Actor, req: AuthorityRequest): string {
  const isProvider = actor.units.length > 0 && actor.units.every((u) => u.kind === 'municipal_provider' || u.kind === 'private_provider');
  if (req.permission !== 'assess' || !isProvider || !policy.rules.providerAssessmentIsProposal) return '';
  return ' An assessment by a provider is a proposal: record it as a proposed change (change_proposed), and the allocation office takes it over.';
}

/** Purchaser–provider: "the goat does not guard the oats" (domain reference §2). */
function checkSeparation(policy: PolicyVersion, actor: Actor, req: AuthorityRequest, labels: readonly string[]): AuthorityCheck | null {
  if (!policy.rules.separationOfDuties || !req.fundsUnitId) return null;
  if (!['decide', 'approve', 'order'].includes(req.permission)) return null;
  const own = actor.units.find((u) => u.id === req.fundsUnitId);
  if (!own) return null;
  return refuse(
    'separation_of_duties',
    `Under ${where(policy)}, nobody takes part in ${PERMISSION_LABELS[req.permission]} for a service that funds their own unit (${own.name}). Ask ${labels.join('; ')} outside that unit.`,
    labels,
  );
}

function checkForm(policy: PolicyVersion, req: AuthorityRequest): AuthorityCheck | null {
  if (req.permission !== 'decide' || req.form === undefined) return null;
  // The policy narrows the forms where it says so; what the catalogue allows is the content rules' business.
  const forms = policy.rules.decisionForms[req.serviceCode as keyof typeof policy.rules.decisionForms];
  if (!forms || forms.includes(req.form)) return null;
  return refuse(
    'decision_form',
    `Under ${where(policy)}, a decision on this service takes the form ${forms.join(' or ')}, not ${req.form}.`,
    [],
  );
}

/** Nobody should stand alone when more for one user means less for another (seed 003). */
function checkSecondPerson(policy: PolicyVersion, actor: Actor, req: AuthorityRequest, labels: readonly string[]): AuthorityCheck | null {
  const threshold = policy.rules.secondPersonAboveIncrease;
  if (req.permission !== 'decide' || threshold === null || req.hoursPerWeek === undefined) return null;
  const increase = req.hoursPerWeek - (req.previousHoursPerWeek ?? 0);
  if (increase <= threshold) return null;
  const co = req.coSigner;
  const coOk = co && co.staffId !== actor.staffId && policy.rules.grants.decide.some((g) => matches(g, co, req));
  if (coOk) return null;
  return refuse(
    'second_person',
    `Under ${where(policy)}, an increase of more than ${threshold} hours a week (here ${Math.round(increase * 10) / 10}) needs a second person who may decide (${labels.join('; ')}) to take part: name them in coSignedBy.`,
    labels,
  );
}
