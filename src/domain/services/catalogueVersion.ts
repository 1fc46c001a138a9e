/**
 * The service catalogue as versioned data per municipality: the default catalogue (catalogue.ts)
 * with what a municipality has set for each service from a date — the decision forms it decides in,
 * whether hours are mandatory, whether goals are required, the IPLOS service type and KOSTRA
 * function it reports under. A version that breaks the law cannot be saved (each problem names its
 * rule): an institution stay is decided as a place; where money follows hours the decision states
 * hours in a form that carries them.
 */
import { z } from 'zod';
import { DECISION_RULES } from '../law/rules.ts';
import { DECISION_FORMS } from '../organisation/policy.ts';
import { findCatalogueEntry, serviceCatalogue, SERVICE_CODES, type ServiceCatalogueEntry } from './catalogue.ts';

/** What a municipality may set for one service. */
export const catalogueSettingsSchema = z.object({
  decisionForms: z.array(z.enum(DECISION_FORMS)).min(1).optional().describe('The forms the service is decided in'),
  hoursMandatory: z.boolean().optional().describe('The decision must state hours per week (charges, pay or payment follow hours)'),
  goalsRequired: z.boolean().optional().describe('A granted decision states the goals set with the person'),
  iplosServiceType: z.string().trim().min(1).max(200).optional(),
  kostraFunction: z.enum(['234', '253', '254', '265']).optional(),
});
export type CatalogueSettings = z.infer<typeof catalogueSettingsSchema>;

export const catalogueServicesSchema = z.partialRecord(z.enum(SERVICE_CODES), catalogueSettingsSchema);
export type CatalogueServices = z.infer<typeof catalogueServicesSchema>;

export interface CatalogueVersion {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly services: CatalogueServices;
}

/** Services whose decisions must state hours by law: charges, pay or payment are computed from hours. */
export const HOURS_BY_LAW = ['practical_help', 'care_allowance', 'support_contact', 'bpa'] as const;

/** The catalogue a version gives: the default with the version's settings laid over it. */
export function catalogueOf(services: CatalogueServices): ServiceCatalogueEntry[] {
  return serviceCatalogue().map((entry) => ({ ...entry, ...(services[entry.code as keyof CatalogueServices] ?? {}) }));
}

/** The catalogue in force on a date: the latest version from on or before it, else the default. */
export function catalogueInForce(versions: readonly CatalogueVersion[], onDate: string): ServiceCatalogueEntry[] {
  const current = [...versions].filter((v) => v.effectiveFrom <= onDate).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return catalogueOf(current?.services ?? {});
}

export interface CatalogueProblem {
  readonly field: string;
  readonly message: string;
  readonly rule: string;
  readonly citation: string;
}

function entryProblems(entry: ServiceCatalogueEntry): CatalogueProblem[] {
  const field = `services.${entry.code}`;
  const problems: CatalogueProblem[] = [];
  const place = DECISION_RULES.noHoursInInstitution;
  const money = DECISION_RULES.hoursWhereMoneyFollowsHours;
  if (entry.institutional && entry.decisionForms.join() !== 'place') {
    problems.push({ field: `${field}.decisionForms`, message: `${entry.name.en} is an institution stay: it is decided as a place`, rule: place.id, citation: place.citation });
  }
  if (entry.decisionForms.includes('place') && !findCatalogueEntry(entry.code)?.decisionForms.includes('place')) {
    problems.push({ field: `${field}.decisionForms`, message: `${entry.name.en} is not a place`, rule: DECISION_RULES.decisionForm.id, citation: DECISION_RULES.decisionForm.citation });
  }
  if ((HOURS_BY_LAW as readonly string[]).includes(entry.code) && !entry.hoursMandatory) {
    problems.push({ field: `${field}.hoursMandatory`, message: `a decision on ${entry.name.en.toLowerCase()} states hours: money follows hours`, rule: money.id, citation: money.citation });
  }
  const hourless = entry.decisionForms.filter((f) => f === 'frame' || f === 'place');
  if (entry.hoursMandatory && hourless.length) {
    problems.push({ field: `${field}.decisionForms`, message: `hours are mandatory for ${entry.name.en.toLowerCase()}, so it cannot be decided as ${hourless.join(' or ')}`, rule: money.id, citation: money.citation });
  }
  return problems;
}

/** Where a catalogue version breaks the law, each naming the field and the rule. */
export function catalogueProblems(services: CatalogueServices): CatalogueProblem[] {
  return catalogueOf(services).flatMap(entryProblems);
}
