/**
 * Properties of the budget rules: phased months sum to the year, carry-over never exceeds its cap,
 * a pool's shares sum to the pool and first-come draws never exceed it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryOver, drawFirstCome, phase, phasingProblem, splitPool, type CarryOverRule } from './budget.ts';

const ore = (kr: number) => Math.round(kr * 100);
const kroner = fc.integer({ min: 0, max: 10_000_000_000 }).map((o) => o / 100);
/** Twelve non-negative weights scaled to per cent shares that sum to 100 (up to float rounding). */
const shares = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }).filter((w) => w.some((x) => x > 0)).map((w) => {
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (x * 100) / total);
});

describe('phasing', () => {
  it('splits a year evenly into months that sum exactly to the year', () => {
    fc.assert(fc.property(kroner, (year) => {
      const months = phase(year, { kind: 'even' });
      expect(months).toHaveLength(12);
      expect(months.reduce((a, m) => a + ore(m), 0)).toBe(ore(year));
      expect(Math.max(...months.map(ore)) - Math.min(...months.map(ore))).toBeLessThanOrEqual(1);
    }));
  });

  it('splits by monthly shares into months that sum exactly to the year, each near its share', () => {
    fc.assert(fc.property(kroner, shares, (year, percents) => {
      expect(phasingProblem({ kind: 'shares', percents })).toBeNull();
      const months = phase(year, { kind: 'shares', percents });
      expect(months.reduce((a, m) => a + ore(m), 0)).toBe(ore(year));
      months.forEach((m, i) => expect(Math.abs(ore(m) - (ore(year) * (percents[i] ?? 0)) / 100)).toBeLessThanOrEqual(1));
    }));
  });

  it('refuses shares that do not sum to 100 %', () => {
    expect(phasingProblem({ kind: 'shares', percents: [10, 10, 10, 10, 10, 10, 10, 10, 5, 5, 5, 4] })).toMatch(/99 %/);
  });
});

const rule: fc.Arbitrary<CarryOverRule> = fc.oneof(
  fc.constant<CarryOverRule>({ kind: 'none' }),
  fc.record({ kind: fc.constant('surplus_only' as const), capPercent: fc.integer({ min: 0, max: 100 }), capOf: fc.constantFrom('frame' as const, 'deviation' as const) }),
  fc.record({ kind: fc.constant('surplus_and_deficit' as const), capPercent: fc.integer({ min: 0, max: 100 }), capOf: fc.constantFrom('frame' as const, 'deviation' as const) }),
);

describe('carry-over', () => {
  it('never exceeds its cap, never the result itself, and carries a deficit only when the rule says so', () => {
    fc.assert(fc.property(rule, kroner, kroner, (r, frame, spent) => {
      const carried = carryOver(r, frame, spent);
      const result = ore(frame) - ore(spent);
      if (r.kind === 'none') {
        expect(carried).toBe(0);
        return;
      }
      const cap = ((r.capOf === 'deviation' ? Math.abs(result) : ore(frame)) * r.capPercent) / 100;
      expect(Math.abs(ore(carried))).toBeLessThanOrEqual(cap);
      expect(Math.abs(ore(carried))).toBeLessThanOrEqual(Math.abs(result));
      if (result < 0 && r.kind === 'surplus_only') expect(carried).toBe(0);
      if (carried !== 0) expect(Math.sign(carried)).toBe(Math.sign(result));
    }));
  });

  it("keeps Drammen's 2 % of the frame of a surplus, and 2 % of a deficit when deficits carry too", () => {
    expect(carryOver({ kind: 'surplus_only', capPercent: 2, capOf: 'frame' }, 1_000_000, 900_000)).toBe(20_000);
    expect(carryOver({ kind: 'surplus_only', capPercent: 2, capOf: 'frame' }, 1_000_000, 1_100_000)).toBe(0);
    expect(carryOver({ kind: 'surplus_and_deficit', capPercent: 2, capOf: 'frame' }, 1_000_000, 1_010_000)).toBe(-10_000);
    expect(carryOver({ kind: 'surplus_and_deficit', capPercent: 2, capOf: 'deviation' }, 1_000_000, 1_100_000)).toBe(-2_000);
  });
});

describe('shared pools', () => {
  const units = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('divides a pool by shares into parts that sum exactly to the pool', () => {
    fc.assert(fc.property(kroner, fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 12 }), (amount, weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const ids = units(weights.length);
      const parts = splitPool(amount, weights.map((w, i) => ({ unitId: ids[i] as string, percent: (w * 100) / total })));
      expect([...parts.values()].reduce((a, p) => a + ore(p), 0)).toBe(ore(amount));
    }));
  });

  it('lets units draw first come: never more than the pool, never more than a need, in the order the needs arose', () => {
    fc.assert(fc.property(kroner, fc.array(kroner, { minLength: 1, maxLength: 10 }), (amount, needs) => {
      const ids = units(needs.length);
      const drawn = drawFirstCome(amount, needs.map((need, i) => ({ unitId: ids[i] as string, need })));
      const total = [...drawn.values()].reduce((a, p) => a + ore(p), 0);
      expect(total).toBeLessThanOrEqual(ore(amount));
      needs.forEach((need, i) => expect(ore(drawn.get(ids[i] as string) ?? 0)).toBeLessThanOrEqual(ore(need)));
      expect(total).toBe(Math.min(ore(amount), needs.reduce((a, n) => a + ore(n), 0)));
    }));
  });
});
