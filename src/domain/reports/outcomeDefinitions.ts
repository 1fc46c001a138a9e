/**
 * The outcome figures' definitions as data (issue 20): what each counts, in bokmål, nynorsk and
 * English, what its share is of, and how a mean over groups is formed. Every event is counted by the
 * date it was recorded (Norwegian time) within the period, whenever its case was received.
 */
import type { FigureDefinition } from './figures.ts';

export const OUTCOME_FIGURE_IDS = [
  'requests',
  'decisions',
  'granted',
  'partlyGranted',
  'refused',
  'refusedWithAlternative',
  'increases',
  'reductions',
  'ends',
  'reevaluations',
  'lowThreshold',
  'onwardReferrals',
  'leftWithoutService',
] as const;
export type OutcomeFigureId = (typeof OUTCOME_FIGURE_IDS)[number];

type Defs = { readonly [Id in OutcomeFigureId]: FigureDefinition<Id> };

export const OUTCOME_DEFINITIONS: Defs = {
  requests: {
    id: 'requests',
    name: { nb: 'Søknader', nn: 'Søknader', en: 'Requests' },
    definition: {
      nb: 'Søknader og henvendelser mottatt i perioden (mottaksdato).',
      nn: 'Søknader og førespurnader mottekne i perioden (mottaksdato).',
      en: 'Requests and applications received in the period (date received).',
    },
    of: null,
    mean: 'none',
  },
  decisions: {
    id: 'decisions',
    name: { nb: 'Vedtak', nn: 'Vedtak', en: 'Decisions' },
    definition: {
      nb: 'Alle vedtak fattet i perioden: første vedtak, endringsvedtak og vedtak etter revurdering. Nevneren for andelene av vedtak.',
      nn: 'Alle vedtak gjorde i perioden: første vedtak, endringsvedtak og vedtak etter revurdering. Nemnaren for delane av vedtak.',
      en: 'Every decision made in the period: first decisions, changes and decisions after re-evaluation. The denominator of the shares of decisions.',
    },
    of: null,
    mean: 'none',
  },
  granted: {
    id: 'granted',
    name: { nb: 'Innvilget', nn: 'Innvilga', en: 'Granted' },
    definition: { nb: 'Vedtak med utfallet innvilget, som andel av vedtakene.', nn: 'Vedtak med utfallet innvilga, som del av vedtaka.', en: 'Decisions granting the service, as a share of the decisions.' },
    of: 'decisions',
    mean: 'weighted',
  },
  partlyGranted: {
    id: 'partlyGranted',
    name: { nb: 'Delvis innvilget', nn: 'Delvis innvilga', en: 'Partly granted' },
    definition: { nb: 'Vedtak med utfallet delvis innvilget, som andel av vedtakene.', nn: 'Vedtak med utfallet delvis innvilga, som del av vedtaka.', en: 'Decisions partly granting, as a share of the decisions.' },
    of: 'decisions',
    mean: 'weighted',
  },
  refused: {
    id: 'refused',
    name: { nb: 'Avslag', nn: 'Avslag', en: 'Refused' },
    definition: { nb: 'Vedtak med utfallet avslag, som andel av vedtakene.', nn: 'Vedtak med utfallet avslag, som del av vedtaka.', en: 'Decisions refusing, as a share of the decisions.' },
    of: 'decisions',
    mean: 'weighted',
  },
  refusedWithAlternative: {
    id: 'refusedWithAlternative',
    name: { nb: 'Avslag med alternativ', nn: 'Avslag med alternativ', en: 'Refusals offering an alternative' },
    definition: {
      nb: 'Avslag der personen ble henvist videre, fikk en annen tjeneste enn den søkt om, eller fikk et midlertidig tilbud mens behovet følges, som andel av avslagene.',
      nn: 'Avslag der personen vart tilvist vidare, fekk ei anna teneste enn den som var søkt om, eller fekk eit mellombels tilbod medan behovet blir følgt, som del av avslaga.',
      en: 'Refusals that referred the person on, granted another service than the one asked for, or gave an interim service while the need is watched, as a share of the refusals.',
    },
    of: 'refusals',
    mean: 'weighted',
  },
  increases: {
    id: 'increases',
    name: { nb: 'Økninger', nn: 'Aukingar', en: 'Increases' },
    definition: {
      nb: 'Vedtak som gir flere timer per uke (eller høyere ramme) enn sakens forrige vedtak, som andel av vedtakene.',
      nn: 'Vedtak som gir fleire timar per veke (eller høgare ramme) enn det førre vedtaket i saka, som del av vedtaka.',
      en: "Decisions giving more hours per week (or a higher frame) than the case's previous decision, as a share of the decisions.",
    },
    of: 'decisions',
    mean: 'weighted',
  },
  reductions: {
    id: 'reductions',
    name: { nb: 'Reduksjoner', nn: 'Reduksjonar', en: 'Reductions' },
    definition: {
      nb: 'Vedtak som gir færre timer per uke enn sakens forrige vedtak (et avslag etter et innvilget vedtak regnes som null timer), som andel av vedtakene.',
      nn: 'Vedtak som gir færre timar per veke enn det førre vedtaket i saka (eit avslag etter eit innvilga vedtak blir rekna som null timar), som del av vedtaka.',
      en: "Decisions giving fewer hours per week than the case's previous decision (a refusal after a grant counts as no hours), as a share of the decisions.",
    },
    of: 'decisions',
    mean: 'weighted',
  },
  ends: {
    id: 'ends',
    name: { nb: 'Avsluttede tjenester', nn: 'Avslutta tenester', en: 'Services ended' },
    definition: { nb: 'Tjenester som ble avsluttet i perioden (alle årsaker).', nn: 'Tenester som vart avslutta i perioden (alle årsaker).', en: 'Services ended in the period (any cause).' },
    of: null,
    mean: 'none',
  },
  reevaluations: {
    id: 'reevaluations',
    name: { nb: 'Revurderinger', nn: 'Revurderingar', en: 'Re-evaluations' },
    definition: { nb: 'Revurderinger som ble startet i perioden (planlagte og etter endret behov).', nn: 'Revurderingar som vart starta i perioden (planlagde og etter endra behov).', en: 'Re-evaluations begun in the period (scheduled and after a changed need).' },
    of: null,
    mean: 'none',
  },
  lowThreshold: {
    id: 'lowThreshold',
    name: { nb: 'Besvart med lavterskeltilbud', nn: 'Svart med lågterskeltilbod', en: 'Answered by a low-threshold offer' },
    definition: {
      nb: 'Søknader besvart med et lavterskeltilbud personen takket ja til, uten vedtak, som andel av svarene (vedtak og lavterskelsvar).',
      nn: 'Søknader svara med eit lågterskeltilbod personen takka ja til, utan vedtak, som del av svara (vedtak og lågterskelsvar).',
      en: 'Requests answered by a low-threshold offer the person accepted, without a decision, as a share of the answers (decisions and low-threshold answers).',
    },
    of: 'answers',
    mean: 'weighted',
  },
  onwardReferrals: {
    id: 'onwardReferrals',
    name: { nb: 'Henvist videre', nn: 'Tilvist vidare', en: 'Onward referrals' },
    definition: {
      nb: 'Vedtak som henviser personen videre (fastlege, spesialisthelsetjenesten, NAV, frivillige, lavterskeltilbud), som andel av vedtakene.',
      nn: 'Vedtak som tilviser personen vidare (fastlege, spesialisthelsetenesta, NAV, frivillige, lågterskeltilbod), som del av vedtaka.',
      en: 'Decisions that refer the person on (GP, specialist health service, NAV, voluntary, a low-threshold offer), as a share of the decisions.',
    },
    of: 'decisions',
    mean: 'weighted',
  },
  leftWithoutService: {
    id: 'leftWithoutService',
    name: { nb: 'Uten tjeneste etter avslag', nn: 'Utan teneste etter avslag', en: 'Left with no service after a refusal' },
    definition: {
      nb: 'Personer med avslag i perioden som i dag verken har et innvilget vedtak i kraft eller et lavterskelsvar, som andel av personene med avslag. Hver person telles én gang per gruppe.',
      nn: 'Personar med avslag i perioden som i dag verken har eit innvilga vedtak i kraft eller eit lågterskelsvar, som del av personane med avslag. Kvar person blir talt éin gong per gruppe.',
      en: 'Persons refused in the period who today have neither a grant in force nor a low-threshold answer, as a share of the persons refused. Each person counts once per group.',
    },
    of: 'refused_persons',
    mean: 'weighted',
  },
};
