/**
 * The steering card's figures as data (issue 20; seed 003 §4): what each counts, in bokmål, nynorsk
 * and English, and how a mean is formed. A team's cases are those it owns (its queue) or provides.
 */
import type { FigureDefinition } from './figures.ts';

export const STEERING_FIGURE_IDS = [
  'whatMattersDocumented',
  'serviceResponsibleCoverage',
  'primaryContactCoverage',
  'goalsFollowedUpOnTime',
  'daysToAssessment',
  'daysToDecision',
  'daysToStart',
  'performedVsDecided',
  'continuityMean',
  'continuityMedian',
  'complaintsPer100Decisions',
  'complaintsUpheld',
  'complaintsReversed',
  'complaintsSentBack',
  'complaintsOpen',
] as const;
export type SteeringFigureId = (typeof STEERING_FIGURE_IDS)[number];

type Defs = { readonly [Id in SteeringFigureId]: FigureDefinition<Id> };

const complaintShare = <Id extends 'complaintsUpheld' | 'complaintsReversed' | 'complaintsSentBack' | 'complaintsOpen'>(id: Id, nb: [string, string], nn: [string, string], en: [string, string]): FigureDefinition<Id> => ({
  id,
  name: { nb: nb[0], nn: nn[0], en: en[0] },
  definition: {
    nb: `Klager på vedtak mottatt i måneden på teamets saker ${nb[1]}, som andel av klagene.`,
    nn: `Klager på vedtak mottekne i månaden på sakene til teamet ${nn[1]}, som del av klagene.`,
    en: `Complaints against decisions received in the month on the team's cases ${en[1]}, as a share of the complaints.`,
  },
  of: null,
  mean: 'weighted',
});

export const STEERING_DEFINITIONS: Defs = {
  whatMattersDocumented: {
    id: 'whatMattersDocumented',
    name: { nb: '«Hva er viktig for deg?» besvart', nn: '«Kva er viktig for deg?» svara', en: '"What matters to you?" answered' },
    definition: {
      nb: 'Kartlegginger fullført i måneden for teamets brukere der svaret er skrevet med personens egne ord, som andel av kartleggingene (seed 003 E1).',
      nn: 'Kartleggingar fullførte i månaden for brukarane til teamet der svaret er skrive med eigne ord, som del av kartleggingane (seed 003 E1).',
      en: "Assessments completed in the month for the team's users where the answer is written in the person's own words, as a share of the assessments (seed 003 E1).",
    },
    of: null,
    mean: 'weighted',
  },
  serviceResponsibleCoverage: {
    id: 'serviceResponsibleCoverage',
    name: { nb: 'Har tjenesteansvarlig', nn: 'Har tenesteansvarleg', en: 'Has a service-responsible person' },
    definition: {
      nb: 'Teamets saker med tjeneste bestilt, i gang eller under revurdering i dag som har en tjenesteansvarlig, som andel av disse sakene (seed 003 E4).',
      nn: 'Sakene til teamet med teneste bestilt, i gang eller under revurdering i dag som har ein tenesteansvarleg, som del av desse sakene (seed 003 E4).',
      en: "The team's cases with a service ordered, running or under re-evaluation today that have a service-responsible person, as a share of those cases (seed 003 E4).",
    },
    of: null,
    mean: 'weighted',
  },
  primaryContactCoverage: {
    id: 'primaryContactCoverage',
    name: { nb: 'Har primærkontakt', nn: 'Har primærkontakt', en: 'Has a primary contact' },
    definition: {
      nb: 'Som over, for primærkontakt (seed 003 E4).',
      nn: 'Som over, for primærkontakt (seed 003 E4).',
      en: 'As above, for the primary contact (seed 003 E4).',
    },
    of: null,
    mean: 'weighted',
  },
  goalsFollowedUpOnTime: {
    id: 'goalsFollowedUpOnTime',
    name: { nb: 'Mål fulgt opp i tide', nn: 'Mål følgde opp i tide', en: 'Goals followed up on time' },
    definition: {
      nb: 'Mål i kartlegginger av teamets brukere med oppfølgingsdato i måneden (til og med i dag) der en ny kartlegging av personen ble fullført senest den datoen, som andel av målene (seed 003 E2).',
      nn: 'Mål i kartleggingar av brukarane til teamet med oppfølgingsdato i månaden (til og med i dag) der ei ny kartlegging av personen vart fullført seinast den datoen, som del av måla (seed 003 E2).',
      en: "Goals in assessments of the team's users whose follow-up date falls in the month (up to today) where a new assessment of the person was completed by that date, as a share of the goals (seed 003 E2).",
    },
    of: null,
    mean: 'weighted',
  },
  daysToAssessment: {
    id: 'daysToAssessment',
    name: { nb: 'Dager til kartlegging (median)', nn: 'Dagar til kartlegging (median)', en: 'Days to assessment (median)' },
    definition: {
      nb: 'For teamets saker der kartleggingen startet i måneden: dager fra søknaden kom til kartleggingen startet, median (seed 003 E3).',
      nn: 'For sakene til teamet der kartlegginga starta i månaden: dagar frå søknaden kom til kartlegginga starta, median (seed 003 E3).',
      en: "For the team's cases whose assessment began in the month: days from the request to the start of the assessment, median (seed 003 E3).",
    },
    of: null,
    mean: 'none',
  },
  daysToDecision: {
    id: 'daysToDecision',
    name: { nb: 'Dager til vedtak (median)', nn: 'Dagar til vedtak (median)', en: 'Days to decision (median)' },
    definition: {
      nb: 'For teamets saker med første vedtak i måneden: dager fra søknaden kom til første vedtak, median.',
      nn: 'For sakene til teamet med første vedtak i månaden: dagar frå søknaden kom til første vedtak, median.',
      en: "For the team's cases whose first decision was made in the month: days from the request to the first decision, median.",
    },
    of: null,
    mean: 'none',
  },
  daysToStart: {
    id: 'daysToStart',
    name: { nb: 'Dager til oppstart (median)', nn: 'Dagar til oppstart (median)', en: 'Days to start (median)' },
    definition: {
      nb: 'For teamets saker der tjenesten startet i måneden: dager fra søknaden kom til tjenesten startet, median (seed 003 E3).',
      nn: 'For sakene til teamet der tenesta starta i månaden: dagar frå søknaden kom til tenesta starta, median (seed 003 E3).',
      en: "For the team's cases whose service started in the month: days from the request to the start of the service, median (seed 003 E3).",
    },
    of: null,
    mean: 'none',
  },
  performedVsDecided: {
    id: 'performedVsDecided',
    name: { nb: 'Utført mot vedtatt tid', nn: 'Utført mot vedteken tid', en: 'Performed against decided time' },
    definition: {
      nb: 'Utførte timer delt på vedtatte timer i måneden for brukere teamet leverer til. Vektet: summen av utført delt på summen av vedtatt (brukere med mye tid teller mer). Uvektet: snittet av hver brukers forhold (seed 003 C3).',
      nn: 'Utførte timar delt på vedtekne timar i månaden for brukarar teamet leverer til. Vekta: summen av utført delt på summen av vedteke (brukarar med mykje tid tel meir). Uvekta: snittet av forholdet for kvar brukar (seed 003 C3).',
      en: 'Performed hours divided by decided hours in the month for the users the team delivers to. Weighted: the sum performed over the sum decided (users with much time count more). Unweighted: the mean of each user’s ratio (seed 003 C3).',
    },
    of: null,
    mean: 'weighted',
  },
  continuityMean: {
    id: 'continuityMean',
    name: { nb: 'Kontinuitet: ulike ansatte per bruker (snitt)', nn: 'Kontinuitet: ulike tilsette per brukar (snitt)', en: 'Continuity: distinct employees per user (mean)' },
    definition: {
      nb: 'For hver bruker teamet besøkte i måneden: antall ulike ansatte som besøkte brukeren, fra alle team og utførere (en bruker som bytter team telles ikke to ganger). Snittet over brukerne, vektet med brukere som i tabell 5.3 (seed 003 B5).',
      nn: 'For kvar brukar teamet vitja i månaden: talet på ulike tilsette som vitja brukaren, frå alle team og utførarar (ein brukar som byter team blir ikkje talt to gonger). Snittet over brukarane, vekta med brukarar som i tabell 5.3 (seed 003 B5).',
      en: 'For each user the team visited in the month: the number of distinct employees who visited the user, from every team and provider (a user who moves team is not split). The mean over users, weighted by users as in Table 5.3 (seed 003 B5).',
    },
    of: null,
    mean: 'weighted',
  },
  continuityMedian: {
    id: 'continuityMedian',
    name: { nb: 'Kontinuitet: median', nn: 'Kontinuitet: median', en: 'Continuity: median' },
    definition: { nb: 'Medianen av tallet over, over brukerne.', nn: 'Medianen av talet over, over brukarane.', en: 'The median of the figure above, over the users.' },
    of: null,
    mean: 'none',
  },
  complaintsPer100Decisions: {
    id: 'complaintsPer100Decisions',
    name: { nb: 'Klager per 100 vedtak', nn: 'Klager per 100 vedtak', en: 'Complaints per 100 decisions' },
    definition: {
      nb: 'Klager på vedtak mottatt i måneden på teamets saker per 100 vedtak fattet i teamets saker i måneden. n er vedtakene (seed 003 A4).',
      nn: 'Klager på vedtak mottekne i månaden på sakene til teamet per 100 vedtak gjorde i sakene til teamet i månaden. n er vedtaka (seed 003 A4).',
      en: "Complaints against decisions received in the month on the team's cases per 100 decisions made on the team's cases in the month. n is the decisions (seed 003 A4).",
    },
    of: null,
    mean: 'weighted',
  },
  complaintsUpheld: complaintShare('complaintsUpheld', ['Klager: stadfestet', 'der klageinstansen (Statsforvalteren eller kommunens klagenemnd) stadfestet vedtaket'], ['Klager: stadfesta', 'der klageinstansen (Statsforvaltaren eller klagenemnda i kommunen) stadfesta vedtaket'], ['Complaints: upheld', 'where the complaint body (Statsforvalteren or the municipal complaints board) upheld the decision']),
  complaintsReversed: complaintShare('complaintsReversed', ['Klager: omgjort', 'der vedtaket ble omgjort (i egen vurdering eller av klageinstansen)'], ['Klager: gjort om', 'der vedtaket vart gjort om (i eiga vurdering eller av klageinstansen)'], ['Complaints: reversed', 'where the decision was reversed (on own review or by the complaint body)']),
  complaintsSentBack: complaintShare('complaintsSentBack', ['Klager: opphevet', 'der klageinstansen opphevet vedtaket og sendte saken tilbake'], ['Klager: oppheva', 'der klageinstansen oppheva vedtaket og sende saka tilbake'], ['Complaints: sent back', 'where the complaint body set the decision aside and sent the case back']),
  complaintsOpen: complaintShare('complaintsOpen', ['Klager: ikke avgjort', 'som ennå ikke er avgjort'], ['Klager: ikkje avgjorde', 'som enno ikkje er avgjorde'], ['Complaints: pending', 'not yet settled']),
};
