/**
 * Compiles a parsed criterion into a closure, after checking every name and type against what the
 * assessment can provide; an unknown name or a wrong type is refused with its position. Evaluation
 * is three-valued: missing data (a score not given, or 9 "not relevant") makes a comparison unknown,
 * and unknown flows through and/or/not by Kleene's rules, so the verdict can say "more information
 * needed" instead of guessing.
 *
 * An answer of another type than the set declares (say "yes" to a yes/no question) reads as unknown too.
 * Names are looked up as own properties only, so "constructor" or "toString" is an unknown name
 * (or an answer like any other, if a criteria set declares it), never something from Object.prototype.
 */
import { SERVICE_CODES } from '../services/catalogue.ts';
import { IPLOS_CODES } from '../assessment/iplos.ts';
import { CriteriaSyntaxError, parseCriterion, type CompareOp, type Node } from './parse.ts';

export type Scalar = number | string | boolean;
export type Value = Scalar | readonly Scalar[] | null;
type Type = 'number' | 'string' | 'boolean' | 'number[]' | 'string[]';

/** What a criterion can read: the person, the latest assessment and the case. */
export interface CriteriaInput {
  readonly age: number | null;
  /** IPLOS scores 1–5; 9 (not relevant) and missing scores read as unknown. */
  readonly iplos: Readonly<Record<string, number | null | undefined>>;
  /** ICD-10 / ICPC-2 codes. */
  readonly diagnoses: readonly string[];
  /** Services the person receives now. */
  readonly services: readonly string[];
  readonly answers: Readonly<Record<string, Scalar | null | undefined>>;
  readonly whatMattersRecorded: boolean;
}

export type AnswerType = 'number' | 'boolean' | 'string';

export interface CompiledCriterion {
  readonly evaluate: (input: CriteriaInput) => boolean | null;
  /** The data the criterion reads, for explanations: "age", "iplos.memory", "diagnoses", … */
  readonly uses: readonly string[];
  /** The values of `uses` for an input, by name (compiled once, so explaining costs no lookups by name). */
  readonly explain: (input: CriteriaInput) => Record<string, Value>;
  /**
   * Evaluates and explains, each datum read once, and gives what `make` makes of the outcome and
   * the explanation. For a criterion that reads one datum, what `make` made is kept per value of
   * that datum (a yes/no, a whole number or a short text) and given again, frozen: `make` must be
   * pure, and nobody may change what it made. The outcome is always what `evaluate` gives and the
   * explanation what `explain` gives, for the same input.
   */
  readonly explainedWith: <R extends object>(make: (value: boolean | null, used: Readonly<Record<string, Value>>) => R) => (input: CriteriaInput) => R;
}

type Run<X> = (x: X) => Value;

interface Compiled<X> {
  readonly type: Type;
  readonly run: Run<X>;
  /** A count's bounds when some of what it counts is unknown (count_scores_at_least), for comparisons that can still decide. */
  readonly range?: (x: X) => CountRange;
}

/**
 * How many scores are at least a value: at least `lo` (the known scores that are), at most `hi`
 * (those and the variables not scored, any of which could be). A 9 (not relevant) is known, and
 * counts for nothing.
 */
type CountRange = readonly [lo: number, hi: number];

/**
 * Where compiled closures find the data a name stands for: in the input itself (`INPUT`, for
 * `evaluate`), or in the values an explained evaluation read once (`VALUE` when the criterion reads
 * one datum, `valuesOf` when it reads several; for `explainedWith`). Each gives the value a
 * comparison sees: a score of 9 or missing, or an answer of another type than declared, is null
 * (unknown).
 */
interface Reader<X> {
  age(): Run<X>;
  whatMattersRecorded(): Run<X>;
  score(code: string): Run<X>;
  answer(key: string, type: AnswerType): Run<X>;
  diagnoses(): (x: X) => readonly string[];
  services(): (x: X) => readonly string[];
  /** How many scores are at least `min`: the known ones, and the bound the unscored ones leave (9 counts for nothing). */
  countAtLeast(min: number): (x: X) => CountRange;
}

export class CriteriaTypeError extends CriteriaSyntaxError {}

const SERVICES = new Set<string>(SERVICE_CODES);

/** A record's own property, never one inherited from Object.prototype ("constructor", "toString", …). */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The answer to a question, or null when it is not answered. */
function answerOf(input: CriteriaInput, key: string): Scalar | null {
  return own(input.answers, key) ?? null;
}

/** The highest IPLOS score (1–5; 9 is "not relevant"). */
const MAX_SCORE = 5;

/** A value as a comparison sees a score: 9 (not relevant) and missing are unknown. */
function knownScore(v: number | null | undefined): number | null {
  return v === undefined || v === null || v === 9 ? null : v;
}

function scoreOf(input: CriteriaInput, code: string): number | null {
  return knownScore(input.iplos[code]);
}

/** Reads from the input itself: what `evaluate` runs on, reading only what the verdict needs. */
const INPUT: Reader<CriteriaInput> = {
  age: () => (i) => i.age,
  whatMattersRecorded: () => (i) => i.whatMattersRecorded,
  score: (code) => (i) => scoreOf(i, code),
  // Assessments record answers without knowing the set: one of another type is unknown, not coerced.
  answer: (key, type) => (i) => { const v = answerOf(i, key); return typeof v === type ? v : null; },
  diagnoses: () => (i) => i.diagnoses,
  services: () => (i) => i.services,
  countAtLeast: (min) => (i) => {
    let n = 0;
    let unscored = 0;
    // A 9 is not "at least" anything, not even 0; a variable not scored could be, once scored 1–5.
    for (const c of IPLOS_CODES) {
      const v = i.iplos[c];
      if (v === undefined || v === null) unscored++;
      else if (v !== 9 && v >= min) n++;
    }
    return [n, min <= MAX_SCORE ? n + unscored : n];
  },
};

/**
 * Reads from the one value an explained evaluation read: a criterion that reads one datum (most
 * do: "answers.consents = true", "age >= 18") is decided from that value, with no list of values.
 * The value is as the explanation shows it (a score 9 as 9, an answer as given); the reader makes it
 * what a comparison sees, as `INPUT` does from the input.
 */
const VALUE: Reader<Value> = {
  age: () => (v) => v,
  whatMattersRecorded: () => (v) => v,
  score: () => (v) => knownScore(v as number | null),
  answer: (_, type) => (v) => (typeof v === type ? (v as Scalar) : null),
  diagnoses: () => (v) => v as readonly string[],
  services: () => (v) => v as readonly string[],
  // The explanation lists the scores given, 9 among them; a 9 is not "at least" anything, and the
  // variables it does not list are not scored.
  countAtLeast: (min) => (v) => {
    const given = v as readonly number[];
    let count = 0;
    for (const score of given) if (score !== 9 && score >= min) count++;
    return [count, min <= MAX_SCORE ? count + IPLOS_CODES.length - given.length : count];
  },
};

/** Reads from the values an explained evaluation read, each at its place in `uses`, as `VALUE` reads one. */
function valuesOf(uses: readonly string[]): Reader<readonly Value[]> {
  const slot = <T>(use: string, read: (v: Value) => T): ((v: readonly Value[]) => T) => {
    const n = uses.indexOf(use);
    if (n < 0) throw new Error(`"${use}" is not among the data this criterion reads`);
    return (v) => read(v[n] as Value);
  };
  return {
    age: () => slot('age', VALUE.age()),
    whatMattersRecorded: () => slot('what_matters_recorded', VALUE.whatMattersRecorded()),
    score: (code) => slot(`iplos.${code}`, VALUE.score(code)),
    answer: (key, type) => slot(`answers.${key}`, VALUE.answer(key, type)),
    diagnoses: () => slot('diagnoses', VALUE.diagnoses()),
    services: () => slot('services', VALUE.services()),
    countAtLeast: (min) => slot('iplos', VALUE.countAtLeast(min)),
  };
}

/**
 * Checks a parsed criterion and compiles it to closures over X. The checks and the data recorded
 * in `uses` do not depend on the reader, so compiling one tree with two readers gives two closures
 * that read the same data the same way.
 */
class Compiler<X> {
  readonly uses = new Set<string>();
  constructor(
    private readonly answers: Readonly<Record<string, AnswerType>>,
    private readonly reader: Reader<X>,
  ) {}

  compile(node: Node): Compiled<X> {
    switch (node.kind) {
      case 'literal':
        return { type: typeof node.value as Type, run: () => node.value };
      case 'list':
        return this.list(node);
      case 'path':
        return this.path(node);
      case 'call':
        return this.call(node);
      case 'not': {
        const operand = this.boolean(node.operand);
        return { type: 'boolean', run: (x) => { const v = operand(x); return v === null ? null : !v; } };
      }
      case 'logic':
        return this.logic(node);
      case 'compare':
        return this.compare(node.op, node.left, node.right, node.at);
    }
  }

  boolean(node: Node): (x: X) => boolean | null {
    const c = this.compile(node);
    if (c.type !== 'boolean') throw new CriteriaTypeError(node.at, `expected a yes/no condition but this is a ${c.type}`);
    return c.run as (x: X) => boolean | null;
  }

  private list(node: Extract<Node, { kind: 'list' }>): Compiled<X> {
    const items = node.items.map((n) => {
      if (n.kind !== 'literal') throw new CriteriaTypeError(n.at, 'a list may hold only numbers or texts');
      return n.value;
    });
    const types = new Set(items.map((v) => typeof v));
    if (types.size > 1 || types.has('boolean')) throw new CriteriaTypeError(node.at, 'a list must hold only numbers or only texts');
    const type: Type = types.has('string') ? 'string[]' : 'number[]';
    return { type, run: () => items };
  }

  private path(node: Extract<Node, { kind: 'path' }>): Compiled<X> {
    const [head, field, ...rest] = node.path;
    const name = node.path.join('.');
    if (rest.length > 0) throw new CriteriaTypeError(node.at, `unknown data "${name}"`);
    const top = field === undefined && head !== undefined ? this.topLevel(head) : undefined;
    if (top) {
      this.uses.add(name);
      return top;
    }
    if (head === 'iplos' && field !== undefined) {
      if (!IPLOS_CODES.includes(field)) throw new CriteriaTypeError(node.at, `unknown IPLOS variable "${field}"; known: ${IPLOS_CODES.join(', ')}`);
      this.uses.add(name);
      return { type: 'number', run: this.reader.score(field) };
    }
    if (head === 'answers' && field !== undefined) {
      const type = own(this.answers, field);
      if (!type) throw new CriteriaTypeError(node.at, `unknown answer "${field}"; this criteria set declares: ${Object.keys(this.answers).join(', ') || 'none'}`);
      this.uses.add(name);
      return { type, run: this.reader.answer(field, type) };
    }
    throw new CriteriaTypeError(node.at, `unknown data "${name}"; use age, iplos.<variable>, answers.<question> or what_matters_recorded`);
  }

  /** Data a criterion reads by a single name. */
  private topLevel(name: string): Compiled<X> | undefined {
    if (name === 'age') return { type: 'number', run: this.reader.age() };
    if (name === 'what_matters_recorded') return { type: 'boolean', run: this.reader.whatMattersRecorded() };
    return undefined;
  }

  private call(node: Extract<Node, { kind: 'call' }>): Compiled<X> {
    const literals = (type: 'string' | 'number') =>
      node.args.map((a) => {
        if (a.kind !== 'literal' || typeof a.value !== type) throw new CriteriaTypeError(a.at, `${node.name} takes ${type === 'string' ? 'texts in quotes' : 'a number'}`);
        return a.value as never;
      });
    switch (node.name) {
      case 'has_diagnosis': {
        const prefixes = (literals('string') as string[]).map((p) => p.toUpperCase());
        if (prefixes.length === 0) throw new CriteriaTypeError(node.at, 'has_diagnosis needs at least one code, e.g. has_diagnosis("F20")');
        this.uses.add('diagnoses');
        const diagnoses = this.reader.diagnoses();
        return { type: 'boolean', run: (x) => diagnoses(x).some((d) => { const code = d.toUpperCase(); return prefixes.some((p) => code.startsWith(p)); }) };
      }
      case 'receives': {
        const [service] = literals('string') as string[];
        if (node.args.length !== 1 || !service || !SERVICES.has(service)) throw new CriteriaTypeError(node.at, `receives takes one service code: ${SERVICE_CODES.join(', ')}`);
        this.uses.add('services');
        const services = this.reader.services();
        return { type: 'boolean', run: (x) => services(x).includes(service) };
      }
      case 'count_scores_at_least': {
        const [min] = literals('number') as number[];
        if (node.args.length !== 1 || min === undefined) throw new CriteriaTypeError(node.at, 'count_scores_at_least takes one number, e.g. count_scores_at_least(4)');
        this.uses.add('iplos');
        const range = this.reader.countAtLeast(min);
        // As a number the count is known only when the unscored variables cannot change it.
        return { type: 'number', range, run: (x) => { const [lo, hi] = range(x); return lo === hi ? lo : null; } };
      }
      default:
        throw new CriteriaTypeError(node.at, `unknown function "${node.name}"; known: has_diagnosis, receives, count_scores_at_least`);
    }
  }

  /**
   * A chain "a and b and c" (which the parser leans to the left) compiles to one loop over its
   * operands, so a long chain neither recurses deeply here nor when evaluated. Operands are checked
   * and evaluated left to right; the first deciding value (false for and, true for or) wins, else
   * unknown if any operand is unknown.
   */
  private logic(node: Extract<Node, { kind: 'logic' }>): Compiled<X> {
    const chain: Node[] = [];
    let n: Node = node;
    for (; n.kind === 'logic' && n.op === node.op; n = n.left) chain.push(n.right);
    chain.push(n);
    const operands = chain.reverse().map((o) => this.boolean(o));
    const decides = node.op === 'or';
    return {
      type: 'boolean',
      run: (x) => {
        let unknown = false;
        for (const operand of operands) {
          const v = operand(x);
          if (v === decides) return decides;
          if (v === null) unknown = true;
        }
        return unknown ? null : !decides;
      },
    };
  }

  private compare(op: CompareOp, leftNode: Node, rightNode: Node, at: number): Compiled<X> {
    const left = this.compile(leftNode);
    const right = this.compile(rightNode);
    if (op === 'in') {
      if (right.type !== `${left.type}[]`) throw new CriteriaTypeError(at, `"in" needs a list of ${left.type}s on the right`);
      // A list is always written out, so it is known when compiling: one lookup instead of a scan.
      const members = new Set((right.run as () => readonly Scalar[])());
      return { type: 'boolean', run: (x) => { const v = left.run(x); return v === null ? null : members.has(v as Scalar); } };
    }
    if (left.type !== right.type) throw new CriteriaTypeError(at, `cannot compare a ${left.type} with a ${right.type}`);
    if (op !== '=' && op !== '!=' && left.type !== 'number') throw new CriteriaTypeError(at, `"${op}" compares numbers only`);
    // A count with unscored variables may still decide: "at least 4" holds once four are known.
    if (left.range && rightNode.kind === 'literal') return { type: 'boolean', run: compareRange(op, left.range, rightNode.value as number) };
    if (right.range && leftNode.kind === 'literal') return { type: 'boolean', run: compareRange(FLIPPED[op], right.range, leftNode.value as number) };
    if (rightNode.kind === 'literal') return { type: 'boolean', run: compareWith(op, left.run, rightNode.value) };
    const test = COMPARE[op];
    return { type: 'boolean', run: (x) => { const a = left.run(x); const b = right.run(x); return a === null || b === null ? null : test(a as Scalar, b as Scalar); } };
  }
}

const COMPARE: Record<Exclude<CompareOp, 'in'>, (a: Scalar, b: Scalar) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** The same comparison with its sides swapped: "4 <= count" is "count >= 4". */
const FLIPPED: Record<Exclude<CompareOp, 'in'>, Exclude<CompareOp, 'in'>> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * A count between its bounds compared with a written number (Kleene): true when every count the
 * unscored variables allow makes it true, false when none does, else unknown.
 */
function compareRange<X>(op: Exclude<CompareOp, 'in'>, range: (x: X) => CountRange, b: number): (x: X) => boolean | null {
  const holds = COMPARE[op];
  return (x) => {
    const [lo, hi] = range(x);
    if (lo === hi) return holds(lo, b);
    if (op === '=' || op === '!=') {
      // A count is a whole number: it can equal b only if b is one within the bounds.
      const possible = Number.isInteger(b) && b >= lo && b <= hi;
      return possible ? null : op === '!=';
    }
    // The other operators are monotone in the count, so the bounds decide.
    const atLo = holds(lo, b);
    return atLo === holds(hi, b) ? atLo : null;
  };
}

/**
 * A comparison with a written value on the right ("iplos.mobility >= 3", "answers.x = true"), the
 * common case, as one closure per operator: no second operand to evaluate and no call to a test.
 */
function compareWith<X>(op: Exclude<CompareOp, 'in'>, left: Run<X>, b: Scalar): (x: X) => boolean | null {
  switch (op) {
    case '=':
      return (x) => { const a = left(x); return a === null ? null : a === b; };
    case '!=':
      return (x) => { const a = left(x); return a === null ? null : a !== b; };
    case '<':
      return (x) => { const a = left(x); return a === null ? null : (a as Scalar) < b; };
    case '<=':
      return (x) => { const a = left(x); return a === null ? null : (a as Scalar) <= b; };
    case '>':
      return (x) => { const a = left(x); return a === null ? null : (a as Scalar) > b; };
    case '>=':
      return (x) => { const a = left(x); return a === null ? null : (a as Scalar) >= b; };
  }
}

/** Parses, checks and compiles one criterion. Throws CriteriaSyntaxError (or its subclass) with a position. */
export function compileCriterion(source: string, answers: Readonly<Record<string, AnswerType>> = {}): CompiledCriterion {
  const tree = parseCriterion(source);
  const direct = new Compiler(answers, INPUT);
  const evaluate = direct.boolean(tree);
  const uses = [...direct.uses];
  if (uses.length === 1) return { evaluate, uses, ...oneValue(tree, answers, uses[0] as string) };
  return { evaluate, uses, ...manyValues(tree, answers, uses) };
}

type Explained = Pick<CompiledCriterion, 'explain' | 'explainedWith'>;

/** How many values of its datum a criterion keeps what it made for (each value is one small entry). */
const KEPT_VALUES = 256;

/** Values whose explanations are kept: each equal to itself alone, and a short record. */
function keepable(v: Value): v is Scalar {
  return (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) || (typeof v === 'string' && v.length <= 64);
}

/**
 * The same tree, already checked, over the one value it reads. Most criteria read one datum
 * ("answers.consents = true", "age >= 18", "iplos.own_health >= 3"), so an explained evaluation is
 * mostly a lookup of that value and what was made for it before.
 */
function oneValue(tree: Node, answers: Readonly<Record<string, AnswerType>>, use: string): Explained {
  const decide = new Compiler(answers, VALUE).boolean(tree);
  const get = getterOf(use);
  const explainValue = (v: Value): Record<string, Value> => {
    // Not a literal with a computed name: V8 builds that on a slow path.
    const out: Record<string, Value> = {};
    out[use] = v;
    return out;
  };
  return {
    explain: (input) => explainValue(get(input)),
    explainedWith: (make) => {
      type Made = ReturnType<typeof make>;
      const fresh = (v: Value): Made => Object.freeze(make(decide(v), Object.freeze(explainValue(v))));
      // Yes, no and unanswered, the most common values, without a lookup; the others in a map.
      let yes: Made | undefined;
      let no: Made | undefined;
      let none: Made | undefined;
      const kept = new Map<Scalar, Made>();
      return (input) => {
        const v = get(input);
        if (v === true) return (yes ??= fresh(v));
        if (v === false) return (no ??= fresh(v));
        if (v === null) return (none ??= fresh(v));
        if (!keepable(v)) return make(decide(v), explainValue(v));
        let made = kept.get(v);
        if (made === undefined) {
          made = fresh(v);
          if (kept.size < KEPT_VALUES) kept.set(v, made);
        }
        return made;
      };
    },
  };
}

/** The same tree, already checked, over the values it reads, in the order of `uses`. */
function manyValues(tree: Node, answers: Readonly<Record<string, AnswerType>>, uses: readonly string[]): Explained {
  const decide = new Compiler(answers, valuesOf(uses)).boolean(tree);
  const getters = uses.map(getterOf);
  const read = (input: CriteriaInput): Value[] => {
    const values = new Array<Value>(getters.length);
    for (let n = 0; n < getters.length; n++) values[n] = (getters[n] as (input: CriteriaInput) => Value)(input);
    return values;
  };
  const explainValues = (values: readonly Value[]): Record<string, Value> => {
    const out: Record<string, Value> = {};
    for (let n = 0; n < uses.length; n++) out[uses[n] as string] = values[n] as Value;
    return out;
  };
  return {
    explain: (input) => explainValues(read(input)),
    explainedWith: (make) => (input) => {
      const values = read(input);
      return make(decide(values), explainValues(values));
    },
  };
}

/** How to read one used value from the input, for explanations: as recorded (a score 9 as 9, an answer as given). */
function getterOf(use: string): (input: CriteriaInput) => Value {
  if (use === 'age') return (i) => i.age;
  if (use === 'what_matters_recorded') return (i) => i.whatMattersRecorded;
  if (use === 'diagnoses') return (i) => i.diagnoses;
  if (use === 'services') return (i) => i.services;
  if (use === 'iplos') {
    return (i) => {
      const given: number[] = [];
      for (const c of IPLOS_CODES) {
        const v = i.iplos[c];
        if (v !== undefined && v !== null) given.push(v);
      }
      return given;
    };
  }
  const [head, field = ''] = use.split('.');
  return head === 'iplos' ? (i) => i.iplos[field] ?? null : (i) => answerOf(i, field);
}

/**
 * A criterion that reads no data and takes its value from `value`: the placeholder for one that did
 * not compile (its set is refused anyway), or an outcome another engine worked out (bench/).
 */
export function criterionOf(value: () => boolean | null): CompiledCriterion {
  return { evaluate: value, uses: [], explain: () => ({}), explainedWith: (make) => () => make(value(), {}) };
}
