import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adlSum, revisionGate } from './changeRules.ts';
import { addVisits, continuity, continuityOf, type EmployeesMet } from './continuity.ts';
import { parseDeliveryCsv } from './delivery.ts';
import { ordersAfterArranging, ordersAfterEnding, answerOrder } from './orders.ts';
import { activityDeviation, efficiencyDeviation, settle, type PriceModel, type UserMonth } from './pricing.ts';

const RUNS = Number(process.env.TILDEL_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.TILDEL_PROPERTY_SEED ?? 42);

const user = (extra: Partial<UserMonth> = {}): UserMonth => ({
  caseId: 'c1',
  decidedHours: 10,
  performedHours: 8,
  nightHours: 0,
  decidedVisits: 0,
  performedVisits: 0,
  placeDays: 0,
  adlSum: null,
  ...extra,
});

describe('settlement', () => {
  it('pays 4,000 on performed time and 5,000 on decided time for 10 decided hours, 8 performed, at 500 an hour, with the 20 % deviation shown', () => {
    const onPerformed = settle({ basis: 'performed', elements: [{ kind: 'hour', pricePerHour: 500 }] }, [user()]);
    expect(onPerformed).toMatchObject({ total: 4000, onDecided: 5000, onPerformed: 4000, performedDeviationPercent: 20 });
    const onDecided = settle({ basis: 'decided', elements: [{ kind: 'hour', pricePerHour: 500 }] }, [user()]);
    expect(onDecided).toMatchObject({ total: 5000, performedDeviationPercent: 20 });
  });

  it('combines an hour price, a visit price and a price per user (Kristiansand), and a night rate on performed night hours', () => {
    const s = settle(
      { basis: 'performed', elements: [{ kind: 'hour', pricePerHour: 500 }, { kind: 'night', pricePerHour: 650 }, { kind: 'visit', pricePerVisit: 50 }, { kind: 'user', pricePerUserMonth: 1000 }] },
      [user({ performedHours: 8, nightHours: 2, performedVisits: 12 }), user({ caseId: 'c2', performedHours: 0, decidedHours: 3 })],
    );
    // 6 day hours × 500 + 2 night hours × 650 + 12 visits × 50 + 1 user with delivery × 1000
    expect(s.lines.map((l) => [l.element, l.quantity, l.amount])).toEqual([['hour', 6, 3000], ['night', 2, 1300], ['visit', 12, 600], ['user', 1, 1000]]);
    expect(s.total).toBe(5900);
  });

  it('pays a frame whatever the activity, and a day price per place day', () => {
    expect(settle({ basis: 'decided', elements: [{ kind: 'frame', amountPerMonth: 250_000 }] }, []).total).toBe(250_000);
    expect(settle({ basis: 'decided', elements: [{ kind: 'day', pricePerDay: 2_400 }] }, [user({ decidedHours: 0, performedHours: 0, placeDays: 30 }), user({ caseId: 'c2', decidedHours: 0, performedHours: 0, placeDays: 15 })]).total).toBe(108_000);
  });

  it('shares 80 % per place and 20 % by ADL sum (Trondheim)', () => {
    const s = settle({ basis: 'decided', elements: [{ kind: 'adl_share', amountPerMonth: 100_000, placeShare: 0.8 }] }, [
      user({ placeDays: 30, decidedHours: 0, adlSum: 30 }),
      user({ caseId: 'c2', placeDays: 30, decidedHours: 0, adlSum: 10 }),
    ]);
    // 80,000 over 2 places = 40,000 each; 20,000 over an ADL sum of 40 = 500 a point
    expect(s.lines).toEqual([
      { element: 'adl_share', quantity: 2, unitPrice: 40_000, amount: 80_000 },
      { element: 'adl_share', quantity: 40, unitPrice: 500, amount: 20_000 },
    ]);
    expect(s.total).toBe(100_000);
  });

  it('leaves the ADL-weighted part unpaid and unresolved, naming the cases, when a user holding a place has no IPLOS scores', () => {
    const model: PriceModel = { basis: 'decided', elements: [{ kind: 'adl_share', amountPerMonth: 100_000, placeShare: 0.8 }] };
    const s = settle(model, [
      user({ placeDays: 30, decidedHours: 0, adlSum: 30 }),
      user({ caseId: 'c2', placeDays: 30, decidedHours: 0, adlSum: null }),
      user({ caseId: 'c3', placeDays: 12, decidedHours: 0, adlSum: 12 }),
    ]);
    // the per-place 80 % is paid; the 20 % by ADL sum cannot be divided while c2 is unscored
    expect(s.lines).toEqual([{ element: 'adl_share', quantity: 3, unitPrice: 26_666.67, amount: 80_000.01 }]);
    expect(s.unresolved).toEqual([
      { element: 'adl_share', amount: 20_000, reason: 'ADL share: 1 of 3 users have no IPLOS scores; their part cannot be computed, so the ADL-weighted part (20 %) is not paid until they are scored', caseIds: ['c2'] },
    ]);
    expect([s.total, s.onDecided, s.onPerformed]).toEqual([80_000.01, 80_000.01, 80_000.01]);
  });

  it('never pays the ADL part as zero when nobody is scored; a user without a place does not count', () => {
    const s = settle({ basis: 'performed', elements: [{ kind: 'hour', pricePerHour: 500 }, { kind: 'adl_share', amountPerMonth: 50_000, placeShare: 0.5 }] }, [
      user({ decidedHours: 10, performedHours: 10 }),
      user({ caseId: 'c2', decidedHours: 5, performedHours: 4 }),
      user({ caseId: 'c3', decidedHours: 0, performedHours: 0, adlSum: null }),
    ]);
    expect(s.unresolved).toMatchObject([{ element: 'adl_share', amount: 25_000, caseIds: ['c1', 'c2'], reason: expect.stringContaining('2 of 2 users') }]);
    expect(s.lines.filter((l) => l.element === 'adl_share')).toEqual([{ element: 'adl_share', quantity: 2, unitPrice: 12_500, amount: 25_000 }]);
    expect(s.total).toBe(7_000 + 25_000);
    expect(s.onDecided).toBe(7_500 + 25_000);
    // scored users only: nothing unresolved, and the unplaced, unscored c3 does not hold it back
    const scored = settle({ basis: 'decided', elements: [{ kind: 'adl_share', amountPerMonth: 50_000, placeShare: 0.5 }] }, [
      user({ adlSum: 4 }),
      user({ caseId: 'c2', adlSum: 6 }),
      user({ caseId: 'c3', decidedHours: 0, adlSum: null }),
    ]);
    expect(scored.unresolved).toEqual([]);
    expect(scored.total).toBe(50_000);
  });

  it('has nothing to resolve when the whole ADL share is paid per place', () => {
    const s = settle({ basis: 'decided', elements: [{ kind: 'adl_share', amountPerMonth: 90_000, placeShare: 1 }] }, [user({ adlSum: null }), user({ caseId: 'c2', adlSum: null })]);
    expect(s.unresolved).toEqual([]);
    expect(s.total).toBe(90_000);
  });

  it('pays plus leaves unresolved exactly what a fully scored month with the same places would pay (property)', () => {
    const month = fc.array(
      fc.record({
        placeDays: fc.integer({ min: 0, max: 31 }),
        decidedHours: fc.integer({ min: 0, max: 200 }),
        adlSum: fc.option(fc.integer({ min: 1, max: 85 }), { nil: null }),
        score: fc.integer({ min: 1, max: 85 }),
      }),
      { minLength: 0, maxLength: 12 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom<PriceModel['basis']>('decided', 'performed'),
        month,
        (amountPerMonth, placePercent, basis, rows) => {
          const model: PriceModel = { basis, elements: [{ kind: 'adl_share', amountPerMonth, placeShare: placePercent / 100 }] };
          const users = rows.map((r, i) => user({ caseId: `c${i}`, placeDays: r.placeDays, decidedHours: r.decidedHours, adlSum: r.adlSum }));
          const fully = settle(model, users.map((u, i) => ({ ...u, adlSum: u.adlSum ?? (rows[i]?.score as number) })));
          const s = settle(model, users);
          const unresolved = s.unresolved.reduce((a, u) => a + u.amount, 0);
          expect(fully.unresolved).toEqual([]);
          expect(Math.round((s.total + unresolved) * 100)).toBe(Math.round(fully.total * 100));
          expect(Math.round((s.onDecided + unresolved) * 100)).toBe(Math.round(fully.onDecided * 100));
          expect(Math.round((s.onPerformed + unresolved) * 100)).toBe(Math.round(fully.onPerformed * 100));
          const unscored = users.filter((u) => (u.placeDays > 0 || u.decidedHours > 0) && u.adlSum === null).map((u) => u.caseId);
          expect(s.unresolved.flatMap((u) => u.caseIds)).toEqual(s.unresolved.length ? unscored : []);
          if (unscored.length === 0) expect(s).toEqual(fully);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('splits the activity deviation (granted beyond the frame) from the efficiency deviation (spent beyond what was paid)', () => {
    expect(activityDeviation(1_000_000, 1_100_000)).toEqual({ amount: 100_000, percent: 10 });
    expect(efficiencyDeviation(5_000, 5_500)).toEqual({ amount: 500, percent: 10 });
    expect(activityDeviation(null, 10)).toBeNull();
  });
});

describe('the ±25 % revision rule', () => {
  const rule = { thresholdPercent: 25, windowWeeks: 3, requireIplosChange: true };
  const weeks = (...hours: number[]) => hours.map((h, i) => ({ weekStart: `2026-11-0${i + 1}`, performedHours: h, recordedVisits: 5 }));

  it('allows a revision at exactly +25 % in every week of the window, with a higher ADL sum', () => {
    const gate = revisionGate(rule, { direction: 'increase', decidedHoursPerWeek: 4, weeks: weeks(5, 5, 5), adlBefore: 20, adlAfter: 24 });
    expect(gate.mayRevise).toBe(true);
  });

  it('refuses just under the boundary, or when one week of the window falls short', () => {
    expect(revisionGate(rule, { direction: 'increase', decidedHoursPerWeek: 4, weeks: weeks(4.99, 5, 5), adlBefore: 20, adlAfter: 24 }).checks[0]?.met).toBe(false);
    expect(revisionGate(rule, { direction: 'increase', decidedHoursPerWeek: 4, weeks: weeks(5, 5), adlBefore: 20, adlAfter: 24 }).checks[0]?.met).toBe(false);
    expect(revisionGate(rule, { direction: 'decrease', decidedHoursPerWeek: 4, weeks: weeks(3, 3, 3), adlBefore: 20, adlAfter: 18 }).mayRevise).toBe(true);
    expect(revisionGate(rule, { direction: 'decrease', decidedHoursPerWeek: 4, weeks: weeks(3.01, 3, 3), adlBefore: 20, adlAfter: 18 }).mayRevise).toBe(false);
  });

  it('waits for a new IPLOS registration that shows the change (the IPLOS gate)', () => {
    const none = revisionGate(rule, { direction: 'increase', decidedHoursPerWeek: 4, weeks: weeks(6, 6, 6), adlBefore: 20, adlAfter: null });
    expect(none).toMatchObject({ mayRevise: false, checks: [{ met: true }, { id: 'iplos_change', met: false }] });
    expect(revisionGate(rule, { direction: 'increase', decidedHoursPerWeek: 4, weeks: weeks(6, 6, 6), adlBefore: 20, adlAfter: 20 }).mayRevise).toBe(false);
    expect(revisionGate({ ...rule, requireIplosChange: false }, { direction: 'increase', decidedHoursPerWeek: 4, weeks: weeks(6, 6, 6), adlBefore: 20, adlAfter: null }).mayRevise).toBe(true);
  });

  it('reads weeks without any recorded delivery as not enough data, never as a change', () => {
    const none = weeks(0, 0, 0).map((w) => ({ ...w, recordedVisits: 0 }));
    const gate = revisionGate(rule, { direction: 'decrease', decidedHoursPerWeek: 4, weeks: none, adlBefore: 20, adlAfter: 10 });
    expect(gate.mayRevise).toBe(false);
    expect(gate.checks[0]).toMatchObject({ id: 'sustained_change', met: false, notEnoughData: true });
    expect(gate.checks[0]?.detail).toMatch(/not enough data/);
    // Every visit cancelled is delivery data: the week counts as −100 %.
    const cancelled = weeks(0, 0, 0);
    expect(revisionGate(rule, { direction: 'decrease', decidedHoursPerWeek: 4, weeks: cancelled, adlBefore: 20, adlAfter: 10 }).mayRevise).toBe(true);
    // One empty week in the window is enough to wait.
    const gap = [...weeks(6, 6), { weekStart: '2026-11-03', performedHours: 0, recordedVisits: 0 }];
    expect(revisionGate(rule, { direction: 'increase', decidedHoursPerWeek: 4, weeks: gap, adlBefore: 20, adlAfter: 24 }).checks[0]?.notEnoughData).toBe(true);
  });

  it('sums only scores that count as need (9 is not relevant)', () => {
    expect(adlSum({ a: 3, b: 9, c: 2 })).toBe(5);
  });
});

describe('continuity', () => {
  it('counts distinct employees per user and month, with user-weighted and unweighted means labelled apart', () => {
    const v = (userId: string, unitId: string, employeeRef: string) => ({ userId, unitId, employeeRef, month: '2026-11' });
    const c = continuity([
      v('u1', 'A', 'e1'), v('u1', 'A', 'e2'), v('u1', 'A', 'e1'), v('u1', 'A', 'e3'), // u1: 3
      v('u2', 'A', 'e1'), // u2: 1
      v('u3', 'A', 'e2'), v('u3', 'A', 'e2'), // u3: 1
      v('u4', 'B', 'e7'), v('u4', 'B', 'e8'), v('u4', 'B', 'e9'), v('u4', 'B', 'e10'), v('u4', 'B', 'e11'), v('u4', 'B', 'e12'), v('u4', 'B', 'e13'), // u4: 7
    ]);
    expect(c.units).toEqual([
      { unitId: 'A', month: '2026-11', users: 3, meanDistinctEmployees: 1.67 },
      { unitId: 'B', month: '2026-11', users: 1, meanDistinctEmployees: 7 },
    ]);
    expect(c.weightedByUsers).toBe(3); // (3 + 1 + 1 + 7) / 4
    expect(c.unweightedMeanOfUnits).toBe(4.33); // (5/3 + 7) / 2
    expect(c.medianOverUsers).toBe(2);
  });

  it('gives the same figures when the visits are added in slices of any size', () => {
    const visit = fc.record({ userId: fc.constantFrom('u1', 'u2', 'u3', 'u4'), unitId: fc.constantFrom('A', 'B'), employeeRef: fc.constantFrom('e1', 'e2', 'e3'), month: fc.constantFrom('2026-10', '2026-11') });
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 60 }), fc.integer({ min: 1, max: 61 }), (visits, size) => {
        const met: EmployeesMet = new Map();
        for (let at = 0; at < visits.length; at += size) addVisits(met, visits.slice(at, at + size));
        expect(continuityOf(met)).toEqual(continuity(visits));
      }),
    );
  });
});

describe('delivery CSV', () => {
  it('takes good rows and names the line and field of every bad one', () => {
    const csv = [
      'case_number;employee;date;start;minutes;status;cancel_reason;visit_id',
      '2026-000001;E17;2026-11-02;08:00;30;;;v1',
      '2026-000001;E18;2026-11-02;;0;avlyst;Bruker på sykehus;v2',
      '2026-000001;;2026-11-03;;30;;;v3',
      '2026-000001;E17;2026-13-03;;thirty;;;v4',
      '2026-000001;E17;2026-11-04;;0;cancelled;;v5',
    ].join('\n');
    const { rows, problems } = parseDeliveryCsv(csv);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[1]?.visit).toMatchObject({ status: 'cancelled', cancelReason: 'Bruker på sykehus', minutes: 0 });
    expect(problems.map((p) => [p.line, p.field])).toEqual([[4, 'employee'], [5, 'date'], [5, 'minutes'], [6, 'cancel_reason']]);
  });

  it('refuses a file without the required columns', () => {
    expect(parseDeliveryCsv('a,b\n1,2').problems[0]).toMatchObject({ line: 1, field: 'header', message: expect.stringContaining('case_number') });
  });
});

describe('orders', () => {
  const arranged = (providerUnitId: string, seq: number, part?: { providerUnitId: string; hoursPerWeek: number }) =>
    ({ providerUnitId, startOn: '2026-11-01', ...(part ? { partOrder: { ...part, reason: 'Kan ikke levere kveld', tasks: [], goals: [] } } : {}) });

  it('sends a new order, a change when arranged again to a provider that accepted, and an end to one left out', () => {
    let o = ordersAfterArranging([], arranged('P1', 5), 5, 't5', 6);
    expect(o).toMatchObject([{ providerUnitId: 'P1', kind: 'new', revision: 1, status: 'awaiting', hoursPerWeek: 6 }]);
    o = answerOrder(o, 'P1', 'accepted');
    o = ordersAfterArranging(o, arranged('P1', 9), 9, 't9', 8);
    expect(o).toMatchObject([{ providerUnitId: 'P1', kind: 'change', revision: 2, status: 'awaiting', hoursPerWeek: 8 }]);
    o = answerOrder(o, 'P1', 'accepted');
    o = ordersAfterArranging(o, arranged('P2', 12, { providerUnitId: 'P3', hoursPerWeek: 2 }), 12, 't12', 8);
    expect(o.map((x) => [x.providerUnitId, x.kind, x.hoursPerWeek, x.part])).toEqual([['P2', 'new', 6, false], ['P3', 'new', 2, true], ['P1', 'end', 8, false]]);
    expect(ordersAfterEnding(answerOrder(o, 'P2', 'accepted'), 14, 't14').map((x) => x.kind)).toEqual(['end', 'end', 'end']);
  });
});
