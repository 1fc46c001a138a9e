/**
 * Translates our criteria expressions into json-rules-engine conditions and FEEL expressions, so the
 * benchmark compares the three engines on the same rules, and assembles a verdict from per-criterion
 * outcomes with our own verdict rules (so only the evaluation of conditions differs).
 */
import { criterionOf, type CriteriaInput } from '../src/domain/criteria/compile.ts';
import { evaluateSet, judged, type CompiledSet, type CriteriaRules, type Verdict } from '../src/domain/criteria/criteriaSet.ts';
import { parseCriterion, type Node } from '../src/domain/criteria/parse.ts';

export interface FlatCriterion {
  readonly key: string;
  readonly node: Node;
}

export interface FlatSet {
  readonly criteria: readonly FlatCriterion[];
  readonly template: CompiledSet;
  readonly outcomes: Map<string, boolean | null>;
}

const NO_INPUT = { age: null, iplos: {}, diagnoses: [], services: [], answers: {}, whatMattersRecorded: false } satisfies CriteriaInput;

/** Every expression of a set with a key, and a compiled set whose criteria read outcomes from a map. */
export function flatten(rules: CriteriaRules): FlatSet {
  const outcomes = new Map<string, boolean | null>();
  const criteria: FlatCriterion[] = [];
  const fn = (key: string, expression: string) => {
    criteria.push({ key, node: parseCriterion(expression) });
    return criterionOf(() => outcomes.get(key) ?? null);
  };
  const template: CompiledSet = {
    rules,
    inclusion: rules.inclusion.map((c, i) => judged(c, 'inclusion', fn(`i${i}`, c.expression))),
    exclusions: rules.exclusions.map((c, i) => ({
      ...judged(c, 'exclusion', fn(`x${i}`, c.expression)),
      exceptions: c.exceptions.map((e, j) => judged(e, 'exception', fn(`x${i}e${j}`, e.expression))),
      referTo: c.referTo,
    })),
    lowerLevels: rules.lowerLevels.map((c, i) => ({ ...judged(c, 'lower_level', fn(`l${i}`, c.expression)), offer: c.offer })),
    pathways: rules.pathways.map((p, i) => judged(p, 'pathway', fn(`p${i}`, p.when))),
  };
  return { criteria, template, outcomes };
}

export function verdictFromOutcomes(set: FlatSet, outcomeOf: (c: FlatCriterion) => boolean | null): Verdict {
  for (const c of set.criteria) set.outcomes.set(c.key, outcomeOf(c));
  return evaluateSet(set.template, NO_INPUT).verdict;
}

const JRE_OPERATOR = { '=': 'equal', '!=': 'notEqual', '<': 'lessThan', '<=': 'lessThanInclusive', '>': 'greaterThan', '>=': 'greaterThanInclusive', in: 'in' } as const;

function jsonPath(node: Node): string {
  if (node.kind !== 'path') throw new Error(`unsupported left side ${node.kind}`);
  const [head, field] = node.path;
  if (head === 'what_matters_recorded') return '$.whatMattersRecorded';
  return field ? `$.${head}.${field}` : `$.${head}`;
}

function literal(node: Node): unknown {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'list') return node.items.map(literal);
  throw new Error(`unsupported right side ${node.kind}`);
}

/** A json-rules-engine condition for a criterion (the subset of the language the demo sets use). */
export function toRulesEngine(node: Node): object {
  switch (node.kind) {
    case 'logic':
      return { [node.op === 'and' ? 'all' : 'any']: [toRulesEngine(node.left), toRulesEngine(node.right)] };
    case 'not':
      return { not: toRulesEngine(node.operand) };
    case 'compare':
      if (node.left.kind === 'call' && node.left.name === 'count_scores_at_least') {
        return { all: [{ fact: 'countAtLeast', params: { min: literal(node.left.args[0]!) }, operator: JRE_OPERATOR[node.op], value: literal(node.right) }] };
      }
      return { all: [{ fact: 'person', path: jsonPath(node.left), operator: JRE_OPERATOR[node.op], value: literal(node.right) }] };
    case 'call':
      if (node.name === 'has_diagnosis') return { all: [{ fact: 'person', path: '$.diagnoses', operator: 'hasPrefix', value: node.args.map(literal) }] };
      if (node.name === 'receives') return { all: [{ fact: 'person', path: '$.services', operator: 'contains', value: literal(node.args[0]!) }] };
      throw new Error(`unsupported function ${node.name}`);
    default:
      return { all: [{ fact: 'person', path: jsonPath(node), operator: 'equal', value: true }] };
  }
}

function feelValue(node: Node): string {
  if (node.kind === 'literal') return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
  if (node.kind === 'list') return `[${node.items.map(feelValue).join(', ')}]`;
  if (node.kind === 'path') return node.path.join('.');
  return `(${toFeel(node)})`;
}

/** The criterion as a FEEL expression. */
export function toFeel(node: Node): string {
  switch (node.kind) {
    case 'logic':
      return `(${toFeel(node.left)}) ${node.op} (${toFeel(node.right)})`;
    case 'not':
      return `not(${toFeel(node.operand)})`;
    case 'compare':
      return node.op === 'in' ? `list contains(${feelValue(node.right)}, ${feelValue(node.left)})` : `${feelValue(node.left)} ${node.op} ${feelValue(node.right)}`;
    case 'call':
      if (node.name === 'has_diagnosis') return `some d in diagnoses satisfies (${node.args.map((a) => `starts with(upper case(d), ${feelValue(a)})`).join(' or ')})`;
      if (node.name === 'receives') return `list contains(services, ${feelValue(node.args[0]!)})`;
      if (node.name === 'count_scores_at_least') return `count(scores[item >= ${feelValue(node.args[0]!)}])`;
      throw new Error(`unsupported function ${node.name}`);
    default:
      return feelValue(node);
  }
}
