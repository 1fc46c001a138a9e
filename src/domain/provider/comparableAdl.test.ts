/**
 * Two IPLOS registrations are compared over the variables scored (1–5) in both (comparableAdlSums):
 * a variable left unscored, or scored 9 (not relevant), in one of them says nothing about a change
 * of need, so it counts in neither. Found by review: plain sums read two 9s as less need, and four
 * variables scored as less need than seventeen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IPLOS_CODES } from '../assessment/iplos.ts';
import { comparableAdlSums, revisionGate } from './changeRules.ts';
import { raisedWithoutScores } from './followUps.ts';

const all = (score: number) => Object.fromEntries(IPLOS_CODES.map((c) => [c, score]));
const only = (codes: readonly string[], score: number) => Object.fromEntries(codes.map((c) => [c, score]));
const four = IPLOS_CODES.slice(0, 4);

describe('comparing two IPLOS registrations', () => {
  it('does not read a 9 or an unscored variable as less need', () => {
    const before = { ...all(1), [IPLOS_CODES[0] as string]: 9, [IPLOS_CODES[1] as string]: 9 };
    const same = comparableAdlSums(before, all(1));
    expect(same.adlBefore).toBe(same.adlAfter);
    // Hours from 5 to 10 with the need unchanged: the rise is flagged.
    expect(raisedWithoutScores({ hoursBefore: 5, hoursAfter: 10, ...same })).toBe(true);
    // Four variables at 5, then all seventeen at 2: need fell where it was scored, so a rise is flagged.
    expect(raisedWithoutScores({ hoursBefore: 5, hoursAfter: 10, ...comparableAdlSums(only(four, 5), all(2)) })).toBe(true);
    // A real rise over the same variables is not.
    expect(raisedWithoutScores({ hoursBefore: 5, hoursAfter: 10, ...comparableAdlSums(all(2), all(3)) })).toBe(false);
  });

  it('lets a cut pass the revision rule’s IPLOS check only when need fell where both were scored', () => {
    const rule = { thresholdPercent: 25, windowWeeks: 1, requireIplosChange: true } as const;
    const weeks = [{ weekStart: '2026-11-02', performedHours: 1, recordedVisits: 2 }];
    const gate = (before: Record<string, number>, after: Record<string, number>) => revisionGate(rule, { direction: 'decrease', decidedHoursPerWeek: 4, weeks, ...comparableAdlSums(before, after) }).checks.find((c) => c.id === 'iplos_change')?.met;
    // All at 3, then four variables at 4: need rose where it was scored, so no cut on this evidence.
    expect(gate(all(3), only(four, 4))).toBe(false);
    expect(gate(all(3), all(2))).toBe(true);
  });

  it('is the plain sum for two registrations scoring the same variables, and unmoved by a variable scored in one alone', () => {
    const scores = fc.dictionary(fc.constantFrom(...IPLOS_CODES), fc.constantFrom(1, 2, 3, 4, 5, 9));
    fc.assert(
      fc.property(scores, scores, fc.constantFrom(...IPLOS_CODES), fc.constantFrom(1, 2, 3, 4, 5, 9), (before, after, extra, score) => {
        const base = comparableAdlSums(before, after);
        // A variable unscored in `before` and given any score in `after` changes nothing.
        const { [extra]: _dropped, ...withoutExtra } = before;
        const widened = comparableAdlSums(withoutExtra, { ...after, [extra]: score });
        const narrowed = comparableAdlSums(withoutExtra, { ...after, [extra]: 9 });
        const direction = (c: ReturnType<typeof comparableAdlSums>) => (c.adlBefore === null || c.adlAfter === null ? 'none' : Math.sign(c.adlAfter - c.adlBefore));
        expect(direction(widened)).toBe(direction(narrowed));
        expect(widened.adlBefore).toBe(narrowed.adlBefore);
        // Over the variables both score, the comparison goes the same way read in either order.
        const reversed = comparableAdlSums(after, before);
        if (base.adlBefore !== null && reversed.adlBefore !== null) expect(Math.sign((base.adlAfter ?? 0) - base.adlBefore)).toBe(Math.sign((reversed.adlBefore ?? 0) - (reversed.adlAfter ?? 0)));
      }),
      { seed: 2026, numRuns: 300 },
    );
    expect(comparableAdlSums(all(2), all(3))).toEqual({ adlBefore: 34, adlAfter: 51 });
    expect(comparableAdlSums(undefined, all(2))).toEqual({ adlBefore: null, adlAfter: 34 });
  });
});
