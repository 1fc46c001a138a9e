import { describe, expect, it } from 'vitest';
import { HOME_NURSING, LONG_TERM_STAY, PRACTICAL_HELP } from '../../demo/criteria/municipal.ts';
import { PSYCHIATRIC_HOME_SERVICES } from '../../demo/criteria/psychiatric.ts';
import { compileCriterion, type CriteriaInput } from './compile.ts';
import { compileSet, criteriaRulesSchema, evaluateSet, InvalidCriteriaError } from './criteriaSet.ts';
import { CriteriaSyntaxError, MAX_NESTING } from './parse.ts';
import { IPLOS_CODES } from '../assessment/iplos.ts';

const person = (over: Partial<CriteriaInput> = {}): CriteriaInput => ({
  age: 45,
  iplos: {},
  diagnoses: [],
  services: [],
  answers: {},
  whatMattersRecorded: true,
  ...over,
});

describe('the criteria language', () => {
  it('evaluates comparisons, lists, functions and logic', () => {
    const input = person({ age: 81, iplos: { memory: 4, eating: 5, dressing: 4, toilet: 4, vision: 9 }, diagnoses: ['F03.9'], services: ['home_nursing'], answers: { pathway: 2 } });
    const run = (src: string, answers = { pathway: 'number' as const }) => compileCriterion(src, answers).evaluate(input);
    expect(run('age >= 80 and iplos.memory = 4')).toBe(true);
    expect(run('answers.pathway in [2, 3]')).toBe(true);
    expect(run('has_diagnosis("F03") and receives("home_nursing")')).toBe(true);
    expect(run('count_scores_at_least(4) >= 4')).toBe(true);
    expect(run('not (age < 67 or iplos.eating < 3)')).toBe(true);
    expect(run('receives("practical_help")')).toBe(false);
  });

  it('treats a missing score and 9 (not relevant) as unknown, with Kleene logic', () => {
    const input = person({ iplos: { vision: 9 } });
    expect(compileCriterion('iplos.vision >= 3').evaluate(input)).toBeNull();
    expect(compileCriterion('iplos.hearing >= 3').evaluate(input)).toBeNull();
    expect(compileCriterion('iplos.hearing >= 3 or age > 40').evaluate(input)).toBe(true);
    expect(compileCriterion('iplos.hearing >= 3 and age > 50').evaluate(input)).toBe(false);
    expect(compileCriterion('not iplos.hearing >= 3').evaluate(input)).toBeNull();
  });

  it('reports what data a criterion used', () => {
    expect(compileCriterion('age >= 18 and iplos.memory > 2 and has_diagnosis("F20")').uses).toEqual(['age', 'iplos.memory', 'diagnoses']);
  });

  it.each([
    ['age >=', 7, 'expected a value but found the end of the expression'],
    ['age >= 18 and', 14, 'expected a value'],
    ['age >= 18 18', 11, 'expected "and", "or" or the end'],
    ['weight > 80', 1, 'unknown data "weight"'],
    ['iplos.apetite >= 3', 1, 'unknown IPLOS variable "apetite"'],
    ['answers.pathway = 1', 1, 'unknown answer "pathway"'],
    ['age = "old"', 5, 'cannot compare a number with a string'],
    ['age', 1, 'expected a yes/no condition'],
    ['receives("spa")', 1, 'receives takes one service code'],
    ['age # 3', 5, 'unexpected character "#"'],
    ['has_diagnosis(age)', 15, 'has_diagnosis takes texts in quotes'],
    ['age in ["a"]', 5, '"in" needs a list of numbers'],
    // Found by the property tests (criteria.property.test.ts), shrunk:
    ['𐀀', 1, 'unexpected character "𐀀"'], // a whole character, not half a surrogate pair
    ['constructor = constructor', 1, 'unknown data "constructor"'], // compiled, then threw TypeError when evaluated
    ['answers.constructor = answers.constructor', 1, 'unknown answer "constructor"'],
    [`${'( '.repeat(1139)}age > 1${')'.repeat(1139)}`, 2 * MAX_NESTING + 1, `nest more than ${MAX_NESTING} levels deep`], // was RangeError
    [`age < ${'9'.repeat(400)}`, 7, 'is too large'], // was Infinity
  ])('refuses %j at position %i: %s', (source, position, reason) => {
    try {
      compileCriterion(source);
      expect.unreachable('should not compile');
    } catch (error) {
      expect(error).toBeInstanceOf(CriteriaSyntaxError);
      expect((error as CriteriaSyntaxError).position).toBe(position);
      expect((error as CriteriaSyntaxError).reason).toContain(reason);
    }
  });
});

describe('regressions found by the property tests', () => {
  it('reads an answer as an own property, also when the set declares "constructor"', () => {
    const c = compileCriterion('answers.constructor = 1', { constructor: 'number' as const });
    expect(c.evaluate(person())).toBeNull();
    expect(c.explain(person())).toEqual({ 'answers.constructor': null });
    expect(c.evaluate(person({ answers: { constructor: 1 } }))).toBe(true);
  });

  it('counts three-valued: nothing scored is unknown, not 0 (was 0; before that 17), and a count decides once the known scores do', () => {
    const none = person({ iplos: {} });
    expect(compileCriterion('count_scores_at_least(0) = 0').evaluate(none)).toBeNull();
    expect(compileCriterion('count_scores_at_least(4) >= 4').evaluate(none)).toBeNull();
    // Every variable not relevant (9): known, and none counts.
    const allNine = person({ iplos: Object.fromEntries(IPLOS_CODES.map((c) => [c, 9])) });
    expect(compileCriterion('count_scores_at_least(1) = 0').evaluate(allNine)).toBe(true);
    // Four of seventeen scored at 4: "at least four" holds whatever the rest; "at least five" is open, "at most three" is false.
    const four = person({ iplos: { memory: 4, toilet: 4, dressing: 5, eating: 4 } });
    expect(compileCriterion('count_scores_at_least(4) >= 4').evaluate(four)).toBe(true);
    expect(compileCriterion('4 <= count_scores_at_least(4)').evaluate(four)).toBe(true);
    expect(compileCriterion('count_scores_at_least(4) >= 5').evaluate(four)).toBeNull();
    expect(compileCriterion('count_scores_at_least(4) <= 3').evaluate(four)).toBe(false);
    // No score can be 6, so unscored variables cannot raise that count.
    expect(compileCriterion('count_scores_at_least(6) = 0').evaluate(four)).toBe(true);
    // The explained path decides the same.
    expect(compileCriterion('count_scores_at_least(4) >= 4').explainedWith((value) => ({ value }))(four).value).toBe(true);
    expect(compileCriterion('count_scores_at_least(4) >= 5').explainedWith((value) => ({ value }))(four).value).toBeNull();
  });

  it('reads an answer of another type than declared as unknown, not coerced', () => {
    expect(compileCriterion('answers.consents', { consents: 'boolean' }).evaluate(person({ answers: { consents: 0 } }))).toBeNull(); // was 0
    expect(compileCriterion('answers.consents', { consents: 'boolean' }).evaluate(person({ answers: { consents: 'no' } }))).toBeNull(); // was "no", read as met
    expect(compileCriterion('answers.hours >= 3', { hours: 'number' }).evaluate(person({ answers: { hours: '3' } }))).toBeNull(); // was true
    expect(compileCriterion('answers.hours >= 3', { hours: 'number' }).explain(person({ answers: { hours: '3' } }))).toEqual({ 'answers.hours': '3' });
  });

  it('compiles and evaluates a long chain without exhausting the stack', () => {
    const chain = `${'true or '.repeat(3439)}age > 1`; // was RangeError
    expect(compileCriterion(chain).evaluate(person())).toBe(true);
    expect(compileCriterion(`${'age > 1 and '.repeat(3439)}iplos.memory > 1`).evaluate(person())).toBeNull();
  });

  it(`accepts ${MAX_NESTING} levels of nesting`, () => {
    const deep = `${'not ( '.repeat(MAX_NESTING / 2)}age > 1${')'.repeat(MAX_NESTING / 2)}`;
    expect(compileCriterion(deep).evaluate(person())).toBe(true);
    expect(compileCriterion(`has_diagnosis(${'"F", '.repeat(500)}"G")`).uses).toEqual(['diagnoses']);
  });
});

describe('criteria sets', () => {
  it('accepts the four demo sets', () => {
    for (const rules of [PSYCHIATRIC_HOME_SERVICES, HOME_NURSING, PRACTICAL_HELP, LONG_TERM_STAY]) {
      expect(() => compileSet(criteriaRulesSchema.parse(rules))).not.toThrow();
    }
  });

  it('refuses a set with bad expressions, naming every field with its position', () => {
    const bad = { ...PRACTICAL_HELP, inclusion: [{ ...PRACTICAL_HELP.inclusion[0]!, expression: 'iplos.household >= 3' }], lowerLevels: [{ ...PRACTICAL_HELP.lowerLevels[0]!, expression: 'answers.aids_not_tried = ' }] };
    try {
      compileSet(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCriteriaError);
      expect((error as InvalidCriteriaError).problems).toEqual([
        { field: 'inclusion.0.expression', position: 1, reason: expect.stringContaining('unknown IPLOS variable "household"') },
        { field: 'lowerLevels.0.expression', position: 26, reason: expect.stringContaining('expected a value') },
      ]);
    }
  });
});

describe('psychiatric home services (seed 004)', () => {
  const set = compileSet(PSYCHIATRIC_HOME_SERVICES);
  const allYes = {
    serious_problem: true, low_threshold_considered: true, help_necessary: true, consents: true, change_or_stability: true,
    right_provider: true, benefits: true, mild_only: false, multidose_elsewhere: false, needs_specialist: false, pathway: 2,
  };
  const evaluate = (answers: Record<string, boolean | number>, over: Partial<CriteriaInput> = {}) => evaluateSet(set, person({ answers: { ...allYes, ...answers }, ...over }));

  it('finds an adult in pathway 2 who meets every criterion eligible, explaining each', () => {
    const e = evaluate({});
    expect(e.verdict).toBe('eligible');
    expect(e.pathway).toBe('2');
    const adult = e.results.find((r) => r.id === 'adult');
    expect(adult).toEqual({ id: 'adult', group: 'inclusion', text: { nb: 'Må være 18 år eller eldre', nn: 'Må vere 18 år eller eldre' }, outcome: 'met', used: { age: 45 } });
    expect(e.results.filter((r) => r.group === 'inclusion').every((r) => r.outcome === 'met')).toBe(true);
  });

  it('sends pathway 1 to a low-threshold offer without a decision', () => {
    const e = evaluate({ pathway: 1 });
    expect(e).toMatchObject({ verdict: 'try_lower_level', pathway: '1', guidance: { nb: expect.stringContaining('lavterskeltilbud uten vedtak') } });
  });

  it('excludes mild problems, except for autism spectrum disorders', () => {
    expect(evaluate({ mild_only: true }).verdict).toBe('refer_elsewhere');
    const autistic = evaluate({ mild_only: true }, { diagnoses: ['F84.0'] });
    expect(autistic.verdict).toBe('eligible');
    expect(autistic.results.find((r) => r.id === 'autism_spectrum')).toMatchObject({ group: 'exception', outcome: 'met', used: { diagnoses: ['F84.0'] } });
  });

  it('excludes multidose users unless they need medication administration (an exclusion without a referral)', () => {
    expect(evaluate({ multidose_elsewhere: true }).verdict).toBe('not_eligible');
    expect(evaluate({ multidose_elsewhere: true, medication_administration: true }).verdict).toBe('eligible');
  });

  it('refers those who need specialist treatment, unless the municipality coordinates', () => {
    expect(evaluate({ needs_specialist: true })).toMatchObject({ verdict: 'refer_elsewhere', guidance: { nb: 'Spesialisthelsetjenesten (DPS)' } });
    expect(evaluate({ needs_specialist: true, coordination: true }).verdict).toBe('eligible');
  });

  it('treats 18 as adult and 17 as under 18', () => {
    expect(evaluate({}, { age: 18 }).verdict).toBe('eligible');
    expect(evaluate({}, { age: 17 })).toMatchObject({ verdict: 'refer_elsewhere', guidance: { nb: 'Kommunens tjenester for barn og unge' } });
  });

  it('asks for more information when a judgement is not recorded', () => {
    const { consents: _, ...without } = allYes;
    const e = evaluateSet(set, person({ answers: without }));
    expect(e.verdict).toBe('more_information_needed');
    expect(e.results.find((r) => r.id === 'consent')).toMatchObject({ outcome: 'unknown', used: { 'answers.consents': null } });
  });

  it('is not eligible when an inclusion criterion is not met', () => {
    expect(evaluate({ benefits: false }).verdict).toBe('not_eligible');
  });
});

describe('lower levels first', () => {
  it('suggests welfare technology before home nursing, and a short stay before a long-term place', () => {
    const nursing = evaluateSet(compileSet(HOME_NURSING), person({ iplos: { own_health: 3 }, answers: { needs_health_care: true, can_attend_clinic: false, welfare_technology_suitable: true } }));
    expect(nursing).toMatchObject({ verdict: 'try_lower_level', guidance: { nb: 'Medisindispenser og digitalt tilsyn' } });
    const heavy = { iplos: { eating: 4, dressing: 5, toilet: 4, personal_hygiene: 5, memory: 4 } };
    const answers = { round_the_clock_need: true, home_services_insufficient: true, needs_specialist_care: false, short_stay_possible: true };
    expect(evaluateSet(compileSet(LONG_TERM_STAY), person({ ...heavy, answers })).verdict).toBe('try_lower_level');
    expect(evaluateSet(compileSet(LONG_TERM_STAY), person({ ...heavy, answers, services: ['short_term_stay'] })).verdict).toBe('eligible');
  });
});

describe('the service catalogue', () => {
  it('has every service with its KOSTRA function, forms, mandatory hours and staircase level', async () => {
    const { serviceCatalogue, SERVICES } = await import('../services/catalogue.ts');
    const catalogue = serviceCatalogue();
    expect(catalogue).toHaveLength(SERVICES.length);
    expect(catalogue.filter((s) => s.hoursMandatory).map((s) => s.code).sort()).toEqual(['bpa', 'care_allowance', 'practical_help', 'support_contact']);
    expect(catalogue.filter((s) => s.institutional).every((s) => s.decisionForms.join() === 'place' && s.kostraFunction === '253')).toBe(true);
    expect(catalogue[0]?.code).toBe('safety_alarm');
    expect(catalogue.at(-1)?.code).toBe('long_term_stay');
  });
});
