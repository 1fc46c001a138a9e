import { describe, expect, it } from 'vitest';
import { addDays, addMonths, deadline, isPublicHoliday, isPublicHolidayByLibrary, isWorkingDay } from './deadlines.ts';
import { DEADLINES, legalRegister } from './rules.ts';

describe('deadline arithmetic in Norwegian dates', () => {
  it('gives the provisional-reply deadline one month on (fvl § 11 a)', () => {
    expect(deadline(DEADLINES.provisionalReply, '2026-11-02')).toMatchObject({ due: '2026-12-02', nominal: '2026-12-02', citation: 'forvaltningsloven § 11 a annet ledd' });
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
