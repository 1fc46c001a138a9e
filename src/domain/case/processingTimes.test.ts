import { describe, expect, it } from 'vitest';
import { daysBetween, processingTimes } from './processingTimes.ts';

describe('processing times', () => {
  it('counts days from request to first decision, with median and 90th percentile per service', () => {
    const rows = [
      { serviceCode: 'home_nursing', receivedOn: '2026-10-01', decidedOn: '2026-10-05' },
      { serviceCode: 'home_nursing', receivedOn: '2026-10-01', decidedOn: '2026-10-11' },
      { serviceCode: 'home_nursing', receivedOn: '2026-10-01', decidedOn: '2026-11-10' },
      { serviceCode: 'long_term_stay', receivedOn: '2026-10-20', decidedOn: null },
    ];
    const report = processingTimes(rows, '2026-12-01');
    expect(report.byService.home_nursing).toEqual({ decided: 3, medianDays: 10, p90Days: 40, decidedWithinMonth: 2, open: 0, openPastMonth: 0 });
    expect(report.byService.long_term_stay).toMatchObject({ decided: 0, medianDays: null, open: 1, openPastMonth: 1 });
    expect(report.overall).toMatchObject({ decided: 3, open: 1 });
    expect(report.citation).toBe('forvaltningsloven § 11 a annet ledd');
  });

  it('counts a decision on the provisional-reply deadline day as within the month', () => {
    // Received Saturday 2026-10-03; one month on is Tuesday 2026-11-03, a working day.
    const within = processingTimes([{ serviceCode: 's', receivedOn: '2026-10-03', decidedOn: '2026-11-03' }], '2026-12-01');
    const after = processingTimes([{ serviceCode: 's', receivedOn: '2026-10-03', decidedOn: '2026-11-04' }], '2026-12-01');
    expect(within.overall.decidedWithinMonth).toBe(1);
    expect(after.overall.decidedWithinMonth).toBe(0);
  });

  it('counts whole Norwegian days across the change from summer time', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });
});
