/**
 * The reasons of a decision (begrunnelse), assembled as fvl §§ 24–25 require: the rules the decision
 * rests on (the law and the criteria version, each cited), the facts (from the assessment), and the
 * main considerations in the caseworker's own words. A departure from the criteria is shown.
 */
import type { ActionPayload } from '../case/actions.ts';
import { IPLOS_CURRENT } from '../assessment/iplos.ts';
import { findCatalogueEntry } from '../services/catalogue.ts';

type Lang = 'nb' | 'nn';

export interface ReasonsInput {
  readonly decision: ActionPayload<'decision_made'>;
  readonly evaluation: ActionPayload<'criteria_evaluated'> | null;
  readonly assessment: { readonly assessedOn: string; readonly whatMatters: string | null; readonly scores: Readonly<Record<string, number>>; readonly participants: readonly { profession: string }[] } | null;
  readonly lang: Lang;
}

export interface Reasons {
  readonly rules: readonly { readonly citation: string; readonly text: string }[];
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
} as const;

function ruleLines(d: ActionPayload<'decision_made'>, e: ReasonsInput['evaluation'], lang: Lang): Reasons['rules'] {
  const service = findCatalogueEntry(d.serviceCode);
  const rules: { citation: string; text: string }[] = [{ citation: 'pasient- og brukerrettighetsloven § 2-1 a annet ledd', text: T.rightToServices[lang] }];
  if (service) rules.push({ citation: service.legalBasis, text: service.name[lang] });
  if (e) {
    const outcome = { met: T.met[lang], not_met: T.notMet[lang], unknown: T.unknown[lang] };
    const lines = e.results.filter((r) => r.group !== 'pathway').map((r) => `${r.text[lang]}: ${outcome[r.outcome]}`);
    rules.push({ citation: `${T.criteria[lang]}, ${service?.name[lang] ?? d.serviceCode}, ${T.version[lang]} ${e.version}`, text: lines.join('; ') });
  }
  return rules;
}

function factLines(a: ReasonsInput['assessment'], lang: Lang): string[] {
  if (!a) return [];
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
    facts: factLines(input.assessment, input.lang),
    considerations: d.considerations ?? null,
    departure: d.departureReason ? `${T.departure[input.lang]}: ${d.departureReason}` : null,
  };
}
