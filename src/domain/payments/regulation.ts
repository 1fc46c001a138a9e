/**
 * The rules of the regulation on user payments (forskrift 16. desember 2011 nr. 1349 om egenandel
 * for kommunale helse- og omsorgstjenester, "egenandelsforskriften"), as data with citations, so a
 * jurist can review them without reading code. Each rule names its paragraph and says what it
 * allows in plain words. `verify` marks a paragraph number or reading we could not check against
 * the regulation's own text (Lovdata was not reachable from here; the readings come from
 * Helsedirektoratet's and Sivilombudet's statements and municipal pages that quote the regulation).
 *
 * The legal basis for any charge is helse- og omsorgstjenesteloven § 11-2: the municipality may
 * charge for its health and care services only where a statute or regulation allows it.
 */
import type { ServiceCode } from '../services/catalogue.ts';

export interface PaymentRule {
  readonly id: string;
  readonly citation: string;
  readonly text: { readonly nb: string; readonly nn: string; readonly en: string };
  readonly verify?: string;
}

const REG = 'egenandelsforskriften';

export const PAYMENT_RULES = {
  legalBasis: {
    id: 'payment_legal_basis',
    citation: 'helse- og omsorgstjenesteloven § 11-2',
    text: {
      nb: 'Kommunen kan bare kreve egenandel for helse- og omsorgstjenester når det følger av lov eller forskrift.',
      nn: 'Kommunen kan berre krevje eigendel for helse- og omsorgstenester når det følgjer av lov eller forskrift.',
      en: 'The municipality may charge for health and care services only where a statute or regulation allows it.',
    },
  },
  freeHealthCare: {
    id: 'payment_free_health_care',
    citation: `${REG} § 8 første ledd, jf. helse- og omsorgstjenesteloven § 11-2`,
    text: {
      nb: 'Det kan ikke kreves egenandel for helsetjenester i hjemmet eller for praktisk bistand til personlig stell og egenomsorg.',
      nn: 'Det kan ikkje krevjast eigendel for helsetenester i heimen eller for praktisk bistand til personleg stell og eigenomsorg.',
      en: 'No charge may be made for health services at home, nor for practical help with personal care.',
    },
    verify: 'Helsedirektoratet (tolkningsuttalelse on husmorvikar, 2013) reads § 8 as allowing charges only for practical help that is not personal care; that home nursing is free follows from § 11-2 (no regulation allows it).',
  },
  freeRespite: {
    id: 'payment_free_respite',
    citation: `${REG} § 1 annet ledd bokstav a`,
    text: {
      nb: 'Det kan ikke kreves egenandel for avlastning, heller ikke for korttidsopphold som primært gis for å avlaste pårørende.',
      nn: 'Det kan ikkje krevjast eigendel for avlasting, heller ikkje for korttidsopphald som primært blir gitt for å avlaste pårørande.',
      en: 'No charge may be made for respite, including short-term stays given mainly to relieve relatives.',
    },
  },
  practicalHelp: {
    id: 'payment_practical_help',
    citation: `${REG} § 8`,
    text: {
      nb: 'Kommunen kan kreve egenandel for praktisk bistand og opplæring som ikke gjelder personlig stell og egenomsorg. Egenandelen regnes per måned ut fra husstandens inntekt.',
      nn: 'Kommunen kan krevje eigendel for praktisk bistand og opplæring som ikkje gjeld personleg stell og eigenomsorg. Eigendelen blir rekna per månad ut frå inntekta til hushaldet.',
      en: 'The municipality may charge for practical help and training other than personal care, per month, by household income.',
    },
  },
  practicalHelpCostCap: {
    id: 'payment_practical_help_cost_cap',
    citation: `${REG} § 9`,
    text: {
      nb: 'Egenandelen for praktisk bistand kan ikke være høyere enn det tjenesten koster kommunen (selvkost).',
      nn: 'Eigendelen for praktisk bistand kan ikkje vere høgare enn det tenesta kostar kommunen (sjølvkost).',
      en: 'The charge for practical help may not exceed what the service costs the municipality (cost price).',
    },
    verify: 'The paragraph number: the cost-price ceiling is stated by the Ministry (regjeringen.no, 2012); § 9 is our reading of where it stands.',
  },
  practicalHelpUnder2G: {
    id: 'payment_practical_help_under_2g',
    citation: `${REG} § 10`,
    text: {
      nb: 'Har husstanden samlet skattbar nettoinntekt før særfradrag under 2 G, kan egenandelen per måned ikke overstige beløpet staten fastsetter hvert år.',
      nn: 'Har hushaldet samla skattbar nettoinntekt før særfrådrag under 2 G, kan eigendelen per månad ikkje vere høgare enn beløpet staten fastset kvart år.',
      en: 'Where the household’s total taxable net income before special deductions is below 2 G, the monthly charge may not exceed the amount the state sets each year.',
    },
  },
  municipalBands: {
    id: 'payment_municipal_bands',
    citation: `${REG} §§ 8–10; kommunens betalingsregulativ`,
    text: {
      nb: 'Over 2 G fastsetter kommunen selv satsene etter inntekt, innenfor selvkost.',
      nn: 'Over 2 G fastset kommunen sjølv satsane etter inntekt, innanfor sjølvkost.',
      en: 'Above 2 G the municipality sets its own rates by income, within cost price.',
    },
  },
  shortTermStay: {
    id: 'payment_short_term_stay',
    citation: `${REG} § 4, jf. § 1 tredje ledd bokstav a`,
    text: {
      nb: 'For korttidsopphold i institusjon kan kommunen kreve en egenandel per døgn, eller per dag- eller nattopphold, opp til statens satser.',
      nn: 'For korttidsopphald i institusjon kan kommunen krevje ein eigendel per døgn, eller per dag- eller nattopphald, opp til satsane til staten.',
      en: 'For a short-term stay the municipality may charge per day and night, or per day or night stay, up to the state’s rates.',
    },
    verify: 'The paragraph number § 4 is quoted by municipal price lists (e.g. Stor-Elvdal), not checked against Lovdata.',
  },
  sixtyDays: {
    id: 'payment_sixty_days',
    citation: `${REG} § 1 tredje ledd bokstav b`,
    text: {
      nb: 'Når en person har vært i institusjon i minst 60 døgn i kalenderåret, regnes oppholdet som langtidsopphold, og egenandelen regnes etter inntekt.',
      nn: 'Når ein person har vore i institusjon i minst 60 døgn i kalenderåret, blir opphaldet rekna som langtidsopphald, og eigendelen blir rekna etter inntekt.',
      en: 'Once a person has stayed in an institution 60 days in a calendar year, the stay counts as long-term and is charged by income.',
    },
  },
  longTermStay: {
    id: 'payment_long_term_stay',
    citation: `${REG} § 3`,
    text: {
      nb: 'For langtidsopphold kan kommunen kreve inntil 75 prosent av inntekten opp til folketrygdens grunnbeløp (G) etter fradrag av et fribeløp, og inntil 85 prosent av inntekten over G.',
      nn: 'For langtidsopphald kan kommunen krevje inntil 75 prosent av inntekta opp til grunnbeløpet i folketrygda (G) etter frådrag av eit fribeløp, og inntil 85 prosent av inntekta over G.',
      en: 'For a long-term stay the municipality may charge up to 75 % of income up to the basic amount (G) after an allowance (fribeløp), and up to 85 % of income above G.',
    },
  },
  longTermIncome: {
    id: 'payment_long_term_income',
    citation: `${REG} § 3 fjerde ledd`,
    text: {
      nb: 'Som inntekt regnes pensjon, trygd, arbeids- og næringsinntekt, leieinntekt, renter og annen avkastning av formue, etter fradrag av skatt og gjeldsrenter.',
      nn: 'Som inntekt blir rekna pensjon, trygd, arbeids- og næringsinntekt, leigeinntekt, renter og anna avkastning av formue, etter frådrag av skatt og gjeldsrenter.',
      en: 'Income is pensions, benefits, earnings, rent, interest and other returns on capital, after tax and interest on debt.',
    },
  },
  longTermKeep: {
    id: 'payment_long_term_keep',
    citation: `${REG} § 3`,
    text: {
      nb: 'Beboeren skal ha igjen til eget bruk minst 25 prosent av G i tillegg til fordelen av fribeløpet.',
      nn: 'Bebuaren skal ha att til eige bruk minst 25 prosent av G i tillegg til fordelen av fribeløpet.',
      en: 'The resident keeps for own use at least 25 % of G plus the benefit of the allowance.',
    },
    verify: 'Stated by the Ministry (regjeringen.no, 2012). "Fordelen av fribeløpet" is read as 75 % of the fribeløp (what the resident would otherwise pay on it); some municipalities read it as the whole fribeløp.',
  },
  longTermDeductions: {
    id: 'payment_long_term_deductions',
    citation: `${REG} kapittel 1 (fradrag i beregningsgrunnlaget)`,
    text: {
      nb: 'Før egenandelen regnes ut, gjøres fradrag som forskriften tillater, blant annet for forsørgeransvar, hjemmeboende ektefelle og utgifter til egen bolig en tid etter innflytting.',
      nn: 'Før eigendelen blir rekna ut, blir det gjort frådrag som forskrifta tillèt, mellom anna for forsørgaransvar, heimebuande ektefelle og utgifter til eigen bustad ei tid etter innflytting.',
      en: 'Before the charge is computed, the deductions the regulation allows are made: for dependants, a spouse living at home, and housing costs for a time after moving in.',
    },
    verify: 'The kinds of deduction are stated by the Ministry (regjeringen.no, 2012); the paragraph is not known to us (not § 4, which is short-term stays), so none is cited.',
  },
  doubleRoom: {
    id: 'payment_double_room',
    citation: `${REG} § 3 (endret 2014)`,
    text: {
      nb: 'En langtidsbeboer som mot sin vilje bor på dobbeltrom, får et høyere fribeløp.',
      nn: 'Ein langtidsbebuar som mot viljen sin bur på dobbeltrom, får eit høgare fribeløp.',
      en: 'A long-term resident placed in a double room against their wish has a higher allowance.',
    },
    verify: 'In force from 1 July 2014 (Statsforvalteren i Sogn og Fjordane); the paragraph number is not checked.',
  },
  costCapStay: {
    id: 'payment_stay_cost_cap',
    citation: `${REG} § 3`,
    text: {
      nb: 'Egenandelen for langtidsopphold kan ikke være høyere enn det oppholdet koster.',
      nn: 'Eigendelen for langtidsopphald kan ikkje vere høgare enn det opphaldet kostar.',
      en: 'The charge for a long-term stay may not exceed what the stay costs.',
    },
    verify: 'Municipalities state a monthly maximum equal to the cost of a place (e.g. Stryn); the paragraph is not checked.',
  },
  decisionStatesPayment: {
    id: 'payment_in_decision',
    citation: `${REG} § 2`,
    text: {
      nb: 'Kommunen som dekker utgiftene, treffer vedtak om egenandel og opplyser skriftlig om at det kan kreves betaling.',
      nn: 'Kommunen som dekkjer utgiftene, gjer vedtak om eigendel og opplyser skriftleg om at det kan krevjast betaling.',
      en: 'The municipality that bears the cost decides the charge and tells the person in writing that a charge may be made.',
    },
  },
} as const satisfies Record<string, PaymentRule>;

export type PaymentRuleId = keyof typeof PAYMENT_RULES;

/**
 * How each service in the catalogue is charged under the regulation. `outside` means the
 * regulation does not govern it (a safety alarm's rent, a care flat's rent, a day centre's meals):
 * any price is the municipality's own price list and is not computed here.
 */
export type PaymentKind = 'free' | 'practical_help' | 'short_term_stay' | 'long_term_stay' | 'outside';

export const SERVICE_PAYMENT: Readonly<Record<ServiceCode, { readonly kind: PaymentKind; readonly rule: PaymentRuleId; readonly verify?: string }>> = {
  home_nursing: { kind: 'free', rule: 'freeHealthCare' },
  psychiatric_home_services: { kind: 'free', rule: 'freeHealthCare' },
  respite: { kind: 'free', rule: 'freeRespite' },
  care_allowance: { kind: 'free', rule: 'legalBasis' },
  support_contact: { kind: 'free', rule: 'legalBasis', verify: 'Helsetilsynet’s page mentions support contact among chargeable personal assistance; we charge nothing until a jurist confirms.' },
  practical_help: { kind: 'practical_help', rule: 'practicalHelp' },
  bpa: { kind: 'practical_help', rule: 'practicalHelp', verify: 'Practical help organised as BPA is charged like practical help (Drammen kommune); the personal-care part is free.' },
  short_term_stay: { kind: 'short_term_stay', rule: 'shortTermStay' },
  long_term_stay: { kind: 'long_term_stay', rule: 'longTermStay' },
  safety_alarm: { kind: 'outside', rule: 'legalBasis' },
  day_centre: { kind: 'outside', rule: 'legalBasis' },
  care_flat: { kind: 'outside', rule: 'legalBasis' },
};

export function paymentKindOf(serviceCode: string): PaymentKind {
  return SERVICE_PAYMENT[serviceCode as ServiceCode]?.kind ?? 'outside';
}
