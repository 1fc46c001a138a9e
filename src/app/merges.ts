/**
 * Merging one unit into another from a date (domain/organisation/merge.ts): a preview of what moves,
 * and the merge itself, applied at once when its day has come or by the job runner on the day. Open
 * cases move through the one case pipeline (a `case_routed` entry by the municipality's system member,
 * naming the merge and who made it), so their work items, access and history follow.
 */
import { z } from 'zod';
import { inForceOn } from '../domain/organisation/dated.ts';
import { mergeProblems, planMerge } from '../domain/organisation/merge.ts';
import type { Database } from '../store/database.ts';
import { ensureSystemStaff, listMunicipalities, listStaff, listUnits, type UnitRow } from '../store/org.ts';
import {
  dueMerges,
  endArea,
  endMembership,
  endRoutingRule,
  endUnit,
  insertArea,
  insertMembership,
  insertOrgChange,
  insertRoutingRule,
  listAreas,
  listMemberships,
  listRoutingRules,
  markOrgChangeApplied,
  moveFutureMembership,
  openCasesOf,
  repointFutureArea,
  repointFutureRule,
} from '../store/orgConfig.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { loadAuthorityContext } from './authority.ts';
import { appendToCase, writerAt } from './casePipeline.ts';
import { osloDate } from '../domain/law/deadlines.ts';
import { AppError } from './errors.ts';
import { assertNotPast } from './orgConfig.ts';

export const mergeInput = z
  .object({
    fromUnitId: z.uuid().describe('The unit that ends'),
    intoUnitId: z.uuid().describe('The unit that takes over its staff, cases, areas and routing rules'),
    effectiveOn: z.iso.date().describe('The first day of the merged organisation (today or later)'),
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();
export type MergeInput = z.infer<typeof mergeInput>;

const unitOf = (units: readonly UnitRow[], id: string) => {
  const u = units.find((x) => x.id === id);
  return u ? { id: u.id, name: u.name, kind: u.kind, validFrom: u.validFrom, validTo: u.validTo } : undefined;
};

/** The merge's plan, with what it was planned from (so applying it reads nothing twice). */
async function planFor(tx: Tx, input: Pick<MergeInput, 'fromUnitId' | 'intoUnitId' | 'effectiveOn'>) {
  const units = await listUnits(tx);
  const problems = mergeProblems(unitOf(units, input.fromUnitId), unitOf(units, input.intoUnitId), input.effectiveOn);
  if (problems.length > 0) throw new AppError('validation', `The merge cannot be made: ${problems.map((p) => p.message).join('; ')}.`, { fields: problems });
  const areas = await listAreas(tx);
  const rules = await listRoutingRules(tx);
  const openCases = await openCasesOf(tx, input.fromUnitId);
  const plan = planMerge({
    ...input,
    memberships: await listMemberships(tx),
    openCases,
    areas: areas.map((a) => ({ ...a, unitId: a.teamUnitId })),
    rules: rules.map((r) => ({ ...r, unitId: r.target.unitId })),
  });
  return { plan, units, areas, rules, openCases };
}

/** What the merge would do, in words an administrator can check: staff by name, cases and items as counts (no personal data). */
export async function describeMerge(tx: Tx, input: Pick<MergeInput, 'fromUnitId' | 'intoUnitId' | 'effectiveOn'>) {
  const { plan } = await planFor(tx, input);
  const staff = await listStaff(tx);
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.display_name ?? id;
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM case_work_item WHERE municipality_id = current_municipality() AND case_id = ANY($1::uuid[]) AND holder <> 'provider'`,
    [plan.movedCaseIds],
  );
  return {
    fromUnitId: plan.fromUnitId,
    intoUnitId: plan.intoUnitId,
    effectiveOn: plan.effectiveOn,
    staffMoving: [...new Set([...plan.endedMemberships, ...plan.movedMemberships].map((m) => m.staffId))].map((id) => ({ id, displayName: nameOf(id), alreadyInReceivingUnit: !plan.startedStaffIds.includes(id) })),
    openCasesMoving: plan.movedCaseIds.length,
    openWorkItemsMoving: rows[0]?.n ?? 0,
    areasRepointed: plan.repointedAreaIds.length,
    routingRulesRepointed: plan.repointedRuleIds.length,
  };
}

/** Applies a merge whose day has come: ends the unit and its memberships, starts the new ones, repoints areas and rules, moves the open cases. */
async function applyMerge(tx: Tx, input: Pick<MergeInput, 'fromUnitId' | 'intoUnitId' | 'effectiveOn' | 'reason'>, byName: string, at: Date): Promise<string> {
  const { plan, units, areas, rules, openCases } = await planFor(tx, input);
  const [fromName, intoName] = [unitOf(units, plan.fromUnitId)?.name, unitOf(units, plan.intoUnitId)?.name];
  await endUnit(tx, plan.fromUnitId, plan.effectiveOn, plan.intoUnitId);
  for (const m of plan.endedMemberships) await endMembership(tx, m, plan.effectiveOn);
  for (const m of plan.movedMemberships) await moveFutureMembership(tx, m, plan.intoUnitId);
  for (const staffId of plan.startedStaffIds) await insertMembership(tx, { staffId, unitId: plan.intoUnitId, validFrom: plan.effectiveOn });
  const systemId = await ensureSystemStaff(tx);
  // An area or rule in force on the day is given again from the day; one that starts later is repointed as it is (it has not held yet).
  for (const area of areas.filter((a) => plan.repointedAreaIds.includes(a.id))) {
    if (area.validFrom >= plan.effectiveOn) {
      await repointFutureArea(tx, area.id, plan.intoUnitId);
      continue;
    }
    await endArea(tx, area.id, plan.effectiveOn);
    await insertArea(tx, { ...area, teamUnitId: plan.intoUnitId, validFrom: plan.effectiveOn }, systemId);
  }
  for (const rule of rules.filter((r) => plan.repointedRuleIds.includes(r.id))) {
    const target = { ...rule.target, unitId: plan.intoUnitId };
    if (rule.validFrom >= plan.effectiveOn) {
      await repointFutureRule(tx, rule.id, target);
      continue;
    }
    await endRoutingRule(tx, rule.id, plan.effectiveOn);
    await insertRoutingRule(tx, { ...rule, target, validFrom: plan.effectiveOn }, systemId);
  }
  const authority = await loadAuthorityContext(tx, { staffId: systemId, roles: ['system'], unitIds: [] });
  const why = `${fromName} is merged into ${intoName} from ${plan.effectiveOn} (by ${byName}: ${input.reason}); its open cases move there.`;
  for (const c of openCases.filter((x) => plan.movedCaseIds.includes(x.caseId))) {
    await appendToCase(tx, writerAt(authority, null, at), { caseId: c.caseId, body: { type: 'case_routed', payload: { unitId: plan.intoUnitId, districtId: c.districtId, rule: why } }, reason: why });
  }
  return `${fromName} merged into ${intoName} from ${plan.effectiveOn}: ${plan.endedMemberships.length} membership(s) ended, ${plan.startedStaffIds.length} staff started in ${intoName}, ${plan.movedCaseIds.length} open case(s) moved, ${plan.repointedAreaIds.length} area(s) and ${plan.repointedRuleIds.length} routing rule(s) repointed.`;
}

/** Merges now when the day has come, or schedules the merge for the job runner; either way it is in the log of changes. */
export async function mergeUnits(tx: Tx, staffId: string, staffName: string, input: MergeInput, today: string, at: Date) {
  assertNotPast('effectiveOn', input.effectiveOn, today);
  const preview = await describeMerge(tx, input);
  const scheduled = input.effectiveOn > today;
  const summary = scheduled ? `Merge scheduled for ${input.effectiveOn}: ${preview.openCasesMoving} open case(s) and ${preview.staffMoving.length} staff as of today.` : await applyMerge(tx, input, staffName, at);
  const id = await insertOrgChange(tx, { kind: scheduled ? 'unit_merge_scheduled' : 'unit_merged', subjectId: input.fromUnitId, effectiveOn: input.effectiveOn, payload: input, summary, staffId, reason: input.reason });
  if (!scheduled) await markOrgChangeApplied(tx, id, summary);
  return { changeId: id, scheduled, summary, preview };
}

/** Applies the merges whose day has come, in every municipality (the job runner); returns how many. */
export async function applyDueMerges(db: Database, at: Date, log?: (message: string) => void): Promise<number> {
  let applied = 0;
  const today = osloDate(at);
  for (const m of await listMunicipalities(db.app)) {
    const due = await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => dueMerges(tx, today));
    for (const change of due) {
      try {
        await inTenant(db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
          const staff = (await listStaff(tx)).find((s) => s.id === change.staffId);
          const units = await listUnits(tx);
          const from = units.find((u) => u.id === change.payload.fromUnitId);
          // A unit that has ended already (closed or merged by hand since) is not merged twice.
          const live = from && inForceOn(from, change.effectiveOn);
          const summary = live ? await applyMerge(tx, { ...change.payload, effectiveOn: change.effectiveOn }, staff?.display_name ?? 'the administrator', at) : 'Not applied: the unit had ended before the day of the merge.';
          await markOrgChangeApplied(tx, change.id, summary);
        });
        applied += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        log?.(`scheduled merge ${change.id} in ${m.id} refused: ${error.message}`);
      }
    }
  }
  return applied;
}
