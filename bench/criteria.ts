/**
 * Benchmark: the whole demo criteria catalogue evaluated against many generated assessments, by our
 * compiled engine (with explanations), by json-rules-engine and by the FEEL interpreter feelin, on
 * the same rules (translated from our expressions). Prints evaluations per second and p99 latency
 * for each, the ratio to json-rules-engine, and whether the three agree on every verdict.
 *
 *   npm run bench:criteria            (BENCH_SECONDS=3 BENCH_ASSESSMENTS=2000 by default)
 *
 * One evaluation = one assessment against one criteria set (all its criteria and the verdict).
 */
import { Faker, base, nb_NO } from '@faker-js/faker';
import { evaluate as feelEvaluate } from 'feelin';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { IPLOS_CODES } from '../src/domain/assessment/iplos.ts';
import type { CriteriaInput } from '../src/domain/criteria/compile.ts';
import { compileSet, evaluateSet, type CriteriaRules, type Verdict } from '../src/domain/criteria/criteriaSet.ts';
import { DEMO_CRITERIA } from '../src/demo/criteria/index.ts';
import { flatten, toFeel, toRulesEngine, verdictFromOutcomes, type FlatCriterion } from './translate.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ASSESSMENTS = Number(process.env.BENCH_ASSESSMENTS ?? 2000);

function generate(n: number): CriteriaInput[] {
  const f = new Faker({ locale: [nb_NO, base] });
  f.seed(2026);
  const answerKeys = new Set(DEMO_CRITERIA.flatMap((s) => Object.entries(s.answers).filter(([, a]) => a.type === 'boolean').map(([k]) => k)));
  return Array.from({ length: n }, () => ({
    age: f.number.int({ min: 16, max: 101 }),
    iplos: Object.fromEntries(IPLOS_CODES.map((c) => [c, f.number.int({ min: 1, max: 5 })])),
    diagnoses: f.helpers.arrayElements(['F20.0', 'F25', 'F32.1', 'F84.0', 'F03', 'I63', 'L90', 'Z51.5'], { min: 0, max: 3 }),
    services: f.helpers.arrayElements(['home_nursing', 'practical_help', 'short_term_stay', 'safety_alarm'], { min: 0, max: 2 }),
    answers: { ...Object.fromEntries([...answerKeys].map((k) => [k, f.datatype.boolean()])), pathway: f.number.int({ min: 1, max: 3 }) },
    whatMattersRecorded: true,
  }));
}

interface Result {
  readonly name: string;
  readonly evaluations: number;
  readonly perSecond: number;
  readonly p99Micros: number;
}

function summarise(name: string, latencies: number[], elapsedNs: number): Result {
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return { name, evaluations: latencies.length, perSecond: latencies.length / (elapsedNs / 1e9), p99Micros: p99 / 1000 };
}

/** Runs `once(i)` over the inputs, round and round, for SECONDS; records each call's latency. */
async function measure(name: string, count: number, once: (i: number) => Verdict | Promise<Verdict>): Promise<Result> {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(SECONDS * 1e9);
  for (let i = 0; ; i++) {
    const t = process.hrtime.bigint();
    const verdict = once(i % count);
    // Await only real promises: awaiting a plain value would add a microtask to the synchronous engines.
    if (verdict instanceof Promise) await verdict;
    const done = process.hrtime.bigint();
    latencies.push(Number(done - t));
    if (done > deadline) return summarise(name, latencies, Number(done - start));
  }
}

async function main(): Promise<void> {
  const inputs = generate(ASSESSMENTS);
  const sets = DEMO_CRITERIA as readonly CriteriaRules[];
  const jobs = inputs.flatMap((input) => sets.map((_, s) => ({ input, s })));
  const ours = sets.map(compileSet);
  const flat = sets.map(flatten);
  const engines = await Promise.all(flat.map((f) => buildEngine(f.criteria)));
  const feel = flat.map((f) => new Map(f.criteria.map((c) => [c.key, toFeel(c.node)])));

  const oursRun = (i: number) => {
    const job = jobs[i]!;
    return evaluateSet(ours[job.s]!, job.input).verdict;
  };
  const jreRun = async (i: number) => {
    const job = jobs[i]!;
    const { results, failureResults } = await engines[job.s]!.run({ person: personFact(job.input) });
    const outcomes = new Map<string, boolean>([...results.map((r) => [r.name as string, true] as const), ...failureResults.map((r) => [r.name as string, false] as const)]);
    return verdictFromOutcomes(flat[job.s]!, (c) => outcomes.get(c.key) ?? null);
  };
  const feelRun = (i: number) => {
    const job = jobs[i]!;
    const context = feelContext(job.input);
    return verdictFromOutcomes(flat[job.s]!, (c) => {
      const value = feelEvaluate(feel[job.s]!.get(c.key)!, context).value;
      return value === null || value === undefined ? null : Boolean(value);
    });
  };

  const agreement = await agree(jobs.length, oursRun, jreRun, feelRun);
  const results = [await measure('tildel (compiled, with explanations)', jobs.length, oursRun), await measure('json-rules-engine 7', jobs.length, jreRun), await measure('feelin 8 (FEEL, evaluate)', jobs.length, feelRun)];
  print(results, agreement, inputs.length, sets.length);
}

async function agree(count: number, ...runs: ((i: number) => Verdict | Promise<Verdict>)[]): Promise<{ checked: number; disagreements: number }> {
  const sample = Math.min(count, 400);
  let disagreements = 0;
  for (let i = 0; i < sample; i++) {
    const verdicts = await Promise.all(runs.map((run) => run(i)));
    if (new Set(verdicts).size > 1) disagreements++;
  }
  return { checked: sample, disagreements };
}

async function buildEngine(criteria: readonly FlatCriterion[]): Promise<Engine> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('hasPrefix', (codes: unknown, prefixes: unknown) =>
    Array.isArray(codes) && Array.isArray(prefixes) && codes.some((d) => prefixes.some((p) => String(d).toUpperCase().startsWith(String(p).toUpperCase()))),
  );
  engine.addFact('countAtLeast', async (params: Record<string, unknown>, almanac) => {
    const person = (await almanac.factValue('person')) as { scores: number[] };
    return person.scores.filter((s) => s >= Number(params.min)).length;
  });
  for (const c of criteria) engine.addRule({ name: c.key, conditions: toRulesEngine(c.node) as TopLevelCondition, event: { type: c.key } });
  return engine;
}

function scores(input: CriteriaInput): number[] {
  return IPLOS_CODES.map((c) => input.iplos[c]).filter((v): v is number => typeof v === 'number' && v !== 9);
}

function personFact(input: CriteriaInput) {
  return { ...input, scores: scores(input) };
}

function feelContext(input: CriteriaInput) {
  return { age: input.age, iplos: input.iplos, diagnoses: input.diagnoses, services: input.services, answers: input.answers, what_matters_recorded: input.whatMattersRecorded, scores: scores(input) };
}

function print(results: readonly Result[], agreement: { checked: number; disagreements: number }, assessments: number, sets: number): void {
  const baseline = results.find((r) => r.name.startsWith('json-rules-engine'))?.perSecond ?? 1;
  console.log(`Criteria benchmark: ${assessments} generated assessments × ${sets} demo criteria sets, ${SECONDS} s per engine, Node ${process.version}`);
  console.log('engine                                   evaluations/s   p99 latency   × json-rules-engine');
  for (const r of results) {
    console.log(`${r.name.padEnd(40)} ${Math.round(r.perSecond).toLocaleString('en').padStart(13)}   ${r.p99Micros.toFixed(1).padStart(8)} µs   ${(r.perSecond / baseline).toFixed(1).padStart(8)}×`);
  }
  console.log(`verdicts compared on ${agreement.checked} evaluations: ${agreement.disagreements} disagreements`);
  const ours = results[0]?.perSecond ?? 0;
  console.log(`target ≥ 50× json-rules-engine: ${ours / baseline >= 50 ? 'met' : 'NOT met'} (${(ours / baseline).toFixed(0)}×)`);
}

await main();
