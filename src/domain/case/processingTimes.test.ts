import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../law/deadlines.ts';
import { daysBetween, processingTimes, provisionalReplyDues, type RequestCount } from './processingTimes.ts';

interface Request {
  readonly serviceCode: string;
  readonly receivedOn: string;
  readonly decidedOn: string | null;
}

/** Requests counted one by one, as the store's SQL counts them: by service, days and the deadline of the day received. */
function counted(requests: readonly Request[], today: string): RequestCount[] {
  const days = requests.map((r) => r.receivedOn).sort();
  const dues = provisionalReplyDues(days[0] ?? today, days.at(-1) ?? today);
  return requests.map((r) => {
    const due = dues.get(r.receivedOn) as string;
    return r.decidedOn === null
      ? { serviceCode: r.serviceCode, decided: false, pastMonth: today > due, count: 1 }
      : { serviceCode: r.serviceCode, decided: true, days: daysBetween(r.receivedOn, r.decidedOn), withinMonth: r.decidedOn <= due, count: 1 };
  });
}

describe('processing times', () => {
  it('counts days from request to first decision, with median and 90th percentile per service', () => {
    const rows = [
      { serviceCode: 'home_nursing', receivedOn: '2026-10-01', decidedOn: '2026-10-05' },
      { serviceCode: 'home_nursing', receivedOn: '2026-10-01', decidedOn: '2026-10-11' },
      { serviceCode: 'home_nursing', receivedOn: '2026-10-01', decidedOn: '2026-11-10' },
      { serviceCode: 'long_term_stay', receivedOn: '2026-10-20', decidedOn: null },
    ];
    const report = processingTimes(counted(rows, '2026-12-01'));
    expect(report.byService.home_nursing).toEqual({ decided: 3, medianDays: 10, p90Days: 40, decidedWithinMonth: 2, open: 0, openPastMonth: 0 });
    expect(report.byService.long_term_stay).toMatchObject({ decided: 0, medianDays: null, open: 1, openPastMonth: 1 });
    expect(report.overall).toMatchObject({ decided: 3, open: 1 });
    expect(report.citation).toBe('forvaltningsloven § 11 a tredje ledd');
  });

  it('counts a decision on the provisional-reply deadline day as within the month', () => {
    // Received Saturday 2026-10-03; one month on is Tuesday 2026-11-03, a working day.
    const within = processingTimes(counted([{ serviceCode: 's', receivedOn: '2026-10-03', decidedOn: '2026-11-03' }], '2026-12-01'));
    const after = processingTimes(counted([{ serviceCode: 's', receivedOn: '2026-10-03', decidedOn: '2026-11-04' }], '2026-12-01'));
    expect(within.overall.decidedWithinMonth).toBe(1);
    expect(after.overall.decidedWithinMonth).toBe(0);
  });

  it('works out the deadline of each day received, moved off weekends and public holidays', () => {
    const dues = provisionalReplyDues('2026-03-30', '2026-04-02');
    expect([...dues.keys()]).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02']);
    // 2026-04-30 is a Thursday; 2026-05-01 (Labour Day) and the weekend after it move to Monday 4 May.
    expect(dues.get('2026-03-30')).toBe('2026-04-30');
    expect(dues.get('2026-04-01')).toBe('2026-05-04');
    expect(provisionalReplyDues('2026-04-02', '2026-04-01').size).toBe(0);
  });

  it('counts whole Norwegian days across the change from summer time', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('gives the same figures from requests counted together as from each request counted alone', () => {
    const request = fc.record({
      serviceCode: fc.constantFrom('practical_help', 'home_nursing', 'long_term_stay'),
      receivedAgo: fc.integer({ min: 0, max: 120 }),
      decidedAfter: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), (drawn) => {
        const today = '2026-12-01';
        const requests = drawn.map((r) => ({ serviceCode: r.serviceCode, receivedOn: addDays(today, -r.receivedAgo), decidedOn: r.decidedAfter === null ? null : addDays(today, Math.min(0, r.decidedAfter - r.receivedAgo)) }));
        const single = counted(requests, today);
        // The same requests merged into counts, as GROUP BY merges them, in an order of their own.
        const merged = new Map<string, RequestCount>();
        for (const c of single) {
          const key = JSON.stringify({ ...c, count: 0 });
          const had = merged.get(key);
          merged.set(key, { ...c, count: (had?.count ?? 0) + 1 });
        }
        const together = processingTimes([...merged.values()].reverse());
        expect(together).toEqual(processingTimes(single));
        // And the figures are those of the requests themselves.
        const decided = requests.filter((r) => r.decidedOn !== null).map((r) => daysBetween(r.receivedOn, r.decidedOn as string)).sort((a, b) => a - b);
        expect(together.overall.decided).toBe(decided.length);
        expect(together.overall.open).toBe(requests.length - decided.length);
        expect(together.overall.medianDays).toBe(decided.length ? decided[Math.ceil(decided.length / 2) - 1] : null);
        expect(together.overall.p90Days).toBe(decided.length ? decided[Math.max(0, Math.ceil(0.9 * decided.length) - 1)] : null);
        expect(Object.values(together.byService).reduce((n, s) => n + s.decided + s.open, 0)).toBe(requests.length);
      }),
    );
  });
});
