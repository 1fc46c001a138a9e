/**
 * Use cases for allocation policies: list versions, add a version from a date (a model change),
 * compare two policies side by side, and the model classification report.
 */
import { z } from 'zod';
import { caseworkerPlacement, compareRules, osloClass, seed002Category } from '../domain/organisation/classification.ts';
import { policyCatalogueProblems } from '../domain/decision/forms.ts';
import { policyInForce, policyRulesSchema, type PolicyRules, type PolicyVersion } from '../domain/organisation/policy.ts';
import { POLICY_TEMPLATES } from '../domain/organisation/templates.ts';
import type { UnitKind } from '../domain/organisation/vocabulary.ts';
import { SERVICE_CODES } from '../domain/services/catalogue.ts';
import { listDistricts, listStaff, listUnits } from '../store/org.ts';
import { insertPolicy, listPolicyVersions } from '../store/policies.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { listCatalogueVersions } from '../store/catalogue.ts';
import { catalogueInForce, catalogueOf } from '../domain/services/catalogueVersion.ts';
import { today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

const TEMPLATE_NAMES = Object.keys(POLICY_TEMPLATES) as [keyof typeof POLICY_TEMPLATES, ...(keyof typeof POLICY_TEMPLATES)[]];

export const newPolicyInput = z
  .object({
    districtId: z.uuid().optional().describe('Only this district; leave out for the whole municipality'),
    serviceCode: z.enum(SERVICE_CODES).optional().describe('Only this service'),
    effectiveFrom: z.iso.date().describe('In force from this Norwegian date (today or later)'),
    template: z.enum(TEMPLATE_NAMES).optional().describe('Start from a model template'),
    rules: policyRulesSchema.optional().describe('The full rules (instead of a template)'),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((p) => (p.template === undefined) !== (p.rules === undefined), { path: ['rules'], message: 'give either a template or rules' });
export type NewPolicyInput = z.infer<typeof newPolicyInput>;

const MAY_SET_POLICY = ['leader', 'admin'];

export async function listPolicies(ctx: AppContext, principal: Principal): Promise<PolicyVersion[]> {
  return inTenant(ctx.db.app, principal, (tx) => listPolicyVersions(tx));
}

/** A new policy version: a model change for the municipality, a district or a service, from a date. */
/** A policy may not allow a form the catalogue in force from its date (or a later catalogue version) forbids. */
async function assertAgreesWithCatalogue(tx: Tx, rules: PolicyRules, from: string): Promise<void> {
  const versions = await listCatalogueVersions(tx);
  const catalogues = [catalogueInForce(versions, from), ...versions.filter((v) => v.effectiveFrom > from).map((v) => catalogueOf(v.services))];
  const contradictions = catalogues.flatMap((c) => policyCatalogueProblems(rules, c));
  if (!contradictions.length) return;
  throw new AppError('validation', `The policy contradicts the service catalogue: ${contradictions.map((c) => c.message).join('; ')}.`, {
    fields: contradictions.map((c) => ({ field: c.field, message: `${c.message} (rule ${c.rule})` })),
    rule: contradictions[0]?.rule,
  });
}

export async function addPolicy(ctx: AppContext, principal: Principal, meta: CommandMeta, input: NewPolicyInput): Promise<CommandResult> {
  requireRole(principal, MAY_SET_POLICY, 'Setting the allocation policy');
  if (input.effectiveFrom < todayIn(ctx)) {
    throw invalidField('effectiveFrom', 'a policy cannot start in the past: actions already taken keep the policy they were taken under');
  }
  const rules: PolicyRules = input.rules ?? POLICY_TEMPLATES[input.template ?? 'purchaser_provider'];
  return runCommand(ctx, principal, meta, async (tx) => {
    await assertAgreesWithCatalogue(tx, rules, input.effectiveFrom);
    if (input.districtId && !(await listDistricts(tx)).some((d) => d.id === input.districtId)) {
      throw invalidField('districtId', 'no such district in this municipality');
    }
    const where = { districtId: input.districtId ?? null, serviceCode: input.serviceCode ?? null };
    const existing = await listPolicyVersions(tx);
    if (existing.some((v) => v.districtId === where.districtId && v.serviceCode === where.serviceCode && v.effectiveFrom === input.effectiveFrom)) {
      throw new AppError('conflict', 'A policy version for this place and date exists already; versions are never changed, choose another date.', {
        fields: [{ field: 'effectiveFrom', message: 'already has a version' }],
      });
    }
    const id = await insertPolicy(tx, { ...where, effectiveFrom: input.effectiveFrom, rules, note: input.note ?? '', createdBy: principal.staffId });
    return { statusCode: 201, body: { id, ...where, effectiveFrom: input.effectiveFrom, rules } };
  });
}

/** Two policies side by side: each a policy version id or a template name. */
export async function comparePolicies(ctx: AppContext, principal: Principal, a: string, b: string) {
  const versions = await listPolicies(ctx, principal);
  const resolve = (ref: string, field: string): PolicyRules => {
    const template = POLICY_TEMPLATES[ref as keyof typeof POLICY_TEMPLATES];
    const rules = template ?? versions.find((v) => v.id === ref)?.rules;
    if (!rules) throw invalidField(field, `no policy version or template "${ref}"`);
    return rules;
  };
  return { a, b, rows: compareRules(resolve(a, 'query.a'), resolve(b, 'query.b')) };
}

/** Each district's Oslo model class and seed-002 category, derived from configuration. */
export async function modelClassification(ctx: AppContext, principal: Principal) {
  return inTenant(ctx.db.app, principal, async (tx) => {
    const districts = await listDistricts(tx);
    const units = (await listUnits(tx)).map((u) => ({ id: u.id, kind: u.kind as UnitKind, districtId: u.district_id }));
    const caseworkers = (await listStaff(tx)).filter((s) => s.active && s.roles.includes('caseworker')).map((s) => ({ staffId: s.id, unitIds: s.unit_ids }));
    const versions = await listPolicyVersions(tx);
    const today = todayIn(ctx);
    return districts.map((d) => {
      const placements = caseworkers.map((c) => caseworkerPlacement(c, d.id, units)).filter((p): p is 1 | 2 | 3 => p !== null);
      const policy = policyInForce(versions, { districtId: d.id, serviceCode: null }, today);
      return {
        districtId: d.id,
        district: d.name,
        osloClass: osloClass(placements),
        caseworkers: { inOneTeam: placements.filter((p) => p === 1).length, spread: placements.filter((p) => p === 2).length, central: placements.filter((p) => p === 3).length },
        model: policy?.rules.model ?? null,
        seed002Category: policy ? seed002Category(policy.rules) : null,
        policyFrom: policy?.effectiveFrom ?? null,
      };
    });
  });
}
