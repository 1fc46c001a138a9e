/**
 * Criteria sets for home nursing, practical help and long-term nursing-home stay, written the way a
 * municipality's service standard (tjenestestandard) would put them. Long-term stays follow the
 * local regulation hol § 3-2 a requires: home-based services and a short stay are tried first (LEON).
 * «Eksempel — kommunen må selv fastsette.»
 */
import type { CriteriaRules } from '../../domain/criteria/criteriaSet.ts';

const w = (nb: string, nn: string) => ({ nb, nn });

export const HOME_NURSING: CriteriaRules = {
  serviceCode: 'home_nursing',
  answers: {
    needs_health_care: { type: 'boolean', label: w('Behov for helsehjelp som krever helsefaglig kompetanse', 'Behov for helsehjelp som krev helsefagleg kompetanse') },
    can_attend_clinic: { type: 'boolean', label: w('Kan benytte fastlege, legevakt eller poliklinikk', 'Kan nytte fastlege, legevakt eller poliklinikk') },
    welfare_technology_suitable: { type: 'boolean', label: w('Velferdsteknologi (f.eks. medisindispenser) kan dekke behovet', 'Velferdsteknologi (t.d. medisindispensar) kan dekke behovet') },
  },
  inclusion: [
    { id: 'health_care_need', expression: 'answers.needs_health_care = true', text: w('Har behov for nødvendig helsehjelp i hjemmet', 'Har behov for naudsynt helsehjelp i heimen'), kind: 'judgement' },
    { id: 'own_health', expression: 'iplos.own_health >= 3', text: w('Trenger personbistand for å ivareta egen helse (IPLOS 3 eller mer)', 'Treng personbistand for å ta vare på eiga helse (IPLOS 3 eller meir)'), kind: 'rule' },
  ],
  exclusions: [
    {
      id: 'can_attend_clinic',
      expression: 'answers.can_attend_clinic = true',
      text: w('Kan få helsehjelpen hos fastlege eller poliklinikk', 'Kan få helsehjelpa hos fastlege eller poliklinikk'),
      kind: 'judgement',
      exceptions: [{ id: 'terminal_care', expression: 'has_diagnosis("Z51.5", "A99")', text: w('Lindrende behandling i livets sluttfase', 'Lindrande behandling i livet sin sluttfase'), kind: 'rule' }],
      referTo: w('Fastlege eller poliklinikk', 'Fastlege eller poliklinikk'),
    },
  ],
  lowerLevels: [
    { id: 'welfare_technology', expression: 'answers.welfare_technology_suitable = true and iplos.own_health <= 3', text: w('Velferdsteknologi skal prøves først', 'Velferdsteknologi skal prøvast først'), kind: 'judgement', offer: w('Medisindispenser og digitalt tilsyn', 'Medisindispensar og digitalt tilsyn') },
  ],
  pathways: [],
  defaultDurationMonths: 6,
  evaluationIntervalMonths: 3,
};

export const PRACTICAL_HELP: CriteriaRules = {
  serviceCode: 'practical_help',
  answers: {
    household_cannot_cover: { type: 'boolean', label: w('Husstanden kan ikke dekke behovet selv', 'Husstanden kan ikkje dekke behovet sjølv') },
    other_adult_able: { type: 'boolean', label: w('Annen voksen i husstanden kan utføre oppgavene', 'Annan vaksen i husstanden kan utføre oppgåvene') },
    carer_burden_high: { type: 'boolean', label: w('Pårørende har stor omsorgsbelastning', 'Pårørande har stor omsorgsbelastning') },
    aids_not_tried: { type: 'boolean', label: w('Hjelpemidler og tilrettelegging er ikke prøvd', 'Hjelpemiddel og tilrettelegging er ikkje prøvd') },
  },
  inclusion: [
    { id: 'household_function', expression: 'iplos.household_tasks >= 3 or iplos.shopping >= 3 or iplos.cooking >= 3', text: w('Trenger personbistand til husarbeid, innkjøp eller matlaging (IPLOS 3 eller mer)', 'Treng personbistand til husarbeid, innkjøp eller matlaging (IPLOS 3 eller meir)'), kind: 'rule' },
    { id: 'household_cannot_cover', expression: 'answers.household_cannot_cover = true', text: w('Husstanden kan ikke dekke behovet selv', 'Husstanden kan ikkje dekke behovet sjølv'), kind: 'judgement' },
  ],
  exclusions: [
    {
      id: 'other_adult_able',
      expression: 'answers.other_adult_able = true',
      text: w('Annen voksen i husstanden kan utføre oppgavene', 'Annan vaksen i husstanden kan utføre oppgåvene'),
      kind: 'judgement',
      exceptions: [{ id: 'carer_burden', expression: 'answers.carer_burden_high = true', text: w('Pårørende har stor omsorgsbelastning', 'Pårørande har stor omsorgsbelastning'), kind: 'judgement' }],
    },
  ],
  lowerLevels: [
    { id: 'aids_first', expression: 'answers.aids_not_tried = true', text: w('Hjelpemidler og tilrettelegging skal prøves først', 'Hjelpemiddel og tilrettelegging skal prøvast først'), kind: 'judgement', offer: w('Hjelpemidler fra NAV Hjelpemiddelsentral og tilrettelegging av bolig', 'Hjelpemiddel frå NAV Hjelpemiddelsentral og tilrettelegging av bustad') },
  ],
  pathways: [],
  defaultDurationMonths: 12,
  evaluationIntervalMonths: 12,
};

export const LONG_TERM_STAY: CriteriaRules = {
  serviceCode: 'long_term_stay',
  answers: {
    round_the_clock_need: { type: 'boolean', label: w('Behov for heldøgns omsorg og tilsyn', 'Behov for heildøgns omsorg og tilsyn') },
    home_services_insufficient: { type: 'boolean', label: w('Forsvarlige tjenester kan ikke gis i hjemmet', 'Forsvarlege tenester kan ikkje givast i heimen') },
    needs_specialist_care: { type: 'boolean', label: w('Trenger behandling i spesialisthelsetjenesten', 'Treng behandling i spesialisthelsetenesta') },
    short_stay_possible: { type: 'boolean', label: w('Korttidsopphold for utredning er mulig', 'Korttidsopphald for utgreiing er mogleg') },
  },
  inclusion: [
    { id: 'extensive_needs', expression: 'count_scores_at_least(4) >= 4', text: w('Omfattende bistandsbehov: minst fire funksjoner med IPLOS 4 eller 5', 'Omfattande bistandsbehov: minst fire funksjonar med IPLOS 4 eller 5'), kind: 'rule' },
    { id: 'round_the_clock', expression: 'answers.round_the_clock_need = true', text: w('Behov for heldøgns omsorg og tilsyn', 'Behov for heildøgns omsorg og tilsyn'), kind: 'judgement' },
    { id: 'home_insufficient', expression: 'answers.home_services_insufficient = true', text: w('Forsvarlig hjelp kan ikke gis i hjemmet (hol. § 3-2 a)', 'Forsvarleg hjelp kan ikkje givast i heimen (hol. § 3-2 a)'), kind: 'judgement' },
  ],
  exclusions: [
    { id: 'specialist_care', expression: 'answers.needs_specialist_care = true', text: w('Trenger behandling i spesialisthelsetjenesten', 'Treng behandling i spesialisthelsetenesta'), kind: 'judgement', exceptions: [], referTo: w('Spesialisthelsetjenesten', 'Spesialisthelsetenesta') },
  ],
  lowerLevels: [
    {
      id: 'short_stay_first',
      expression: 'not receives("short_term_stay") and not receives("home_nursing") and answers.short_stay_possible = true',
      text: w('Hjemmetjenester eller korttidsopphold skal være prøvd', 'Heimetenester eller korttidsopphald skal vere prøvd'),
      kind: 'judgement',
      offer: w('Korttidsopphold for utredning, eller hjemmesykepleie', 'Korttidsopphald for utgreiing, eller heimesjukepleie'),
    },
  ],
  pathways: [],
  defaultDurationMonths: 120,
  evaluationIntervalMonths: 12,
};
