/**
 * The workforce (issue 20 part 7): the administrator records a staff member's positions (profession
 * category, size, permanent or temporary, KOSTRA function, unit, period) and ends them; leaders read
 * seed 003's Tables 5.1–5.3 computed from positions and visits. Positions mirror the HR system, so a
 * period may begin in the past (unlike the organisation's own configuration, orgConfig.ts); each is
 * written to the log of changes. The report is aggregates only and shows no one.
 */
import { z } from 'zod';
import { continuityTable, fteTable, positionTable, type PositionFact } from '../domain/reports/workforce.ts';
import { CONTINUITY_SERVICE_CODES, KOSTRA_FUNCTION_IDS, PROFESSION_CATEGORY_IDS, SKILLED_SHARE_VARIANTS, WORKFORCE_DEFINITIONS, WORKFORCE_FIGURE_IDS, type KostraFunction, type ProfessionCategory } from '../domain/reports/workforceDefinitions.ts';
import { findStaff, listDistricts, listUnits } from '../store/org.ts';
import { insertOrgChange } from '../store/orgConfig.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { insertPosition, insertPositionEnd, listPositions, userMonthRows, type PositionRow } from '../store/workforce.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext } from './context.ts';
import { invalidField, notFound } from './errors.ts';
import { CONFIGURERS } from './orgConfig.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { STEERING_READERS } from './steering.ts';

const date = z.iso.date();
const reason = z.string().trim().min(1).max(1000).optional().describe('Why the record is made (kept in the log of changes)');

export const newPositionInput = z
  .object({
    unitId: z.uuid().describe('The unit the position is in (its district is the district of Table 5.2)'),
    category: z.enum(PROFESSION_CATEGORY_IDS).describe('The profession category of seed 003 Table 5.1'),
    fte: z.number().min(0.0001, 'at least 0.0001 (a position of some size)').max(1).multipleOf(0.0001).describe('The size as a fraction of a full-time position (stillingsprosent ÷ 100), e.g. 0.8'),
    permanent: z.boolean().describe('true: fast stilling; false: midlertidig'),
    kostraFunction: z.enum(KOSTRA_FUNCTION_IDS).default('254').describe('254 home services, 253 institution, 234 activities, 261 premises'),
    validFrom: date.describe('The first day the position holds (may be in the past: the HR system’s record)'),
    validTo: date.nullable().default(null).describe('The first day it no longer holds, when the contract says; null: until ended'),
    reason,
  })
  .strict()
  .refine((p) => p.validTo === null || p.validTo > p.validFrom, { path: ['validTo'], message: 'must be after validFrom' });
export const endPositionInput = z.object({ effectiveOn: date.describe('The first day the position no longer holds'), reason }).strict();

export type NewPositionInput = z.infer<typeof newPositionInput>;

const served = (p: PositionRow) => ({ id: p.id, unitId: p.unitId, unitName: p.unitName, category: p.category as ProfessionCategory, fte: p.fte, permanent: p.permanent, kostraFunction: p.kostraFunction as KostraFunction, validFrom: p.validFrom, validTo: p.validTo, endedOn: p.endedOn });

async function staffOrNotFound(tx: Tx, staffId: string) {
  const staff = await findStaff(tx, staffId);
  if (!staff || staff.roles.includes('system') || staff.roles.includes('digital_intake')) throw notFound('The staff member');
  return staff;
}

/** Records a position of a staff member (the administrator's command; run through orgConfig.configure). */
export async function recordPosition(tx: Tx, byStaffId: string, staffId: string, input: NewPositionInput) {
  const staff = await staffOrNotFound(tx, staffId);
  const unit = (await listUnits(tx)).find((u) => u.id === input.unitId);
  if (!unit) throw invalidField('unitId', 'no such unit in the municipality');
  const { reason: why, ...p } = input;
  const id = await insertPosition(tx, { staffId, ...p }, byStaffId);
  const summary = `${staff.display_name}: ${Math.round(p.fte * 10000) / 100} % ${p.category.replace(/_/g, ' ')} (${p.permanent ? 'permanent' : 'temporary'}, function ${p.kostraFunction}) in ${unit.name} from ${p.validFrom}${p.validTo ? ` to ${p.validTo}` : ''}.`;
  await insertOrgChange(tx, { kind: 'staff_position_recorded', subjectId: staffId, effectiveOn: p.validFrom, payload: { positionId: id, ...input }, summary, staffId: byStaffId, reason: why ?? null });
  return { id, staffId, ...p };
}

/** Ends a position from a day after its first and before any end it has. */
export async function endPosition(tx: Tx, byStaffId: string, staffId: string, positionId: string, input: z.infer<typeof endPositionInput>) {
  const staff = await staffOrNotFound(tx, staffId);
  const p = (await listPositions(tx, staffId)).find((x) => x.id === positionId);
  if (!p) throw notFound('The position');
  const ends = [p.validTo, p.endedOn].filter((d): d is string => d !== null).sort()[0];
  if (input.effectiveOn <= p.validFrom || (ends !== undefined && input.effectiveOn >= ends)) throw invalidField('effectiveOn', `the position holds from ${p.validFrom}${ends ? ` up to ${ends}` : ''}; it can end only after its first day and before its end`);
  await insertPositionEnd(tx, positionId, input.effectiveOn, byStaffId);
  await insertOrgChange(tx, { kind: 'staff_position_ended', subjectId: staffId, effectiveOn: input.effectiveOn, payload: { positionId, ...input }, summary: `${staff.display_name}: position in ${p.unitName} ends from ${input.effectiveOn}.`, staffId: byStaffId, reason: input.reason ?? null });
  return { ...served(p), endedOn: input.effectiveOn };
}

/** A staff member's positions (the administrator's view: the size and terms of a position are the employee's own data). */
export async function staffPositions(ctx: AppContext, principal: Principal, staffId: string) {
  requireRole(principal, CONFIGURERS, "A staff member's positions");
  return inTenant(ctx.db.app, principal, async (tx) => {
    await staffOrNotFound(tx, staffId);
    return (await listPositions(tx, staffId)).map(served);
  });
}

const factOf = (p: PositionRow): PositionFact => ({
  staffId: p.staffId,
  districtId: p.districtId,
  category: p.category as ProfessionCategory,
  fte: p.fte,
  permanent: p.permanent,
  kostraFunction: p.kostraFunction as KostraFunction,
  validFrom: p.validFrom,
  endsOn: [p.validTo, p.endedOn].filter((d): d is string => d !== null).sort()[0] ?? null,
});

export interface WorkforceQuery {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** MM-DD: the reference day of Table 5.1 and the snapshot of Table 5.2 each year. */
  readonly day: string;
}

/** Seed 003 Tables 5.1–5.3 for the years `from` to `to` (by default the six years up to last year). */
export async function workforceReport(ctx: AppContext, principal: Principal, q: WorkforceQuery) {
  requireRole(principal, STEERING_READERS, 'Workforce figures');
  const last = q.to ?? Number(todayIn(ctx).slice(0, 4)) - 1;
  const first = q.from ?? last - 5;
  if (first > last) throw invalidField('from', 'the period begins after it ends');
  if (last - first > 19) throw invalidField('to', 'the period is longer than twenty years');
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const districts = await listDistricts(tx);
    const name = new Map(districts.map((d) => [d.id, d.name]));
    const named = <T extends { districtId: string | null }>(rows: readonly T[]) => rows.map((r) => ({ ...r, districtName: r.districtId ? (name.get(r.districtId) ?? null) : null }));
    const positions = (await listPositions(tx)).map(factOf);
    const userMonths = await userMonthRows(tx, `${first}-01-01`, `${last}-12-31`, CONTINUITY_SERVICE_CODES);
    const table51 = fteTable(positions, years, q.day);
    return {
      from: first,
      to: last,
      day: q.day,
      definitions: WORKFORCE_FIGURE_IDS.map((id) => ({ id, ...WORKFORCE_DEFINITIONS[id] })),
      skilledShareVariants: SKILLED_SHARE_VARIANTS.map((v) => ({ id: v.id, name: v.name, skilled: [...v.skilled] })),
      fteByCategory: { columns: [...table51.columns], change: table51.change },
      positions: positionTable(positions, years.map((y) => `${y}-${q.day}`)).map((c) => ({ ...c, districts: named(c.districts) })),
      continuity: continuityTable(userMonths, years).map((y) => ({ ...y, districts: named(y.districts) })),
    };
  });
}
