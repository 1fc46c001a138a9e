/**
 * Access by need: the rule, checked over random actors and over the states random walks of the
 * transition table reach (the same generator as walk.property.test.ts), not only by examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, choice, openingAction, payloadFor, PURE_IDS, type Choice } from '../../../test/helpers/walk.ts';
import { actionPayloadSchemas, type ActionType, type CaseAction } from '../case/actions.ts';
import { judgeAction } from '../case/judge.ts';
import { applyAction, deriveCaseState, type CaseState } from '../case/state.ts';
import { checkTransition, TRANSITIONS } from '../case/transitions.ts';
import { formsFor } from '../decision/forms.ts';
import { addDays } from '../law/deadlines.ts';
import {
  actorKeys,
  caseAccess,
  caseReachKeys,
  LEADER_PURPOSES,
  levelAllowsAction,
  levelByReach,
  ORDER_ACTIONS,
  orderedProviders,
  personAccess,
  type AccessActor,
  type AccessUnit,
} from './access.ts';
import { STAFF_ROLES, UNIT_KINDS } from './vocabulary.ts';

const RUNS = Number(process.env.TILDEL_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.TILDEL_PROPERTY_SEED ?? 15);
const check = <T,>(property: fc.IProperty<T>) => fc.assert(property, { seed: SEED, numRuns: RUNS });

const OFFICE = PURE_IDS.office as string;
const [P1, P2] = PURE_IDS.providers as [string, string];
const OTHER_UNIT = '77777777-7777-4777-8777-777777777777';
const DISTRICT = '88888888-8888-4888-8888-888888888888';
const STAFF = PURE_IDS.staff[0] as string;
const CASE = '99999999-9999-4999-8999-999999999999';
const ALL_TYPES = Object.keys(TRANSITIONS).filter((t) => t !== 'request_received') as ActionType[];

/** The states a random walk of the table passes through (lawful payloads, the one verdict deciding). */
function walkStates(choices: readonly Choice[], districtId: string | null): CaseState[] {
  const log: CaseAction[] = [openingAction('practical_help')];
  let state = deriveCaseState(log);
  const routed = { type: 'case_routed', payload: { unitId: OFFICE, districtId, rule: 'Til tildelingskontoret' }, seq: 2, actorStaffId: STAFF, authority: log[0]!.authority, reason: null, occurredAt: '2026-01-05T09:00:00.000Z' } as CaseAction;
  state = applyAction(state, routed);
  const states = [state];
  let day = '2026-01-05';
  for (const c of choices) {
    day = addDays(day, c.days);
    const allowed = ALL_TYPES.filter((t) => checkTransition(state, t, null).ok);
    if (!allowed.length) break;
    const type = at(allowed, c.pick);
    const parsed = actionPayloadSchemas[type].safeParse(payloadFor(type, state, day, c));
    if (!parsed.success) continue;
    const action = { type, payload: parsed.data, seq: state.version + 1, actorStaffId: STAFF, authority: log[0]!.authority, reason: null, occurredAt: `${day}T10:00:00.000Z` } as CaseAction;
    if (!judgeAction(state, action, { formsFor: (code) => formsFor(null, code), completedAssessment: c.assessed }).ok) continue;
    state = applyAction(state, action);
    states.push(state);
  }
  return states;
}

const units: AccessUnit[] = [
  { id: OFFICE, kind: 'allocation_office', districtId: null },
  { id: OTHER_UNIT, kind: 'interdisciplinary_team', districtId: DISTRICT },
  { id: P1, kind: 'municipal_provider', districtId: null },
  { id: P2, kind: 'private_provider', districtId: null },
];

const actorArb: fc.Arbitrary<AccessActor> = fc.record({
  staffId: fc.constantFrom(STAFF, '12121212-1212-4212-8212-121212121212'),
  roles: fc.uniqueArray(fc.constantFrom(...STAFF_ROLES.filter((r) => r !== 'system')), { minLength: 1, maxLength: 3 }),
  units: fc.subarray(units),
  purpose: fc.constantFrom('case_processing', 'service_delivery', ...LEADER_PURPOSES),
  caseIds: fc.constantFrom([], [CASE]),
  intake: fc.boolean(),
});

const walkArb = fc.tuple(fc.array(choice, { minLength: 1, maxLength: 40 }), fc.constantFrom<string | null>(null, DISTRICT));

describe('access by need over random walks', () => {
  it('gives the same level from the reach stored on the row as from the state (lists and single reads agree)', () => {
    check(
      fc.property(walkArb, actorArb, ([choices, district], actor) => {
        for (const state of walkStates(choices, district)) {
          expect(levelByReach(actorKeys(actor), actor.caseIds, CASE, caseReachKeys(state))).toBe(caseAccess(actor, CASE, state));
        }
      }),
    );
  });

  it('shows a provider’s staff exactly the cases ordered from (or consulted with) their unit, and only at the order’s level', () => {
    const provider = (unit: string): AccessActor => ({ staffId: '12121212-1212-4212-8212-121212121212', roles: ['provider_staff'], units: units.filter((u) => u.id === unit), purpose: 'service_delivery', caseIds: [], intake: false });
    let withOrder = 0;
    check(
      fc.property(walkArb, ([choices, district]) => {
        for (const state of walkStates(choices, district)) {
          for (const unit of [P1, P2]) {
            const ordered = orderedProviders(state).includes(unit);
            if (ordered) withOrder += 1;
            expect(caseAccess(provider(unit), CASE, state)).toBe(ordered ? 'order' : 'none');
          }
        }
      }),
    );
    // The walks reach states with orders (otherwise the property says nothing).
    expect(withOrder).toBeGreaterThan(0);
  });

  it('lets an order allow the provider’s own actions and nothing else, for every action type', () => {
    for (const type of Object.keys(TRANSITIONS)) {
      expect(levelAllowsAction('order', type)).toBe(ORDER_ACTIONS.includes(type));
      expect(levelAllowsAction('none', type)).toBe(false);
      expect(levelAllowsAction('full', type)).toBe(true);
    }
  });

  it('gives a leader nothing of a case without a stated purpose for it, unless named on the case or granted it', () => {
    check(
      fc.property(walkArb, fc.subarray(units), fc.constantFrom('case_processing', 'service_delivery'), ([choices, district], own, purpose) => {
        const leader: AccessActor = { staffId: '13131313-1313-4313-8313-131313131313', roles: ['leader'], units: own, purpose, caseIds: [], intake: false };
        for (const state of walkStates(choices, district)) expect(caseAccess(leader, CASE, state)).toBe('none');
      }),
    );
  });

  it('never lets an admin or a board member off the agenda see a case, and always lets in a case granted one by one', () => {
    check(
      fc.property(walkArb, actorArb, ([choices, district], actor) => {
        const outsider: AccessActor = { ...actor, staffId: '14141414-1414-4414-8414-141414141414', roles: ['admin', 'board_member'], caseIds: [], intake: false };
        for (const state of walkStates(choices, district)) {
          expect(caseAccess(outsider, CASE, state)).toBe('none');
          expect(caseAccess({ ...actor, caseIds: [CASE] }, CASE, state)).toBe('full');
        }
      }),
    );
  });

  it('shows a person at the best level of their cases, or in full to allocation staff of the person’s district', () => {
    check(
      fc.property(walkArb, actorArb, fc.constantFrom<string | null>(null, DISTRICT), ([choices, district], actor, personDistrict) => {
        const state = walkStates(choices, district).at(-1) as CaseState;
        const level = personAccess(actor, { districtId: personDistrict }, [{ id: CASE, facts: state }]);
        const viaCase = caseAccess(actor, CASE, state);
        const keys = actorKeys(actor);
        const byArea = keys.includes('all') || (personDistrict !== null && keys.includes(`district:${personDistrict}`));
        expect(level).toBe(byArea ? 'full' : viaCase);
      }),
    );
  });
});

describe('access by need, by example', () => {
  const state = (extra: Partial<CaseState>): CaseState => ({ ...deriveCaseState([openingAction('practical_help')]), ...extra });

  it('lets a district team see its district’s cases and not another’s; a team without a district only what it holds', () => {
    const team: AccessActor = { staffId: STAFF, roles: ['team_member'], units: [{ id: OTHER_UNIT, kind: 'interdisciplinary_team', districtId: DISTRICT }], purpose: 'case_processing', caseIds: [], intake: false };
    expect(caseAccess(team, CASE, state({ districtId: DISTRICT, ownerUnitId: OFFICE }))).toBe('full');
    expect(caseAccess(team, CASE, state({ districtId: '10101010-1010-4010-8010-101010101010', ownerUnitId: OFFICE }))).toBe('none');
    const floating: AccessActor = { ...team, units: [{ id: OTHER_UNIT, kind: 'interdisciplinary_team', districtId: null }] };
    expect(caseAccess(floating, CASE, state({ ownerUnitId: OTHER_UNIT }))).toBe('full');
    expect(caseAccess(floating, CASE, state({ ownerUnitId: OFFICE }))).toBe('none');
  });

  it('shows a request no unit holds yet to the intake only', () => {
    const caseworker: AccessActor = { staffId: '15151515-1515-4515-8515-151515151515', roles: ['caseworker'], units: [], purpose: 'case_processing', caseIds: [], intake: true };
    expect(caseAccess(caseworker, CASE, state({ ownerUnitId: null }))).toBe('full');
    expect(caseAccess({ ...caseworker, intake: false }, CASE, state({ ownerUnitId: null }))).toBe('none');
    expect(caseAccess(caseworker, CASE, state({ ownerUnitId: OFFICE }))).toBe('none');
  });

  it('gives a leader with a stated purpose what their unit leads', () => {
    const leader: AccessActor = { staffId: STAFF, roles: ['leader'], units: [{ id: OTHER_UNIT, kind: 'management', districtId: null }], purpose: 'quality_assurance', caseIds: [], intake: false };
    expect(caseAccess(leader, CASE, state({ ownerUnitId: OFFICE }))).toBe('full');
    expect(caseAccess({ ...leader, purpose: 'case_processing' }, CASE, state({ ownerUnitId: OFFICE }))).toBe('none');
  });

  it('knows every unit kind', () => {
    // A new kind of unit must be placed in the rule on purpose: this lists the kinds the rule was written for.
    expect([...UNIT_KINDS].sort()).toEqual(['allocation_board', 'allocation_office', 'interdisciplinary_team', 'management', 'municipal_provider', 'private_provider']);
  });
});
