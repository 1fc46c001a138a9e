/**
 * The reasons of a decision (begrunnelse), assembled as fvl §§ 24–25 require: the rules the decision
 * rests on (the law and the criteria version, each cited), the facts (from the assessment), and the
 * main considerations in the caseworker's own words. A departure from the criteria is shown.
 */
import type { ActionPayload } from '../case/actions.ts';
import { IPLOS_CURRENT } from '../assessment/iplos.ts';
import { decidedUnderForvaltningsloven, findCatalogueEntry } from '../services/catalogue.ts';
import { REQUEST_RULES } from '../law/rules.ts';
import { requestRuleFor } from './requestAnswer.ts';

type Lang = 'nb' | 'nn';

export interface ReasonsInput {
  readonly decision: ActionPayload<'decision_made'>;
  readonly evaluation: ActionPayload<'criteria_evaluated'> | null;
  readonly assessment: { readonly assessedOn: string; readonly whatMatters: string | null; readonly scores: Readonly<Record<string, number>>; readonly participants: readonly { profession: string }[] } | null;
  readonly lang: Lang;
}

export interface Reasons {
  readonly rules: readonly { readonly citation: string; readonly text: string }[];
  /** The criteria the decision rests on, as sentences: which were met, which not, which could not be settled. */
  readonly criteria: readonly string[];
  readonly facts: readonly string[];
  readonly considerations: string | null;
  readonly departure: string | null;
}

const T = {
  rightToServices: { nb: 'Rett til nødvendige helse- og omsorgstjenester fra kommunen', nn: 'Rett til naudsynte helse- og omsorgstenester frå kommunen' },
  criteria: { nb: 'Kommunens tildelingskriterier', nn: 'Kommunen sine tildelingskriterium' },
  version: { nb: 'versjon', nn: 'versjon' },
  met: { nb: 'oppfylt', nn: 'oppfylt' },
  notMet: { nb: 'ikke oppfylt', nn: 'ikkje oppfylt' },
  unknown: { nb: 'ikke avklart', nn: 'ikkje avklart' },
  assessed: { nb: 'Behovet ble kartlagt', nn: 'Behovet vart kartlagt' },
  with: { nb: 'med', nn: 'med' },
  whatMatters: { nb: 'Det som er viktig for deg', nn: 'Det som er viktig for deg' },
  needsHelp: { nb: 'Du trenger hjelp med', nn: 'Du treng hjelp med' },
  departure: { nb: 'Vedtaket avviker fra det kriteriene tilsier, fordi', nn: 'Vedtaket avvik frå det kriteria tilseier, fordi' },
  metSentence: { nb: 'Du oppfyller disse kriteriene:', nn: 'Du oppfyller desse kriteria:' },
  notMetSentence: { nb: 'Disse kriteriene er ikke oppfylt:', nn: 'Desse kriteria er ikkje oppfylte:' },
  unknownSentence: { nb: 'Disse kriteriene har vi ikke kunnet avklare:', nn: 'Desse kriteria har vi ikkje kunna avklare:' },
  and: { nb: 'og', nn: 'og' },
  withoutAssessment: { nb: 'Vedtaket er gjort uten fullført kartlegging, fordi', nn: 'Vedtaket er gjort utan fullført kartlegging, fordi' },
  requestRule: { nb: 'Retten søknaden bygger på', nn: 'Retten søknaden byggjer på' },
} as const;

function ruleLines(d: ActionPayload<'decision_made'>, e: ReasonsInput['evaluation'], lang: Lang): Reasons['rules'] {
  const service = findCatalogueEntry(d.serviceCode);
  // A decision under forvaltningsloven alone (a care flat) rests on no right under pbrl chapter 2.
  const rules: { citation: string; text: string }[] = decidedUnderForvaltningsloven(d.serviceCode) ? [] : [{ citation: 'pasient- og brukerrettighetsloven § 2-1 a annet ledd', text: T.rightToServices[lang] }];
  if (service) rules.push({ citation: service.legalBasis, text: service.name[lang] });
  // A right of its own (BPA, pbrl § 2-1 d; a long-term place, § 2-1 e), for the service decided or the one applied for instead.
  for (const code of new Set<string>(d.alternativeTo ? [d.serviceCode, d.alternativeTo] : [d.serviceCode])) {
    const right = requestRuleFor(code);
    if (right.id !== REQUEST_RULES.necessaryServices.id) rules.push({ citation: right.citation, text: `${T.requestRule[lang]}: ${findCatalogueEntry(code)?.name[lang] ?? code}` });
  }
  if (e) rules.push({ citation: `${T.version[lang]} ${e.version}`, text: `${T.criteria[lang]}, ${service?.name[lang] ?? d.serviceCode}` });
  return rules;
}

/** Joins items as a sentence list: "a, b og c". */
function listed(items: readonly string[], lang: Lang): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${T.and[lang]} ${items.at(-1)}`;
}

/** The criteria as sentences a person can read (fvl § 25), not a list of verdicts. */
function criteriaSentences(e: ReasonsInput['evaluation'], lang: Lang): string[] {
  if (!e) return [];
  const of = (outcome: 'met' | 'not_met' | 'unknown') => e.results.filter((r) => r.group !== 'pathway' && r.outcome === outcome).map((r) => r.text[lang].replace(/\.$/, '').toLowerCase());
  const sentences: [string, string[]][] = [
    [T.metSentence[lang], of('met')],
    [T.notMetSentence[lang], of('not_met')],
    [T.unknownSentence[lang], of('unknown')],
  ];
  return sentences.filter(([, items]) => items.length).map(([lead, items]) => `${lead} ${listed(items, lang)}.`);
}

function factLines(a: ReasonsInput['assessment'], d: ActionPayload<'decision_made'>, lang: Lang): string[] {
  if (!a) return d.withoutAssessmentReason ? [`${T.withoutAssessment[lang]} ${d.withoutAssessmentReason.replace(/\.$/, '')}.`] : [];
  const professions = [...new Set(a.participants.map((p) => p.profession))];
  const facts = [`${T.assessed[lang]} ${a.assessedOn}${professions.length ? ` ${T.with[lang]} ${professions.join(', ').toLowerCase()}` : ''}.`];
  if (a.whatMatters) facts.push(`${T.whatMatters[lang]}: «${a.whatMatters}»`);
  const needs = IPLOS_CURRENT.variables.filter((v) => (a.scores[v.code] ?? 0) >= 3 && a.scores[v.code] !== 9).map((v) => v.name[lang].toLowerCase());
  if (needs.length) facts.push(`${T.needsHelp[lang]}: ${needs.join(', ')}.`);
  return facts;
}

export function assembleReasons(input: ReasonsInput): Reasons {
  const d = input.decision;
  return {
    rules: ruleLines(d, input.evaluation, input.lang),
    criteria: criteriaSentences(input.evaluation, input.lang),
    facts: factLines(input.assessment, d, input.lang),
    considerations: d.considerations ?? null,
    departure: d.departureReason ? `${T.departure[input.lang]}: ${d.departureReason}` : null,
  };
}
