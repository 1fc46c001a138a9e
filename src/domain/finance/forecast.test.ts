/** A proposed decision's value month by month, and the year's forecast from the months. */
import { describe, expect, it } from 'vitest';
import { daysWithin, forecastYear, yearToDate } from './budget.ts';
import { proposedMonths } from './forecast.ts';

const hourly = { basis: 'decided' as const, elements: [{ kind: 'hour' as const, pricePerHour: 500 }, { kind: 'user' as const, pricePerUserMonth: 100 }] };

describe('a proposed decision over the year', () => {
  it('counts hours a week over the days it holds in each month, at the hour price, with the price per user in each month it holds', () => {
    const months = proposedMonths(2026, { hoursPerWeek: 7, from: '2026-11-03', to: null, place: false }, hourly);
    expect(months.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 0));
    expect(months[10]).toBe(28 * 500 + 100); // 3–30 November: 28 days, 28 hours
    expect(months[11]).toBe(31 * 500 + 100);
  });

  it('ends on its last day, and prices a place by the day, never by the hour', () => {
    expect(proposedMonths(2026, { hoursPerWeek: 14, from: '2026-01-01', to: '2026-01-07', place: false }, hourly)[0]).toBe(14 * 500 + 100);
    const day = { basis: 'decided' as const, elements: [{ kind: 'day' as const, pricePerDay: 2000 }, { kind: 'hour' as const, pricePerHour: 500 }] };
    expect(proposedMonths(2026, { hoursPerWeek: 40, from: '2026-02-15', to: null, place: true }, day)[1]).toBe(14 * 2000);
  });

  it('is nothing without an agreement to price it by', () => {
    expect(proposedMonths(2026, { hoursPerWeek: 7, from: '2026-01-01', to: null, place: false }, null)).toEqual(Array.from({ length: 12 }, () => 0));
  });
});

describe('the year', () => {
  it('sums the months begun so far and all twelve', () => {
    const months = Array.from({ length: 12 }, (_, i) => i + 0.5);
    expect(yearToDate(months, 3)).toBe(0.5 + 1.5 + 2.5);
    expect(forecastYear(months, 3)).toMatchObject({ yearToDate: 4.5, forecast: 72 });
  });

  it('counts the days of a period within a month, both ends included', () => {
    expect(daysWithin('2026-02-10', null, '2026-02-01', '2026-02-28')).toBe(19);
    expect(daysWithin('2026-01-10', '2026-02-03', '2026-02-01', '2026-02-28')).toBe(3);
    expect(daysWithin('2026-03-01', null, '2026-02-01', '2026-02-28')).toBe(0);
  });
});
