/**
 * Random walks over the transition table (issue 13, item 8): from a registered request, each step
 * picks one of the actions the state allows (or, now and then, one it does not), with a payload that
 * is lawful or broken in one way, and asks the one verdict (schema, judgeAction). After every step:
 *
 * - the state kept step by step equals the state derived from the accepted log, also after a JSON
 *   round trip (as the projection stores it);
 * - versions are contiguous;
 * - the case invariants hold: no accepted order without a granted decision in force, every open item
 *   has an owner, a granted decision holds what its form demands;
 * - a refused action changes nothing;
 * - the content of the current decision (decisionContent.ts: what letters, reasons and payments read)
 *   is the one the state's decision holds, also after a reversal on complaint.
 *
 * CI runs a fixed seed; a longer run: `TILDEL_WALK_RUNS=5000 TILDEL_WALK_SEED=$RANDOM npx vitest run walk.property`.
 * A shrunk counterexample becomes an example test in the "found by the walks" block below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, choice, openingAction, payloadFor, PURE_IDS, type Choice } from '../../../test/helpers/walk.ts';
import { formsFor } from '../decision/forms.ts';
import { addDays } from '../law/deadlines.ts';
import { SERVICE_CODES } from '../services/catalogue.ts';
import { actionPayloadSchemas, type ActionType, type CaseAction } from './actions.ts';
import { currentDecisionContent } from './decisionContent.ts';
import { caseInvariantProblems } from './invariants.ts';
import { judgeAction } from './judge.ts';
import { applyAction, deriveCaseState, type CaseState } from './state.ts';
import { TRANSITIONS, checkTransition } from './transitions.ts';

const STAFF = PURE_IDS.staff[0];
const OFFICE = PURE_IDS.office;
const ALL_TYPES = Object.keys(TRANSITIONS).filter((t) => t !== 'request_received') as ActionType[];

const RUNS = Number(process.env.TILDEL_WALK_RUNS ?? 300);
const SEED = Number(process.env.TILDEL_WALK_SEED ?? 13);

/** Walks one case; returns the accepted log. Throws (failing the property) when an invariant breaks. */
function walk(serviceCode: (typeof SERVICE_CODES)[number], choices: readonly Choice[], prefer: readonly ActionType[] = []): CaseAction[] {
  const log: CaseAction[] = [openingAction(serviceCode)];
  let state = deriveCaseState(log);
  let day = '2026-01-05';
  // Registration routes the case (the pipeline always does).
  const routed = { type: 'case_routed', payload: { unitId: OFFICE, districtId: null, rule: 'Til tildelingskontoret' }, seq: 2, actorStaffId: STAFF, authority: log[0]!.authority, reason: null, occurredAt: '2026-01-05T09:00:00.000Z' } as CaseAction;
  state = applyAction(state, routed);
  log.push(routed);
  for (const c of choices) {
    day = addDays(day, c.days);
    const allowed = ALL_TYPES.filter((t) => checkTransition(state, t, null).ok);
    // A guided walk takes a preferred action a third of the time it is allowed, to reach deep branches.
    const preferred = allowed.filter((t) => prefer.includes(t));
    const type = c.offTable || !allowed.length ? at(ALL_TYPES, c.pick) : preferred.length && c.pick % 3 === 0 ? at(preferred, c.variant) : at(allowed, c.pick);
    const parsed = actionPayloadSchemas[type].safeParse(payloadFor(type, state, day, c));
    if (!parsed.success) continue; // refused at the boundary: nothing is written
    const action = { type, payload: parsed.data, seq: state.version + 1, actorStaffId: STAFF, authority: log[0]!.authority, reason: null, occurredAt: `${day}T10:00:00.000Z` } as CaseAction;
    const verdict = judgeAction(state, action, { formsFor: (code) => formsFor(null, code), completedAssessment: c.assessed });
    if (!verdict.ok) {
      if (verdict.kind === 'transition') expect(allowed).not.toContain(type);
      continue;
    }
    state = applyAction(state, action);
    log.push(action);
    assertAfterStep(state, log);
  }
  return log;
}

function assertAfterStep(state: CaseState, log: readonly CaseAction[]): void {
  const derived = deriveCaseState(log);
  expect(state).toEqual(derived);
  expect(JSON.parse(JSON.stringify(state))).toEqual(JSON.parse(JSON.stringify(derived)));
  expect(log.map((a) => a.seq)).toEqual(log.map((_, i) => i + 1));
  expect(state.version).toBe(log.length);
  expect(caseInvariantProblems(state)).toEqual([]);
  if (state.decision) assertDecisionContent(state.decision, log);
}

/** The content letters, reasons and payments read is the one the state's decision was projected from. */
function assertDecisionContent(d: NonNullable<CaseState['decision']>, log: readonly CaseAction[]): void {
  const content = currentDecisionContent(log, d.seq);
  expect(content).not.toBeNull();
  if (!content) return;
  expect(statedOf(content)).toEqual({ serviceCode: d.serviceCode, form: d.form, hoursPerWeek: d.hoursPerWeek, frame: d.frame, validTo: d.validTo });
  // A place the person waited for on the list is in force from the day they got it: never before the day the decision named.
  if (d.fromWaitingList && !d.onWaitingList) expect(d.validFrom >= content.validFrom).toBe(true);
  else expect({ validFrom: d.validFrom, onWaitingList: d.onWaitingList }).toEqual({ validFrom: content.validFrom, onWaitingList: d.fromWaitingList });
}

function statedOf(c: NonNullable<ReturnType<typeof currentDecisionContent>>) {
  return { serviceCode: c.serviceCode, form: c.form ?? null, hoursPerWeek: c.hoursPerWeek ?? null, frame: c.frame ?? null, validTo: c.validTo ?? null };
}

/** The branches a guided walk leans towards: decisions, complaints on both tracks, the answers to them, and a low-threshold answer (re-routing, allowed in every open state, would otherwise crowd it out). */
const GUIDE: readonly ActionType[] = ['assessment_started', 'decision_made', 'complaint_received', 'complaint_forwarded', 'complaint_resolved', 'place_offered', 'request_answered_low_threshold', 'plan_adjusted'];

describe('random walks over the transition table', () => {
  it('keep projection equal to derivation, versions contiguous and every case invariant, for every service', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVICE_CODES), fc.array(choice, { minLength: 5, maxLength: 40 }), (serviceCode, choices) => {
        walk(serviceCode, choices);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reach deep states: decisions, orders, ends and complaints occur in the walks', () => {
    const seen = new Set<string>();
    fc.assert(
      // Services with every form, so frame decisions and adjustments within them occur too.
      fc.property(fc.constantFrom('home_nursing' as const, 'psychiatric_home_services' as const, 'practical_help' as const, 'long_term_stay' as const), fc.array(choice, { minLength: 30, maxLength: 70 }), (serviceCode, choices) => {
        for (const a of walk(serviceCode, choices, GUIDE)) seen.add(a.type === 'decision_made' ? `decision_made:${String((a.payload as { form?: string }).form)}` : a.type);
      }),
      { seed: SEED, numRuns: 300 },
    );
    const deep = ['decision_made', 'service_arranged', 'order_accepted', 'service_started', 'service_ended', 'complaint_received', 'complaint_resolved', 'plan_adjusted'];
    const work = ['follow_up_opened', 'follow_up_answered', 'consultation_answered', 'consultation_concluded', 'request_answered_low_threshold', 'delivery_complaint_answered', 'place_offered', 'place_offer_answered'];
    for (const type of [...deep, ...work]) {
      expect([...seen].map((t) => t.split(':')[0]), [...seen].join()).toContain(type);
    }
  });
});
