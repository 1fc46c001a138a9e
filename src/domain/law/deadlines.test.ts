import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, deadline, isPublicHoliday, isPublicHolidayByLibrary, isWorkingDay, osloDate, osloDateByZone } from './deadlines.ts';
import { DEADLINES, legalRegister } from './rules.ts';

describe('deadline arithmetic in Norwegian dates', () => {
  it('gives the provisional-reply deadline one month on (fvl § 11 a)', () => {
    expect(deadline(DEADLINES.provisionalReply, '2026-11-02')).toMatchObject({ due: '2026-12-02', nominal: '2026-12-02', citation: 'forvaltningsloven § 11 a tredje ledd' });
  });

  it('ends a month on the last day when the month is shorter, and moves a Saturday to Monday', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(deadline(DEADLINES.provisionalReply, '2026-01-31')).toMatchObject({ nominal: '2026-02-28', due: '2026-03-02' });
  });

  it.each([
    ['2026-03-09', '2026-04-06', '2026-04-07', 'Easter Monday (andre påskedag)'],
    ['2026-04-19', '2026-05-17', '2026-05-18', 'Constitution Day on a Sunday'],
    ['2026-04-16', '2026-05-14', '2026-05-15', 'Ascension Day (Kristi himmelfartsdag)'],
    ['2026-11-28', '2026-12-26', '2026-12-28', 'Boxing Day on a Saturday'],
    ['2026-04-02', '2026-04-30', '2026-04-30', 'an ordinary Thursday'],
  ])('counts the four-week complaint deadline from %s: nominal %s, due %s (%s)', (from, nominal, due) => {
    expect(deadline(DEADLINES.complaint, from)).toMatchObject({ nominal, due, citation: 'pasient- og brukerrettighetsloven § 7-5 første ledd' });
  });

  it('knows working days', () => {
    expect(isWorkingDay('2026-05-01')).toBe(false);
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-23')).toBe(true);
    expect(isWorkingDay('2026-12-24')).toBe(true); // Christmas Eve is not a public holiday
  });
});

describe('the legal register', () => {
  it('gives every rule an id, a citation and a requirement in bokmål and English', () => {
    const rules = legalRegister();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.citation.length).toBeGreaterThan(5);
      expect(r.requirement.nb.length).toBeGreaterThan(10);
      expect(r.requirement.en.length).toBeGreaterThan(10);
    }
  });
});

describe('public holidays computed once per year', () => {
  it('agree with the library asked day by day, 2020–2032', () => {
    const differ: string[] = [];
    for (let d = '2020-01-01'; d < '2033-01-01'; d = addDays(d, 1)) if (isPublicHoliday(d) !== isPublicHolidayByLibrary(d)) differ.push(d);
    expect(differ).toEqual([]);
    // Sanity: the days everyone knows.
    for (const d of ['2026-12-25', '2026-05-17', '2026-04-03', '2027-03-29']) expect(isPublicHoliday(d), d).toBe(true);
    expect(isPublicHoliday('2026-12-24')).toBe(false);
  });
});

describe('the Norwegian date of an instant, found once per UTC hour', () => {
  it('is the time-zone database\'s date for any instant from 1800 to 2200, as a Date or as text', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const at = new Date(ms);
        expect(osloDate(at)).toBe(osloDateByZone(at));
        expect(osloDate(at.toISOString())).toBe(osloDateByZone(at));
      }),
      { numRuns: 5000 },
    );
  });

  it('turns at Norwegian midnight, in summer and winter time and on the nights the clocks change', () => {
    expect(osloDate('2026-10-24T21:59:59.999Z')).toBe('2026-10-24'); // 23:59:59.999 summer time
    expect(osloDate('2026-10-24T22:00:00.000Z')).toBe('2026-10-25'); // midnight summer time; the clocks go back at 03:00
    expect(osloDate('2026-10-25T22:59:59.999Z')).toBe('2026-10-25'); // 23:59:59.999 winter time
    expect(osloDate('2026-10-25T23:00:00.000Z')).toBe('2026-10-26');
    expect(osloDate('2026-03-28T23:00:00.000Z')).toBe('2026-03-29'); // midnight winter time; the clocks go forward at 02:00
    expect(osloDate('2026-03-29T00:59:59.999Z')).toBe('2026-03-29');
    expect(osloDate(new Date('2026-03-29T22:00:00.000Z'))).toBe('2026-03-30');
  });

  it('refuses an instant that is not one, as the time-zone database does', () => {
    expect(() => osloDate('not a date')).toThrow(RangeError);
    expect(() => osloDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
