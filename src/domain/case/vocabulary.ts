/**
 * The words of the case lifecycle. Each value is a stable code stored in the database; the
 * Norwegian term is given beside the English name for readers who know the field.
 */

/** Where a case stands in its lifecycle (saksstatus). */
export const CASE_STATUSES = [
  'received', // request received (søknad/henvendelse mottatt)
  'under_assessment', // under assessment (under kartlegging)
  'decided', // decided (vedtak fattet): granted, partly granted or refused
  'service_arranged', // service arranged with a provider (tjeneste bestilt/iverksatt hos utfører)
  'active', // service being delivered (aktiv tjeneste)
  'under_reevaluation', // under re-evaluation (under revurdering)
  'ended', // ended (avsluttet)
  'withdrawn', // withdrawn by the applicant (trukket)
  'answered_low_threshold', // answered by a low-threshold offer the person accepted, without a decision (besvart med lavterskeltilbud)
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The outcome of a decision (vedtaksutfall). */
export const DECISION_OUTCOMES = [
  'granted', // innvilget
  'partly_granted', // delvis innvilget
  'refused', // avslag
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * The complaint branch (klagesak). While a complaint is open the case sits in one of these stages,
 * and returns to the status it had when the stage closes (unless the complaint changes the decision).
 */
export const COMPLAINT_STAGES = [
  'own_review', // the deciding body's own review (underinstansens behandling, fvl § 33)
  'with_statsforvalteren', // forwarded to the complaint body: Statsforvalteren, or for a care flat the municipal complaints board (the stored name predates the second)
] as const;
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

/**
 * The key that the transition table is indexed by: the status, or the complaint stage while a
 * complaint is open.
 */
export type CaseStateKey = CaseStatus | `complaint_${ComplaintStage}`;

export const CASE_STATE_KEYS: readonly CaseStateKey[] = [
  ...CASE_STATUSES,
  ...COMPLAINT_STAGES.map((stage) => `complaint_${stage}` as const),
];

/** Statuses in which a service is arranged or running: ordered from a provider, started, or under re-evaluation. */
export const UNDER_SERVICE_STATUSES: readonly CaseStatus[] = ['service_arranged', 'active', 'under_reevaluation'];

/** Statuses in which nothing more happens to the case except notes and corrections. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['ended', 'withdrawn', 'answered_low_threshold'];

/** How the request reached the municipality ("one door in"). */
export const REQUEST_CHANNELS = [
  'self', // the person
  'relative', // pårørende
  'representative', // a representative with authority (fullmektig, verge)
  'gp', // fastlege
  'hospital', // spesialisthelsetjenesten, e.g. a patient ready for discharge
  'municipal_service', // the municipality's own services
  'other',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/**
 * Follow-ups a rule opens on a case (oppfølging), each a work item with a due date until it is answered:
 * - sustained_change: delivery has differed from decided time beyond the unit's revision rule (seed 002 L848–851);
 * - hours_without_score_change: a decision raised the hours while the IPLOS scores did not rise (seed 002 over-service);
 * - frame_adjustment: the action plan has departed from the decided hours for longer than the policy allows.
 */
export const FOLLOW_UP_KINDS = ['sustained_change', 'hours_without_score_change', 'frame_adjustment'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Where someone is sent on when the municipality's service is not the answer (videre henvisning). */
export const REFERRAL_TARGETS = [
  'gp', // fastlege
  'specialist_health_service', // spesialisthelsetjenesten
  'nav', // NAV
  'voluntary', // frivillige tilbud
  'low_threshold', // kommunale lavterskeltilbud
  'other',
] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/**
 * The diagnosis group a request states, where the municipality routes by it (e.g. dementia to a
 * dementia team, mental health and substance use to its own unit). Broad groups, not diagnoses: the
 * request carries no more health information than routing needs.
 */
export const DIAGNOSIS_GROUPS = [
  'dementia', // demens
  'mental_health_substance_use', // psykisk helse og rus
  'intellectual_disability', // utviklingshemming
  'somatic', // somatisk sykdom
  'palliative', // lindrende behandling
  'children_youth', // barn og unge
] as const;
export type DiagnosisGroup = (typeof DIAGNOSIS_GROUPS)[number];
