/**
 * The web app's words (web/src/i18n.tsx and its word files): every key bokmål has must have its own
 * non-empty words in nynorsk and English, so that the lookup's fallback to bokmål never shows; and
 * every code the API defines and the screen shows (case states with complaint stages, decision
 * outcomes and forms, request channels, work item kinds, actions, follow-ups, referrals, purposes,
 * representative authorities, service codes) has words in all three languages.
 */
import { describe, expect, it } from 'vitest';
import { CASE_STATE_KEYS, DECISION_OUTCOMES, FOLLOW_UP_KINDS, REFERRAL_TARGETS, REQUEST_CHANNELS } from '../../src/domain/case/vocabulary.ts';
import { ACTION_TYPES, REPRESENTATIVE_AUTHORITIES } from '../../src/domain/case/actions.ts';
import { DECISION_FORMS, WORK_ITEM_KINDS } from '../../src/domain/organisation/policy.ts';
import { PURPOSES } from '../../src/app/principal.ts';
import { COMPLAINT_BODIES, SERVICE_CODES, SERVICES } from '../../src/domain/services/catalogue.ts';
import { VERDICTS } from '../../src/domain/criteria/criteriaSet.ts';

type Lang = 'nb' | 'nn' | 'en';
type Words = Readonly<Record<Lang, Readonly<Record<string, string | undefined>>>>;
const LANGS: readonly Lang[] = ['nb', 'nn', 'en'];

// The web app is type-checked with its own settings (JSX, DOM: web/tsconfig.json); a computed
// specifier keeps the server's type check out of it while Vitest still loads it.
const I18N = '../../web/src/i18n.tsx';
const { DICTS } = (await import(/* @vite-ignore */ I18N)) as { DICTS: Words };
const COMPLAINT_BODY = '../../web/src/complaintBody.ts';
const { complaintStateKey } = (await import(/* @vite-ignore */ COMPLAINT_BODY)) as { complaintStateKey: (stateKey: string, body: string) => string };

/** The keys a language lacks or leaves empty. */
function gaps(lang: Lang, keys: readonly string[]): string[] {
  return keys.filter((k) => typeof DICTS[lang][k] !== 'string' || DICTS[lang][k]!.trim() === '');
}

describe('the words in bokmål, nynorsk and English', () => {
  const keys = Object.keys(DICTS.nb);

  it('has words for the interface', () => {
    expect(keys.length).toBeGreaterThan(400);
    expect(gaps('nb', keys)).toEqual([]);
  });

  it.each(['nn', 'en'] as const)('%s has its own words for every key bokmål has', (lang) => {
    expect(gaps(lang, keys)).toEqual([]);
  });

  it.each(['nn', 'en'] as const)('%s has no key that bokmål lacks', (lang) => {
    expect(Object.keys(DICTS[lang]).filter((k) => !(k in DICTS.nb))).toEqual([]);
  });

  it('nynorsk is not bokmål: no key keeps a sentence with a bokmål-only word', () => {
    const bokmal = /\b(ikke|hva|hvem|hvor|hvorfor|hvordan|jeg|deg selv|meg selv|tjeneste[nr]?|tjenester|bruker[en]?|saksbehandler|saksbehandling|mottatt|uke|fra|noe|eller ikke)\b/i;
    const alike = keys.filter((k) => bokmal.test(DICTS.nn[k] ?? ''));
    expect(alike).toEqual([]);
  });
});

/** The codes of the API and the key each is shown by. */
const CODES: readonly (readonly [string, readonly string[], (code: string) => string])[] = [
  ['case states and complaint stages', CASE_STATE_KEYS, (c) => `state_${c}`],
  ['decision outcomes', DECISION_OUTCOMES, (c) => c],
  ['decision forms', DECISION_FORMS, (c) => `form_${c}`],
  ['request channels', REQUEST_CHANNELS, (c) => `channel_${c}`],
  ['work item kinds', WORK_ITEM_KINDS, (c) => `kind_${c}`],
  ['actions of the case history', ACTION_TYPES, (c) => `action_${c}`],
  ['follow-up kinds', FOLLOW_UP_KINDS, (c) => `followUp_${c}`],
  ['onward referrals', REFERRAL_TARGETS, (c) => `referral_${c}`],
  ['purposes', PURPOSES, (c) => `purpose_${c}`],
  ['purposes in the applicant\'s access log', PURPOSES, (c) => `citizenLogPurpose_${c}`],
  ['representative authorities', REPRESENTATIVE_AUTHORITIES, (c) => `authority_${c}`],
  ['verdicts of the allocation criteria', VERDICTS, (c) => `criteriaVerdict_${c}`],
  ['service codes of the catalogue', SERVICE_CODES, (c) => `service_${c}`],
  ['complaint bodies (klageinstans)', COMPLAINT_BODIES, (c) => `cfBody_${c}`],
  ['case states with each complaint body', COMPLAINT_BODIES, (c) => `state_${complaintStateKey('complaint_with_statsforvalteren', c)}`],
  ["the applicant's complaint stage with each complaint body", COMPLAINT_BODIES, (c) => `plain_${complaintStateKey('complaint_with_statsforvalteren', c)}`],
];

describe('every code the API defines has words in all three languages', () => {
  it.each(CODES)('%s', (_name, codes, key) => {
    expect(codes.length).toBeGreaterThan(0);
    for (const lang of LANGS) expect({ lang, missing: gaps(lang, codes.map(key)) }).toEqual({ lang, missing: [] });
  });

  it("a service's name is the catalogue's, as in the letters", () => {
    for (const s of SERVICES) for (const lang of LANGS) expect({ code: s.code, lang, name: DICTS[lang][`service_${s.code}`] }).toEqual({ code: s.code, lang, name: s.name[lang] });
  });

  it('each service has a different name in English than in bokmål', () => {
    const same = SERVICE_CODES.filter((c) => DICTS.en[`service_${c}`] === DICTS.nb[`service_${c}`]);
    expect(same).toEqual([]);
  });
});
