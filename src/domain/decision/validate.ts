/**
 * The content rules a decision must satisfy before it is recorded, each failure naming the field,
 * the rule and its citation (rules.ts): hours where money follows hours, no hours for a place,
 * reasons for refusals and partial grants, a re-evaluation before a time-limited decision ends,
 * and dates in order.
 */
import type { ActionPayload } from '../case/actions.ts';
import { DECISION_RULES } from '../law/rules.ts';
import { findCatalogueEntry } from '../services/catalogue.ts';

export interface DecisionProblem {
  readonly field: string;
  readonly message: string;
  readonly citation: string;
}

type Decision = ActionPayload<'decision_made'>;

function serviceProblems(field: string, item: { serviceCode: string; form?: string | undefined; hoursPerWeek?: number | undefined }, granted: boolean): DecisionProblem[] {
  const entry = findCatalogueEntry(item.serviceCode);
  if (!entry || !granted) return [];
  const problems: DecisionProblem[] = [];
  if (entry.hoursMandatory && item.hoursPerWeek === undefined) {
    problems.push({ field: `${field}hoursPerWeek`, message: `a decision on ${entry.name.en.toLowerCase()} must state hours per week`, citation: DECISION_RULES.hoursWhereMoneyFollowsHours.citation });
  }
  if (entry.institutional && item.hoursPerWeek !== undefined) {
    problems.push({ field: `${field}hoursPerWeek`, message: 'an institution stay grants a place, not hours', citation: DECISION_RULES.noHoursInInstitution.citation });
  }
  if (item.form !== undefined && !(entry.decisionForms as readonly string[]).includes(item.form)) {
    problems.push({ field: `${field}form`, message: `${entry.name.en} is decided as ${entry.decisionForms.join(' or ')}`, citation: 'seed 002 Figure 6; the service catalogue' });
  }
  return problems;
}

function dateProblems(d: Decision): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  if (d.validTo && d.validTo < d.validFrom) problems.push({ field: 'validTo', message: 'ends before it starts', citation: '—' });
  const timeLimited = d.validTo !== undefined && d.outcome !== 'refused';
  if (timeLimited && !d.reevaluateBy) {
    problems.push({ field: 'reevaluateBy', message: 'a time-limited decision (a short first decision or an assessment stay) needs a re-evaluation before it ends', citation: DECISION_RULES.changeToDetriment.citation });
  }
  if (timeLimited && d.reevaluateBy && d.validTo && d.reevaluateBy > d.validTo) {
    problems.push({ field: 'reevaluateBy', message: 'the re-evaluation must come before the decision ends', citation: DECISION_RULES.changeToDetriment.citation });
  }
  return problems;
}

export function validateDecision(d: Decision): DecisionProblem[] {
  const granted = d.outcome !== 'refused';
  const problems = [
    ...serviceProblems('', d, granted),
    ...(d.package ?? []).flatMap((item, i) => serviceProblems(`package.${i}.`, item, granted)),
    ...dateProblems(d),
  ];
  if (d.outcome !== 'granted' && !d.considerations) {
    problems.push({ field: 'considerations', message: 'a refusal or a partial grant must give the main considerations of the discretion', citation: DECISION_RULES.reasons.citation });
  }
  if (d.alternativeTo && !d.package?.length && d.alternativeTo === d.serviceCode) {
    problems.push({ field: 'alternativeTo', message: 'an alternative must be another service than the one applied for', citation: '—' });
  }
  return problems;
}
