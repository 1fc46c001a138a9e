/**
 * The server's refusals in the user's language (web/src/problems.ts): every problem code and every
 * field issue code the server can produce (src/app/errors.ts, kept complete against zod's issue codes
 * by the compiler) has words in bokmål, nynorsk and English, as have the policy rules that refuse;
 * field errors read "Label: what is wrong" from the code and its facts, never the English message,
 * the internal field name or a reference to our own seed documents.
 */
import { describe, expect, it } from 'vitest';
import { FIELD_CODES, PROBLEM_CODES } from '../../src/app/errors.ts';
import { PERMISSIONS } from '../../src/domain/organisation/policy.ts';

type Lang = 'nb' | 'nn' | 'en';
const LANGS: readonly Lang[] = ['nb', 'nn', 'en'];
interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}
interface ProblemsModule {
  wordsOf(lang: Lang, key: string): string | undefined;
  fieldText(lang: Lang, e: FieldError): string;
  fieldLine(lang: Lang, e: FieldError, labels?: Record<string, string>): string;
  fieldLabel(lang: Lang, field: string): string;
  problemText(lang: Lang, p: Record<string, unknown> & { status: number }): string;
  lawOf(citation: unknown): string | null;
}

// The web app is type-checked with its own settings; a computed specifier keeps it out of the server's check.
const PROBLEMS = '../../web/src/problems.ts';
const I18N = '../../web/src/i18n.tsx';
const problems = (await import(/* @vite-ignore */ PROBLEMS)) as ProblemsModule;
const { DICTS } = (await import(/* @vite-ignore */ I18N)) as { DICTS: Record<Lang, Record<string, string | undefined>> };

/** The keys a language lacks or leaves empty. */
function gaps(lang: Lang, keys: readonly string[]): string[] {
  return keys.filter((k) => typeof DICTS[lang][k] !== 'string' || DICTS[lang][k]!.trim() === '');
}

/** The rules the server names when a policy refuses (src/domain/organisation/authority.ts, src/app/gate.ts and the use cases). */
const RULES = [
  'no_need',
  'order_scope',
  ...PERMISSIONS.map((p) => `grant.${p}`),
  'separation_of_duties',
  'decision_form',
  'second_person',
  'outside_frame',
  'board_meeting',
  'board_quorum',
  'scarce_places',
  'own_review',
  'own_orders_only',
  'decision_letter',
];

describe('every refusal the server can give has words in all three languages', () => {
  it.each(LANGS)('%s: every problem code', (lang) => {
    expect(PROBLEM_CODES.length).toBeGreaterThan(10);
    expect(gaps(lang, [...PROBLEM_CODES.map((c) => `problem_${c}`), 'problem_unknown'])).toEqual([]);
  });

  it.each(LANGS)('%s: every field issue code', (lang) => {
    expect(FIELD_CODES).toEqual(expect.arrayContaining(['too_small', 'too_big', 'invalid_type', 'invalid_format', 'invalid_value', 'custom', 'rule', 'invalid']));
    expect(gaps(lang, FIELD_CODES.map((c) => `issue_${c}`))).toEqual([]);
  });

  it.each(LANGS)('%s: every policy rule that refuses', (lang) => {
    expect(gaps(lang, RULES.map((r) => `problemRule_${r}`))).toEqual([]);
  });

  it('says every field code and its facts in words, with no placeholder left unfilled', () => {
    const facts = { minimum: 1, maximum: 10, origin: 'number', expected: 'string', format: 'date', values: ['a'], divisor: 2, citation: 'forvaltningsloven § 25' };
    for (const lang of LANGS) for (const code of FIELD_CODES) expect(problems.fieldText(lang, { field: 'x', message: 'English', code, params: facts })).not.toMatch(/[{}]|English/);
  });
});

describe('a field error in the user’s language', () => {
  const tooSmall = { field: 'action.payload.hoursPerWeek', message: 'Too small: expected number to be >=0', code: 'too_small', params: { origin: 'number', minimum: 0, inclusive: true } };

  it('names the field by its label and says what is wrong from the code and its facts', () => {
    expect(problems.fieldLine('nb', tooSmall)).toBe('Timer per uke: må være minst 0');
    expect(problems.fieldLine('nn', tooSmall)).toBe('Timar per veke: må vere minst 0');
    expect(problems.fieldLine('en', tooSmall)).toBe('Hours per week: must be at least 0');
    expect(problems.fieldText('nb', { ...tooSmall, params: { origin: 'number', minimum: 0.5, inclusive: false } })).toBe('Må være mer enn 0,5');
    expect(problems.fieldText('nb', { field: 'summary', message: 'Too small', code: 'too_small', params: { origin: 'string', minimum: 1 } })).toBe('Må fylles ut');
    expect(problems.fieldText('en', { field: 'nationalId', message: 'Invalid input: expected string, received undefined', code: 'invalid_type', params: { expected: 'string', missing: true } })).toBe('Is required');
  });

  it('never shows the internal name of a field it has no words for, nor the English message', () => {
    const line = problems.fieldLine('nb', { field: 'action.payload.someInternalThing', message: 'Invalid input', code: 'custom' });
    expect(line).toBe('Et felt: er ikke gyldig');
  });

  it('cites the law of a content rule without our own seed references', () => {
    const rule = { field: 'action.payload.departureReason', message: 'a departure needs a reason (seed 002; domain reference §6)', code: 'rule', params: { citation: 'forvaltningsloven § 25 første ledd; seed 002 L869–892 (Figure 6); the municipality’s policy' } };
    const nb = problems.fieldLine('nb', rule);
    expect(nb).toBe('Begrunnelse for avvik fra kriteriene eller revisjonsregelen: oppfyller ikke kravet i forvaltningsloven § 25 første ledd');
    expect(nb).not.toMatch(/seed|domain reference|departureReason/);
    expect(problems.fieldText('nb', { ...rule, params: { citation: 'domain reference §7 (seed 003)' } })).toBe('Oppfyller ikke kravene til vedtaket');
  });

  it('keeps the words of a refusal the client made itself', () => {
    expect(problems.fieldText('nb', { field: 'hoursPerWeek', message: 'Timer per uke må oppgis' })).toBe('Timer per uke må oppgis');
  });
});

describe('the top-level message in the user’s language', () => {
  it('comes from the stable code, or the rule that refused, never the English detail', () => {
    const stale = { status: 409, type: 'urn:tildel:problem:stale-version', code: 'stale-version', detail: 'The case has changed since you read it.' };
    expect(problems.problemText('nb', stale)).toMatch(/^Saken er endret/);
    expect(problems.problemText('en', stale)).toMatch(/^Someone else changed the case/);
    const outside = { status: 403, code: 'forbidden', rule: 'outside_frame', detail: '6 hours a week is outside the frame of the decision (at most 4).' };
    expect(problems.problemText('nb', outside)).toContain('utenfor rammen');
    expect(problems.problemText('nn', { ...outside, rule: 'some_new_rule' })).toBe(DICTS.nn.problem_forbidden);
  });

  it('reads the code from the type when a problem lacks one, and names the actions allowed now', () => {
    const refused = { status: 409, type: 'urn:tildel:problem:transition-not-allowed', detail: 'decision_made is not allowed in state received', allowedActions: ['assessment_started'] };
    const nb = problems.problemText('nb', refused);
    expect(nb).toContain(DICTS.nb['problem_transition-not-allowed']);
    expect(nb).toContain(DICTS.nb.action_assessment_started);
    expect(nb).not.toContain('assessment_started');
  });

  it('quotes the request id of an internal error, and falls back to a phrase in the language for an unknown code', () => {
    expect(problems.problemText('nb', { status: 500, code: 'internal', requestId: 'req-7' })).toContain('req-7');
    expect(problems.problemText('nn', { status: 418, code: 'teapot' })).toBe(DICTS.nn.problem_unknown);
  });
});
