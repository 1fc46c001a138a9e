/**
 * The server's refusals (application/problem+json) in the user's language: the top-level message
 * from the problem's stable `code` (and the policy `rule` that refused, where there is one), and
 * each field error from its `code`, `params` and the field's label. The server's English `detail`
 * and field `message` are for developers and never shown; a problem the client made itself (no
 * `type`, no `code`) already carries words in the user's language.
 */
import { DICTS, type Lang } from './i18n.tsx';

export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface ProblemBody {
  readonly status: number;
  readonly type?: string;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly errors?: readonly FieldError[];
  readonly allowedActions?: readonly string[];
  readonly rule?: string;
}

const TYPE_BASE = 'urn:tildel:problem:';

/** The words of a key in the language, falling back to bokmål; undefined when no language has them. */
export function wordsOf(lang: Lang, key: string): string | undefined {
  const dict = DICTS[lang] as Readonly<Record<string, string | undefined>>;
  const nb = DICTS.nb as Readonly<Record<string, string | undefined>>;
  return dict[key] ?? nb[key];
}

function numberWords(lang: Lang, value: unknown): string {
  if (typeof value === 'number') return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nb-NO').format(value);
  if (Array.isArray(value)) return value.map((v) => numberWords(lang, v)).join(', ');
  return String(value);
}

/** "{minimum}" and the like filled from the params. */
function fill(lang: Lang, text: string, params: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : numberWords(lang, params[name])));
}

const NUMERIC = ['number', 'int', 'bigint'];
const LISTS = ['array', 'set'];

/** The variant of a size issue by what was measured: a number (inclusive or not), a text, a list, a date. */
function sizeKey(code: 'too_small' | 'too_big', p: Readonly<Record<string, unknown>>): string {
  const origin = typeof p.origin === 'string' ? p.origin : '';
  if (code === 'too_small' && origin === 'string' && p.minimum === 1) return 'issue_required';
  if (NUMERIC.includes(origin)) return `issue_${code}_number${p.inclusive === false ? '_exclusive' : ''}`;
  if (origin === 'string') return `issue_${code}_string`;
  if (LISTS.includes(origin)) return `issue_${code}_array`;
  if (origin === 'date') return `issue_${code}_date`;
  return `issue_${code}`;
}

const FORMATS: Readonly<Record<string, string>> = { date: 'date', datetime: 'date', email: 'email', uuid: 'uuid', guid: 'uuid' };

/**
 * The parts of a citation that name the law (forvaltningsloven § 25, hol § 3-2 a), without the
 * references to our own seed documents and notes that a citation may also carry.
 */
export function lawOf(citation: unknown): string | null {
  if (typeof citation !== 'string') return null;
  const parts = citation
    .split(';')
    .map((s) => s.replace(/\s*\([^)]*\)/g, '').trim())
    .filter((s) => /^(forvaltningslov|pasient- og brukerrettighetslov|helse- og omsorgstjenestelov|hol\b|pbrl\b|fvl\b|forskrift|domstollov)/i.test(s));
  return parts.length ? parts.join('; ') : null;
}

/** The key and the facts to fill for a field error's code. */
function issueKey(code: string, p: Readonly<Record<string, unknown>>): { key: string; params: Readonly<Record<string, unknown>> } {
  switch (code) {
    case 'invalid_type':
      return { key: p.missing === true ? 'issue_required' : 'issue_invalid_type', params: p };
    case 'too_small':
    case 'too_big':
      return { key: sizeKey(code, p), params: p };
    case 'invalid_format': {
      const format = FORMATS[String(p.format)];
      return { key: format ? `issue_invalid_format_${format}` : 'issue_invalid_format', params: p };
    }
    case 'rule': {
      const law = lawOf(p.citation);
      return law ? { key: 'issue_rule_cited', params: { citation: law } } : { key: 'issue_rule', params: p };
    }
    default:
      return { key: `issue_${code}`, params: p };
  }
}

/** A field error in the user's language, without the field's name ("Må være minst 0"). */
export function fieldText(lang: Lang, e: FieldError): string {
  if (!e.code) return e.message;
  const { key, params } = issueKey(e.code, e.params ?? {});
  return fill(lang, wordsOf(lang, key) ?? wordsOf(lang, 'issue_invalid') ?? '', params);
}

/** Field names whose label key differs from the name. */
const LABEL_KEYS: Readonly<Record<string, string>> = {
  maxHoursPerWeek: 'frameMax',
  frame: 'frameMax',
  whatMattersMissingReason: 'whatMatters',
  scores: 'iplosScores',
  participants: 'participants',
  answers: 'criteriaQuestions',
  representativeCheck: 'repCheckTitle',
  passedOver: 'passedOverTitle',
};
const CONTAINERS = new Set(['action', 'payload', 'body', 'query', 'header', 'params']);

/**
 * The label of a field: the form's own label for it, or the interface's words for its name (the
 * path's last named segment that has words), or "A field": never the internal name.
 */
export function fieldLabel(lang: Lang, field: string, labels: Readonly<Record<string, string>> = {}): string {
  if (labels[field]) return labels[field];
  const names = field.split('.').filter((s) => !/^\d+$/.test(s) && !CONTAINERS.has(s));
  for (const name of names.reverse()) {
    const label = labels[name] ?? wordsOf(lang, LABEL_KEYS[name] ?? name);
    if (label) return label;
  }
  return wordsOf(lang, 'problemFieldUnnamed') ?? '';
}

/** "Timer per uke: må være minst 0" */
export function fieldLine(lang: Lang, e: FieldError, labels?: Readonly<Record<string, string>>): string {
  const text = fieldText(lang, e);
  return `${fieldLabel(lang, e.field, labels)}: ${text.charAt(0).toLocaleLowerCase(lang === 'en' ? 'en' : 'nb')}${text.slice(1)}`;
}

/** The problem's stable code: its `code`, or the kind its `type` names. */
export function problemCode(p: ProblemBody): string | null {
  if (p.code) return p.code;
  return p.type?.startsWith(TYPE_BASE) ? p.type.slice(TYPE_BASE.length) : null;
}

function allowedNow(lang: Lang, actions: readonly string[] | undefined): string {
  const named = (actions ?? []).map((a) => wordsOf(lang, `action_${a}`)).filter((w): w is string => Boolean(w));
  return named.length ? ` ${fill(lang, wordsOf(lang, 'problemAllowedNow') ?? '', { actions: named.join(', ') })}` : '';
}

/** The top-level message of a refusal in the user's language. */
export function problemText(lang: Lang, p: ProblemBody): string {
  const code = problemCode(p);
  if (!code) return p.detail ?? p.title ?? wordsOf(lang, 'problem_unknown') ?? '';
  const byRule = p.rule ? wordsOf(lang, `problemRule_${p.rule}`) : undefined;
  const words = byRule ?? wordsOf(lang, `problem_${code}`) ?? wordsOf(lang, 'problem_unknown') ?? '';
  const text = fill(lang, words, { requestId: p.requestId });
  return code === 'transition-not-allowed' ? `${text}${allowedNow(lang, p.allowedActions)}` : text;
}

/** The language the user chose (for messages made outside React, such as an error's own message). */
export function currentLang(): Lang {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('tildel.lang');
  return stored === 'nn' || stored === 'en' ? stored : 'nb';
}
