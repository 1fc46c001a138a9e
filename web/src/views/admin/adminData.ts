/**
 * The administrator's data (issue 17 §6): the organisation as the API gives it, the codes the forms
 * offer (each once, checked against the generated API types with `satisfies`), and the words of each
 * code. The administrator sees no personal data of applicants: only units, staff, areas and rules.
 */
import type { paths } from '../../api/schema';
import type { Key } from '../../i18n.tsx';
import type { Reply } from '../../session.ts';

export type Organisation = Reply<'/api/v1/organisation', 'get'>;
export type Unit = Organisation['units'][number];
export type District = Organisation['districts'][number];
export type StaffMember = Organisation['staff'][number];
export type Area = Reply<'/api/v1/organisation/areas', 'get'>[number];
export type RoutingRule = Reply<'/api/v1/routing-rules', 'get'>[number];
export type OrgChange = Reply<'/api/v1/organisation/changes', 'get'>[number];
export type MergePreview = Reply<'/api/v1/organisation/merges/preview', 'post'>;
export type Done = () => Promise<void>;

type Body<P extends keyof paths> = paths[P] extends { post: { requestBody: { content: { 'application/json': infer B } } } } ? B : never;
export type NewRule = Body<'/api/v1/routing-rules'>;
export type UnitKind = Body<'/api/v1/organisation/units'>['kind'];
export type StaffRole = Body<'/api/v1/organisation/staff'>['roles'][number];
export type RuleConditions = NewRule['conditions'];
export type RuleTarget = NewRule['target'];
export type TargetKind = RuleTarget['kind'];
export type DiagnosisGroup = NonNullable<RuleConditions['diagnosisGroups']>[number];
export type Channel = NonNullable<RuleConditions['channels']>[number];

// Every code once: `satisfies` fails to compile when the API gains or loses one.
const KINDS = { allocation_office: true, municipal_provider: true, private_provider: true, interdisciplinary_team: true, allocation_board: true, management: true } satisfies Record<UnitKind, true>;
export const UNIT_KINDS = Object.keys(KINDS) as UnitKind[];
const ROLES = { caseworker: true, team_member: true, team_leader: true, board_member: true, provider_staff: true, leader: true, admin: true } satisfies Record<StaffRole, true>;
export const ROLE_CODES = Object.keys(ROLES) as StaffRole[];
const TARGETS = { unit: true, board_next_meeting: true, caseworker_pool: true } satisfies Record<TargetKind, true>;
export const TARGET_KINDS = Object.keys(TARGETS) as TargetKind[];
const GROUPS = { dementia: true, mental_health_substance_use: true, intellectual_disability: true, somatic: true, palliative: true, children_youth: true } satisfies Record<DiagnosisGroup, true>;
export const DIAGNOSIS_GROUPS = Object.keys(GROUPS) as DiagnosisGroup[];
const CHANNELS = { self: true, relative: true, representative: true, gp: true, hospital: true, municipal_service: true, other: true } satisfies Record<Channel, true>;
export const CHANNELS_ALL = Object.keys(CHANNELS) as Channel[];

/** The kinds of change in the log (src/app/orgConfig.ts, routingConfig.ts, merges.ts, budget.ts). */
const CHANGE_KINDS = [
  'district_created',
  'unit_created',
  'unit_closed',
  'unit_merged',
  'unit_merge_scheduled',
  'staff_created',
  'staff_changed',
  'staff_position_recorded',
  'staff_position_ended',
  'area_created',
  'area_ended',
  'routing_rule_created',
  'routing_rule_ended',
  'budget_frame_set',
  'budget_pool_set',
] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

export const unitKindKey = (k: UnitKind): Key => `adminUnitKind_${k}`;
export const roleKey = (r: StaffRole): Key => `adminRole_${r}`;
export const targetKey = (k: TargetKind): Key => `adminTarget_${k}`;
export const diagnosisKey = (g: DiagnosisGroup): Key => `adminDiagnosis_${g}`;
export const channelKey = (c: Channel): Key => `channel_${c}`;
const changeKindKey = (k: ChangeKind): Key => `adminChange_${k}`;

const isOf =
  <T extends string>(codes: readonly T[]) =>
  (code: string): code is T =>
    (codes as readonly string[]).includes(code);
export const isUnitKind = isOf(UNIT_KINDS);
export const isRole = isOf(ROLE_CODES);
const isChangeKind = isOf(CHANGE_KINDS);

type T = (k: Key) => string;
/** A unit's kind in words; a kind this client does not know is said as "another kind", never as its code. */
export const unitKindWords = (t: T, kind: string): string => (isUnitKind(kind) ? t(unitKindKey(kind)) : t('adminUnitKindOther'));
export const roleWords = (t: T, role: string): string => (isRole(role) ? t(roleKey(role)) : t('adminRoleOther'));
export const changeKindWords = (t: T, kind: string): string => (isChangeKind(kind) ? t(changeKindKey(kind)) : t('adminChangeOther'));

/** Whether a dated row holds on the day (validTo is the first day it no longer holds). */
export function inForce(row: { validFrom: string; validTo: string | null }, day: string): boolean {
  return row.validFrom <= day && (row.validTo === null || day < row.validTo);
}

/** Whether a dated row still holds on the day or will later (not ended before it). */
export function notEnded(row: { validTo: string | null }, day: string): boolean {
  return row.validTo === null || day < row.validTo;
}

/** An ISO date as a Norwegian date (03.12.2026). */
export function dayWords(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return y && m && d ? `${d}.${m}.${y}` : iso;
}

/** Names by id: a unit's, a district's, an area's. */
export function namer(rows: readonly { id: string; name: string }[], fallback: string): (id: string | null | undefined) => string {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => (id ? (names.get(id) ?? fallback) : fallback);
}
