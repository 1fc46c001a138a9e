/**
 * The legal rules the decisions must satisfy, as data with their citations, so a jurist can review
 * them without reading code (domain reference §3). Each rule names its paragraph, says what it
 * requires in plain words, and carries the parameters the code uses. `verify` marks a citation or
 * reading we have not checked against the statute text ourselves.
 */
export interface LegalRule {
  readonly id: string;
  readonly citation: string;
  readonly requirement: { readonly nb: string; readonly en: string };
  readonly verify?: string;
}

export interface DeadlineRule extends LegalRule {
  /** The length of the deadline. */
  readonly length: { readonly months?: number; readonly weeks?: number; readonly days?: number };
  /** Whether a deadline ending on a Saturday, Sunday or public holiday moves to the next working day. */
  readonly movesOffHolidays: boolean;
}

/** How a deadline is counted: the day it runs from is not counted; a last day on a weekend or public holiday moves on. */
export const DEADLINE_COUNTING: LegalRule = {
  id: 'deadline_counting',
  citation: 'domstolloven §§ 148–149, applied to deadlines under forvaltningsloven',
  requirement: {
    nb: 'Fristen regnes fra dagen etter hendelsen. Faller siste dag på lørdag, søndag eller helligdag, forlenges fristen til nærmeste virkedag.',
    en: 'A deadline runs from the day after the event; a last day on a Saturday, Sunday or public holiday moves to the next working day.',
  },
  verify: 'That domstolloven §§ 148–149 govern deadlines under forvaltningsloven (by reference or analogy).',
};

export const DEADLINES = {
  provisionalReply: {
    id: 'provisional_reply',
    citation: 'forvaltningsloven § 11 a tredje ledd',
    requirement: {
      nb: 'Kan en henvendelse ikke besvares innen én måned, skal det snarest gis et foreløpig svar med grunnen og når svar kan ventes.',
      en: 'If a request cannot be answered within one month, a provisional reply with the reason and the expected date is sent as soon as possible.',
    },
    length: { months: 1 },
    movesOffHolidays: true,
  },
  complaint: {
    id: 'complaint_deadline',
    citation: 'pasient- og brukerrettighetsloven § 7-5 første ledd',
    requirement: {
      nb: 'Klage over vedtak om helse- og omsorgstjenester må fremmes innen fire uker etter at klageren fikk eller burde fått kjennskap til vedtaket.',
      en: 'A complaint must be lodged within four weeks of when the complainant learnt, or should have learnt, of the decision.',
    },
    length: { weeks: 4 },
    movesOffHolidays: true,
  },
  complaintOther: {
    id: 'complaint_deadline_fvl',
    citation: 'forvaltningsloven § 29 første ledd',
    requirement: { nb: 'Klagefristen for andre enkeltvedtak er tre uker.', en: 'The complaint deadline for other individual decisions is three weeks.' },
    length: { weeks: 3 },
    movesOffHolidays: true,
  },
} as const satisfies Record<string, DeadlineRule>;

export const DECISION_RULES = {
  individualDecision: {
    id: 'individual_decision_over_two_weeks',
    citation: 'pasient- og brukerrettighetsloven § 2-7 første ledd',
    requirement: {
      nb: 'Avgjørelser om tjenester som er ment å vare lenger enn to uker, er enkeltvedtak, og forvaltningsloven gjelder.',
      en: 'Decisions on services meant to last more than two weeks are individual decisions; the Public Administration Act applies.',
    },
    days: 14,
  },
  reasons: {
    id: 'reasons',
    citation: 'forvaltningsloven §§ 24–25',
    requirement: {
      nb: 'Enkeltvedtak skal begrunnes: reglene vedtaket bygger på, de faktiske forholdene og hovedhensynene ved skjønnet. Begrunnelse kan bare unnlates når søknaden innvilges fullt ut og det ikke er grunn til å tro at parten vil være misfornøyd.',
      en: 'A decision gives its reasons: the rules, the facts and the main considerations of the discretion. Reasons may be left out only when fully granted and the party is unlikely to be dissatisfied.',
    },
  },
  hoursWhereMoneyFollowsHours: {
    id: 'hours_where_money_follows_hours',
    citation: 'forskrift om egenandel for kommunale helse- og omsorgstjenester (practical help is charged by the hour); seed 002 L869',
    requirement: {
      nb: 'Vedtak om praktisk bistand, omsorgsstønad, støttekontakt og BPA med privat leverandør må angi timer, fordi egenandel, lønn eller betaling regnes ut fra timer.',
      en: 'Decisions on practical help, care allowance, support contact and BPA state hours, because charges, pay or payment are computed from hours.',
    },
    verify: 'The exact paragraph of egenandelsforskriften that charges practical help by the hour.',
  },
  noHoursInInstitution: {
    id: 'no_hours_in_institution',
    citation: 'domain reference §6; seed 002 L875–892 (Figure 6)',
    requirement: { nb: 'Vedtak om opphold i institusjon angir plass, ikke timer.', en: 'A decision on an institution stay grants a place, not hours.' },
  },
  notification: {
    id: 'notification',
    citation: 'forvaltningsloven § 27 tredje ledd, jf. § 18',
    requirement: {
      nb: 'Underretningen skal opplyse om klageadgang, klagefrist, klageinstans, fremgangsmåten ved klage og retten til å se sakens dokumenter.',
      en: 'The notification states the right to complain, the deadline, the complaint body, how to complain, and the right to see the case documents.',
    },
  },
  decisionForm: {
    id: 'decision_form',
    citation: 'forvaltningsloven § 25 første ledd; seed 002 L869–892 (Figure 6); the municipality’s policy and service catalogue',
    requirement: {
      nb: 'Vedtaket angir form og omfang slik tjenestekatalogen og delegeringen krever: timefestet med timer, tjenestebeskrivende med oppgaver og normtid, ramme med høyeste omfang og mål, eller plass uten timer.',
      en: 'The decision states its form and extent as the catalogue and the policy require: time-fixed with hours, norm time with tasks and norm times, a frame with its maximum and goals, or a place without hours.',
    },
  },
  duration: {
    id: 'decision_duration',
    citation: 'forvaltningsloven § 35; pasient- og brukerrettighetsloven § 2-7; Lovavdelingen 2013 (domain reference §3)',
    requirement: {
      nb: 'Et vedtak om en tjeneste som er ment å vare lenger enn to uker, har en startdato, en dato for revurdering og enten en sluttdato eller «inntil videre». Tjenester på to uker eller mindre kan gis uten.',
      en: 'A decision on a service meant to last more than two weeks has a start, a re-evaluation date, and either an end date or "until further notice". Services of two weeks or less may run without.',
    },
    days: 14,
  },
  assessedFacts: {
    id: 'assessed_facts',
    citation: 'forvaltningsloven §§ 17 og 25 annet ledd',
    requirement: {
      nb: 'Saken skal være så godt opplyst som mulig før vedtak; begrunnelsen nevner de faktiske forholdene. Vedtak uten fullført kartlegging krever en registrert grunn som vises i begrunnelsen.',
      en: 'The case is clarified before a decision, and the reasons name the facts. A decision without a completed assessment needs a recorded reason, shown in the reasons.',
    },
  },
  changeToDetriment: {
    id: 'change_to_detriment',
    citation: 'forvaltningsloven §§ 16 og 35',
    requirement: {
      nb: 'Et løpende vedtak kan ikke uten videre endres til skade for parten; reduksjon krever ny individuell vurdering, forhåndsvarsel og nytt vedtak.',
      en: 'A running decision may not simply be changed to the person’s detriment; a reduction needs a new assessment, advance notice and a new decision.',
    },
  },
} as const satisfies Record<string, LegalRule & Record<string, unknown>>;

/**
 * The right a request rests on: a decision must answer the request as made, so when another service
 * is decided, or less is granted than asked, the request's own outcome is recorded against its rule.
 */
export const REQUEST_RULES = {
  necessaryServices: {
    id: 'right_to_necessary_services',
    citation: 'pasient- og brukerrettighetsloven § 2-1 a annet ledd',
    requirement: {
      nb: 'Pasient og bruker har rett til nødvendige helse- og omsorgstjenester fra kommunen.',
      en: 'A patient or user has the right to necessary health and care services from the municipality.',
    },
  },
  bpa: {
    id: 'right_to_bpa',
    citation: 'pasient- og brukerrettighetsloven § 2-1 d',
    requirement: {
      nb: 'Personer under 67 år med langvarig og stort behov for personlig assistanse har rett til å få tjenestene organisert som brukerstyrt personlig assistanse (stort behov: minst 32 timer i uken, eller minst 25 timer når det ikke medfører vesentlig økte kostnader). Søknad om BPA skal besvares som det.',
      en: 'Persons under 67 with a long-term, large need for personal assistance have a right to have the services organised as BPA (large need: at least 32 hours a week, or at least 25 hours unless substantially more costly). A request for BPA is answered as such.',
    },
    verify: 'The thresholds (32 and 25 hours a week) against the current text of § 2-1 d.',
  },
  representativeAuthority: {
    id: 'representative_authority',
    citation: 'forvaltningsloven § 12 annet og tredje ledd',
    requirement: {
      nb: 'Den som søker på vegne av en annen, må legge fram skriftlig fullmakt (advokater unntatt); forvaltningsorganet skal se fullmakten før det legger vekt på søknaden. En søknad på vegne av en annen gjennom den digitale kanalen prøves derfor av tildelingskontoret før saken avgjøres.',
      en: 'Whoever applies on another’s behalf presents a written authority (lawyers excepted); the authority checks it before acting on the application. An application for someone else through the digital channel is therefore checked by the office before the case is decided.',
    },
  },
  longTermStay: {
    id: 'right_to_long_term_stay',
    citation: 'pasient- og brukerrettighetsloven § 2-1 e',
    requirement: {
      nb: 'Den som etter en helse- og omsorgsfaglig vurdering bare kan få forsvarlige tjenester ved langtidsopphold i sykehjem, har rett til slikt opphold.',
      en: 'A person who after a professional assessment can only receive adequate services through a long-term nursing-home stay has the right to one.',
    },
  },
} as const satisfies Record<string, LegalRule>;

export const COMPLAINT_RULES = {
  body: {
    id: 'complaint_body',
    citation: 'pasient- og brukerrettighetsloven § 7-2',
    requirement: { nb: 'Klagen sendes til den som fattet vedtaket; klageinstans er Statsforvalteren.', en: 'The complaint goes to the body that decided; the complaint body is Statsforvalteren.' },
  },
  bodyMunicipal: {
    id: 'complaint_body_municipal',
    citation: 'forvaltningsloven § 28 annet ledd',
    requirement: {
      nb: 'Et vedtak etter forvaltningsloven alene (som tildeling av omsorgsbolig) påklages til kommunestyret eller en særskilt klagenemnd oppnevnt av kommunestyret, ikke til Statsforvalteren.',
      en: 'A decision under forvaltningsloven alone (such as allocating a care flat) is complained about to the municipal council or a special complaints board it appoints, not to Statsforvalteren.',
    },
    verify: 'Which body the municipality has made its complaints board (kommunestyret or a klagenemnd) for housing decisions.',
  },
  representative: {
    id: 'complaint_representative',
    citation: 'forvaltningsloven § 12; pasient- og brukerrettighetsloven § 7-2',
    requirement: {
      nb: 'Parten kan la seg representere. Den som klager på vegne av parten, skal ha sin fullmakt registrert: skriftlig fullmakt (advokater trenger ikke legge fram fullmakt), verge eller foreldreansvar.',
      en: 'A party may be represented. Whoever complains on the party’s behalf has their authority recorded: a written power of attorney (a lawyer need not present one), guardianship, or parental responsibility.',
    },
    verify: 'Which kinds of representation beyond fvl § 12 (vergemålsloven, pbrl § 4-6 for next of kin of a person without capacity) the municipality accepts for complaints.',
  },
  postedInTime: {
    id: 'complaint_posted_in_time',
    citation: 'forvaltningsloven § 30 første ledd bokstav a',
    requirement: {
      nb: 'Fristen er overholdt når klagen er overlevert til postoperatør før fristen går ut, selv om den kommer fram senere.',
      en: 'A complaint handed to a postal operator before the deadline runs out is in time, even if it arrives later.',
    },
  },
  lateComplaint: {
    id: 'late_complaint',
    citation: 'forvaltningsloven § 31',
    requirement: {
      nb: 'En klage etter fristen kan tas under behandling når parten ikke kan lastes for å ha klaget for sent, eller det av særlige grunner er rimelig; grunnen skal registreres.',
      en: 'A late complaint may be considered if the party cannot be blamed for the delay, or for special reasons; the reason is recorded.',
    },
  },
  finalOnComplaint: {
    id: 'complaint_final',
    citation: 'forvaltningsloven § 28 tredje ledd',
    requirement: {
      nb: 'Vedtak i klagesak kan ikke påklages. Klageinstansens vedtak (Statsforvalteren eller kommunens klagenemnd) er endelig; en ny søknad gir et nytt vedtak.',
      en: 'A decision made in a complaint case cannot be appealed: the complaint body’s decision (Statsforvalteren’s or the municipal complaints board’s) is final; a new request gets a new decision.',
    },
  },
  sentBack: {
    id: 'complaint_sent_back',
    citation: 'forvaltningsloven § 34 fjerde ledd',
    requirement: {
      nb: 'Klageinstansen kan oppheve vedtaket og sende saken tilbake til ny behandling; saken avgjøres da med et nytt vedtak.',
      en: 'The complaint body may quash the decision and send the case back to be decided anew; it is then decided by a new decision.',
    },
  },
  ownReview: {
    id: 'own_review',
    citation: 'forvaltningsloven § 33 annet og fjerde ledd',
    requirement: {
      nb: 'Vedtaksorganet vurderer saken på nytt og kan oppheve eller endre vedtaket; ellers sendes saken til klageinstansen med saksdokumentene.',
      en: 'The deciding body reviews the case and may change it; otherwise it forwards the case with its documents.',
    },
  },
} as const satisfies Record<string, LegalRule>;

/** Every rule, for the register served to jurists (GET /api/v1/law). */
export function legalRegister(): LegalRule[] {
  return [DEADLINE_COUNTING, ...Object.values(DEADLINES), ...Object.values(DECISION_RULES), ...Object.values(REQUEST_RULES), ...Object.values(COMPLAINT_RULES)];
}

/**
 * The rules behind the work items a case carries beyond the decision itself (issue 14): answering a
 * request without a decision, sending the person on, warning before a change to their detriment.
 */
export const FOLLOW_UP_RULES = {
  advanceNotice: {
    id: 'advance_notice',
    citation: 'forvaltningsloven § 16; § 35 (change to the detriment of the party)',
    requirement: {
      nb: 'Før et løpende vedtak reduseres eller avsluttes, skal parten varsles og få uttale seg (forhåndsvarsel), med mindre varsel er åpenbart unødvendig eller ikke praktisk gjennomførbart (§ 16 tredje ledd); grunnen registreres.',
      en: 'Before a running decision is reduced or ended, the party is notified and may comment (advance notice), unless notice is clearly unnecessary or impracticable (§ 16 third paragraph); the reason is recorded.',
    },
  },
  onwardReferral: {
    id: 'onward_referral',
    citation: 'forvaltningsloven § 11 (veiledningsplikt)',
    requirement: {
      nb: 'Den som får avslag eller delvis avslag, skal få veiledning om hvor behovet kan møtes (fastlege, spesialisthelsetjenesten, NAV, frivillige eller lavterskeltilbud); henvisningen står i saken og i brevet.',
      en: 'A person who is refused, fully or partly, is guided to where the need can be met (GP, specialist health service, NAV, voluntary or low-threshold offers); the referral is in the case and in the letter.',
    },
  },
  lowThresholdAnswer: {
    id: 'low_threshold_answer',
    citation: 'seed 004 L396–398, L2212–2232 (Sammen om mestring: pathway 1 gets a low-threshold offer, which needs no decision); pasient- og brukerrettighetsloven § 2-7 (the right to a decision)',
    requirement: {
      nb: 'En henvendelse kan besvares med et lavterskeltilbud uten vedtak bare når kriteriene peker dit og personen takker ja; personen er informert om retten til å kreve et vedtak som kan påklages.',
      en: 'A request may be answered by a low-threshold offer without a decision only where the criteria point there and the person accepts; the person is told they may still ask for a decision that can be appealed.',
    },
    verify: 'That a request answered by agreement with a low-threshold offer needs no individual decision under pbrl § 2-7.',
  },
  revisionRule: {
    id: 'revision_rule',
    citation: 'seed 002 L848–851 (the unit’s rule: a sustained change of ±25 % of decided time, registered in IPLOS first)',
    requirement: {
      nb: 'Et vedtak revideres etter endret behov først når endringen er vedvarende over observasjonsperioden og vist i en ny IPLOS-registrering; uten leveransedata er det ikke nok grunnlag.',
      en: 'A decision is revised for a change in need only when the change is sustained over the observation window and shown in a new IPLOS registration; without delivery data there is not enough to go on.',
    },
  },
} as const satisfies Record<string, LegalRule>;
