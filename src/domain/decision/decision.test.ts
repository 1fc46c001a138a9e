import { describe, expect, it } from 'vitest';
import type { ActionPayload, CaseAction } from '../case/actions.ts';
import { applyAction, deriveCaseState } from '../case/state.ts';
import { actionProblems } from './checks.ts';
import { openingAction } from '../../../test/helpers/walk.ts';
import { complaintDeadlineRule, complaintTimeliness } from './complaints.ts';
import { assembleReasons } from './reasons.ts';
import { complaintBodyOf, decidedUnderForvaltningsloven, SERVICE_CODES } from '../services/catalogue.ts';
import { formsFor, policyCatalogueProblems } from './forms.ts';
import { POLICY_TEMPLATES } from '../organisation/templates.ts';
import { catalogueProblems } from '../services/catalogueVersion.ts';
import { validateDecision, type DecisionFacts } from './validate.ts';
import { DEADLINES } from '../law/rules.ts';

const base: ActionPayload<'decision_made'> = {
  outcome: 'granted',
  serviceCode: 'home_nursing',
  form: 'time_fixed',
  hoursPerWeek: 3,
  validFrom: '2026-12-01',
  untilFurtherNotice: true,
  reevaluateBy: '2027-06-01',
  summary: 'Innvilget',
};
const facts: DecisionFacts = { requestedService: 'home_nursing', formsFor: (code) => formsFor(null, code), completedAssessment: true };
const check = (d: Partial<ActionPayload<'decision_made'>>, f: Partial<DecisionFacts> = {}) => validateDecision({ ...base, ...d }, { ...facts, ...f });
const fields = (d: Partial<ActionPayload<'decision_made'>>, f: Partial<DecisionFacts> = {}) => check(d, f).map((p) => p.field);

describe('decision content rules', () => {
  it('requires hours where money is computed from hours, citing the rule', () => {
    const problems = check({ serviceCode: 'practical_help', hoursPerWeek: undefined }, { requestedService: 'practical_help' });
    expect(problems).toEqual([expect.objectContaining({ field: 'hoursPerWeek' })]);
    expect(fields({ serviceCode: 'practical_help', hoursPerWeek: 3 }, { requestedService: 'practical_help' })).toEqual([]);
    expect(fields({ serviceCode: 'practical_help', outcome: 'refused', considerations: 'Ikke behov' }, { requestedService: 'practical_help' })).toEqual([]);
  });

  it('refuses a granted decision without a form where the service has forms, instead of skipping the form rules', () => {
    expect(check({ form: undefined })).toEqual([expect.objectContaining({ field: 'form', citation: expect.stringContaining('forvaltningsloven § 25') })]);
  });

  it('holds each form to what it demands: hours, tasks with norm times, a frame with goals, a place without hours', () => {
    expect(fields({ form: 'time_fixed', hoursPerWeek: undefined })).toEqual(['hoursPerWeek']);
    expect(fields({ form: 'norm_time', hoursPerWeek: undefined })).toEqual(['tasks']);
    expect(fields({ form: 'norm_time', hoursPerWeek: undefined, tasks: [{ text: 'Medisiner', normMinutes: 15, perWeek: 7 }] })).toEqual([]);
    expect(fields({ form: 'frame', hoursPerWeek: undefined })).toEqual(['frame']);
    expect(fields({ form: 'frame', hoursPerWeek: undefined, frame: { maxHoursPerWeek: 4, goals: ['Klarer dusj selv'] } })).toEqual([]);
    expect(fields({ serviceCode: 'long_term_stay', form: 'place', hoursPerWeek: 20 }, { requestedService: 'long_term_stay' })).toEqual(['hoursPerWeek']);
    expect(fields({ serviceCode: 'long_term_stay', form: 'time_fixed' }, { requestedService: 'long_term_stay' })).toEqual(['form', 'hoursPerWeek']);
    expect(fields({ serviceCode: 'long_term_stay', form: 'place', hoursPerWeek: undefined }, { requestedService: 'long_term_stay' })).toEqual([]);
  });

  it('decides a care flat as a place (catalogue and default policy agree)', () => {
    expect(fields({ serviceCode: 'care_flat', form: 'place', hoursPerWeek: undefined }, { requestedService: 'care_flat' })).toEqual([]);
  });

  it('requires goals for psychiatric home services (seed 004 G-05)', () => {
    const psych = { serviceCode: 'psychiatric_home_services' as const };
    expect(fields(psych, { requestedService: 'psychiatric_home_services' })).toEqual(['goals']);
    expect(fields({ ...psych, goals: ['Mestre hverdagen'] }, { requestedService: 'psychiatric_home_services' })).toEqual([]);
  });

  it('requires the main considerations for refusals and partial grants (fvl §§ 24–25)', () => {
    const [refused] = check({ outcome: 'refused' });
    expect(refused).toMatchObject({ field: 'considerations', citation: 'forvaltningsloven §§ 24–25' });
    expect(fields({ outcome: 'partly_granted' })).toEqual(['considerations']);
    expect(fields({ outcome: 'partly_granted', considerations: 'Lavere omfang dekker behovet' })).toEqual([]);
  });

  it('requires an end or "until further notice" and a re-evaluation for a service over two weeks; not for two weeks or less', () => {
    expect(fields({ untilFurtherNotice: undefined })).toEqual(['validTo']);
    expect(fields({ reevaluateBy: undefined })).toEqual(['reevaluateBy']);
    expect(fields({ untilFurtherNotice: undefined, validTo: '2026-12-14', reevaluateBy: undefined })).toEqual([]);
    expect(fields({ untilFurtherNotice: undefined, validTo: '2026-12-15', reevaluateBy: undefined })).toEqual(['reevaluateBy']);
    expect(fields({ untilFurtherNotice: undefined, validTo: '2027-03-01', reevaluateBy: '2027-04-01' })).toEqual(['reevaluateBy']);
    expect(fields({ validTo: '2027-03-01' })).toEqual(['untilFurtherNotice']);
    expect(fields({ untilFurtherNotice: undefined, validTo: '2026-11-01' })).toEqual(['validTo']);
  });

  it('answers the request itself when another service is decided (BPA asked, practical help decided)', () => {
    const asBpa = { requestedService: 'bpa' };
    const practical = { serviceCode: 'practical_help' as const, hoursPerWeek: 6 };
    expect(check(practical, asBpa)).toEqual([expect.objectContaining({ field: 'requestAnswer', citation: 'pasient- og brukerrettighetsloven § 2-1 d' })]);
    expect(fields({ ...practical, requestAnswer: { outcome: 'refused', reasons: 'Behovet er under 25 timer i uken' } }, asBpa)).toEqual([]);
    expect(fields({ requestAnswer: { outcome: 'refused', reasons: 'x' } })).toEqual(['requestAnswer']);
  });

  it('needs a completed assessment, or a recorded reason for deciding without one', () => {
    expect(check({}, { completedAssessment: false })).toEqual([expect.objectContaining({ field: 'withoutAssessmentReason', citation: 'forvaltningsloven §§ 17 og 25 annet ledd' })]);
    expect(fields({ withoutAssessmentReason: 'Akutt behov etter utskrivning' }, { completedAssessment: false })).toEqual([]);
  });

  it('checks every service of a package', () => {
    const pkg = {
      serviceCode: 'care_flat' as const,
      form: 'place' as const,
      hoursPerWeek: undefined,
      alternativeTo: 'long_term_stay' as const,
      requestAnswer: { outcome: 'partly_granted' as const, reasons: 'Omsorgsbolig med tjenester dekker behovet' },
      outcome: 'partly_granted' as const,
      considerations: 'Pakken dekker behovet',
      package: [{ serviceCode: 'home_nursing' as const, form: 'norm_time' as const, hoursPerWeek: 3 }, { serviceCode: 'day_centre' as const, form: 'time_fixed' as const, hoursPerWeek: 6 }],
    };
    expect(fields(pkg, { requestedService: 'long_term_stay' })).toEqual([]);
    expect(fields({ ...pkg, package: [{ serviceCode: 'practical_help' as const, form: 'time_fixed' as const }] }, { requestedService: 'long_term_stay' })).toEqual(['package.0.hoursPerWeek']);
  });
});

describe('policy and catalogue', () => {
  it('refuses a policy that allows a form the catalogue forbids, naming the rule', () => {
    expect(policyCatalogueProblems({ decisionForms: { practical_help: ['frame'] } })).toEqual([
      expect.objectContaining({ field: 'rules.decisionForms.practical_help', rule: 'decision_form' }),
    ]);
    expect(policyCatalogueProblems({ decisionForms: { home_nursing: ['time_fixed', 'norm_time'], care_flat: ['place'] } })).toEqual([]);
  });

  it('finds the default catalogue lawful, and every model template in agreement with it', () => {
    expect(catalogueProblems({})).toEqual([]);
    for (const [name, rules] of Object.entries(POLICY_TEMPLATES)) expect(policyCatalogueProblems(rules), name).toEqual([]);
  });

  it('narrows the catalogue by the policy, never widens it', () => {
    expect(formsFor(null, 'care_flat')).toEqual(['place']);
    expect(formsFor({ decisionForms: { home_nursing: ['frame'] } }, 'home_nursing')).toEqual(['frame']);
    expect(formsFor({ decisionForms: { practical_help: ['frame'] } }, 'practical_help')).toEqual([]);
  });
});

describe('complaint deadline (pbrl § 7-5, fvl § 31)', () => {
  it('is in time up to the due date, moved off a holiday, and late after it', () => {
    const notified = { serviceCode: 'practical_help', notifiedOn: '2026-03-09' };
    expect(complaintTimeliness(notified, '2026-04-07')).toMatchObject({ due: '2026-04-07', late: false });
    expect(complaintTimeliness(notified, '2026-04-08')).toMatchObject({ late: true, lateRule: 'forvaltningsloven § 31' });
  });

  it('has not begun while the decision has not been notified', () => {
    expect(complaintTimeliness({ serviceCode: 'practical_help', notifiedOn: null }, '2027-03-01')).toMatchObject({ due: null, late: false, citation: 'pasient- og brukerrettighetsloven § 7-5 første ledd' });
  });

  it('is three weeks for a care flat, a decision under forvaltningsloven alone (fvl § 29), four for every health and care service', () => {
    // Notified on Monday 9 March 2026: three weeks end on Monday 30 March, four on Monday 6 April (Easter Monday, so Tuesday 7 April).
    expect(complaintTimeliness({ serviceCode: 'care_flat', notifiedOn: '2026-03-09' }, '2026-03-30')).toMatchObject({ due: '2026-03-30', late: false, citation: 'forvaltningsloven § 29 første ledd' });
    expect(complaintTimeliness({ serviceCode: 'care_flat', notifiedOn: '2026-03-09' }, '2026-03-31')).toMatchObject({ late: true });
    for (const code of SERVICE_CODES.filter((c) => c !== 'care_flat')) {
      expect(complaintTimeliness({ serviceCode: code, notifiedOn: '2026-03-09' }, '2026-04-07'), code).toMatchObject({ due: '2026-04-07', late: false, citation: 'pasient- og brukerrettighetsloven § 7-5 første ledd' });
    }
  });

  it('goes to the complaint body the deadline belongs to: the municipal board with three weeks, Statsforvalteren with four', () => {
    expect(complaintBodyOf('care_flat')).toBe('municipal_board');
    for (const code of SERVICE_CODES) {
      const rule = complaintDeadlineRule(code);
      expect(complaintBodyOf(code), code).toBe(rule === DEADLINES.complaintOther ? 'municipal_board' : 'statsforvalteren');
      expect(complaintBodyOf(code) === 'municipal_board', code).toBe(decidedUnderForvaltningsloven(code));
    }
    expect(complaintBodyOf('no_such_service')).toBe('statsforvalteren');
  });
});

describe('the complaint deadline runs from the decision letter, and a complaint case decides for good', () => {
  const STAFF = '22222222-2222-4222-8222-222222222222';
  const ruleFacts = { formsFor: (code: string) => formsFor(null, code), completedAssessment: true };
  const step = (log: CaseAction[], day: string, type: string, payload: Record<string, unknown>): CaseAction[] => [
    ...log,
    { type, payload, seq: log.length + 1, actorStaffId: STAFF, authority: { roles: ['caseworker', 'leader'], unitIds: [] }, reason: null, occurredAt: `${day}T10:00:00.000Z` } as unknown as CaseAction,
  ];
  const letter = (decisionSeq: number, extra: Record<string, unknown> = {}) => ({ letterId: crypto.randomUUID(), kind: 'decision', sha256: 'x', decisionSeq, ...extra });
  // Decided on Monday 3 June 2024; the letter issued a week later, on Monday 10 June.
  let log = step([openingAction('home_nursing')], '2024-05-20', 'assessment_started', {});
  log = step(log, '2024-06-03', 'decision_made', { ...base, validFrom: '2024-06-03' });
  const decided = log;
  const complaint = (receivedOn: string, extra: Record<string, unknown> = {}) => ({ type: 'complaint_received', payload: { complainant: 'person', receivedOn, summary: 'Klage', concerns: 'decision', ...extra }, seq: 99, actorStaffId: STAFF, authority: { roles: [], unitIds: [] }, reason: null, occurredAt: `${receivedOn}T10:00:00.000Z` }) as unknown as CaseAction;
  const problemsOn = (l: CaseAction[], receivedOn: string, extra: Record<string, unknown> = {}) => actionProblems(deriveCaseState(l), complaint(receivedOn, extra), ruleFacts);

  it('counts four weeks from the day the letter was issued, not the day of the decision', () => {
    const notified = step(decided, '2024-06-10', 'letter_issued', letter(3));
    expect(deriveCaseState(notified).decision).toMatchObject({ decidedOn: '2024-06-03', notifiedOn: '2024-06-10' });
    // Four weeks from 3 June end on 1 July; from the letter, on 8 July.
    expect(problemsOn(notified, '2024-07-03')).toEqual([]);
    expect(problemsOn(notified, '2024-07-08')).toEqual([]);
    expect(problemsOn(notified, '2024-07-09')).toEqual([expect.objectContaining({ field: 'lateAcceptedReason', citation: 'forvaltningsloven § 31' })]);
    expect(problemsOn(notified, '2024-07-09', { lateAcceptedReason: 'Var innlagt på sykehus' })).toEqual([]);
  });

  it('takes a complaint posted by the deadline as in time, whenever it arrives (fvl § 30 first paragraph (a))', () => {
    const notified = step(decided, '2024-06-10', 'letter_issued', letter(3));
    expect(problemsOn(notified, '2024-07-11', { postedOn: '2024-07-08' })).toEqual([]);
    expect(problemsOn(notified, '2024-07-11', { postedOn: '2024-07-09' })).toEqual([expect.objectContaining({ field: 'lateAcceptedReason' })]);
    // A postmark after the day received is a typing error, named by its field.
    expect(problemsOn(notified, '2024-07-01', { postedOn: '2024-07-02' })).toEqual([expect.objectContaining({ field: 'postedOn', citation: 'forvaltningsloven § 30 første ledd bokstav a' })]);
  });

  it('is not moved by a second letter for the same decision, and has not begun before the first', () => {
    expect(deriveCaseState(decided).decision?.notifiedOn).toBeNull();
    expect(problemsOn(decided, '2024-12-02')).toEqual([]);
    const reissued = step(step(decided, '2024-06-10', 'letter_issued', letter(3)), '2024-06-20', 'letter_issued', letter(3, { reissueReason: 'Feil adresse' }));
    expect(deriveCaseState(reissued).decision?.notifiedOn).toBe('2024-06-10');
  });

  it('starts anew for a decision changed on own review, from that decision’s letter', () => {
    let l = step(decided, '2024-06-10', 'letter_issued', letter(3));
    l = step(l, '2024-06-20', 'complaint_received', { complainant: 'person', receivedOn: '2024-06-20', summary: 'Klage', concerns: 'decision' });
    l = step(l, '2024-09-02', 'complaint_reversed_on_review', { outcome: 'partly_granted', summary: 'Delvis omgjort', newDecision: { ...base, outcome: 'partly_granted', hoursPerWeek: 2, validFrom: '2024-09-02', considerations: 'Behovet er mindre' } });
    expect(deriveCaseState(l).decision).toMatchObject({ seq: 6, notifiedOn: null, finalOnComplaint: false });
    expect(problemsOn(l, '2024-09-10')).toEqual([]);
    l = step(l, '2024-09-03', 'letter_issued', letter(6));
    expect(problemsOn(l, '2024-10-01')).toEqual([]);
    expect(problemsOn(l, '2024-10-02')).toEqual([expect.objectContaining({ field: 'lateAcceptedReason' })]);
  });

  it('refuses a complaint against a decision Statsforvalteren has upheld or made (fvl § 28 third paragraph), but not one about the delivery', () => {
    let l = step(decided, '2024-06-10', 'letter_issued', letter(3));
    l = step(l, '2024-06-20', 'complaint_received', { complainant: 'person', receivedOn: '2024-06-20', summary: 'Klage', concerns: 'decision' });
    l = step(l, '2024-07-01', 'complaint_forwarded', { forwardedOn: '2024-07-01', summary: 'Opprettholdt' });
    const upheld = step(l, '2024-09-02', 'complaint_resolved', { result: 'upheld', resolvedOn: '2024-09-02', summary: 'Stadfestet' });
    expect(deriveCaseState(upheld).decision).toMatchObject({ seq: 3, finalOnComplaint: true });
    expect(problemsOn(upheld, '2024-07-05')).toEqual([expect.objectContaining({ field: 'concerns', citation: 'forvaltningsloven § 28 tredje ledd' })]);
    expect(problemsOn(upheld, '2024-07-05', { concerns: 'delivery' }).map((p) => p.citation)).not.toContain('forvaltningsloven § 28 tredje ledd');
    const reversed = step(l, '2024-09-02', 'complaint_resolved', { result: 'reversed', outcome: 'refused', resolvedOn: '2024-09-02', summary: 'Omgjort' });
    expect(deriveCaseState(reversed).decision).toMatchObject({ outcome: 'refused', finalOnComplaint: true, notifiedOn: null });
    expect(problemsOn(reversed, '2024-09-05').map((p) => p.citation)).toEqual(['forvaltningsloven § 28 tredje ledd']);
    // A new decision, on a new request or a re-evaluation, can be complained about again.
    const anew = step(upheld, '2025-01-06', 'decision_made', { ...base, hoursPerWeek: 4, validFrom: '2025-01-06' });
    expect(deriveCaseState(anew).decision).toMatchObject({ finalOnComplaint: false, notifiedOn: null });
  });
});

describe('the rules a decision’s reasons cite (fvl § 25)', () => {
  const cited = (d: Partial<ActionPayload<'decision_made'>>) => assembleReasons({ decision: { ...base, ...d } as ActionPayload<'decision_made'>, evaluation: null, assessment: null, lang: 'nb' }).rules.map((r) => r.citation);
  it('cite the right the request rests on: BPA (pbrl § 2-1 d), a long-term place (§ 2-1 e), and no pbrl right for a care flat', () => {
    expect(cited({ serviceCode: 'bpa', outcome: 'refused' })).toEqual(expect.arrayContaining(['pasient- og brukerrettighetsloven § 2-1 a annet ledd', 'pasient- og brukerrettighetsloven § 2-1 d']));
    expect(cited({ serviceCode: 'long_term_stay', outcome: 'refused' })).toContain('pasient- og brukerrettighetsloven § 2-1 e');
    // Practical help decided instead of the BPA applied for: the BPA right is still answered.
    expect(cited({ serviceCode: 'practical_help', alternativeTo: 'bpa' })).toContain('pasient- og brukerrettighetsloven § 2-1 d');
    expect(cited({ serviceCode: 'practical_help' }).filter((c) => c.startsWith('pasient'))).toEqual(['pasient- og brukerrettighetsloven § 2-1 a annet ledd']);
    expect(cited({ serviceCode: 'care_flat', outcome: 'refused' }).some((c) => c.includes('pasient- og brukerrettighetsloven'))).toBe(false);
  });
});

describe('a reduction recorded as granted (fvl §§ 24–25)', () => {
  it('gives the main considerations, since it is a change to the person’s detriment, not a request granted in full', () => {
    const STAFF = '22222222-2222-4222-8222-222222222222';
    const made = { type: 'decision_made', payload: { ...base, validFrom: '2026-01-06' }, seq: 2, actorStaffId: STAFF, authority: { roles: [], unitIds: [] }, reason: null, occurredAt: '2026-01-06T10:00:00.000Z' } as unknown as CaseAction;
    const state = deriveCaseState([openingAction('home_nursing'), made]);
    const ruleFacts = { formsFor: (code: string) => formsFor(null, code), completedAssessment: true };
    const revision = (payload: Partial<ActionPayload<'decision_made'>>) =>
      actionProblems(state, { ...made, seq: 3, occurredAt: '2026-03-02T10:00:00.000Z', payload: { ...base, validFrom: '2026-03-02', advanceNoticeWaivedReason: 'Etter ønske fra bruker', ...payload } } as CaseAction, ruleFacts).map((p) => [p.field, p.citation]);
    expect(revision({ hoursPerWeek: 1 })).toEqual([['considerations', 'forvaltningsloven §§ 24–25']]);
    expect(revision({ hoursPerWeek: 1, considerations: 'Bedre funksjon etter rehabilitering' })).toEqual([]);
    // The same hours, more hours, or another service: a grant as applied for needs no reasons.
    expect(revision({ hoursPerWeek: 3 })).toEqual([]);
    expect(revision({ hoursPerWeek: 5 })).toEqual([]);
  });
});

describe('found by the random walks (shrunk counterexamples as examples)', () => {
  const opened = deriveCaseState([openingAction('home_nursing')]);
  const refused = { ...opened, status: 'decided' as const, decision: { seq: 2, decidedOn: '2026-01-06', notifiedOn: '2026-01-06', finalOnComplaint: false, outcome: 'refused' as const, serviceCode: 'home_nursing', form: null, hoursPerWeek: null, frame: null, onWaitingList: false, fromWaitingList: false, approvedByStaffId: null, criteria: null, validFrom: '2026-01-06', validTo: null, untilFurtherNotice: false, reevaluateBy: null, requestOutcome: 'refused' as const } };
  const inReview = { ...refused, complaint: { stage: 'own_review' as const, resumeStatus: 'decided' as const } };
  const ruleFacts = { formsFor: (code: string) => formsFor(null, code), completedAssessment: true };
  const as = (body: Record<string, unknown>): CaseAction => ({ ...body, seq: 4, actorStaffId: '22222222-2222-4222-8222-222222222222', authority: { roles: [], unitIds: [] }, reason: null, occurredAt: '2026-01-10T09:00:00.000Z' }) as unknown as CaseAction;

  it('a reversal that grants what was refused must state the new decision in full (it once left a grant with no form and no end)', () => {
    const bare = as({ type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort' } });
    expect(actionProblems(inReview, bare, ruleFacts).map((p) => p.field)).toEqual(['newDecision']);
    const full = as({ type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort', newDecision: base } });
    expect(actionProblems(inReview, full, ruleFacts)).toEqual([]);
    const next = applyAction({ ...inReview, version: 3 }, full);
    expect(next.decision).toMatchObject({ outcome: 'granted', form: 'time_fixed', hoursPerWeek: 3, untilFurtherNotice: true });
  });

  it('a complaint about the delivery needs a provider delivering (it once opened an item nobody owned)', () => {
    const delivery = as({ type: 'complaint_received', payload: { complainant: 'person', receivedOn: '2026-01-10', summary: 'Kom ikke', concerns: 'delivery' } });
    expect(actionProblems(refused, delivery, ruleFacts).map((p) => p.field)).toEqual(['concerns']);
  });
});
