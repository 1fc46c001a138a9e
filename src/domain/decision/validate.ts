/**
 * The content rules a decision must satisfy before it is recorded, each failure naming the field,
 * the rule and its citation (rules.ts). They are pure: every writer (API, evaluation, demo, jobs,
 * imports) gets the same verdict for the same state, payload and facts.
 *
 * - its form, and what the form demands (forms.ts; seed 002 Figure 6);
 * - hours where money follows hours, no hours for a place;
 * - goals where the catalogue demands them (psychiatric home services, seed 004 G-05);
 * - a start, a re-evaluation date and an end or "until further notice" for a service meant to last
 *   more than two weeks (pbrl § 2-7, fvl § 35);
 * - an answer to the request as made, when another service is decided (pbrl § 2-1 a, § 2-1 d);
 * - reasons for refusals and partial grants, and a completed assessment or a recorded reason
 *   (fvl §§ 17, 24–25).
 */
import type { ActionPayload } from '../case/actions.ts';
import { DECISION_RULES } from '../law/rules.ts';
import type { DecisionForm } from '../organisation/policy.ts';
import { findCatalogueEntry, type ServiceCatalogueEntry } from '../services/catalogue.ts';
import { FORM_REQUIREMENTS } from './forms.ts';
import { decidesRequestedService, requestRuleFor } from './requestAnswer.ts';

export interface DecisionProblem {
  readonly field: string;
  readonly message: string;
  readonly citation: string;
}

/** What the rules need to know beyond the payload, gathered by the pipeline. */
export interface DecisionFacts {
  /** The service the request was for. */
  readonly requestedService: string;
  /** The forms each service may be decided in now (catalogue narrowed by the policy in force). */
  readonly formsFor: (serviceCode: string) => readonly DecisionForm[];
  /** Whether the case has a completed assessment (kartlegging) to decide on. */
  readonly completedAssessment: boolean;
  /** The municipality's catalogue entry in force for a service (default: the built-in catalogue). */
  readonly service?: (serviceCode: string) => ServiceCatalogueEntry | undefined;
}

const entryOf = (facts: Pick<DecisionFacts, 'service'>, code: string) => (facts.service ?? findCatalogueEntry)(code);

type Decision = ActionPayload<'decision_made'>;
type Item = { serviceCode: string; form?: DecisionForm | undefined; hoursPerWeek?: number | undefined };

const FORM = DECISION_RULES.decisionForm.citation;

type Demand = (field: string, item: Item, main: Decision | null, entry: ServiceCatalogueEntry | undefined) => string | null;

/** What each form demands of an item (and, for the main decision, of its tasks and frame): the field that is missing, or null. */
const DEMANDS: Readonly<Record<DecisionForm, Demand>> = {
  // Where money follows hours the stronger rule is cited instead (catalogueProblems).
  time_fixed: (field, item, _main, entry) => (item.hoursPerWeek === undefined && !entry?.hoursMandatory ? `${field}hoursPerWeek` : null),
  // A package item carries its norm time as hours; the main decision lists its tasks.
  norm_time: (field, item, main) => (main ? (!main.tasks?.length ? 'tasks' : null) : item.hoursPerWeek === undefined ? `${field}hoursPerWeek` : null),
  // The plan's hours under a frame, where stated, are within it.
  frame: (field, _item, main) => (!main ? `${field}form` : !main.frame || (main.hoursPerWeek ?? 0) > main.frame.maxHoursPerWeek ? 'frame' : null),
  place: (field, item) => (item.hoursPerWeek !== undefined ? `${field}hoursPerWeek` : null),
};

function demandProblems(field: string, item: Item, form: DecisionForm, main: Decision | null, entry: ServiceCatalogueEntry | undefined): DecisionProblem[] {
  const missing = DEMANDS[form](field, item, main, entry);
  if (missing === null) return [];
  if (form === 'place') return [{ field: missing, message: 'a place is granted, not hours', citation: DECISION_RULES.noHoursInInstitution.citation }];
  if (form === 'frame' && !main) return [{ field: missing, message: 'a frame is decided as the main service of the decision', citation: FORM }];
  if (form === 'norm_time' && !main) return [{ field: missing, message: 'a service of the package decided by norm time states its norm time in hours per week', citation: FORM }];
  return [{ field: missing, message: FORM_REQUIREMENTS[form].text.en.toLowerCase(), citation: FORM }];
}

function formProblems(field: string, item: Item, forms: readonly DecisionForm[], main: Decision | null, entry: ServiceCatalogueEntry | undefined): DecisionProblem[] {
  const name = entry?.name.en ?? item.serviceCode;
  if (item.form === undefined) {
    return forms.length ? [{ field: `${field}form`, message: `state the decision form of ${name.toLowerCase()}: ${forms.join(' or ')}`, citation: FORM }] : [];
  }
  if (!forms.includes(item.form)) {
    const allowed = forms.length ? `is decided as ${forms.join(' or ')}` : 'has no decision form allowed by the catalogue and policy in force';
    return [{ field: `${field}form`, message: `${name} ${allowed}, not ${item.form}`, citation: FORM }];
  }
  return demandProblems(field, item, item.form, main, entry);
}

type Entry = ServiceCatalogueEntry;

/** Hours are stated where money follows hours (unless the form's own rule already asked for them). */
function mandatoryHours(entry: Entry, field: string, item: Item, already: readonly DecisionProblem[]): DecisionProblem[] {
  const hoursField = `${field}hoursPerWeek`;
  if (!entry.hoursMandatory || item.hoursPerWeek !== undefined || already.some((p) => p.field === hoursField)) return [];
  return [{ field: hoursField, message: `a decision on ${entry.name.en.toLowerCase()} must state hours per week`, citation: DECISION_RULES.hoursWhereMoneyFollowsHours.citation }];
}

/** An institution stay grants a place, never hours. */
function placeHours(entry: Entry, field: string, item: Item): DecisionProblem[] {
  if (!entry.institutional || item.hoursPerWeek === undefined || item.form === 'place') return [];
  return [{ field: `${field}hoursPerWeek`, message: 'an institution stay grants a place, not hours', citation: DECISION_RULES.noHoursInInstitution.citation }];
}

/** Goals set with the person, where the catalogue requires them (seed 004 G-05). */
function goalProblems(entry: Entry, main: Decision | null): DecisionProblem[] {
  if (!main || !entry.goalsRequired || main.goals?.length || main.frame?.goals.length) return [];
  return [{ field: 'goals', message: `a decision on ${entry.name.en.toLowerCase()} states the goals set with the person`, citation: 'seed 004 L637–666, L2415–2430 (a decision without a goal cannot be finalised)' }];
}

/** The catalogue's demands beyond the form: hours where money follows hours, no hours on a stay, goals. */
function catalogueProblems(field: string, item: Item, main: Decision | null, already: readonly DecisionProblem[], entry: Entry): DecisionProblem[] {
  return [...mandatoryHours(entry, field, item, already), ...placeHours(entry, field, item), ...goalProblems(entry, main)];
}

function serviceProblems(field: string, item: Item, facts: DecisionFacts, main: Decision | null): DecisionProblem[] {
  const entry = entryOf(facts, item.serviceCode);
  if (!entry) return [];
  const problems = formProblems(field, item, facts.formsFor(item.serviceCode), main, entry);
  return [...problems, ...catalogueProblems(field, item, main, problems, entry)];
}

/** Whole days from one local date to another, both counted. */
function daysSpanned(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The end of a granted decision: an end date or "until further notice", not both. */
function endProblems(d: Decision): DecisionProblem[] {
  const citation = DECISION_RULES.duration.citation;
  if (d.validTo && d.untilFurtherNotice) return [{ field: 'untilFurtherNotice', message: 'a decision has an end date or runs until further notice, not both', citation }];
  if (!d.validTo && !d.untilFurtherNotice) {
    return [{ field: 'validTo', message: 'state when the service ends (validTo), or that it runs until further notice (untilFurtherNotice)', citation }];
  }
  return [];
}

/** A service meant to last more than two weeks is re-evaluated between its start and its end. */
function reevaluationProblems(d: Decision): DecisionProblem[] {
  const citation = DECISION_RULES.duration.citation;
  const short = d.validTo !== undefined && daysSpanned(d.validFrom, d.validTo) <= DECISION_RULES.duration.days;
  if (short) return [];
  if (!d.reevaluateBy) return [{ field: 'reevaluateBy', message: 'a service meant to last more than two weeks needs a re-evaluation date', citation }];
  if (d.reevaluateBy < d.validFrom) return [{ field: 'reevaluateBy', message: 'the re-evaluation comes after the service starts', citation }];
  if (d.validTo && d.reevaluateBy > d.validTo) return [{ field: 'reevaluateBy', message: 'the re-evaluation must come before the decision ends', citation }];
  return [];
}

function durationProblems(d: Decision): DecisionProblem[] {
  if (d.validTo && d.validTo < d.validFrom) return [{ field: 'validTo', message: 'ends before it starts', citation: DECISION_RULES.duration.citation }];
  if (d.outcome === 'refused') return [];
  const end = endProblems(d);
  return end.length ? end : reevaluationProblems(d);
}

function requestProblems(d: Decision, facts: DecisionFacts): DecisionProblem[] {
  const rule = requestRuleFor(facts.requestedService);
  if (decidesRequestedService(facts.requestedService, d)) {
    return d.requestAnswer ? [{ field: 'requestAnswer', message: 'the decision decides the service asked for; its outcome answers the request', citation: rule.citation }] : [];
  }
  if (d.requestAnswer) return [];
  const asked = entryOf(facts, facts.requestedService)?.name.en ?? facts.requestedService;
  return [{ field: 'requestAnswer', message: `the request was for ${asked.toLowerCase()}: record how that request is answered (refused or partly granted) and why`, citation: rule.citation }];
}

export function validateDecision(d: Decision, facts: DecisionFacts): DecisionProblem[] {
  const granted = d.outcome !== 'refused';
  const problems = [
    ...(granted ? serviceProblems('', d, facts, d) : []),
    ...(granted ? (d.package ?? []).flatMap((item, i) => serviceProblems(`package.${i}.`, item, facts, null)) : []),
    ...durationProblems(d),
    ...requestProblems(d, facts),
  ];
  if (d.outcome !== 'granted' && !d.considerations) {
    problems.push({ field: 'considerations', message: 'a refusal or a partial grant must give the main considerations of the discretion', citation: DECISION_RULES.reasons.citation });
  }
  if (!facts.completedAssessment && !d.withoutAssessmentReason) {
    problems.push({ field: 'withoutAssessmentReason', message: 'the case has no completed assessment: complete one, or record why the decision is made without it', citation: DECISION_RULES.assessedFacts.citation });
  }
  if (d.alternativeTo && !d.package?.length && d.alternativeTo === d.serviceCode) {
    problems.push({ field: 'alternativeTo', message: 'an alternative must be another service than the one applied for', citation: DECISION_RULES.decisionForm.citation });
  }
  return problems;
}
