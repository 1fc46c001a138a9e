/**
 * The limit for bench/criteria.ts (issue 18 (d)): the four demo criteria sets written by hand as
 * verdict-only functions, with the same three-valued reading as the engine (a missing score, a 9 or
 * an answer of another type is unknown; unknown flows through and/or by Kleene's rules). Nothing is
 * parsed, checked or explained; this is what a programmer would write for one fixed set, and what
 * the engine cannot beat. The bench compares every verdict with the engine's, so a mistake here
 * shows as disagreements.
 */
import { IPLOS_CODES } from '../src/domain/assessment/iplos.ts';
import type { CriteriaInput } from '../src/domain/criteria/compile.ts';
import type { Verdict } from '../src/domain/criteria/criteriaSet.ts';
import { AUTISM_READING } from '../src/demo/criteria/psychiatric.ts';

type B = boolean | null;

/** `answers.<key> = true`: unknown unless the answer is a yes/no. */
function yes(i: CriteriaInput, key: string): B {
  const v = Object.hasOwn(i.answers, key) ? i.answers[key] : null;
  return typeof v === 'boolean' ? v : null;
}

function score(i: CriteriaInput, code: string): number | null {
  const v = i.iplos[code];
  return v === undefined || v === null || v === 9 ? null : v;
}

const atLeast = (s: number | null, min: number): B => (s === null ? null : s >= min);
const atMost = (s: number | null, max: number): B => (s === null ? null : s <= max);
const hasDiagnosis = (i: CriteriaInput, prefix: string) => i.diagnoses.some((d) => d.toUpperCase().startsWith(prefix));

/** Inclusion: the first false decides, else unknown if any is. */
function included(values: readonly B[]): 'yes' | 'no' | 'unknown' {
  if (values.includes(false)) return 'no';
  return values.includes(null) ? 'unknown' : 'yes';
}

function homeNursing(i: CriteriaInput): Verdict {
  const clinic = yes(i, 'can_attend_clinic');
  const terminal = hasDiagnosis(i, 'Z51.5') || hasDiagnosis(i, 'A99');
  if (clinic === true && !terminal) return 'refer_elsewhere';
  const own = score(i, 'own_health');
  const inc = included([yes(i, 'needs_health_care'), atLeast(own, 3)]);
  if (inc === 'no') return 'not_eligible';
  if (inc === 'unknown' || (clinic === null && !terminal)) return 'more_information_needed';
  return yes(i, 'welfare_technology_suitable') === true && atMost(own, 3) === true ? 'try_lower_level' : 'eligible';
}

function practicalHelp(i: CriteriaInput): Verdict {
  const other = yes(i, 'other_adult_able');
  const burden = yes(i, 'carer_burden_high') === true;
  if (other === true && !burden) return 'not_eligible';
  const household = [atLeast(score(i, 'household_tasks'), 3), atLeast(score(i, 'shopping'), 3), atLeast(score(i, 'cooking'), 3)];
  const anyHousehold: B = household.includes(true) ? true : household.includes(null) ? null : false;
  const inc = included([anyHousehold, yes(i, 'household_cannot_cover')]);
  if (inc === 'no') return 'not_eligible';
  if (inc === 'unknown' || (other === null && !burden)) return 'more_information_needed';
  return yes(i, 'aids_not_tried') === true ? 'try_lower_level' : 'eligible';
}

function countAtLeast(i: CriteriaInput, min: number): number {
  let n = 0;
  for (const c of IPLOS_CODES) if ((score(i, c) ?? -1) >= min) n++;
  return n;
}

function longTermStay(i: CriteriaInput): Verdict {
  const specialist = yes(i, 'needs_specialist_care');
  if (specialist === true) return 'refer_elsewhere';
  const inc = included([countAtLeast(i, 4) >= 4, yes(i, 'round_the_clock_need'), yes(i, 'home_services_insufficient')]);
  if (inc === 'no') return 'not_eligible';
  if (inc === 'unknown' || specialist === null) return 'more_information_needed';
  const tried = i.services.includes('short_term_stay') || i.services.includes('home_nursing');
  return !tried && yes(i, 'short_stay_possible') === true ? 'try_lower_level' : 'eligible';
}

const PSYCHIATRIC_INCLUSION = ['serious_problem', 'low_threshold_considered', 'help_necessary', 'consents', 'change_or_stability', 'right_provider', 'benefits'];

/** The exclusions in order: the first that holds without its exception decides. */
function psychiatricExclusion(i: CriteriaInput): Verdict | 'unknown' | null {
  const rows: [B, boolean, Verdict][] = [
    [yes(i, 'mild_only'), hasDiagnosis(i, 'F84'), 'refer_elsewhere'],
    [yes(i, 'multidose_elsewhere'), yes(i, 'medication_administration') === true, 'not_eligible'],
    [yes(i, 'needs_specialist'), yes(i, 'coordination') === true, 'refer_elsewhere'],
    [i.age === null ? null : i.age < 18, false, 'refer_elsewhere'],
  ];
  let unknown = false;
  for (const [holds, excepted, verdict] of rows) {
    if (holds === true && !excepted) return verdict;
    if (holds === null && !excepted) unknown = true;
  }
  return unknown ? 'unknown' : null;
}

function psychiatric(i: CriteriaInput): Verdict {
  const excluded = psychiatricExclusion(i);
  if (excluded !== null && excluded !== 'unknown') return excluded;
  const inc = included([i.age === null ? null : i.age >= 18, ...PSYCHIATRIC_INCLUSION.map((k) => yes(i, k))]);
  if (inc === 'no') return 'not_eligible';
  if (inc === 'unknown' || excluded === 'unknown') return 'more_information_needed';
  const pathway = Object.hasOwn(i.answers, 'pathway') ? i.answers.pathway : null;
  return pathway === 1 ? 'try_lower_level' : 'eligible';
}

/** The hand-written functions, in the order of DEMO_CRITERIA; only for the shipped autism reading. */
export function handWritten(): readonly ((i: CriteriaInput) => Verdict)[] {
  if (AUTISM_READING !== 'exception') throw new Error('the hand-written psychiatric set follows the shipped autism reading (an exception)');
  return [psychiatric, homeNursing, practicalHelp, longTermStay];
}
