/**
 * Which assessment is a person's latest: by the day assessed, then when recorded, then id
 * (byRecency), whatever order the assessments are read in, and never one recorded late for an
 * earlier day. Properties over random histories with shared days and shared recording times (an
 * import records many at once), and the IPLOS status and the KPR extract's assessment read alike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestCompleted } from '../kpr/index.ts';
import { byRecency, iplosStatus, latestOf, type AssessmentSummary } from './completeness.ts';
import { IPLOS_CODES } from './iplos.ts';

const TODAY = '2026-12-07';
const DAYS = ['2025-06-01', '2025-12-07', '2026-03-15', '2026-12-07'];
const RECORDED = ['2025-06-01T10:00:00.000Z', '2026-03-15T09:00:00.000Z', '2026-12-07T08:00:00.000Z'];
const FULL = Object.fromEntries(IPLOS_CODES.map((c) => [c, 2]));

const assessment: fc.Arbitrary<Omit<AssessmentSummary, 'id'>> = fc.record({
  status: fc.constantFrom('draft' as const, 'completed' as const),
  assessedOn: fc.constantFrom(...DAYS),
  scores: fc.constantFrom(FULL, { eating: 3 }, {}),
  createdAt: fc.constantFrom(...RECORDED),
});

/** A person's assessments, each with its own id, in the order they happen to be read. */
const history = fc.uniqueArray(fc.uuid(), { minLength: 0, maxLength: 6 }).chain((ids) =>
  fc.tuple(...ids.map(() => assessment)).map((rows) => rows.map((r, i) => ({ ...r, id: ids[i] as string }))),
);

const reordered = history.chain((h) => fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }).map((shuffled) => [h, shuffled] as const));

describe('the latest assessment', () => {
  it('is the same whatever order the assessments are read in: the IPLOS status, the latest and the KPR extract’s', () => {
    fc.assert(
      fc.property(reordered, ([read, other]) => {
        expect(iplosStatus(other, TODAY)).toEqual(iplosStatus(read, TODAY));
        expect(latestOf(other)).toEqual(latestOf(read));
        for (const day of DAYS) expect(latestCompleted(other, day)).toEqual(latestCompleted(read, day));
      }),
    );
  });

  it('is assessed on the latest day of them all, and recorded last of those', () => {
    fc.assert(
      fc.property(history, (h) => {
        const latest = latestOf(h);
        if (!latest) {
          expect(h).toEqual([]);
          return;
        }
        for (const a of h) {
          expect(a.assessedOn <= latest.assessedOn).toBe(true);
          if (a.assessedOn === latest.assessedOn) expect(a.createdAt <= latest.createdAt).toBe(true);
          if (a !== latest) expect(byRecency(a, latest)).toBeLessThan(0);
        }
      }),
    );
  });

  it('is not replaced by an assessment recorded later for an earlier day: the status stays as it was', () => {
    const late = fc.record({ status: fc.constantFrom('draft' as const, 'completed' as const), scores: fc.constantFrom(FULL, { eating: 3 }, {}), id: fc.uuid() });
    fc.assert(
      fc.property(history, late, (h, l) => {
        fc.pre(h.some((a) => a.status === 'completed') && !h.some((a) => a.id === l.id));
        // Recorded after every other, for a day before every other.
        const backdated: AssessmentSummary = { ...l, assessedOn: '2024-01-01', createdAt: '2026-12-07T23:00:00.000Z' };
        expect(iplosStatus([...h, backdated], TODAY)).toEqual(iplosStatus(h, TODAY));
        expect(latestCompleted([...h, backdated], TODAY)).toEqual(latestCompleted(h, TODAY));
      }),
    );
  });

  it('is complete when assessed this year in full, even after an older assessment recorded later; a newer draft makes it to be validated', () => {
    const newer: AssessmentSummary = { id: '00000000-0000-4000-8000-000000000002', status: 'completed', assessedOn: '2026-11-01', scores: FULL, createdAt: '2026-11-01T10:00:00.000Z' };
    const older: AssessmentSummary = { id: '00000000-0000-4000-8000-000000000001', status: 'completed', assessedOn: '2025-01-01', scores: { eating: 3 }, createdAt: '2026-11-02T10:00:00.000Z' };
    expect(iplosStatus([newer, older], TODAY).status).toBe('complete');
    expect(latestCompleted([older, newer], TODAY)).toBe(newer);
    const draft: AssessmentSummary = { ...older, id: '00000000-0000-4000-8000-000000000003', status: 'draft', assessedOn: '2026-12-01' };
    expect(iplosStatus([newer, older, draft], TODAY)).toMatchObject({ status: 'to_be_validated', reason: expect.stringContaining('draft') });
    // Recorded at once on the same day: the id decides, in SQL as here.
    const twin = { ...newer, id: '00000000-0000-4000-8000-000000000009', scores: { eating: 1 } };
    expect(latestOf([twin, newer])).toBe(twin);
    expect(latestOf([newer, twin])).toBe(twin);
  });
});
