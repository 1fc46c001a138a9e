/**
 * Properties of routing by rules, areas and merges over random organisations and requests: a rule
 * routes only when every condition holds and no better-ranked rule in force does; a pool always goes
 * to a least-loaded member; an address finds the area that covers it most precisely (street address,
 * grunnkrets, postcode), and two areas that would both cover it at once clash when saved; a merge leaves the merged unit
 * with no member, no open case and nothing pointing at it from its day, and every member serves on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_GROUPS, REQUEST_CHANNELS } from '../case/vocabulary.ts';
import { areaFor, entryCovers, overlappingAreas, rangeCovers, streetAddress, type AddressRange, type GeographicArea, type Whereabouts } from './areas.ts';
import { inForceOn, inForceOnOrAfter } from './dated.ts';
import { mergeProblems, planMerge, type MembershipPeriod } from './merge.ts';
import { leastLoaded, routeByRules, ruleMatches, rulesInForce, type RequestFacts, type RoutingRule } from './routingRules.ts';

const ids = ['a', 'b', 'c', 'd'] as const;
const services = ['practical_help', 'home_nursing', 'nursing_home_long_term'] as const;
const date = fc.constantFrom('2026-01-01', '2026-03-01', '2026-06-01', '2026-09-01');
const period = fc.tuple(date, fc.option(date, { nil: null })).map(([validFrom, end]) => ({ validFrom, validTo: end !== null && end > validFrom ? end : null }));

const conditions = fc.record(
  {
    areaIds: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }),
    districtIds: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }),
    serviceCodes: fc.uniqueArray(fc.constantFrom(...services), { minLength: 1 }),
    ageFrom: fc.integer({ min: 0, max: 60 }),
    ageTo: fc.integer({ min: 60, max: 110 }),
    diagnosisGroups: fc.uniqueArray(fc.constantFrom(...DIAGNOSIS_GROUPS), { minLength: 1 }),
    channels: fc.uniqueArray(fc.constantFrom(...REQUEST_CHANNELS), { minLength: 1 }),
  },
  { requiredKeys: [] },
);

const target = fc.oneof(
  fc.record({ kind: fc.constant('unit' as const), unitId: fc.constantFrom(...ids) }),
  fc.record({ kind: fc.constant('board_next_meeting' as const), unitId: fc.constantFrom(...ids) }),
  fc.record({ kind: fc.constant('caseworker_pool' as const), unitId: fc.constantFrom(...ids), staffIds: fc.uniqueArray(fc.constantFrom('s1', 's2', 's3'), { minLength: 1 }) }),
);

const rule = fc.record({ id: fc.uuid(), name: fc.constant('regel'), priority: fc.integer({ min: 1, max: 5 }), conditions, target }).chain((r) => period.map((p) => ({ ...r, ...p }) as RoutingRule));

const facts: fc.Arbitrary<RequestFacts> = fc.record({
  districtId: fc.option(fc.constantFrom(...ids), { nil: null }),
  areaId: fc.option(fc.constantFrom(...ids), { nil: null }),
  serviceCode: fc.constantFrom(...services),
  age: fc.option(fc.integer({ min: 0, max: 110 }), { nil: null }),
  diagnosisGroup: fc.option(fc.constantFrom(...DIAGNOSIS_GROUPS), { nil: null }),
  channel: fc.constantFrom(...REQUEST_CHANNELS),
});

const loads = fc.record({ s1: fc.integer({ min: 0, max: 5 }), s2: fc.integer({ min: 0, max: 5 }), s3: fc.integer({ min: 0, max: 5 }) });

describe('routing by rules', () => {
  it('routes by the best-ranked rule in force whose every condition holds, or not at all', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), facts, date, loads, (rules, f, onDate, load) => {
        const route = routeByRules(rules, f, onDate, (s) => load[s as keyof typeof load], (id) => id);
        const matching = rulesInForce(rules, onDate).filter((r) => ruleMatches(r.conditions, f));
        if (matching.length === 0) {
          expect(route).toBeNull();
          return;
        }
        const chosen = rules.find((r) => r.id === route?.ruleId);
        expect(chosen).toBeDefined();
        expect(inForceOn(chosen!, onDate)).toBe(true);
        expect(ruleMatches(chosen!.conditions, f)).toBe(true);
        expect(chosen!.priority).toBe(Math.min(...matching.map((r) => r.priority)));
        expect(route!.unitId).toBe(chosen!.target.unitId);
        expect(route!.toBoardMeeting).toBe(chosen!.target.kind === 'board_next_meeting');
      }),
    );
  });

  it('gives a pool’s case to a member with the fewest open cases, and no owner for other targets', () => {
    fc.assert(
      fc.property(rule, facts, loads, (r, f, load) => {
        const open = (s: string) => load[s as keyof typeof load];
        const route = routeByRules([{ ...r, conditions: {}, validFrom: '2000-01-01', validTo: null }], f, '2026-05-01', open, (id) => id);
        if (r.target.kind !== 'caseworker_pool') {
          expect(route?.ownerStaffId).toBeNull();
          return;
        }
        const min = Math.min(...r.target.staffIds.map(open));
        expect(r.target.staffIds).toContain(route?.ownerStaffId);
        expect(open(route!.ownerStaffId!)).toBe(min);
      }),
    );
  });

  it('passes over pool members who cannot take cases and leaves the case unowned when none can', () => {
    expect(leastLoaded(['s1', 's2'], (s) => (s === 's1' ? 3 : 1))).toBe('s2');
    const pool: RoutingRule = { id: 'r', name: 'Pool', priority: 1, conditions: {}, target: { kind: 'caseworker_pool', unitId: 'u', staffIds: ['s1'] }, validFrom: '2026-01-01', validTo: null };
    const f: RequestFacts = { districtId: null, areaId: null, serviceCode: 'practical_help', age: 80, diagnosisGroup: null, channel: 'self' };
    expect(routeByRules([pool], f, '2026-02-01', () => Infinity, () => 'Team')).toMatchObject({ unitId: 'u', ownerStaffId: null, rule: expect.stringContaining('unowned') });
  });

  it('does not let a condition on a fact the request lacks hold', () => {
    const f: RequestFacts = { districtId: null, areaId: null, serviceCode: 'practical_help', age: null, diagnosisGroup: null, channel: 'self' };
    expect(ruleMatches({ ageFrom: 67 }, f)).toBe(false);
    expect(ruleMatches({ diagnosisGroups: ['dementia'] }, f)).toBe(false);
    expect(ruleMatches({}, f)).toBe(true);
  });
});

const postcode = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
const entry = fc.oneof(postcode, fc.tuple(postcode, postcode).map(([a, b]) => (a <= b ? `${a}-${b}` : `${b}-${a}`)));
// Few streets, numbers and krets codes, so areas meet often.
const street = fc.constantFrom('Storgata', 'Kirkeveien', 'Bakken');
const streetPostcode = fc.option(fc.constantFrom('0150', '0151'), { nil: undefined });
const addressRange = fc
  .record({ street, a: fc.integer({ min: 1, max: 30 }), b: fc.integer({ min: 1, max: 30 }), side: fc.constantFrom('both', 'odd', 'even'), postalCode: streetPostcode })
  .map(({ a, b, postalCode, ...r }) => ({ ...r, from: Math.min(a, b), to: Math.max(a, b), ...(postalCode ? { postalCode } : {}) }) as AddressRange);
const krets = fc.constantFrom('03010101', '03010102', '03010203');
const area = fc
  .record({
    id: fc.uuid(),
    name: fc.constant('Område'),
    districtId: fc.constant('d'),
    teamUnitId: fc.constant(null),
    postalCodes: fc.array(entry, { maxLength: 3 }),
    addressRanges: fc.array(addressRange, { maxLength: 2 }),
    grunnkrets: fc.uniqueArray(krets, { maxLength: 2 }),
  })
  .chain((a) => period.map((p) => ({ ...a, ...p }) as GeographicArea));
const whereabouts: fc.Arbitrary<Whereabouts> = fc.record({
  postalCode: fc.option(fc.oneof(fc.constantFrom('0150', '0151'), postcode), { nil: null }),
  addressLine: fc.option(fc.tuple(street, fc.integer({ min: 1, max: 30 }), fc.constantFrom('', ' B', 'A')).map(([s, n, letter]) => `${s} ${n}${letter}`), { nil: null }),
  grunnkrets: fc.option(krets, { nil: null }),
});

/** How precisely an area covers where a person lives: 3 by street address, 2 by grunnkrets, 1 by postcode, 0 not at all. */
function precision(a: GeographicArea, w: Whereabouts): number {
  const at = streetAddress(w.addressLine);
  if (at && a.addressRanges.some((r) => rangeCovers(r, at, w.postalCode))) return 3;
  if (w.grunnkrets && a.grunnkrets.includes(w.grunnkrets)) return 2;
  const code = w.postalCode;
  return code && a.postalCodes.some((e) => entryCovers(e, code)) ? 1 : 0;
}

describe('geographic areas', () => {
  it('finds an area in force by the most precise description that covers where the person lives, and finds one whenever one exists', () => {
    fc.assert(
      fc.property(fc.array(area, { maxLength: 5 }), whereabouts, date, (areas, where, onDate) => {
        const found = areaFor(where, areas, onDate);
        const best = Math.max(0, ...areas.filter((a) => inForceOn(a, onDate)).map((a) => precision(a, where)));
        if (best === 0) {
          expect(found).toBeNull();
          return;
        }
        expect(found).not.toBeNull();
        expect(inForceOn(found as GeographicArea, onDate)).toBe(true);
        expect(precision(found as GeographicArea, where)).toBe(best);
      }),
    );
  });

  it('reports a clash exactly when two areas would cover the same place at the same precision at once', () => {
    fc.assert(
      fc.property(area, area, whereabouts, date, (a, b, where, onDate) => {
        const level = precision(a, where);
        const both = inForceOn(a, onDate) && inForceOn(b, onDate) && level > 0 && precision(b, where) === level;
        if (both) expect(overlappingAreas(a, [b]).length).toBeGreaterThan(0);
      }),
    );
  });

  it('reads a street address line as street and house number', () => {
    expect(streetAddress('Storgata 12 B')).toEqual({ street: 'storgata', number: 12 });
    expect(streetAddress('  Kirke  veien 3A, H0101')).toEqual({ street: 'kirke veien', number: 3 });
    expect(streetAddress('Postboks')).toBeNull();
    expect(streetAddress(null)).toBeNull();
  });
});

const membership = fc.record({ staffId: fc.constantFrom('s1', 's2', 's3', 's4'), unitId: fc.constantFrom('from', 'into', 'other') }).chain((m) => period.map((p) => ({ ...m, ...p }) as MembershipPeriod));

describe('a merge', () => {
  it('leaves the merged unit with no member, no open case and nothing pointing at it from its day, and every member serves on', () => {
    fc.assert(
      fc.property(
        fc.array(membership, { maxLength: 8 }),
        fc.array(fc.record({ caseId: fc.uuid(), ownerUnitId: fc.constantFrom('from', 'into', 'other', null) }), { maxLength: 8 }),
        date,
        (memberships, openCases, effectiveOn) => {
          const plan = planMerge({ fromUnitId: 'from', intoUnitId: 'into', effectiveOn, memberships, openCases, areas: [], rules: [{ id: 'r', name: 'r', unitId: 'from', validFrom: '2000-01-01', validTo: null }] });
          const after = [
            ...memberships.filter((m) => !plan.endedMemberships.includes(m) && !plan.movedMemberships.includes(m)),
            ...plan.endedMemberships.map((m) => ({ ...m, validTo: effectiveOn })),
            ...plan.movedMemberships.map((m) => ({ ...m, unitId: 'into' })),
            ...plan.startedStaffIds.map((staffId) => ({ staffId, unitId: 'into', validFrom: effectiveOn, validTo: null })),
          ];
          expect(after.filter((m) => m.unitId === 'from' && inForceOnOrAfter(m, effectiveOn))).toEqual([]);
          expect(after.every((m) => m.validTo === null || m.validTo > m.validFrom)).toBe(true);
          for (const m of memberships.filter((x) => x.unitId === 'from' && inForceOn(x, effectiveOn))) {
            expect(after.some((x) => x.staffId === m.staffId && x.unitId === 'into' && inForceOn(x, effectiveOn))).toBe(true);
          }
          expect([...plan.movedCaseIds].sort()).toEqual(openCases.filter((c) => c.ownerUnitId === 'from').map((c) => c.caseId).sort());
          expect(plan.repointedRuleIds).toEqual(['r']);
        },
      ),
    );
  });

  it('is refused into itself, into another kind of unit, or before the unit begins', () => {
    const unit = (id: string, kind = 'interdisciplinary_team', validFrom = '2020-01-01') => ({ id, name: id, kind, validFrom, validTo: null });
    expect(mergeProblems(unit('a'), unit('a'), '2026-01-01')).toMatchObject([{ field: 'intoUnitId' }]);
    expect(mergeProblems(unit('a'), unit('b', 'allocation_office'), '2026-01-01')).toMatchObject([{ field: 'intoUnitId', message: expect.stringContaining('same kind') }]);
    expect(mergeProblems(unit('a', 'interdisciplinary_team', '2026-01-01'), unit('b'), '2026-01-01')).toMatchObject([{ field: 'fromUnitId' }]);
    expect(mergeProblems(unit('a'), unit('b'), '2026-01-01')).toEqual([]);
  });
});
