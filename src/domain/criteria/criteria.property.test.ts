/**
 * Property-based tests of the criteria language (issue 13, item 8), with fast-check.
 *
 * 1. Nothing a caseworker can type makes parsing or compiling fail with anything but the module's
 *    own CriteriaSyntaxError (or its subclass CriteriaTypeError) carrying a 1-based position, and
 *    whatever compiles evaluates without throwing, to true, false or null (unknown).
 * 2. Expressions from a typed grammar always compile, report the data they read (`uses`, `explain`)
 *    and evaluate like a small independent model of the documented semantics (Kleene logic; 9 and
 *    missing IPLOS scores, and missing or wrongly typed answers, are unknown; …).
 *
 * The seed is fixed so CI is deterministic and the file stays fast. For a longer or different run:
 *
 *   TILDEL_PROPERTY_RUNS=20000 TILDEL_PROPERTY_SEED=$RANDOM npx vitest run src/domain/criteria/criteria.property.test.ts
 *
 * TILDEL_PROPERTY_RUNS is the number of runs of each property (default 200; the slow deep-nesting
 * property uses a tenth of it); TILDEL_PROPERTY_SEED replaces the default seed 42. A failure prints
 * the seed and path to replay it; add the shrunk counterexample to criteria.test.ts as a plain example.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IPLOS_CODES } from '../assessment/iplos.ts';
import { SERVICE_CODES } from '../services/catalogue.ts';
import { compileCriterion, CriteriaTypeError, type AnswerType, type CompiledCriterion, type CriteriaInput, type Scalar } from './compile.ts';
import { compileSet, evaluateSet, verdictOnly, type CriteriaRules } from './criteriaSet.ts';
import { CriteriaSyntaxError } from './parse.ts';

const RUNS = Number(process.env.TILDEL_PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.TILDEL_PROPERTY_SEED ?? 42);
const TIMEOUT = Math.max(30_000, RUNS * 20);
const check = <T>(property: fc.IProperty<T>, numRuns = RUNS) => fc.assert(property, { seed: SEED, numRuns });

/** The answers a generated criteria set declares; "constructor" is a legal key (^[a-z][a-z0-9_]*$) that Object.prototype also has. */
const ANSWERS: Readonly<Record<string, AnswerType>> = { level: 'number', hours: 'number', consents: 'boolean', place: 'string', constructor: 'number' as const };
const answerKeys = (type: AnswerType) => Object.keys(ANSWERS).filter((k) => ANSWERS[k] === type);

// ---------------------------------------------------------------------------------------------
// Outcomes: every failure is the module's own error, with a position inside the source.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectDocumentedError(source: string, error: unknown): void {
  if (!(error instanceof CriteriaSyntaxError)) throw error;
  const { position, reason } = error;
  expect(Number.isInteger(position)).toBe(true);
  expect(position).toBeGreaterThanOrEqual(1);
  expect(position).toBeLessThanOrEqual(source.length + 1);
  // It points at the end or at a character that is not white space (a token, or the unexpected character).
  if (position <= source.length) expect(source[position - 1]).toMatch(/\S/);
  expect(reason.length).toBeGreaterThan(0);
  expect(error.message).toBe(`at position ${position}: ${reason}`);
  if (!LONE_SURROGATE.test(source)) expect(reason).not.toMatch(LONE_SURROGATE);
}

function expectEvaluates(compiled: CompiledCriterion, input: CriteriaInput): void {
  expect([true, false, null]).toContain(compiled.evaluate(input));
  expect(Object.keys(compiled.explain(input))).toEqual(compiled.uses);
}

/** Compiles, and if that works evaluates on the inputs; fails the property on any other outcome. */
function compileOrRefuse(source: string, inputs: readonly CriteriaInput[]): void {
  let compiled: CompiledCriterion;
  try {
    compiled = compileCriterion(source, ANSWERS);
  } catch (error) {
    expectDocumentedError(source, error);
    return;
  }
  for (const input of inputs) expectEvaluates(compiled, input);
}

// ---------------------------------------------------------------------------------------------
// Inputs: well-typed ones for the model, and loose ones (any scalar anywhere) for "never throws".

const SCORES = [1, 2, 3, 4, 5, 9, null, undefined] as const;
const DIAGNOSES = ['F20.0', 'F25.1', 'f84.0', 'F03.9', 'G30.1', 'Z99', 'A00'];
const omitUndefined = <T>(o: Record<string, T | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, T>;
const SCALARS: Record<AnswerType, fc.Arbitrary<Scalar>> = { number: fc.integer({ min: 0, max: 6 }), boolean: fc.boolean(), string: fc.constantFrom('home', 'institution', '', '3', 'false') };
/** Mostly of the declared type, sometimes missing or null, and now and then of another type: assessments record answers without knowing the set. */
const answerValue = (type: AnswerType): fc.Arbitrary<Scalar | null | undefined> =>
  fc.oneof({ weight: 6, arbitrary: SCALARS[type] }, { weight: 2, arbitrary: fc.constantFrom(null, undefined) }, { weight: 1, arbitrary: fc.oneof(SCALARS.number, SCALARS.boolean, SCALARS.string) });

const inputArb: fc.Arbitrary<CriteriaInput> = fc.record({
  age: fc.option(fc.integer({ min: 0, max: 110 }), { nil: null }),
  iplos: fc.dictionary(fc.constantFrom(...IPLOS_CODES), fc.constantFrom(...SCORES)),
  diagnoses: fc.array(fc.constantFrom(...DIAGNOSES), { maxLength: 3 }),
  services: fc.subarray([...SERVICE_CODES]),
  answers: fc.record(Object.fromEntries(Object.entries(ANSWERS).map(([k, t]) => [k, answerValue(t)]))).map(omitUndefined),
  whatMattersRecorded: fc.boolean(),
});

const looseScalar = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const looseInputArb: fc.Arbitrary<CriteriaInput> = fc.record({
  age: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: null }),
  iplos: fc.dictionary(fc.oneof(fc.constantFrom(...IPLOS_CODES), fc.string()), fc.option(fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double()), { nil: undefined })),
  diagnoses: fc.array(fc.string({ unit: 'grapheme', maxLength: 5 }), { maxLength: 3 }),
  services: fc.array(fc.oneof(fc.constantFrom(...SERVICE_CODES), fc.string()), { maxLength: 3 }),
  // The declared questions with values of any type (an assessment records answers without knowing the set), and other keys.
  answers: fc.tuple(fc.record(Object.fromEntries(Object.keys(ANSWERS).map((k) => [k, looseScalar])), { requiredKeys: [] }), fc.dictionary(fc.string(), looseScalar))
    .map(([declared, other]) => ({ ...other, ...declared })),
  whatMattersRecorded: fc.boolean(),
});
const inputsArb = fc.array(fc.oneof(inputArb, looseInputArb), { minLength: 1, maxLength: 3 });

// ---------------------------------------------------------------------------------------------
// A typed grammar of valid expressions. Each generated expression carries its tokens, the data
// it reads and a model of its value; tokens are joined with random white space at the end.

type Model<T> = (input: CriteriaInput) => T;
interface Gen<T> {
  readonly tokens: readonly string[];
  readonly uses: readonly string[];
  /** Binding strength: 1 or, 2 and, 3 not, 4 comparison, 5 primary. */
  readonly prec: number;
  readonly model: Model<T>;
  /** A count's possible values (every whole number from the first to the second) while some variables are not scored. */
  readonly counts?: Model<readonly [number, number]>;
  /** A number written as it is. */
  readonly literal?: number;
}
type B = boolean | null;
type N = number | null;
type S = string | null;

const PRIMARY = 5;
const gen = <T>(tokens: readonly string[], uses: readonly string[], prec: number, model: Model<T>): Gen<T> => ({ tokens, uses, prec, model });
const paren = <T>(g: Gen<T>): Gen<T> => gen(['(', ...g.tokens, ')'], g.uses, PRIMARY, g.model);
const atLeast = <T>(g: Gen<T>, prec: number): Gen<T> => (g.prec >= prec ? g : paren(g));
const both = <A, C>(a: Gen<A>, c: Gen<C>) => [...a.uses, ...c.uses];

const known = (v: number | null | undefined): N => (v === undefined || v === null || v === 9 ? null : v);
/** An answer is unknown when missing, null or not of its declared type. */
const answer = (i: CriteriaInput, key: string) => { const v = Object.hasOwn(i.answers, key) ? i.answers[key] : null; return typeof v === ANSWERS[key] ? (v as Scalar) : null; };
/** The known scores at or above min, and that plus every variable not scored that could be once scored 1–5. */
const countAtLeast = (i: CriteriaInput, min: number): readonly [number, number] => {
  const lo = IPLOS_CODES.filter((c) => { const s = known(i.iplos[c]); return s !== null && s >= min; }).length;
  const unscored = IPLOS_CODES.filter((c) => i.iplos[c] === undefined || i.iplos[c] === null).length;
  return [lo, [1, 2, 3, 4, 5].some((s) => s >= min) ? lo + unscored : lo];
};
/** What a count's comparison with a written number is over every count possible: one value if all agree, else unknown. */
const overCounts = ([lo, hi]: readonly [number, number], test: (c: number) => boolean): B => {
  const seen = new Set<boolean>();
  for (let c = lo; c <= hi; c++) seen.add(test(c));
  return seen.size === 1 ? [...seen][0]! : null;
};
/** A comparison of two numbers: a count against a written number over the counts possible, else known values only. */
const compareNumbers = (l: Gen<N>, op: keyof typeof NUMBER_TESTS, r: Gen<N>) => (i: CriteriaInput): B => {
  if (l.counts && r.literal !== undefined) return overCounts(l.counts(i), (c) => NUMBER_TESTS[op](c, r.literal as number));
  if (r.counts && l.literal !== undefined) return overCounts(r.counts(i), (c) => NUMBER_TESTS[op](l.literal as number, c));
  const a = l.model(i);
  const b = r.model(i);
  return a === null || b === null ? null : NUMBER_TESTS[op](a, b);
};
const and = (a: B, b: B): B => (a === false || b === false ? false : a === null || b === null ? null : true);
const or = (a: B, b: B): B => (a === true || b === true ? true : a === null || b === null ? null : false);
const NUMBER_TESTS = { '=': (a: number, b: number) => a === b, '!=': (a: number, b: number) => a !== b, '<': (a: number, b: number) => a < b, '<=': (a: number, b: number) => a <= b, '>': (a: number, b: number) => a > b, '>=': (a: number, b: number) => a >= b };
const equality = <T>(op: '=' | '!=', a: T | null, b: T | null): B => (a === null || b === null ? null : (a === b) === (op === '='));

const numberToken = fc.oneof(fc.nat(120).map(String), fc.tuple(fc.nat(120), fc.nat(999)).map(([a, b]) => `${a}.${b}`));
const textToken = fc.string({ unit: 'grapheme', maxLength: 6 }).map((value) => ({ token: `"${value.replace(/[\\"]/g, '\\$&')}"`, value }));
const path = <T>(parts: readonly string[], model: Model<T>) => gen(parts.flatMap((p, n) => (n ? ['.', p] : [p])), [parts.join('.')], PRIMARY, model);

const numData: fc.Arbitrary<Gen<N>> = fc.oneof(
  fc.constant(path(['age'], (i) => i.age)),
  fc.constantFrom(...IPLOS_CODES).map((c) => path(['iplos', c], (i) => known(i.iplos[c]))),
  fc.constantFrom(...answerKeys('number')).map((k) => path(['answers', k], (i) => answer(i, k) as N)),
  fc.oneof(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '0.5', '4.5'), numberToken).map((t) => {
    const counts = (i: CriteriaInput) => countAtLeast(i, Number(t));
    return { ...gen(['count_scores_at_least', '(', t, ')'], ['iplos'], PRIMARY, (i: CriteriaInput): N => { const [lo, hi] = counts(i); return lo === hi ? lo : null; }), counts };
  }),
);
const numPrimary: fc.Arbitrary<Gen<N>> = fc.oneof(numberToken.map((t) => ({ ...gen([t], [], PRIMARY, () => Number(t)), literal: Number(t) })), numData, numData.map((g) => ({ ...paren(g), ...(g.counts ? { counts: g.counts } : {}) })));
const textPrimary: fc.Arbitrary<Gen<S>> = fc.oneof(
  textToken.map(({ token, value }) => gen([token], [], PRIMARY, () => value)),
  fc.constantFrom(...answerKeys('string')).map((k) => path(['answers', k], (i) => answer(i, k) as S)),
);
const list = (tokens: readonly string[]) => ['[', ...tokens.flatMap((t, n) => (n ? [',', t] : [t])), ']'];
const hasDiagnosis = (prefixes: readonly string[]) => (i: CriteriaInput) => i.diagnoses.some((d) => prefixes.some((p) => d.toUpperCase().startsWith(p.toUpperCase())));

const boolLeaf: fc.Arbitrary<Gen<B>> = fc.oneof(
  fc.boolean().map((b) => gen([String(b)], [], PRIMARY, () => b)),
  fc.constant(path(['what_matters_recorded'], (i) => i.whatMattersRecorded)),
  fc.constantFrom(...answerKeys('boolean')).map((k) => path(['answers', k], (i) => answer(i, k) as B)),
  fc.array(fc.constantFrom('F', 'F2', 'F20', 'f84', 'G30', 'Z9', 'X'), { minLength: 1, maxLength: 3 }).map((ps) =>
    gen(['has_diagnosis', '(', ...ps.flatMap((p, n) => (n ? [',', `"${p}"`] : [`"${p}"`])), ')'], ['diagnoses'], PRIMARY, hasDiagnosis(ps)),
  ),
  fc.constantFrom(...SERVICE_CODES).map((s) => gen(['receives', '(', `"${s}"`, ')'], ['services'], PRIMARY, (i) => i.services.includes(s))),
  fc.tuple(numPrimary, fc.constantFrom(...(Object.keys(NUMBER_TESTS) as (keyof typeof NUMBER_TESTS)[])), numPrimary).map(([l, op, r]) =>
    gen([...l.tokens, op, ...r.tokens], both(l, r), 4, compareNumbers(l, op, r)),
  ),
  fc.tuple(textPrimary, fc.constantFrom('=', '!=' as const), textPrimary).map(([l, op, r]) => gen([...l.tokens, op, ...r.tokens], both(l, r), 4, (i) => equality(op, l.model(i), r.model(i)))),
  fc.tuple(numPrimary, fc.array(numberToken, { maxLength: 4 })).map(([l, ts]) =>
    gen([...l.tokens, 'in', ...list(ts)], l.uses, 4, (i) => { const v = l.model(i); return v === null ? null : ts.map(Number).includes(v); }),
  ),
  fc.tuple(textPrimary, fc.array(textToken, { minLength: 1, maxLength: 3 })).map(([l, ts]) =>
    gen([...l.tokens, 'in', ...list(ts.map((t) => t.token))], l.uses, 4, (i) => { const v = l.model(i); return v === null ? null : ts.some((t) => t.value === v); }),
  ),
);

function boolAt(depth: number): fc.Arbitrary<Gen<B>> {
  if (depth === 0) return boolLeaf;
  const sub = boolAt(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: boolLeaf },
    { weight: 1, arbitrary: sub.map((g) => gen(['not', ...atLeast(g, 3).tokens], g.uses, 3, (i) => { const v = g.model(i); return v === null ? null : !v; })) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([l, r]) => gen([...atLeast(l, 2).tokens, 'and', ...atLeast(r, 3).tokens], both(l, r), 2, (i) => and(l.model(i), r.model(i)))) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([l, r]) => gen([...atLeast(l, 1).tokens, 'or', ...atLeast(r, 2).tokens], both(l, r), 1, (i) => or(l.model(i), r.model(i)))) },
    { weight: 1, arbitrary: sub.map(paren) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('=', '!=' as const), sub).map(([l, op, r]) => gen([...atLeast(l, PRIMARY).tokens, op, ...atLeast(r, PRIMARY).tokens], both(l, r), 4, (i) => equality(op, l.model(i), r.model(i)))) },
  );
}
const validArb = boolAt(4);

const WHITESPACE = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2003');
const render = (tokens: readonly string[]) => fc.array(WHITESPACE, { minLength: tokens.length + 1, maxLength: tokens.length + 1 }).map((ws) => ws.map((w, n) => w + (tokens[n] ?? '')).join(''));
const validSourceArb = validArb.chain((g) => render(g.tokens).map((source) => ({ ...g, source })));

// ---------------------------------------------------------------------------------------------
// Almost valid: a valid expression with dropped, duplicated, swapped or replaced tokens and
// inserted junk (unknown names, names Object.prototype has, bad numbers, stray punctuation).

const JUNK = [
  '(', ')', '[', ']', ',', '.', '=', '==', '!', '&&', '||', '-', '-3', '1.', '.5', '1e5', '0x1F', '1.2.3', '9'.repeat(400), '"open', '"', "'x'", '"a\\', '#', '😀', '\uD83D', 'æøå',
  'weight', 'iplos.apetite', 'iplos', 'answers', 'answers.nope', 'answers.', 'foo()', 'receives', 'has_diagnosis()', 'count_scores_at_least', 'receives("spa")',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'answers.toString', 'answers.__proto__', 'iplos.constructor', 'age.constructor',
  'and', 'or', 'not', 'in', 'true', 'false', 'age', '"F20"', '[]', '()',
];
const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'weight', 'apetite', 'memory', 'level', 'place', 'iplos', 'answers', 'age', 'receives', 'has_diagnosis', 'and', 'not', 'in', 'true'];
const BAD_NUMBERS = ['0', '00.10', '-3', '1.', '.5', '1e5', '0x1F', '1.2.3', '4.9999999999999999999', '9'.repeat(400), '"4"', 'true'];
const junkArb = fc.oneof(fc.constantFrom(...JUNK), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), fc.string({ unit: 'grapheme', maxLength: 3 }));
type Mutation = { readonly kind: 'drop' | 'duplicate' | 'swap' | 'insert' | 'replace' | 'rename' | 'renumber'; readonly at: number; readonly junk: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'duplicate', 'swap', 'insert', 'replace' as const), at: fc.nat(), junk: junkArb }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), junk: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('renumber' as const), at: fc.nat(), junk: fc.constantFrom(...BAD_NUMBERS) }),
);

/** Applies one mutation; rename and renumber replace a name or a number (or a text), the others any token. */
function mutate(tokens: readonly string[], m: Mutation): string[] {
  const out = [...tokens];
  const pattern = m.kind === 'rename' ? /^[A-Za-z_]/ : m.kind === 'renumber' ? /^[\d"]/ : /^/;
  const targets = out.flatMap((t, i) => (pattern.test(t) ? [i] : []));
  const n = targets.length === 0 ? out.length : (targets[m.at % targets.length] as number);
  if (m.kind === 'drop') out.splice(n, 1);
  else if (m.kind === 'duplicate') out.splice(n, 0, out[n] ?? m.junk);
  else if (m.kind === 'swap' && n + 1 < out.length) [out[n], out[n + 1]] = [out[n + 1] as string, out[n] as string];
  else if (m.kind === 'insert') out.splice(n, 0, m.junk);
  else out[n] = m.junk;
  return out;
}
const almostValidArb = fc.tuple(validArb, fc.array(mutationArb, { minLength: 1, maxLength: 2 })).chain(([g, ms]) => render(ms.reduce(mutate, [...g.tokens])));

const VOCABULARY = [...JUNK, 'age', 'what_matters_recorded', 'iplos.memory', 'answers.level', 'answers.place', 'answers.consents', 'answers.constructor', 'has_diagnosis', 'count_scores_at_least', '"home_nursing"', '3', '4.5', '<', '<=', '>', '>=', '!='];
const tokenSoupArb = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: junkArb }), { maxLength: 14 }).chain(render);

/** The explanation holds the value of each datum as recorded (an answer as given, a score 9 as 9). */
function expectExplained(compiled: CompiledCriterion, input: CriteriaInput): void {
  expectUsedAsRecorded(compiled.explain(input), input);
}

function expectUsedAsRecorded(used: Readonly<Record<string, unknown>>, input: CriteriaInput): void {
  const expected: Record<string, unknown> = { age: input.age, what_matters_recorded: input.whatMattersRecorded, diagnoses: input.diagnoses, services: input.services };
  for (const [name, value] of Object.entries(used)) {
    const [head, field = ''] = name.split('.');
    if (head === 'answers') expect(value).toBe(Object.hasOwn(input.answers, field) ? (input.answers[field] ?? null) : null);
    else if (head === 'iplos' && name !== 'iplos') expect(value).toBe(input.iplos[field] ?? null);
    else if (name === 'iplos') expect(value).toEqual(IPLOS_CODES.map((c) => input.iplos[c]).filter((v) => v !== undefined && v !== null));
    else if (name in expected) expect(value).toEqual(expected[name]);
  }
}

// ---------------------------------------------------------------------------------------------

describe('the criteria language never fails unexpectedly (property)', () => {
  const arbitraryText: [string, fc.Arbitrary<string>][] = [
    ['printable ASCII', fc.string()],
    ['unicode graphemes', fc.string({ unit: 'grapheme' })],
    ['any code point', fc.string({ unit: 'binary' })],
    ['any UTF-16 code unit, lone surrogates too', fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)) })],
    ['a soup of the language’s own tokens', tokenSoupArb],
    ['almost valid expressions', almostValidArb],
  ];
  it.each(arbitraryText)('compiles or refuses with a positioned CriteriaSyntaxError: %s', (_, source) => {
    check(fc.property(source, inputsArb, compileOrRefuse));
  }, TIMEOUT);

  it('compiles or refuses deeply nested expressions and long chains (no stack overflow)', () => {
    const opener = fc.constantFrom('(', '[', 'not', 'has_diagnosis(', 'count_scores_at_least(', '( not', 'age > 1 and', 'true or', 'age in [1] or not');
    const closer = (o: string) => (o.includes('(') ? ')' : o === '[' ? ']' : '');
    const nested = fc.tuple(opener, fc.integer({ min: 1, max: 5000 }), fc.boolean()).map(([o, depth, balanced]) =>
      `${`${o} `.repeat(depth)}age > 1${closer(o).repeat(balanced ? depth : depth - 1)}`);
    check(fc.property(nested, inputsArb, compileOrRefuse), Math.max(10, Math.round(RUNS / 10)));
  }, TIMEOUT);
});

describe('names (property)', () => {
  // Names Object.prototype has are the interesting ones: a plain object lookup finds them too.
  const DOCUMENTED = new Set(['age', 'what_matters_recorded', 'and', 'or', 'not', 'in', 'true', 'false']);
  const nameArb = fc.oneof(fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype)), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/)).filter((n) => !DOCUMENTED.has(n));
  const templates = fc.constantFrom('{} = {}', 'not {}', '{} in [1]', '{} != 1', 'answers.{} = answers.{}', 'iplos.{} >= 3', '{}.{} = 1');

  it('refuses every name it does not document, at the name, with CriteriaTypeError', () => {
    check(fc.property(nameArb, templates, (name, template) => {
      if (template.startsWith('iplos') && IPLOS_CODES.includes(name)) return;
      const source = template.replaceAll('{}', name);
      const at = template.startsWith('not') ? 5 : 1;
      const error = (() => { try { compileCriterion(source, {}); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(CriteriaTypeError);
      expect(error).toMatchObject({ position: at, reason: expect.stringMatching(/^unknown/) });
    }));
  }, TIMEOUT);
});

describe('valid expressions compile and evaluate as documented (property)', () => {
  it('compiles every expression of the grammar, reporting exactly the data it reads', () => {
    check(fc.property(validSourceArb, ({ source, uses }) => {
      const compiled = compileCriterion(source, ANSWERS);
      expect(new Set(compiled.uses)).toEqual(new Set(uses));
      expect(compiled.uses).toHaveLength(new Set(compiled.uses).size);
    }));
  }, TIMEOUT);

  it('evaluates like the model: Kleene logic, unknown for 9 and missing data', () => {
    check(fc.property(validSourceArb, fc.array(inputArb, { minLength: 1, maxLength: 4 }), ({ source, model }, inputs) => {
      const compiled = compileCriterion(source, ANSWERS);
      for (const input of inputs) expect(compiled.evaluate(input)).toBe(model(input));
    }));
  }, TIMEOUT);

  it('evaluates and explains at once as evaluate and explain do, input after input (what it keeps per value never goes stale)', () => {
    const typed = inputArb.map((input) => ({ input, typed: true }));
    const loose = looseInputArb.map((input) => ({ input, typed: false }));
    check(fc.property(validSourceArb, fc.array(fc.oneof(typed, loose), { minLength: 2, maxLength: 12 }), ({ source, model }, inputs) => {
      const compiled = compileCriterion(source, ANSWERS);
      // One judge for every input, and each input twice, so what it kept for an earlier value is used.
      const judge = compiled.explainedWith((value, used) => ({ value, used }));
      for (const { input, typed } of [...inputs, ...inputs]) {
        const judged = judge(input);
        expect(judged.value).toBe(compiled.evaluate(input));
        if (typed) expect(judged.value).toBe(model(input));
        expect(judged.used).toEqual(compiled.explain(input));
        expect(Object.keys(judged.used)).toEqual(compiled.uses);
        expectUsedAsRecorded(judged.used, input);
      }
    }));
  }, TIMEOUT);

  it('counts the IPLOS scores at or above a number: a 9 counts for nothing, and a variable not scored leaves the count open', () => {
    const min = fc.oneof(fc.constantFrom('0', '1', '2', '3', '4', '5', '6'), numberToken);
    check(fc.property(min, inputArb, (n, input) => {
      const [lo, hi] = countAtLeast(input, Number(n));
      const count = `count_scores_at_least(${n})`;
      expect(compileCriterion(`${count} >= ${lo}`).evaluate(input)).toBe(true);
      expect(compileCriterion(`${count} <= ${hi}`).evaluate(input)).toBe(true);
      expect(compileCriterion(`${count} > ${hi}`).evaluate(input)).toBe(false);
      expect(compileCriterion(`${count} = ${lo}`).evaluate(input)).toBe(lo === hi ? true : null);
      if (lo < hi) expect(compileCriterion(`${count} >= ${lo + 1}`).evaluate(input)).toBeNull();
    }));
  }, TIMEOUT);

  it('explains with the value of every datum it reads, and never throws on loose input', () => {
    check(fc.property(validSourceArb, inputsArb, ({ source }, inputs) => {
      const compiled = compileCriterion(source, ANSWERS);
      for (const input of inputs) {
        expectEvaluates(compiled, input);
        expectExplained(compiled, input);
      }
    }));
  }, TIMEOUT);
});

describe('the verdict-only path (property)', () => {
  const words = { nb: 'x', nn: 'x' };
  const criterion = validSourceArb.map(({ source }) => source);
  const rulesArb: fc.Arbitrary<CriteriaRules> = fc.record({
    inclusion: fc.array(criterion, { minLength: 1, maxLength: 3 }),
    exclusions: fc.array(fc.record({ expression: criterion, exceptions: fc.array(criterion, { maxLength: 2 }), refer: fc.boolean() }), { maxLength: 3 }),
    lowerLevels: fc.array(criterion, { maxLength: 2 }),
    pathways: fc.array(fc.record({ when: criterion, outcome: fc.constantFrom('low_threshold' as const, 'decision' as const, 'refer' as const) }), { maxLength: 3 }),
  }).map((r) => ({
    serviceCode: 'home_nursing',
    answers: Object.fromEntries(Object.entries(ANSWERS).map(([k, type]) => [k, { type, label: words }])),
    inclusion: r.inclusion.map((expression, n) => ({ id: `i${n}`, expression, text: words, kind: 'rule' as const })),
    exclusions: r.exclusions.map((e, n) => ({
      id: `e${n}`, expression: e.expression, text: words, kind: 'rule' as const,
      exceptions: e.exceptions.map((expression, m) => ({ id: `e${n}x${m}`, expression, text: words, kind: 'rule' as const })),
      ...(e.refer ? { referTo: words } : {}),
    })),
    lowerLevels: r.lowerLevels.map((expression, n) => ({ id: `l${n}`, expression, text: words, kind: 'rule' as const, offer: words })),
    pathways: r.pathways.map((p, n) => ({ id: `p${n}`, when: p.when, text: words, outcome: p.outcome })),
    defaultDurationMonths: 6,
    evaluationIntervalMonths: 3,
  }));

  it('lists every criterion evaluated and explained, in the set\'s order, input after input', () => {
    const inputs = fc.array(fc.oneof(inputArb, looseInputArb), { minLength: 2, maxLength: 8 });
    check(fc.property(rulesArb, inputs, (rules, inputs) => {
      const set = compileSet(rules);
      // Each criterion compiled alone, as the reference: its own evaluate and explain.
      const alone = (group: string, c: { id: string; expression: string }) => ({ group, id: c.id, fn: compileCriterion(c.expression, ANSWERS) });
      const expected = [
        ...rules.inclusion.map((c) => alone('inclusion', c)),
        ...rules.exclusions.flatMap((e) => [alone('exclusion', e), ...e.exceptions.map((x) => alone('exception', x))]),
        ...rules.lowerLevels.map((c) => alone('lower_level', c)),
        ...rules.pathways.map((p) => alone('pathway', { id: p.id, expression: p.when })),
      ];
      for (const input of [...inputs, ...inputs]) {
        const { results } = evaluateSet(set, input);
        expect(results.map((r) => [r.group, r.id])).toEqual(expected.map((e) => [e.group, e.id]));
        results.forEach((r, n) => {
          const value = expected[n]!.fn.evaluate(input);
          expect(r.outcome).toBe(value === null ? 'unknown' : value ? 'met' : 'not_met');
          expect(r.used).toEqual(expected[n]!.fn.explain(input));
        });
      }
    }));
  }, TIMEOUT);

  it('gives the verdict the explained evaluation gives, for every set and input', () => {
    check(fc.property(rulesArb, fc.array(fc.oneof(inputArb, looseInputArb), { minLength: 1, maxLength: 4 }), (rules, inputs) => {
      const set = compileSet(rules);
      for (const input of inputs) expect(verdictOnly(set, input)).toBe(evaluateSet(set, input).verdict);
    }));
  }, TIMEOUT);
});
