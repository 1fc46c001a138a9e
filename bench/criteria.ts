/**
 * Benchmark (issue 18 (d)): the whole demo criteria catalogue evaluated against many generated
 * assessments by our compiled engine (with explanations, as a case's evaluation stores them, and
 * verdict only), by hand-written functions for the same sets (the limit), by json-rules-engine and by
 * the FEEL interpreter feelin, on the same rules (translated from our expressions). Prints
 * evaluations per second and p99 latency for each, the ratio to json-rules-engine and to the
 * hand-written functions, the targets, and whether all agree on every verdict.
 *
 *   npm run bench:criteria            (BENCH_SECONDS=3 BENCH_ASSESSMENTS=2000 by default)
 *
 * One evaluation = one assessment against one criteria set (all its criteria and the verdict). Every
 * engine is warmed up first; then the engines take turns in short rounds (interleaved, so a busy
 * moment of the machine falls on all of them), BENCH_SECONDS each in all, and the figure is the
 * median of the rounds. Throughput is timed over batches of 64 calls (a clock read per call would cost
 * more than the fastest engines' evaluation); the p99 is over the first call of each batch, timed alone.
 */
import { Faker, base, nb_NO } from '@faker-js/faker';
import { evaluate as feelEvaluate } from 'feelin';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { IPLOS_CODES } from '../src/domain/assessment/iplos.ts';
import type { CriteriaInput } from '../src/domain/criteria/compile.ts';
import { compileSet, evaluateSet, verdictOnly, type CriteriaRules, type Verdict } from '../src/domain/criteria/criteriaSet.ts';
import { handWritten } from './criteriaClosures.ts';
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

const ROUNDS = 6;
const BATCH = 64;

interface Result {
  readonly name: string;
  readonly evaluations: number;
  readonly perSecond: number;
  readonly p99Micros: number;
}

type Run = (i: number) => Verdict | Promise<Verdict>;

interface Contender {
  readonly name: string;
  readonly run: Run;
  readonly rates: number[];
  readonly singles: number[];
  evaluations: number;
}

/** Runs `once` over the inputs, round and round, for `ms`, in batches; returns evaluations per second. */
async function round(engine: Contender, count: number, ms: number, start: number): Promise<number> {
  const begin = process.hrtime.bigint();
  const deadline = begin + BigInt(Math.round(ms * 1e6));
  let i = start;
  let done = 0;
  for (;;) {
    const t = process.hrtime.bigint();
    const first = engine.run(i++ % count);
    // Await only real promises: awaiting a plain value would add a microtask to the synchronous engines.
    if (first instanceof Promise) await first;
    engine.singles.push(Number(process.hrtime.bigint() - t));
    for (let k = 1; k < BATCH; k++) {
      const v = engine.run(i++ % count);
      if (v instanceof Promise) await v;
    }
    done += BATCH;
    const now = process.hrtime.bigint();
    if (now > deadline) {
      engine.evaluations += done;
      return done / (Number(now - begin) / 1e9);
    }
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Warm-up, then ROUNDS interleaved rounds per engine. */
async function measureAll(engines: readonly Contender[], count: number): Promise<Result[]> {
  for (const e of engines) await round(e, count, 300, 0);
  for (const e of engines) {
    e.singles.length = 0;
    e.evaluations = 0;
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const e of engines) e.rates.push(await round(e, count, (SECONDS * 1000) / ROUNDS, r * 7919));
  }
  return engines.map((e) => {
    const singles = [...e.singles].sort((a, b) => a - b);
    const p99 = singles[Math.min(singles.length - 1, Math.floor(singles.length * 0.99))] ?? 0;
    return { name: e.name, evaluations: e.evaluations, perSecond: median(e.rates), p99Micros: p99 / 1000 };
  });
}

const contender = (name: string, run: Run): Contender => ({ name, run, rates: [], singles: [], evaluations: 0 });

async function main(): Promise<void> {
  const inputs = generate(ASSESSMENTS);
  const sets = DEMO_CRITERIA as readonly CriteriaRules[];
  const jobs = inputs.flatMap((input) => sets.map((_, s) => ({ input, s })));
  const ours = sets.map(compileSet);
  const hand = handWritten();
  const flat = sets.map(flatten);
  const engines = await Promise.all(flat.map((f) => buildEngine(f.criteria)));
  const feel = flat.map((f) => new Map(f.criteria.map((c) => [c.key, toFeel(c.node)])));

  const explainedRun = (i: number) => {
    const job = jobs[i]!;
    return evaluateSet(ours[job.s]!, job.input).verdict;
  };
  const verdictRun = (i: number) => {
    const job = jobs[i]!;
    return verdictOnly(ours[job.s]!, job.input);
  };
  const handRun = (i: number) => {
    const job = jobs[i]!;
    return hand[job.s]!(job.input);
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

  // All five on the first 400 evaluations (feelin is slow), our three on every one.
  const all = await agree(Math.min(jobs.length, 400), explainedRun, verdictRun, handRun, jreRun, feelRun);
  const ours3 = await agree(jobs.length, explainedRun, verdictRun, handRun);
  const agreement = { checked: `${all.checked} evaluations by all five and ${ours3.checked} by ours and the hand-written`, disagreements: all.disagreements + ours3.disagreements };
  const results = await measureAll(
    [contender(EXPLAINED, explainedRun), contender(VERDICT, verdictRun), contender(HAND, handRun), contender(JRE, jreRun), contender('feelin 8 (FEEL, evaluate)', feelRun)],
    jobs.length,
  );
  print(results, agreement, inputs.length, sets.length);
}

const EXPLAINED = 'tildel, with explanations';
const VERDICT = 'tildel, verdict only';
const HAND = 'hand-written functions';
const JRE = 'json-rules-engine 7';

async function agree(sample: number, ...runs: ((i: number) => Verdict | Promise<Verdict>)[]): Promise<{ checked: number; disagreements: number }> {
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

function print(results: readonly Result[], agreement: { checked: string; disagreements: number }, assessments: number, sets: number): void {
  const rate = (name: string) => results.find((r) => r.name === name)?.perSecond ?? 1;
  const jre = rate(JRE);
  const hand = rate(HAND);
  console.log(`Criteria benchmark: ${assessments} generated assessments × ${sets} demo criteria sets, ${SECONDS} s per engine in ${ROUNDS} interleaved rounds after a warm-up, Node ${process.version}`);
  console.log('engine                                   evaluations/s   p99 latency   × json-rules-engine   hand-written ÷ engine');
  for (const r of results) {
    const vsJre = `${(r.perSecond / jre).toFixed(1)}×`.padStart(10);
    console.log(`${r.name.padEnd(40)} ${Math.round(r.perSecond).toLocaleString('en').padStart(13)}   ${r.p99Micros.toFixed(2).padStart(8)} µs   ${vsJre}            ${(hand / r.perSecond).toFixed(1).padStart(8)}×`);
  }
  console.log(`verdicts compared on ${agreement.checked}: ${agreement.disagreements} disagreements`);
  const verdict = rate(VERDICT);
  console.log(`target ≥ 200× json-rules-engine (verdict only): ${verdict / jre >= 200 ? 'met' : 'NOT met'} (${(verdict / jre).toFixed(0)}×; with explanations ${(rate(EXPLAINED) / jre).toFixed(0)}×)`);
  console.log(`target within 3× of hand-written functions (verdict only): ${hand / verdict <= 3 ? 'met' : 'NOT met'} (${(hand / verdict).toFixed(1)}×; with explanations ${(hand / rate(EXPLAINED)).toFixed(1)}×)`);
}

await main();
