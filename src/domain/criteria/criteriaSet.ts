/**
 * A criteria set for one service (tildelingskriterier): inclusion criteria, exclusion criteria with
 * their exceptions, lower levels to try first (LEON), pathways ("Sammen om mestring" forløp), a
 * default duration and an evaluation interval. Evaluation suggests a verdict and explains every
 * criterion with the data it used; a caseworker decides (seed 004 G-01, G-09).
 */
import { z } from 'zod';
import { SERVICE_CODES } from '../services/catalogue.ts';
import { compileCriterion, criterionOf, type AnswerType, type CompiledCriterion, type CriteriaInput, type Value } from './compile.ts';
import { CriteriaSyntaxError } from './parse.ts';

const words = z.object({ nb: z.string().trim().min(1).max(1000), nn: z.string().trim().min(1).max(1000) });

export const criterionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'lower-case letters, digits and _'),
  expression: z.string().trim().min(1).max(2000),
  text: words.describe('The criterion in plain words, bokmål and nynorsk'),
  kind: z.enum(['rule', 'judgement']).default('rule').describe('A hard rule, or professional judgement recorded as an answer'),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const criteriaRulesSchema = z.object({
  serviceCode: z.enum(SERVICE_CODES),
  answers: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.object({ type: z.enum(['number', 'boolean', 'string']), label: words }))
    .default({})
    .describe('Questions the assessor answers, readable as answers.<key>'),
  inclusion: z.array(criterionSchema).min(1),
  exclusions: z.array(criterionSchema.extend({ exceptions: z.array(criterionSchema).default([]), referTo: words.optional() })).default([]),
  lowerLevels: z.array(criterionSchema.extend({ offer: words })).default([]).describe('When met: try this lower level first'),
  pathways: z
    .array(z.object({ id: z.string().min(1), when: z.string().min(1), text: words, outcome: z.enum(['low_threshold', 'decision', 'refer']) }))
    .default([])
    .describe('The first pathway whose condition holds decides the route'),
  defaultDurationMonths: z.int().positive().max(120),
  evaluationIntervalMonths: z.int().positive().max(60),
});
export type CriteriaRules = z.infer<typeof criteriaRulesSchema>;

export const VERDICTS = ['eligible', 'not_eligible', 'try_lower_level', 'refer_elsewhere', 'more_information_needed'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type CriterionOutcome = 'met' | 'not_met' | 'unknown';
export type CriterionGroup = 'inclusion' | 'exclusion' | 'exception' | 'lower_level' | 'pathway';

export interface CriterionResult {
  readonly id: string;
  readonly group: CriterionGroup;
  readonly text: { readonly nb: string; readonly nn: string };
  readonly outcome: CriterionOutcome;
  readonly used: Readonly<Record<string, Value>>;
}

export interface Evaluation {
  readonly verdict: Verdict;
  readonly pathway: string | null;
  readonly results: readonly CriterionResult[];
  /** Where to refer, or which lower level to try, in words. */
  readonly guidance: { readonly nb: string; readonly nn: string } | null;
}

export interface InvalidCriterion {
  readonly field: string;
  readonly position: number;
  readonly reason: string;
}

export class InvalidCriteriaError extends Error {
  constructor(readonly problems: readonly InvalidCriterion[]) {
    super(problems.map((p) => `${p.field} at position ${p.position}: ${p.reason}`).join('; '));
  }
}

interface Compiled<T> {
  readonly def: T;
  readonly fn: CompiledCriterion;
  /** The criterion evaluated and explained for its place in the set: what `evaluateSet` lists. */
  readonly judge: (input: CriteriaInput) => CriterionResult;
}

export interface CompiledSet {
  readonly rules: CriteriaRules;
  readonly inclusion: readonly Compiled<Criterion>[];
  readonly exclusions: readonly (Compiled<Criterion> & { readonly exceptions: readonly Compiled<Criterion>[]; readonly referTo: Words | undefined })[];
  readonly lowerLevels: readonly (Compiled<Criterion> & { readonly offer: Words })[];
  readonly pathways: readonly (Compiled<CriteriaRules['pathways'][number]>)[];
}
type Words = { readonly nb: string; readonly nn: string };

/** Compiles every expression of a set; all problems are reported at once, each with its field and position. */
export function compileSet(rules: CriteriaRules): CompiledSet {
  const answers: Record<string, AnswerType> = Object.fromEntries(Object.entries(rules.answers).map(([k, a]) => [k, a.type]));
  const problems: InvalidCriterion[] = [];
  const build = (field: string, expression: string): CompiledCriterion => {
    try {
      return compileCriterion(expression, answers);
    } catch (error) {
      if (!(error instanceof CriteriaSyntaxError)) throw error;
      problems.push({ field, position: error.position, reason: error.reason });
      return criterionOf(() => null);
    }
  };
  const compiled: CompiledSet = {
    rules,
    inclusion: rules.inclusion.map((c, i) => judged(c, 'inclusion', build(`inclusion.${i}.expression`, c.expression))),
    exclusions: rules.exclusions.map((c, i) => ({
      ...judged(c, 'exclusion', build(`exclusions.${i}.expression`, c.expression)),
      exceptions: c.exceptions.map((e, j) => judged(e, 'exception', build(`exclusions.${i}.exceptions.${j}.expression`, e.expression))),
      referTo: c.referTo,
    })),
    lowerLevels: rules.lowerLevels.map((c, i) => ({ ...judged(c, 'lower_level', build(`lowerLevels.${i}.expression`, c.expression)), offer: c.offer })),
    pathways: rules.pathways.map((p, i) => judged(p, 'pathway', build(`pathways.${i}.when`, p.when))),
  };
  if (problems.length) throw new InvalidCriteriaError(problems);
  return compiled;
}

function outcomeOf(v: boolean | null): CriterionOutcome {
  return v === null ? 'unknown' : v ? 'met' : 'not_met';
}

/**
 * A compiled criterion with its place in the set. Its result is made from the outcome and the
 * explanation alone, so a criterion that reads one datum gives the same frozen result for the same
 * value (see `explainedWith`).
 */
export function judged<T extends { readonly id: string; readonly text: Words }>(def: T, group: CriterionGroup, fn: CompiledCriterion): Compiled<T> {
  const judge = fn.explainedWith((value, used): CriterionResult => ({ id: def.id, group, text: def.text, outcome: outcomeOf(value), used }));
  return { def, fn, judge };
}

/**
 * The suggested verdict, in this order: an exclusion without an applicable exception (refer
 * elsewhere if the set says where, otherwise not eligible); an inclusion criterion not met; missing
 * information; a lower level to try first, or a pathway to a low-threshold offer; otherwise eligible.
 * Every criterion is evaluated and explained, in the set's order: inclusion, each exclusion followed
 * by its exceptions, lower levels, pathways.
 */
export function evaluateSet(set: CompiledSet, input: CriteriaInput): Evaluation {
  const results: CriterionResult[] = [];
  const tally: Tally = { notMet: false, unknown: false, excludedBy: null, lowerLevel: null, pathway: null };
  for (const c of set.inclusion) {
    const r = c.judge(input);
    results.push(r);
    if (r.outcome === 'not_met') tally.notMet = true;
    else if (r.outcome === 'unknown') tally.unknown = true;
  }
  for (const ex of set.exclusions) judgeExclusion(ex, input, results, tally);
  for (const c of set.lowerLevels) {
    const r = c.judge(input);
    results.push(r);
    if (!tally.lowerLevel && r.outcome === 'met') tally.lowerLevel = c;
  }
  for (const p of set.pathways) {
    const r = p.judge(input);
    results.push(r);
    if (!tally.pathway && r.outcome === 'met') tally.pathway = p;
  }
  return verdictOf(tally, results);
}

/** What the verdict rests on, gathered while each criterion is judged. */
interface Tally {
  notMet: boolean;
  unknown: boolean;
  excludedBy: CompiledSet['exclusions'][number] | null;
  lowerLevel: CompiledSet['lowerLevels'][number] | null;
  pathway: CompiledSet['pathways'][number] | null;
}

/** An exclusion and its exceptions: the first that holds without an exception excludes; one that may hold leaves the verdict unknown. */
function judgeExclusion(ex: CompiledSet['exclusions'][number], input: CriteriaInput, results: CriterionResult[], tally: Tally): void {
  const r = ex.judge(input);
  results.push(r);
  let excepted = false;
  for (const e of ex.exceptions) {
    const exception = e.judge(input);
    results.push(exception);
    if (exception.outcome === 'met') excepted = true;
  }
  if (r.outcome === 'met' && !excepted && !tally.excludedBy) tally.excludedBy = ex;
  if (r.outcome === 'unknown' && !excepted) tally.unknown = true;
}

/**
 * The same verdict as `evaluateSet(set, input).verdict`, without the explanation: each criterion is
 * evaluated only as far as the verdict needs it (an exclusion that holds without an exception
 * decides at once), and nothing is built for the reader. For counting verdicts over many
 * assessments, such as a new criteria version tried on the assessments behind earlier decisions.
 */
export function verdictOnly(set: CompiledSet, input: CriteriaInput): Verdict {
  const exclusion = exclusionVerdict(set, input);
  if (exclusion !== 'unknown' && exclusion !== null) return exclusion;
  let unknown = exclusion === 'unknown';
  for (const c of set.inclusion) {
    const v = c.fn.evaluate(input);
    if (v === false) return 'not_eligible';
    if (v === null) unknown = true;
  }
  if (unknown) return 'more_information_needed';
  if (set.lowerLevels.some((c) => c.fn.evaluate(input) === true)) return 'try_lower_level';
  const outcome = set.pathways.find((p) => p.fn.evaluate(input) === true)?.def.outcome ?? 'decision';
  return outcome === 'decision' ? 'eligible' : outcome === 'low_threshold' ? 'try_lower_level' : 'refer_elsewhere';
}

/** The verdict of the first exclusion that holds without an exception; 'unknown' if one may hold; null if none does. */
function exclusionVerdict(set: CompiledSet, input: CriteriaInput): Verdict | 'unknown' | null {
  let unknown = false;
  for (const ex of set.exclusions) {
    const v = ex.fn.evaluate(input);
    if (v === false || ex.exceptions.some((e) => e.fn.evaluate(input) === true)) continue;
    if (v === true) return ex.referTo ? 'refer_elsewhere' : 'not_eligible';
    unknown = true;
  }
  return unknown ? 'unknown' : null;
}

function verdictOf({ excludedBy, notMet, unknown, lowerLevel, pathway }: Tally, results: readonly CriterionResult[]): Evaluation {
  const route = pathway?.def.id ?? null;
  if (excludedBy) return { verdict: excludedBy.referTo ? 'refer_elsewhere' : 'not_eligible', pathway: route, guidance: excludedBy.referTo ?? null, results };
  if (notMet) return { verdict: 'not_eligible', pathway: route, guidance: null, results };
  if (unknown) return { verdict: 'more_information_needed', pathway: route, guidance: null, results };
  if (lowerLevel) return { verdict: 'try_lower_level', pathway: route, guidance: lowerLevel.offer, results };
  return pathwayVerdict(pathway, results);
}

/** Pathway 1 leads to a low-threshold offer without a decision; a refer pathway to another service. */
function pathwayVerdict(pathway: CompiledSet['pathways'][number] | null, results: readonly CriterionResult[]): Evaluation {
  const route = pathway?.def.id ?? null;
  const outcome = pathway?.def.outcome ?? 'decision';
  if (outcome === 'decision' || !pathway) return { verdict: 'eligible', pathway: route, guidance: null, results };
  return { verdict: outcome === 'low_threshold' ? 'try_lower_level' : 'refer_elsewhere', pathway: route, guidance: pathway.def.text, results };
}
