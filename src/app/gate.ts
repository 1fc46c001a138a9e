/**
 * The one access gate: every read of personal data and every write to a case asks it whether the
 * staff member has a need (tjenstlig behov) for this case or person, under the pure rule of
 * domain/organisation/access.ts. Single reads check the case's state; lists are scoped in SQL by the
 * reach keys projected on every case row from the same rule. Emergency access and the board agenda
 * add single cases.
 */
import { TRANSITIONS, type CaseState } from '../domain/case/index.ts';
import {
  actorKeys,
  caseAccess,
  levelAllowsAction,
  levelByReach,
  personAccess,
  type AccessActor,
  type AccessLevel,
  type CaseFacts,
} from '../domain/organisation/access.ts';
import { holdsGrant } from '../domain/organisation/authority.ts';
import type { UnitKind } from '../domain/organisation/vocabulary.ts';
import { caseLevels, findCase, type CaseRow, type CaseScope } from '../store/cases.ts';
import { activeEmergencyCases } from '../store/emergencyAccess.ts';
import { findPerson, type PersonRow } from '../store/persons.ts';
import type { Tx } from '../store/tx.ts';
import { loadAuthorityContext, type AuthorityContext } from './authority.ts';
import { now, today } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError, notFound } from './errors.ts';
import type { Principal } from './principal.ts';
import { flatMapInSlices, inSlices } from './slices.ts';

/** What the gate knows about the staff member of a request. */
export interface Gate {
  readonly actor: AccessActor;
  /** May register persons and requests (and so look a person up by identity number anywhere in the municipality). */
  readonly mayRegister: boolean;
  readonly scope: CaseScope;
}

/** Cases on the agenda of a board meeting the staff member sits in (as a member of the meeting, or a board member of its board), until 30 days after it was held. */
async function agendaCases(tx: Tx, staffId: string, boardUnitIds: readonly string[], onDate: string): Promise<string[]> {
  if (boardUnitIds.length === 0) return [];
  const { rows } = await tx.query<{ case_id: string }>(
    `SELECT DISTINCT a.case_id FROM board_agenda_item a
       JOIN board_meeting m ON m.municipality_id = a.municipality_id AND m.id = a.meeting_id
      WHERE a.municipality_id = current_municipality()
        AND (m.status = 'planned' OR m.meets_on >= $3::date - 30)
        AND (m.board_unit_id = ANY($2::uuid[])
             OR EXISTS (SELECT 1 FROM board_meeting_member b WHERE b.municipality_id = m.municipality_id AND b.meeting_id = m.id AND b.staff_id = $1))`,
    [staffId, boardUnitIds, onDate],
  );
  return rows.map((r) => r.case_id);
}

/** Whether the actor may register requests under some policy (or, with none, by the default table). */
function mayRegisterUnder(authority: AuthorityContext): boolean {
  if (authority.policies.length === 0) return TRANSITIONS.request_received.roles.some((r) => authority.actor.roles.includes(r));
  return authority.policies.some((p) => holdsGrant(p, authority.actor, 'register'));
}

/** The gate from the roles, units and policy alone, without the cases granted one by one. */
function gateByKeys(authority: AuthorityContext, purpose: string, caseIds: readonly string[]): Gate {
  const { actor } = authority;
  const units = actor.units.map((u) => ({ id: u.id, kind: u.kind as UnitKind, districtId: authority.units.find((x) => x.id === u.id)?.districtId ?? null }));
  const mayRegister = mayRegisterUnder(authority);
  const accessActor: AccessActor = { staffId: actor.staffId, roles: actor.roles, units, purpose, caseIds, intake: mayRegister };
  return { actor: accessActor, mayRegister, scope: { keys: actorKeys(accessActor), caseIds } };
}

/** The cases granted the staff member one by one: emergency access in force, and the agendas of their board. */
async function grantedCases(tx: Tx, authority: AuthorityContext, at: Date, onDate: string): Promise<string[]> {
  const { actor } = authority;
  if (actor.roles.includes('system')) return [];
  const boardUnits = actor.roles.includes('board_member') ? actor.units.filter((u) => u.kind === 'allocation_board').map((u) => u.id) : [];
  return [...new Set([...(await activeEmergencyCases(tx, actor.staffId, at)), ...(await agendaCases(tx, actor.staffId, boardUnits, onDate))])];
}

/** The gate of a staff member acting for a purpose at an instant (its authority context gives roles and units). */
export async function loadGate(tx: Tx, authority: AuthorityContext, purpose: string, at: Date, onDate: string): Promise<Gate> {
  return gateByKeys(authority, purpose, await grantedCases(tx, authority, at, onDate));
}

/**
 * The write check of the case pipeline: by the keys first (no query), and only when they do not
 * suffice by the cases granted one by one, so the common write costs nothing more.
 */
export async function requireWriteBy(tx: Tx, authority: AuthorityContext, w: { purpose: string; at: Date; onDate: string }, caseId: string, state: CaseState, actionType: string): Promise<void> {
  if (levelAllowsAction(levelOf(gateByKeys(authority, w.purpose, []), caseId, state), actionType)) return;
  requireWrite(await loadGate(tx, authority, w.purpose, w.at, w.onDate), caseId, state, actionType);
}

/** The staff member's level for the case. */
export function levelOf(gate: Gate, caseId: string, facts: CaseFacts): AccessLevel {
  return caseAccess(gate.actor, caseId, facts);
}

/** The rule a refusal for want of need names; the web app offers emergency access on it. */
export const NO_NEED = 'no_need';

function noNeed(what: string): AppError {
  return new AppError(
    'forbidden',
    `You have no need for ${what}: it is neither handled by your units nor ordered from them, nor assigned to you. If the person needs help now, open it with emergency access (a reason is required and a leader reviews it).`,
    { rule: NO_NEED },
  );
}

/** Refuses unless the level is the one needed (an order's view where the order suffices); returns it. */
export function requireLevel(level: AccessLevel, need: 'full' | 'order', what = 'this case'): AccessLevel {
  if (level === 'full' || (need === 'order' && level === 'order')) return level;
  if (level === 'order') {
    throw new AppError('forbidden', `The order from your unit gives access to what delivering it needs (the decision, the order and the person’s contact details), not to ${what}.`, {
      rule: 'order_scope',
    });
  }
  throw noNeed(what);
}

/** Refuses unless the staff member sees the case at the level needed; returns the level they have. */
export function requireCase(gate: Gate, caseId: string, facts: CaseFacts, need: 'full' | 'order', what = 'this case'): AccessLevel {
  return requireLevel(levelOf(gate, caseId, facts), need, what);
}

/** Refuses an action on the case the staff member's level does not allow (an order allows the provider's own actions only). */
export function requireWrite(gate: Gate, caseId: string, state: CaseState, actionType: string): void {
  const level = levelOf(gate, caseId, state);
  if (levelAllowsAction(level, actionType)) return;
  if (level === 'none') throw noNeed('this case');
  throw new AppError('forbidden', `An order gives your unit the provider’s actions on the case (answer the order, start delivery, propose a change, answer a consultation or complaint, add a note), not ${actionType.replace(/_/g, ' ')}.`, {
    rule: 'order_scope',
  });
}

/** The staff member's level for a person: the best of the person's cases', or full for allocation staff of the person's district. */
export async function personLevelOf(tx: Tx, gate: Gate, person: { id: string; district_id: string | null }): Promise<AccessLevel> {
  const { rows } = await tx.query<{ id: string; state: CaseState }>(
    'SELECT id, state FROM case_file WHERE municipality_id = current_municipality() AND person_id = $1',
    [person.id],
  );
  return personAccess(gate.actor, { districtId: person.district_id }, rows.map((r) => ({ id: r.id, facts: r.state })));
}

/** Refuses unless the staff member sees the person at the level needed. */
export async function requirePerson(tx: Tx, gate: Gate, person: { id: string; district_id: string | null }, need: 'full' | 'order', what = 'this person'): Promise<AccessLevel> {
  return requireLevel(await personLevelOf(tx, gate, person), need, what);
}

/** Refuses a staff member who may not register persons and requests. */
export function requireRegister(gate: Gate): void {
  if (!gate.mayRegister) throw new AppError('forbidden', 'Registering persons and requests is done by those the policy in force lets register requests (the intake).', { rule: 'grant.register' });
}

/** The authority and the gate of a request's staff member, for the purpose the request states. */
export async function gateOf(tx: Tx, ctx: AppContext, principal: Principal, meta: RequestMeta): Promise<{ authority: AuthorityContext; gate: Gate }> {
  const authority = await loadAuthorityContext(tx, principal);
  return { authority, gate: await loadGate(tx, authority, meta.purpose, now(ctx), today(ctx)) };
}

/** The case, if it exists and the gate lets the staff member see it at the level needed. */
export async function gatedCase(tx: Tx, gate: Gate, caseId: string, need: 'full' | 'order', what?: string): Promise<{ row: CaseRow; level: AccessLevel }> {
  const row = await findCase(tx, caseId);
  if (!row) throw notFound('The case');
  return { row, level: requireCase(gate, caseId, row.state, need, what) };
}

/** The staff member's level for a case row by its stored reach (lists that do not load the state). */
export function levelOfRow(gate: Gate, row: { case_id: string; reach: readonly string[] }): AccessLevel {
  return levelByReach(gate.scope.keys, gate.scope.caseIds, row.case_id, row.reach);
}

/** The person, if registered and the gate lets the staff member see them at the level needed. */
export async function gatedPerson(tx: Tx, gate: Gate, personId: string, need: 'full' | 'order', what?: string): Promise<{ person: PersonRow; level: AccessLevel }> {
  const person = await findPerson(tx, personId);
  if (!person) throw notFound('The person');
  return { person, level: await requirePerson(tx, gate, person, need, what) };
}

/**
 * The gate's level and the person of each case it lets through, in full or as an order's view (for
 * lists and reports that hold case ids only); a case not in the map is none. The level is
 * levelByReach's, worked out in SQL.
 */
export async function levelsOfCases(tx: Tx, gate: Gate, caseIds: readonly string[]): Promise<Map<string, { level: AccessLevel; personId: string }>> {
  const rows = await caseLevels(tx, [...new Set(caseIds)], gate.scope);
  // In slices: a leader's or provider's report asks it of every case of an Oslo-size month (issue 18: the event loop).
  const out = new Map<string, { level: AccessLevel; personId: string }>();
  for await (const slice of inSlices(rows)) for (const r of slice) out.set(r.case_id, { level: r.level, personId: r.person_id });
  return out;
}

/**
 * Rows of a provider report the gate shows: of cases seen in full, or of the staff member's own unit
 * on cases ordered from it (never a competing provider's figures). Returns the rows and their persons.
 */
export async function providerRowsVisible<T extends { caseId: string; providerUnitId: string }>(tx: Tx, gate: Gate, rows: readonly T[]): Promise<{ rows: T[]; personIds: string[] }> {
  const levels = await levelsOfCases(tx, gate, rows.map((r) => r.caseId));
  const own = new Set(gate.actor.units.map((u) => u.id));
  const kept = await flatMapInSlices(rows, (slice) =>
    slice.filter((r) => {
      const level = levels.get(r.caseId)?.level ?? 'none';
      return level === 'full' || (level === 'order' && own.has(r.providerUnitId));
    }),
  );
  return { rows: kept, personIds: [...new Set(kept.map((r) => levels.get(r.caseId)?.personId ?? ''))].filter(Boolean) };
}
