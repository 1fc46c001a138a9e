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
  /** The values of `uses` for an input (compiled once, so explaining costs no lookups by name). */
  readonly explain: (input: CriteriaInput) => Record<string, Value>;
}

interface Compiled {
  readonly type: Type;
  readonly run: (input: CriteriaInput) => Value;
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

function scoreOf(input: CriteriaInput, code: string): number | null {
  const v = input.iplos[code];
  return v === undefined || v === null || v === 9 ? null : v;
}

class Compiler {
  readonly uses = new Set<string>();
  constructor(private readonly answers: Readonly<Record<string, AnswerType>>) {}

  compile(node: Node): Compiled {
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
        return { type: 'boolean', run: (i) => { const v = operand(i); return v === null ? null : !v; } };
      }
      case 'logic':
        return this.logic(node);
      case 'compare':
        return this.compare(node.op, node.left, node.right, node.at);
    }
  }

  boolean(node: Node): (i: CriteriaInput) => boolean | null {
    const c = this.compile(node);
    if (c.type !== 'boolean') throw new CriteriaTypeError(node.at, `expected a yes/no condition but this is a ${c.type}`);
    return c.run as (i: CriteriaInput) => boolean | null;
  }

  private list(node: Extract<Node, { kind: 'list' }>): Compiled {
    const items = node.items.map((n) => {
      if (n.kind !== 'literal') throw new CriteriaTypeError(n.at, 'a list may hold only numbers or texts');
      return n.value;
    });
    const types = new Set(items.map((v) => typeof v));
    if (types.size > 1 || types.has('boolean')) throw new CriteriaTypeError(node.at, 'a list must hold only numbers or only texts');
    const type: Type = types.has('string') ? 'string[]' : 'number[]';
    return { type, run: () => items };
  }

  private path(node: Extract<Node, { kind: 'path' }>): Compiled {
    const [head, field, ...rest] = node.path;
    const name = node.path.join('.');
    if (rest.length > 0) throw new CriteriaTypeError(node.at, `unknown data "${name}"`);
    const top = field === undefined && head !== undefined ? own(TOP_LEVEL, head) : undefined;
    if (top) {
      this.uses.add(name);
      return top;
    }
    if (head === 'iplos' && field !== undefined) {
      if (!IPLOS_CODES.includes(field)) throw new CriteriaTypeError(node.at, `unknown IPLOS variable "${field}"; known: ${IPLOS_CODES.join(', ')}`);
      this.uses.add(name);
      return { type: 'number', run: (i) => scoreOf(i, field) };
    }
    if (head === 'answers' && field !== undefined) {
      const type = own(this.answers, field);
      if (!type) throw new CriteriaTypeError(node.at, `unknown answer "${field}"; this criteria set declares: ${Object.keys(this.answers).join(', ') || 'none'}`);
      this.uses.add(name);
      // Assessments record answers without knowing the set: one of another type is unknown, not coerced.
      return { type, run: (i) => { const v = answerOf(i, field); return typeof v === type ? v : null; } };
    }
    throw new CriteriaTypeError(node.at, `unknown data "${name}"; use age, iplos.<variable>, answers.<question> or what_matters_recorded`);
  }

  private call(node: Extract<Node, { kind: 'call' }>): Compiled {
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
        return { type: 'boolean', run: (i) => i.diagnoses.some((d) => { const code = d.toUpperCase(); return prefixes.some((p) => code.startsWith(p)); }) };
      }
      case 'receives': {
        const [service] = literals('string') as string[];
        if (node.args.length !== 1 || !service || !SERVICES.has(service)) throw new CriteriaTypeError(node.at, `receives takes one service code: ${SERVICE_CODES.join(', ')}`);
        this.uses.add('services');
        return { type: 'boolean', run: (i) => i.services.includes(service) };
      }
      case 'count_scores_at_least': {
        const [min] = literals('number') as number[];
        if (node.args.length !== 1 || min === undefined) throw new CriteriaTypeError(node.at, 'count_scores_at_least takes one number, e.g. count_scores_at_least(4)');
        this.uses.add('iplos');
        return {
          type: 'number',
          run: (i) => {
            let n = 0;
            // Only known scores count: a missing score or 9 is not "at least" anything, not even 0.
            for (const c of IPLOS_CODES) {
              const score = scoreOf(i, c);
              if (score !== null && score >= min) n++;
            }
            return n;
          },
        };
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
  private logic(node: Extract<Node, { kind: 'logic' }>): Compiled {
    const chain: Node[] = [];
    let n: Node = node;
    for (; n.kind === 'logic' && n.op === node.op; n = n.left) chain.push(n.right);
    chain.push(n);
    const operands = chain.reverse().map((o) => this.boolean(o));
    const decides = node.op === 'or';
    return {
      type: 'boolean',
      run: (i) => {
        let unknown = false;
        for (const operand of operands) {
          const v = operand(i);
          if (v === decides) return decides;
          if (v === null) unknown = true;
        }
        return unknown ? null : !decides;
      },
    };
  }

  private compare(op: CompareOp, leftNode: Node, rightNode: Node, at: number): Compiled {
    const left = this.compile(leftNode);
    const right = this.compile(rightNode);
    if (op === 'in') {
      if (right.type !== `${left.type}[]`) throw new CriteriaTypeError(at, `"in" needs a list of ${left.type}s on the right`);
      // A list is always written out, so it is known when compiling: one lookup instead of a scan.
      const members = new Set(right.run(NO_INPUT) as readonly Scalar[]);
      return { type: 'boolean', run: (i) => { const v = left.run(i); return v === null ? null : members.has(v as Scalar); } };
    }
    if (left.type !== right.type) throw new CriteriaTypeError(at, `cannot compare a ${left.type} with a ${right.type}`);
    if (op !== '=' && op !== '!=' && left.type !== 'number') throw new CriteriaTypeError(at, `"${op}" compares numbers only`);
    if (rightNode.kind === 'literal') return { type: 'boolean', run: compareWith(op, left.run, rightNode.value) };
    const test = COMPARE[op];
    return { type: 'boolean', run: (i) => { const a = left.run(i); const b = right.run(i); return a === null || b === null ? null : test(a as Scalar, b as Scalar); } };
  }
}

/** Data a criterion reads by a single name. */
const TOP_LEVEL: Readonly<Record<string, Compiled>> = {
  age: { type: 'number', run: (i) => i.age },
  what_matters_recorded: { type: 'boolean', run: (i) => i.whatMattersRecorded },
};

const COMPARE: Record<Exclude<CompareOp, 'in'>, (a: Scalar, b: Scalar) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** Never read: a list or a literal does not look at the input. */
const NO_INPUT: CriteriaInput = { age: null, iplos: {}, diagnoses: [], services: [], answers: {}, whatMattersRecorded: false };

/**
 * A comparison with a written value on the right ("iplos.mobility >= 3", "answers.x = true"), the
 * common case, as one closure per operator: no second operand to evaluate and no call to a test.
 */
function compareWith(op: Exclude<CompareOp, 'in'>, left: (i: CriteriaInput) => Value, b: Scalar): (i: CriteriaInput) => boolean | null {
  switch (op) {
    case '=':
      return (i) => { const a = left(i); return a === null ? null : a === b; };
    case '!=':
      return (i) => { const a = left(i); return a === null ? null : a !== b; };
    case '<':
      return (i) => { const a = left(i); return a === null ? null : (a as Scalar) < b; };
    case '<=':
      return (i) => { const a = left(i); return a === null ? null : (a as Scalar) <= b; };
    case '>':
      return (i) => { const a = left(i); return a === null ? null : (a as Scalar) > b; };
    case '>=':
      return (i) => { const a = left(i); return a === null ? null : (a as Scalar) >= b; };
  }
}

/** Parses, checks and compiles one criterion. Throws CriteriaSyntaxError (or its subclass) with a position. */
export function compileCriterion(source: string, answers: Readonly<Record<string, AnswerType>> = {}): CompiledCriterion {
  const compiler = new Compiler(answers);
  const evaluate = compiler.boolean(parseCriterion(source));
  const uses = [...compiler.uses];
  const getters = uses.map((u) => [u, getterOf(u)] as const);
  const explain = (input: CriteriaInput) => {
    const out: Record<string, Value> = {};
    for (const [name, get] of getters) out[name] = get(input);
    return out;
  };
  return { evaluate, uses, explain };
}

/** How to read one used value from the input, for explanations. */
function getterOf(use: string): (input: CriteriaInput) => Value {
  if (use === 'age') return (i) => i.age;
  if (use === 'what_matters_recorded') return (i) => i.whatMattersRecorded;
  if (use === 'diagnoses') return (i) => i.diagnoses;
  if (use === 'services') return (i) => i.services;
  if (use === 'iplos') return (i) => IPLOS_CODES.map((c) => i.iplos[c] ?? null).filter((v): v is number => v !== null);
  const [head, field = ''] = use.split('.');
  return head === 'iplos' ? (i) => i.iplos[field] ?? null : (i) => answerOf(i, field);
}
