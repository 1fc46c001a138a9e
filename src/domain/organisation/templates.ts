/**
 * Policy templates for the organisational models of the domain reference §2. A municipality starts
 * from one and changes what its practice differs in; the seeds' finding is that practice, not the
 * label, explains results, so every rule here is a setting, not a consequence of the label.
 */
import type { Grant, PolicyRules } from './policy.ts';

const TIME_FIXED_BY_LAW: PolicyRules['decisionForms'] = {
  // Hours are mandatory where money is computed from hours (seed 002 L869; domain reference §6).
  practical_help: ['time_fixed'],
  care_allowance: ['time_fixed'],
  support_contact: ['time_fixed'],
  bpa: ['time_fixed'],
  short_term_stay: ['place'],
  long_term_stay: ['place'],
};

const ESCALATION: PolicyRules['escalationDays'] = {
  request: 14,
  assessment: 30,
  order: 14,
  delivery_start: 14,
  change_report: 14,
  complaint: 21,
};

const office = (label: string, roles: Grant['roles']): Grant => ({ label, roles, unitKinds: ['allocation_office'] });
const team = (label: string, roles: Grant['roles']): Grant => ({ label, roles, unitKinds: ['interdisciplinary_team'] });
const providers: Grant = { label: 'staff of the providing units', roles: ['provider_staff'], unitKinds: ['municipal_provider', 'private_provider'] };

/** Separate allocation office: purchaser–provider (bestiller–utfører; seed 002 category 2). */
export const PURCHASER_PROVIDER: PolicyRules = {
  model: 'purchaser_provider',
  activityBasedFunding: false,
  intake: 'allocation_office',
  grants: {
    register: [office('caseworkers in the allocation office', ['caseworker', 'team_leader'])],
    assess: [office('caseworkers in the allocation office', ['caseworker', 'team_leader'])],
    decide: [office('caseworkers in the allocation office', ['caseworker', 'team_leader'])],
    approve: [office('the professional leader of the allocation office', ['team_leader'])],
    order: [office('caseworkers in the allocation office', ['caseworker', 'team_leader'])],
    adjust_within_frame: [],
    propose_change: [providers],
  },
  orderStep: true,
  separationOfDuties: true,
  providerAssessmentIsProposal: true,
  decisionForms: { ...TIME_FIXED_BY_LAW, home_nursing: ['time_fixed', 'norm_time'] },
  secondPersonAboveIncrease: 10,
  boardQuorum: null,
  escalationDays: ESCALATION,
  reassignAfterAbsentDays: 14,
};

/** As purchaser–provider, with the money following the decision (ISF/ABF; seed 002 category 3). */
/** Where money follows the decision, a decision is revised only after a lasting change that shows in IPLOS (seed 002 L848–851, L935). */
export const PURCHASER_PROVIDER_ABF: PolicyRules = {
  ...PURCHASER_PROVIDER,
  activityBasedFunding: true,
  changeRevision: { thresholdPercent: 25, windowWeeks: 4, requireIplosChange: true },
};

/** Trust model: interdisciplinary teams assess, decide within frames and deliver (seed 003). */
export const TRUST_MODEL: PolicyRules = {
  model: 'trust_model',
  activityBasedFunding: false,
  intake: 'geographic_team',
  grants: {
    register: [team('members of the team', ['caseworker', 'team_member', 'team_leader'])],
    assess: [team('members of the team', ['caseworker', 'team_member', 'team_leader'])],
    decide: [team("the team's caseworker or team leader", ['caseworker', 'team_leader'])],
    approve: [team('the team leader', ['team_leader'])],
    order: [team("the team's caseworker (orders to private providers)", ['caseworker', 'team_leader'])],
    adjust_within_frame: [team('members of the team', ['caseworker', 'team_member', 'team_leader'])],
    propose_change: [team('members of the team', ['caseworker', 'team_member', 'team_leader']), providers],
  },
  orderStep: false,
  separationOfDuties: false,
  providerAssessmentIsProposal: false,
  decisionForms: { ...TIME_FIXED_BY_LAW, home_nursing: ['frame', 'time_fixed'], psychiatric_home_services: ['frame', 'time_fixed'] },
  // Nobody stands alone when more for one user means less for another (seed 003).
  secondPersonAboveIncrease: 5,
  boardQuorum: null,
  escalationDays: ESCALATION,
  reassignAfterAbsentDays: 14,
};

/** Allocation board: a small fixed board decides in meetings (tildelingsnemnd/-råd). */
export const ALLOCATION_BOARD: PolicyRules = {
  model: 'allocation_board',
  activityBasedFunding: false,
  intake: 'allocation_board',
  grants: {
    register: [{ label: 'the board and its caseworkers', roles: ['board_member', 'caseworker'] }],
    assess: [{ label: 'board members, caseworkers and staff of the delivering units', roles: ['board_member', 'caseworker', 'provider_staff'] }],
    decide: [{ label: 'the allocation board, in a meeting', roles: ['board_member'], unitKinds: ['allocation_board'] }],
    approve: [],
    order: [{ label: 'the board and its caseworkers', roles: ['board_member', 'caseworker'] }],
    adjust_within_frame: [],
    propose_change: [{ label: 'staff of the delivering units', roles: ['provider_staff'] }],
  },
  orderStep: true,
  separationOfDuties: false,
  providerAssessmentIsProposal: false,
  decisionForms: TIME_FIXED_BY_LAW,
  secondPersonAboveIncrease: null,
  boardQuorum: 3,
  escalationDays: ESCALATION,
  reassignAfterAbsentDays: 14,
};

/** Hybrid (seed 000 "Sjøglott", seed 001 M10): the team assesses, the allocation unit writes the decision. */
export const HYBRID: PolicyRules = {
  model: 'hybrid',
  activityBasedFunding: false,
  intake: 'allocation_office',
  grants: {
    register: [office('the allocation unit', ['caseworker', 'team_leader']), team('members of the team', ['caseworker', 'team_member'])],
    assess: [team('members of the team', ['caseworker', 'team_member', 'team_leader']), office('the allocation unit', ['caseworker'])],
    decide: [office('caseworkers in the allocation unit', ['caseworker', 'team_leader'])],
    approve: [],
    order: [office('caseworkers in the allocation unit', ['caseworker', 'team_leader'])],
    adjust_within_frame: [team('members of the team', ['caseworker', 'team_member', 'team_leader'])],
    propose_change: [team('members of the team', ['caseworker', 'team_member']), providers],
  },
  orderStep: true,
  separationOfDuties: false,
  providerAssessmentIsProposal: false,
  decisionForms: { ...TIME_FIXED_BY_LAW, home_nursing: ['frame', 'time_fixed', 'norm_time'] },
  secondPersonAboveIncrease: 8,
  boardQuorum: null,
  escalationDays: ESCALATION,
  reassignAfterAbsentDays: 14,
};

/** Integrated allocation: the delivering unit assesses and decides (seed 001 M7). */
export const INTEGRATED: PolicyRules = {
  model: 'integrated',
  activityBasedFunding: false,
  intake: 'delivering_unit',
  grants: {
    register: [providers],
    assess: [providers],
    decide: [{ label: 'the leader or staff of the delivering unit', roles: ['provider_staff', 'team_leader'], unitKinds: ['municipal_provider'] }],
    approve: [],
    order: [],
    adjust_within_frame: [providers],
    propose_change: [providers],
  },
  orderStep: false,
  separationOfDuties: false,
  providerAssessmentIsProposal: false,
  decisionForms: TIME_FIXED_BY_LAW,
  secondPersonAboveIncrease: null,
  boardQuorum: null,
  escalationDays: ESCALATION,
  reassignAfterAbsentDays: 14,
};

export const POLICY_TEMPLATES = {
  purchaser_provider: PURCHASER_PROVIDER,
  purchaser_provider_abf: PURCHASER_PROVIDER_ABF,
  trust_model: TRUST_MODEL,
  allocation_board: ALLOCATION_BOARD,
  hybrid: HYBRID,
  integrated: INTEGRATED,
} as const;
