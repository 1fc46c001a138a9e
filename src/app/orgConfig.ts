/**
 * Configuring the organisation (issue 17): districts, units, staff and their memberships, every change
 * from a date and written to the log of configuration changes (org_change) with who, when and why.
 * Only the municipality's administrator configures; the administrator sees no personal data of
 * applicants. Nothing is deleted: a unit is ended (or merged, merges.ts), a membership is ended.
 * The same functions take a transaction, so the demo loader and onboarding configure through them too.
 */
import { z } from 'zod';
import { inForceOn, inForceOnOrAfter, type Period } from '../domain/organisation/dated.ts';
import { STAFF_ROLES, UNIT_KINDS } from '../domain/organisation/vocabulary.ts';
import { findStaff, insertDistrict, insertStaff, insertUnit, listDistricts, listUnits } from '../store/org.ts';
import { endMembership, endUnit, insertMembership, insertOrgChange, listMemberships, openCasesOf, withdrawFutureMembership } from '../store/orgConfig.ts';
import type { Tx } from '../store/tx.ts';
import { today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { AppError, invalidField, notFound } from './errors.ts';
import { hashPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

export const CONFIGURERS = ['admin'];
const name = z.string().trim().min(1).max(200);
const reason = z.string().trim().min(1).max(1000).optional().describe('Why the change is made (kept in the log of changes)');
const date = z.iso.date();

export const newDistrictInput = z.object({ name, reason }).strict();
export const newUnitInput = z
  .object({ name, kind: z.enum(UNIT_KINDS), districtId: z.uuid().nullable().describe('Null for a unit that serves the whole municipality'), validFrom: date.describe('The first day the unit exists (today or later)'), reason })
  .strict();
export const endUnitInput = z.object({ effectiveOn: date.describe('The first day the unit no longer exists'), reason: z.string().trim().min(1).max(1000) }).strict();
const personRoles = z.array(z.enum(STAFF_ROLES).exclude(['system'])).min(1);
export const newStaffInput = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{2,64}$/, 'lower-case letters, digits, dot, dash or underscore (2–64)'),
    displayName: name,
    profession: z.string().trim().min(1).max(200).nullable().default(null),
    roles: personRoles,
    unitIds: z.array(z.uuid()).max(20).describe('The units the staff member serves in from validFrom'),
    validFrom: date,
    oidcSubject: z.string().min(1).max(255).optional().describe("The identity provider's subject, if known (otherwise bound at the first login by username)"),
    password: z.string().min(12).max(200).optional().describe('Only where local passwords are on (demo and test installations)'),
    reason,
  })
  .strict();
export const staffChangeInput = z
  .object({
    roles: personRoles.optional(),
    unitIds: z.array(z.uuid()).max(20).optional().describe('The units the staff member serves in from effectiveOn (replacing the ones before)'),
    active: z.boolean().optional().describe('false: the staff member can no longer log in'),
    effectiveOn: date,
    reason,
  })
  .strict()
  .refine((c) => c.roles !== undefined || c.unitIds !== undefined || c.active !== undefined, { path: ['roles'], message: 'say what changes: roles, units or active' });

/** Refuses a date before today: the organisation's history is not rewritten. */
export function assertNotPast(field: string, value: string, today: string): void {
  if (value < today) throw invalidField(field, `the date ${value} is in the past; a change takes effect from today (${today}) or later, so what held before is kept`);
}

/** Refuses to end a unit, area or rule on a day it does not hold before and on (a period ends after its first day). */
export function assertEndable(p: Period, effectiveOn: string): void {
  if (!inForceOnOrAfter(p, effectiveOn) || effectiveOn <= p.validFrom) throw invalidField('effectiveOn', `it holds from ${p.validFrom}${p.validTo ? ` to ${p.validTo}` : ''}; it can end only after its first day and before its end`);
}

async function unitsInForce(tx: Tx, ids: readonly string[], onDate: string, field: string): Promise<void> {
  const units = await listUnits(tx);
  ids.forEach((id, i) => {
    const unit = units.find((u) => u.id === id);
    if (!unit) throw invalidField(`${field}.${i}`, 'no such unit in the municipality');
    if (!inForceOn(unit, onDate)) throw invalidField(`${field}.${i}`, `the unit ${unit.name} is not in force on ${onDate}`);
  });
}

export async function addDistrict(tx: Tx, staffId: string, input: z.infer<typeof newDistrictInput>, today: string) {
  if ((await listDistricts(tx)).some((d) => d.name.toLowerCase() === input.name.toLowerCase())) throw new AppError('conflict', `A district named ${input.name} exists already.`, { fields: [{ field: 'name', message: 'already exists' }] });
  const id = await insertDistrict(tx, input.name);
  await insertOrgChange(tx, { kind: 'district_created', subjectId: id, effectiveOn: today, payload: input, summary: `District ${input.name} created.`, staffId, reason: input.reason ?? null });
  return { id, name: input.name };
}

export async function addUnit(tx: Tx, staffId: string, input: z.infer<typeof newUnitInput>, today: string) {
  assertNotPast('validFrom', input.validFrom, today);
  if (input.districtId && !(await listDistricts(tx)).some((d) => d.id === input.districtId)) throw invalidField('districtId', 'no such district in the municipality');
  const id = await insertUnit(tx, input);
  await insertOrgChange(tx, { kind: 'unit_created', subjectId: id, effectiveOn: input.validFrom, payload: input, summary: `Unit ${input.name} (${input.kind.replace(/_/g, ' ')}) from ${input.validFrom}.`, staffId, reason: input.reason ?? null });
  return { id, ...input, validTo: null };
}

/** Ends a unit that holds no open case and has no member from the day (a unit with either is merged instead). */
export async function closeUnit(tx: Tx, staffId: string, unitId: string, input: z.infer<typeof endUnitInput>, today: string) {
  assertNotPast('effectiveOn', input.effectiveOn, today);
  const unit = (await listUnits(tx)).find((u) => u.id === unitId);
  if (!unit) throw notFound('The unit');
  assertEndable(unit, input.effectiveOn);
  const open = await openCasesOf(tx, unitId);
  const members = (await listMemberships(tx)).filter((m) => m.unitId === unitId && inForceOnOrAfter(m, input.effectiveOn));
  if (open.length > 0 || members.length > 0) {
    throw new AppError('conflict', `${unit.name} holds ${open.length} open case(s) and has ${members.length} member(s) from ${input.effectiveOn}; merge it into another unit instead, so they move there.`, { fields: [{ field: 'effectiveOn', message: 'the unit still holds cases or members' }], rule: 'unit_not_empty' });
  }
  await endUnit(tx, unitId, input.effectiveOn, null);
  await insertOrgChange(tx, { kind: 'unit_closed', subjectId: unitId, effectiveOn: input.effectiveOn, payload: input, summary: `Unit ${unit.name} ends from ${input.effectiveOn}.`, staffId, reason: input.reason });
  return { id: unitId, validTo: input.effectiveOn };
}

export async function addStaff(tx: Tx, staffId: string, input: z.infer<typeof newStaffInput>, today: string, localPasswords: boolean) {
  if (input.password && !localPasswords) throw invalidField('password', 'local passwords are off in this installation; staff log in through the identity provider');
  return addStaffWithHash(tx, staffId, input, today, input.password ? await hashPassword(input.password) : null);
}

/** Adds a staff member whose password (if any) is hashed already: the demo loader gives its staff one shared demo password. */
export async function addStaffWithHash(tx: Tx, staffId: string, input: Omit<z.infer<typeof newStaffInput>, 'password'>, today: string, passwordHash: string | null) {
  assertNotPast('validFrom', input.validFrom, today);
  await unitsInForce(tx, input.unitIds, input.validFrom, 'unitIds');
  const { rowCount } = await tx.query('SELECT 1 FROM staff WHERE municipality_id = current_municipality() AND username = $1', [input.username]);
  if (rowCount) throw new AppError('conflict', `The username ${input.username} is taken.`, { fields: [{ field: 'username', message: 'already taken' }] });
  const id = await insertStaff(tx, { username: input.username, displayName: input.displayName, profession: input.profession, roles: input.roles, passwordHash, unitIds: input.unitIds, validFrom: input.validFrom });
  if (input.oidcSubject) await tx.query('UPDATE staff SET oidc_subject = $2 WHERE municipality_id = current_municipality() AND id = $1', [id, input.oidcSubject]);
  const { password: _, ...logged } = input as z.infer<typeof newStaffInput>;
  await insertOrgChange(tx, { kind: 'staff_created', subjectId: id, effectiveOn: input.validFrom, payload: logged, summary: `${input.displayName} (${input.roles.join(', ')}) from ${input.validFrom}.`, staffId, reason: input.reason ?? null });
  return { id, username: input.username, displayName: input.displayName, roles: input.roles, unitIds: input.unitIds, validFrom: input.validFrom };
}

/** Sets a staff member's units from a date: memberships not in the new set end that day, new ones start. */
async function setUnitsFrom(tx: Tx, staffId: string, unitIds: readonly string[], from: string): Promise<{ ended: string[]; started: string[] }> {
  const mine = (await listMemberships(tx)).filter((m) => m.staffId === staffId && inForceOnOrAfter(m, from));
  const ended = mine.filter((m) => !unitIds.includes(m.unitId));
  // A period that begins on the day or later has held nothing yet: it is withdrawn rather than ended.
  for (const m of ended) await (m.validFrom < from ? endMembership(tx, m, from) : withdrawFutureMembership(tx, m, from));
  const started = unitIds.filter((u) => !mine.some((m) => m.unitId === u && m.validFrom <= from));
  for (const unitId of started) await insertMembership(tx, { staffId, unitId, validFrom: from });
  return { ended: ended.map((m) => m.unitId), started };
}

function staffChangeWords(before: readonly string[], input: z.infer<typeof staffChangeInput>, moved: { ended: string[]; started: string[] }): string {
  const parts = [
    input.roles ? `roles ${before.join(', ')} → ${input.roles.join(', ')}` : null,
    moved.started.length || moved.ended.length ? `units: ${moved.ended.length} ended, ${moved.started.length} started from ${input.effectiveOn}` : null,
    input.active === undefined ? null : input.active ? 'active again' : 'deactivated',
  ];
  return parts.filter(Boolean).join('; ');
}

export async function changeStaff(tx: Tx, byStaffId: string, staffId: string, input: z.infer<typeof staffChangeInput>, today: string) {
  assertNotPast('effectiveOn', input.effectiveOn, today);
  const staff = await findStaff(tx, staffId);
  if (!staff || staff.roles.includes('system') || staff.roles.includes('digital_intake')) throw notFound('The staff member');
  if (input.unitIds) await unitsInForce(tx, input.unitIds, input.effectiveOn, 'unitIds');
  const moved = input.unitIds ? await setUnitsFrom(tx, staffId, input.unitIds, input.effectiveOn) : { ended: [], started: [] };
  if (input.roles) await tx.query('UPDATE staff SET roles = $2 WHERE municipality_id = current_municipality() AND id = $1', [staffId, input.roles]);
  if (input.active !== undefined) await tx.query('UPDATE staff SET active = $2 WHERE municipality_id = current_municipality() AND id = $1', [staffId, input.active]);
  // A deactivated staff member's sessions end at once (every request checks `active` too).
  if (input.active === false) await tx.query('UPDATE login_session SET revoked_at = now() WHERE municipality_id = current_municipality() AND staff_id = $1 AND revoked_at IS NULL', [staffId]);
  await insertOrgChange(tx, { kind: 'staff_changed', subjectId: staffId, effectiveOn: input.effectiveOn, payload: { ...input, before: { roles: staff.roles, unitIds: staff.unit_ids, active: staff.active } }, summary: `${staff.display_name}: ${staffChangeWords(staff.roles, input, moved)}.`, staffId: byStaffId, reason: input.reason ?? null });
  return { id: staffId, ...moved, roles: input.roles ?? staff.roles, active: input.active ?? staff.active };
}

/** Runs one configuration command: the administrator's role, one transaction, the idempotency key. */
export async function configure<T>(ctx: AppContext, principal: Principal, meta: CommandMeta, work: (tx: Tx, today: string) => Promise<T>, statusCode = 201): Promise<CommandResult> {
  requireRole(principal, CONFIGURERS, 'Configuring the organisation');
  return runCommand(ctx, principal, meta, async (tx) => ({ statusCode, body: await work(tx, todayIn(ctx)) }));
}
