/**
 * Use cases for the municipality's service catalogue: the catalogue in force, its versions, and a
 * new version from a date. A version that breaks the law, or that a policy in force (or a later
 * one) contradicts, cannot be saved; the refusal names the field and the rule.
 */
import { z } from 'zod';
import { policyCatalogueProblems } from '../domain/decision/forms.ts';
import type { PolicyVersion } from '../domain/organisation/policy.ts';
import type { ServiceCatalogueEntry } from '../domain/services/catalogue.ts';
import { catalogueInForce, catalogueOf, catalogueProblems, catalogueServicesSchema, type CatalogueVersion } from '../domain/services/catalogueVersion.ts';
import { insertCatalogueVersion, listCatalogueVersions } from '../store/catalogue.ts';
import { listPolicyVersions } from '../store/policies.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

export const newCatalogueInput = z.object({
  effectiveFrom: z.iso.date().describe('In force from this Norwegian date (today or later)'),
  services: catalogueServicesSchema.describe('What the municipality sets per service; what it leaves out follows the default catalogue'),
  note: z.string().trim().max(1000).optional(),
});
export type NewCatalogueInput = z.infer<typeof newCatalogueInput>;

const MAY_SET_CATALOGUE = ['leader', 'admin'];

/** The catalogue entries in force on a date, for the pipeline's rules and the decision form. */
export async function catalogueOn(tx: Tx, onDate: string): Promise<ServiceCatalogueEntry[]> {
  return catalogueInForce(await listCatalogueVersions(tx), onDate);
}

export async function currentCatalogue(ctx: AppContext, principal: Principal, onDate?: string): Promise<{ onDate: string; versionId: string | null; services: ServiceCatalogueEntry[] }> {
  return inTenant(ctx.db.app, principal, async (tx) => {
    const date = onDate ?? todayIn(ctx);
    const versions = await listCatalogueVersions(tx);
    const current = versions.filter((v) => v.effectiveFrom <= date).at(-1) ?? null;
    return { onDate: date, versionId: current?.id ?? null, services: catalogueInForce(versions, date) };
  });
}

export async function catalogueVersions(ctx: AppContext, principal: Principal) {
  return inTenant(ctx.db.app, principal, (tx) => listCatalogueVersions(tx));
}

/** The policy versions that will be in force on or after `from` (the one in force then, and every later one). */
function policiesFrom(versions: readonly PolicyVersion[], from: string): PolicyVersion[] {
  const later = versions.filter((v) => v.effectiveFrom > from);
  const places = new Map<string, PolicyVersion>();
  for (const v of versions.filter((x) => x.effectiveFrom <= from)) places.set(`${v.districtId}|${v.serviceCode}`, v);
  return [...places.values(), ...later];
}

/** Refuses a catalogue version that breaks the law or that a policy contradicts. */
function assertLawful(services: NewCatalogueInput['services'], policies: readonly PolicyVersion[]): void {
  const own = catalogueProblems(services).map((p) => ({ field: p.field, message: `${p.message} (${p.citation}; rule ${p.rule})` }));
  const catalogue = catalogueOf(services);
  const clashes = policies.flatMap((policy) =>
    policyCatalogueProblems(policy.rules, catalogue).map((p) => ({ field: p.field.replace('rules.decisionForms.', 'services.'), message: `the policy from ${policy.effectiveFrom} allows a form this catalogue does not: ${p.message} (rule ${p.rule}); change the policy first` })),
  );
  const fields = [...own, ...clashes];
  if (fields.length) throw new AppError('validation', `The catalogue cannot be saved: ${fields.map((f) => f.message).join('; ')}.`, { fields, rule: 'decision_form' });
}

export async function addCatalogueVersion(ctx: AppContext, principal: Principal, meta: CommandMeta, input: NewCatalogueInput): Promise<CommandResult> {
  requireRole(principal, MAY_SET_CATALOGUE, 'Setting the service catalogue');
  if (input.effectiveFrom < todayIn(ctx)) throw invalidField('effectiveFrom', 'a catalogue version cannot start in the past: decisions already made keep the catalogue they were made under');
  return runCommand(ctx, principal, meta, async (tx) => {
    const existing: CatalogueVersion[] = await listCatalogueVersions(tx);
    if (existing.some((v) => v.effectiveFrom === input.effectiveFrom)) {
      throw new AppError('conflict', 'A catalogue version from this date exists already; versions are never changed, choose another date.', { fields: [{ field: 'effectiveFrom', message: 'already has a version' }] });
    }
    assertLawful(input.services, policiesFrom(await listPolicyVersions(tx), input.effectiveFrom));
    const id = await insertCatalogueVersion(tx, { effectiveFrom: input.effectiveFrom, services: input.services, note: input.note ?? null, createdBy: principal.staffId });
    return { statusCode: 201, body: { id, effectiveFrom: input.effectiveFrom, services: catalogueOf(input.services) } };
  });
}
