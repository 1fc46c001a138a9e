/**
 * Decision forms as data (seed 002 Figure 6; domain reference §6): which forms a service may be
 * decided in (the service catalogue, narrowed by the policy in force), and what each form requires
 * the decision to state. A policy that allows a form the catalogue forbids cannot be saved.
 */
import type { DecisionForm, PolicyRules } from '../organisation/policy.ts';
import { serviceCatalogue, type ServiceCatalogueEntry } from '../services/catalogue.ts';
import { DECISION_RULES } from '../law/rules.ts';

/** What a decision in each form must state, and must not. */
export const FORM_REQUIREMENTS: Readonly<Record<DecisionForm, { readonly states: 'hours' | 'tasks' | 'frame' | 'place'; readonly text: { readonly nb: string; readonly en: string } }>> = {
  time_fixed: { states: 'hours', text: { nb: 'Timefestet vedtak angir timer per uke.', en: 'A time-fixed decision states hours per week.' } },
  norm_time: { states: 'tasks', text: { nb: 'Tjenestebeskrivende vedtak angir oppgavene og normtiden for hver.', en: 'A norm-time decision states the tasks and the norm time of each.' } },
  frame: { states: 'frame', text: { nb: 'Rammevedtak angir høyeste omfang per uke og målene.', en: 'A frame decision states the most hours a week and the goals.' } },
  place: { states: 'place', text: { nb: 'Vedtak om plass angir plassen, ikke timer.', en: 'A decision on a place grants the place, not hours.' } },
};

/**
 * The forms a service may be decided in: the catalogue's (the municipality's in force, else the
 * default), narrowed by the policy where it says more.
 */
export function formsFor(rules: Pick<PolicyRules, 'decisionForms'> | null, serviceCode: string, catalogue: readonly ServiceCatalogueEntry[] = serviceCatalogue()): DecisionForm[] {
  const forms = catalogue.find((e) => e.code === serviceCode)?.decisionForms ?? [];
  const configured = rules?.decisionForms[serviceCode as keyof PolicyRules['decisionForms']];
  return configured ? forms.filter((f) => configured.includes(f)) : [...forms];
}

export interface PolicyCatalogueProblem {
  readonly field: string;
  readonly message: string;
  readonly rule: string;
}

/** Where a policy's decision forms contradict the service catalogue (each named with the rule it breaks). */
export function policyCatalogueProblems(rules: Pick<PolicyRules, 'decisionForms'>, catalogue: readonly ServiceCatalogueEntry[] = serviceCatalogue()): PolicyCatalogueProblem[] {
  return catalogue.flatMap((entry) => {
    const configured = rules.decisionForms[entry.code as keyof PolicyRules['decisionForms']];
    if (!configured) return [];
    const forbidden = configured.filter((f) => !entry.decisionForms.includes(f));
    return forbidden.map((f) => ({
      field: `rules.decisionForms.${entry.code}`,
      message:
        `${entry.name.en} cannot be decided as ${f}: the service catalogue allows ${entry.decisionForms.join(' or ')}` +
        (entry.hoursMandatory ? ` (hours are mandatory where money follows hours: ${DECISION_RULES.hoursWhereMoneyFollowsHours.citation})` : '') +
        (entry.institutional ? ` (${DECISION_RULES.noHoursInInstitution.citation})` : ''),
      rule: DECISION_RULES.decisionForm.id,
    }));
  });
}
