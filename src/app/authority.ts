/**
 * Authority on every command: the transition table says which actions the case's state allows, and
 * the policy in force for the case's district and service says who may take them. The result is
 * recorded on the action (which policy version, which grant), so an action keeps the policy it was
 * taken under when the model later changes.
 */
import {
  ACTION_TYPES,
  allowedActions as tableAllowedActions,
  checkTransition,
  TRANSITIONS,
  type ActionBody,
  type ActionPayload,
  type ActionType,
  type Authority,
  type CaseState,
} from '../domain/case/index.ts';
import { authorise, permissionFor, type Actor, type AuthorityRequest } from '../domain/organisation/authority.ts';
import { policyInForce, type IntakeRoute, type Permission, type PolicyVersion } from '../domain/organisation/policy.ts';
import type { OrganisationalModel, UnitKind } from '../domain/organisation/vocabulary.ts';
import { POLICY_TEMPLATES } from '../domain/organisation/templates.ts';
import { findService } from '../domain/services/catalogue.ts';
import { decidedHoursOf } from '../domain/decision/extent.ts';
import type { Database } from '../store/database.ts';
import { ensureSystemStaff, findStaff, UNITS_SQL, type UnitRow } from '../store/org.ts';
import { POLICY_VERSIONS_SQL, policyVersionOf, type PolicyRow } from '../store/policies.ts';
import { inTenant, readTogether, type Tx } from '../store/tx.ts';
import { checkBoardDecision } from './board.ts';
import { checkOrderRules } from './orders.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

export interface AuthorityContext {
  readonly actor: Actor;
  readonly policies: readonly PolicyVersion[];
  /** Every unit the municipality has had, with its period (routing takes only those in force). */
  readonly units: readonly { id: string; name: string; kind: UnitKind; districtId: string | null; validFrom: string; validTo: string | null }[];
  /** The municipality's organisational model: its template's defaults apply where no policy is in force. */
  readonly model: OrganisationalModel;
}

/**
 * The units, policy versions and model of the municipality, read on every request: the three reads
 * travel in one round trip (readTogether; issue 18).
 */
export async function loadAuthorityContext(tx: Tx, principal: Pick<Principal, 'staffId' | 'roles' | 'unitIds'>): Promise<AuthorityContext> {
  const [unitRows, policyRows, modelRows] = await readTogether(tx, [UNITS_SQL, POLICY_VERSIONS_SQL, 'SELECT organisational_model AS model FROM municipality WHERE id = current_municipality()']);
  const units = (unitRows?.rows as UnitRow[]).map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind, districtId: u.district_id, validFrom: u.validFrom, validTo: u.validTo }));
  const policies = (policyRows?.rows as PolicyRow[]).map(policyVersionOf);
  const model = (modelRows?.rows[0] as { model: OrganisationalModel } | undefined)?.model ?? 'integrated';
  return { actor: actorOf(principal, units), policies, units, model };
}

/** The authority of the municipality's system staff member, who writes what the job runner and the national services bring (it cannot log in). */
export async function systemAuthority(db: Database, municipalityId: string): Promise<AuthorityContext> {
  const staffId = await inTenant(db.app, { municipalityId, staffId: null }, (tx) => ensureSystemStaff(tx));
  return inTenant(db.app, { municipalityId, staffId }, (tx) => loadAuthorityContext(tx, { staffId, roles: ['system'], unitIds: [] }));
}

/**
 * Where a request goes: the intake of the policy in force, or, with none, the intake of the template
 * for the municipality's model (so no request waits unrouted because a policy is missing), saying so.
 */
export function intakeFor(ctx: AuthorityContext, policy: PolicyVersion | null): { intake: IntakeRoute; because: string } {
  if (policy) return { intake: policy.rules.intake, because: '' };
  return { intake: POLICY_TEMPLATES[ctx.model].intake, because: `No policy in force: the intake of the ${ctx.model.replace(/_/g, ' ')} template applies. ` };
}

function actorOf(p: Pick<Principal, 'staffId' | 'roles' | 'unitIds'>, units: AuthorityContext['units']): Actor {
  return { staffId: p.staffId, roles: p.roles, units: units.filter((u) => p.unitIds.includes(u.id)) };
}

export function casePolicy(ctx: AuthorityContext, state: Pick<CaseState, 'districtId' | 'serviceCode'>, onDate: string): PolicyVersion | null {
  return policyInForce(ctx.policies, { districtId: state.districtId, serviceCode: state.serviceCode }, onDate);
}

/** The actions this actor may take on the case now: the state's row, filtered by policy or roles. */
export function allowedActionsFor(ctx: AuthorityContext, state: CaseState, onDate: string): ActionType[] {
  const policy = casePolicy(ctx, state, onDate);
  if (!policy) return tableAllowedActions(state, ctx.actor.roles);
  const service = findService(state.serviceCode);
  return ACTION_TYPES.filter((type) => {
    if (!checkTransition(state, type, null).ok) return false;
    const permission = permissionFor(type, policy.rules.orderStep);
    if (!permission) return checkTransition(state, type, ctx.actor.roles).ok;
    const req = { permission, serviceCode: state.serviceCode, institutional: service?.institutional ?? false };
    return authorise(policy, ctx.actor, req).ok;
  });
}

/** Refuses unless the policy in force for the case grants this permission to the actor (or, with no policy, a case-handling role). */
export function assertPermission(ctx: AuthorityContext, state: Pick<CaseState, 'districtId' | 'serviceCode'>, permission: Permission, onDate: string): void {
  const policy = casePolicy(ctx, state, onDate);
  if (!policy) {
    const roles = TRANSITIONS.assessment_started.roles;
    if (!roles.some((r) => ctx.actor.roles.includes(r))) throw new AppError('forbidden', `This needs one of the roles ${roles.join(', ')}.`);
    return;
  }
  const check = authorise(policy, ctx.actor, { permission, serviceCode: state.serviceCode, institutional: findService(state.serviceCode)?.institutional ?? false });
  if (!check.ok) throw new AppError('forbidden', check.message, { rule: check.rule, mayInstead: check.mayInstead });
}

/** Authority to register a request (which opens a case) for a person in a district. */
export function authoriseOpening(ctx: AuthorityContext, where: Pick<CaseState, 'districtId' | 'serviceCode'>, onDate: string): Authority {
  const policy = casePolicy(ctx, where, onDate);
  const base = { roles: [...ctx.actor.roles], unitIds: ctx.actor.units.map((u) => u.id) };
  if (!policy) {
    const roles = TRANSITIONS.request_received.roles;
    if (!roles.some((r) => ctx.actor.roles.includes(r))) {
      throw new AppError('forbidden', `Registering a request needs one of the roles ${roles.join(', ')}.`);
    }
    return { ...base, grant: DEFAULT_ROLE_TABLE };
  }
  const req = { permission: 'register' as const, serviceCode: where.serviceCode, institutional: findService(where.serviceCode)?.institutional ?? false };
  const check = authorise(policy, ctx.actor, req);
  if (!check.ok) throw new AppError('forbidden', check.message, { rule: check.rule, mayInstead: check.mayInstead });
  return { ...base, policy: { id: policy.id, effectiveFrom: policy.effectiveFrom, model: policy.rules.model }, grant: check.grant.label };
}

/**
 * Checks an action against the table and the policy; returns the authority to record on it, or
 * throws a refusal that names the rule, the model and who may do it instead.
 */
export async function authoriseAction(
  tx: Tx,
  ctx: AuthorityContext,
  state: CaseState,
  body: ActionBody,
  onDate: string,
): Promise<Authority> {
  const policy = casePolicy(ctx, state, onDate);
  const permission = policy ? permissionOf(body, policy.rules.orderStep) : null;
  const governed = policy !== null && permission !== null;
  assertTransition(ctx, state, body, governed, onDate);
  if (!policy) assertDefaultDecider(ctx, body);
  const grant = policy && permission ? await grantFor(tx, ctx, state, body, policy, permission, onDate) : null;
  if (policy) await checkModelSpecifics(tx, policy, state, body);
  await checkOrderRules(tx, ctx, state, body, onDate);
  return {
    roles: [...ctx.actor.roles],
    unitIds: ctx.actor.units.map((u) => u.id),
    ...(policy ? { policy: { id: policy.id, effectiveFrom: policy.effectiveFrom, model: policy.rules.model } } : {}),
    grant: grant ?? (policy ? 'any role the transition table allows, under the policy in force' : DEFAULT_ROLE_TABLE),
  };
}

/** The policy's grant that lets the actor take the action, or a refusal naming the rule and who may instead. */
async function grantFor(tx: Tx, ctx: AuthorityContext, state: CaseState, body: ActionBody, policy: PolicyVersion, permission: Permission, onDate: string): Promise<string> {
  const check = authorise(policy, ctx.actor, await requestFor(tx, ctx, state, body, permission));
  if (!check.ok) {
    throw new AppError('forbidden', check.message, { rule: check.rule, mayInstead: check.mayInstead, allowedActions: allowedActionsFor(ctx, state, onDate) });
  }
  return check.grant.label;
}

/** The table's verdict: the state (and, where no policy governs the action, the roles). */
function assertTransition(ctx: AuthorityContext, state: CaseState, body: ActionBody, governed: boolean, onDate: string): void {
  const transition = checkTransition(state, body.type, governed ? null : ctx.actor.roles);
  if (transition.ok) return;
  const kind = transition.reason === 'role' ? 'forbidden' : 'transition-not-allowed';
  throw new AppError(kind, transition.message, { allowedActions: allowedActionsFor(ctx, state, onDate) });
}

/** Without a policy, a decision letter is still issued only by a role that may decide (the table's deciders). */
function assertDefaultDecider(ctx: AuthorityContext, body: ActionBody): void {
  if (body.type !== 'letter_issued' || body.payload.kind !== 'decision') return;
  const deciders = TRANSITIONS.decision_made.roles;
  if (!deciders.some((r) => ctx.actor.roles.includes(r))) {
    throw new AppError('forbidden', `A decision letter is issued by someone who may decide: one of the roles ${deciders.join(', ')}.`, { rule: 'decision_letter' });
  }
}

/** What an action records when no policy is in force: the transition table's roles decided who. */
export const DEFAULT_ROLE_TABLE = 'no policy in force: the default role table of the transition table applied';

/** The permission an action needs; a decision letter needs the authority to decide. */
function permissionOf(body: ActionBody, orderStep: boolean): ReturnType<typeof permissionFor> {
  if (body.type === 'letter_issued' && body.payload.kind === 'decision') return 'decide';
  return permissionFor(body.type, orderStep);
}

/** The decision an action makes: a decision, or a reversal on complaint that states the new decision in full. */
function decisionOf(body: ActionBody): ActionPayload<'decision_made'> | null {
  if (body.type === 'decision_made') return body.payload;
  if (body.type === 'complaint_reversed_on_review' || body.type === 'complaint_resolved') return body.payload.newDecision ?? null;
  return null;
}

async function requestFor(tx: Tx, ctx: AuthorityContext, state: CaseState, body: ActionBody, permission: AuthorityRequest['permission']): Promise<AuthorityRequest> {
  const decision = decisionOf(body);
  const serviceCode = decision?.serviceCode ?? state.serviceCode;
  const base = { permission, serviceCode, institutional: findService(serviceCode)?.institutional ?? false };
  if (decision) {
    return {
      ...base,
      hoursPerWeek: decidedHoursOf(decision),
      previousHoursPerWeek: grantedHours(state),
      form: decision.form,
      fundsUnitId: state.providerUnitId,
      coSigner: decision.coSignedBy ? await coSignerOf(tx, ctx, decision.coSignedBy) : null,
    };
  }
  switch (body.type) {
    case 'service_arranged':
      return { ...base, fundsUnitId: body.payload.providerUnitId };
    case 'decision_approved':
      return { ...base, fundsUnitId: state.providerUnitId };
    default:
      return base;
  }
}

/** Hours per week of the decision in force: the frame's ceiling, or the hours; none after a refusal. */
function grantedHours(state: CaseState): number | null {
  const d = state.decision;
  if (!d || d.outcome === 'refused') return null;
  return d.frame?.maxHoursPerWeek ?? d.hoursPerWeek;
}

async function coSignerOf(tx: Tx, ctx: AuthorityContext, staffId: string): Promise<Actor | null> {
  const staff = await findStaff(tx, staffId);
  if (!staff?.active) return null;
  return actorOf({ staffId: staff.id, roles: staff.roles as Actor['roles'], unitIds: staff.unit_ids }, ctx.units);
}

/** Rules that depend on the model: the board decides in a meeting; the team adjusts within the frame. */
async function checkModelSpecifics(tx: Tx, policy: PolicyVersion, state: CaseState, body: ActionBody): Promise<void> {
  const decision = decisionOf(body);
  if (decision && policy.rules.model === 'allocation_board') await checkBoardDecision(tx, policy, decision.boardMeeting);
  if (body.type === 'plan_adjusted') {
    const max = state.decision?.frame?.maxHoursPerWeek ?? 0;
    if (body.payload.hoursPerWeek > max) {
      const deciders = policy.rules.grants.decide.map((g) => g.label).join('; ');
      throw new AppError(
        'forbidden',
        `${body.payload.hoursPerWeek} hours a week is outside the frame of the decision (at most ${max}). A change outside the frame needs a new decision by ${deciders}.`,
        { rule: 'outside_frame', mayInstead: policy.rules.grants.decide.map((g) => g.label) },
      );
    }
  }
}
