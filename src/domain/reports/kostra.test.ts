import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRecipients, kostraFigures, kostraFiguresOf, recipientsOn, suppressSmallCells, type KostraGrant, type KostraInput, type Recipient } from './kostra.ts';
import { IPLOS_CODES } from '../assessment/iplos.ts';
import { scoreTally } from './equalTreatment.ts';
import { NEED_BAND_RULE } from './equalTreatmentDefinitions.ts';
import { KOSTRA_INDICATOR_IDS, KOSTRA_INDICATORS, KOSTRA_SERVICE_ROWS, needLevel } from './kostraDefinitions.ts';
import { ageGroupInhabitants, ageOn, bandProblems, type Population } from './population.ts';

const REF = '2026-12-31';
const grant = (personId: string, birthDate: string, serviceCode: string, over: Partial<KostraGrant> = {}): KostraGrant => ({ personId, birthDate, serviceCode, validFrom: '2026-01-01', validTo: null, hoursPerWeek: null, ...over });
const pop = (a: number, b: number, c: number): Population => ({
  year: 2027,
  asOf: '2027-01-01',
  bands: [
    { fromAge: 0, toAge: 66, inhabitants: a },
    { fromAge: 67, toAge: 79, inhabitants: b },
    { fromAge: 80, toAge: null, inhabitants: c },
  ],
  total: a + b + c,
  source: 'SSB 07459',
});
const scoresAll = (s: number) => Object.fromEntries(IPLOS_CODES.map((v) => [v, s]));
/** The tally of every IPLOS variable scored `s`. */
const tallyAll = (s: number) => scoreTally(scoresAll(s));
const input = (over: Partial<KostraInput> = {}): KostraInput => ({ year: 2026, referenceDate: REF, grants: [], tallies: new Map(), population: pop(8000, 1500, 500), accounts: null, ...over });
const row = (f: ReturnType<typeof kostraFigures>, id: string) => f.serviceRows.find((r) => r.id === id)!;

describe('population bands', () => {
  it('accepts bands from 0 to an open end and names the field of a gap, an overlap or a closed end', () => {
    expect(bandProblems(pop(1, 2, 3).bands)).toEqual([]);
    expect(bandProblems([{ fromAge: 0, toAge: 66, inhabitants: 1 }, { fromAge: 68, toAge: null, inhabitants: 1 }]).map((p) => p.field)).toEqual(['bands.1.fromAge']);
    expect(bandProblems([{ fromAge: 0, toAge: 90, inhabitants: 1 }]).map((p) => p.field)).toEqual(['bands.0.toAge']);
    expect(bandProblems([{ fromAge: 0, toAge: null, inhabitants: 1 }, { fromAge: 1, toAge: null, inhabitants: 1 }]).map((p) => p.field)).toContain('bands.0.toAge');
  });

  it('forms the KOSTRA age groups from single years, and leaves out a group a band straddles', () => {
    const single = [...Array.from({ length: 100 }, (_, i) => ({ fromAge: i, toAge: i, inhabitants: 10 })), { fromAge: 100, toAge: null, inhabitants: 3 }];
    expect(ageGroupInhabitants(single)).toEqual({ '0-66': 670, '67-79': 130, '80+': 203 });
    const straddle = [{ fromAge: 0, toAge: 69, inhabitants: 700 }, { fromAge: 70, toAge: 79, inhabitants: 100 }, { fromAge: 80, toAge: null, inhabitants: 50 }];
    expect(ageGroupInhabitants(straddle)).toEqual({ '0-66': null, '67-79': null, '80+': 50 });
  });

  it('takes age in whole years on the day', () => {
    expect(ageOn('1946-12-31', REF)).toBe(80);
    expect(ageOn('1947-01-01', REF)).toBe(79);
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
  });

  it('takes age as the years between, less one before the birthday of the year, for any two days', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (birth, on) => {
        const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
        const [y, m, d] = on.split('-').map(Number) as [number, number, number];
        // The birthday compared within one leap year, so 29 February is a day like the others.
        const beforeBirthday = Date.UTC(2000, m - 1, d) < Date.UTC(2000, bm - 1, bd);
        expect(ageOn(birth, on)).toBe(y - by - (beforeBirthday ? 1 : 0));
      }),
    );
  });
});

describe('the need level (the equal-treatment report’s band rule)', () => {
  it('groups the mean of the scores, and says unknown without enough scores', () => {
    expect(needLevel(tallyAll(2))).toBe('limited');
    expect(needLevel(tallyAll(3))).toBe('medium');
    expect(needLevel(tallyAll(4))).toBe('extensive');
    expect(needLevel(scoreTally({ eating: 5 }))).toBe('unknown');
    expect(needLevel(null)).toBe('unknown');
    expect(needLevel(tallyAll(9))).toBe('unknown');
    expect(needLevel(tallyAll(3), { ...NEED_BAND_RULE, from: { medium: 2.5, extensive: 3 } })).toBe('extensive');
  });
});

describe('the KOSTRA figures', () => {
  it('counts recipients per 1,000 by age group and per 100 in total, each person once per row', () => {
    const grants = [
      grant('a', '1940-05-01', 'home_nursing', { hoursPerWeek: 3 }),
      grant('a', '1940-05-01', 'practical_help', { hoursPerWeek: 2 }),
      grant('b', '1955-05-01', 'home_nursing', { hoursPerWeek: 1 }),
      grant('c', '1990-05-01', 'bpa', { hoursPerWeek: 30 }),
      grant('d', '1930-05-01', 'long_term_stay'),
      grant('e', '1930-05-01', 'long_term_stay', { validTo: '2026-06-30' }),
    ];
    const f = kostraFigures(input({ grants }));
    expect(f.recipients).toBe(4);
    const home = row(f, 'home_services');
    expect(home.per1000.total).toMatchObject({ n: 3, of: 10000, value: 0.3 });
    expect(home.per1000['80+']).toMatchObject({ n: 1, of: 500, value: 2 });
    expect(home.per1000['67-79']).toMatchObject({ n: 1, of: 1500 });
    expect(home.per1000['0-66']).toMatchObject({ n: 1, of: 8000, value: 0.125 });
    expect(row(f, 'long_term_stay').per100).toMatchObject({ n: 1, value: 0.01 });
    expect(row(f, 'meal_delivery').per100.reason).toBe('not_recorded');
  });

  it('gives hours per week per recipient (summed over a person’s decisions) and the share with extensive need', () => {
    const grants = [grant('a', '1940-05-01', 'home_nursing', { hoursPerWeek: 3 }), grant('a', '1940-05-01', 'home_nursing', { hoursPerWeek: 2 }), grant('b', '1944-05-01', 'home_nursing', { hoursPerWeek: 1 }), grant('c', '1944-05-01', 'home_nursing')];
    const f = kostraFigures(input({ grants, tallies: new Map([['a', tallyAll(4)], ['b', tallyAll(2)]]) }));
    const nursing = f.hoursPerWeek.find((h) => h.id === 'home_nursing')!;
    expect(nursing.byAge.total).toMatchObject({ n: 2, value: 3 });
    expect(nursing.withoutHours).toBe(1);
    expect(nursing.byNeed.extensive.value).toBe(5);
    expect(f.extensiveNeedShare.total).toMatchObject({ n: 1, of: 3, value: 0.3333 });
    expect(f.needRows.find((r) => r.level === 'unknown')!.per100.n).toBe(1);
  });

  it('gives BPA per inhabitant under 67 and among those with 25 hours or more', () => {
    const grants = [grant('a', '1990-01-01', 'bpa', { hoursPerWeek: 40 }), grant('b', '1990-01-01', 'practical_help', { hoursPerWeek: 26 }), grant('c', '1990-01-01', 'practical_help', { hoursPerWeek: 4 })];
    const f = kostraFigures(input({ grants }));
    expect(f.bpa.per1000Under67).toMatchObject({ n: 1, of: 8000, value: 0.125 });
    expect(f.bpa.per10000Under67.value).toBe(1.25);
    expect(f.bpa.coverage).toMatchObject({ n: 1, of: 2, value: 0.5 });
  });

  it('says why a figure is not computable: no population, bands that do not split, no accounts', () => {
    const grants = [grant('a', '1940-05-01', 'home_nursing')];
    const none = kostraFigures(input({ grants, population: null }));
    expect(row(none, 'home_services').per1000.total.reason).toBe('no_population');
    expect(row(none, 'home_services').per1000['80+'].reason).toBe('no_population');
    expect(none.costs.perInhabitant.reason).toBe('no_accounts');
    const coarse: Population = { year: 2027, asOf: '2027-01-01', bands: [{ fromAge: 0, toAge: 69, inhabitants: 90 }, { fromAge: 70, toAge: null, inhabitants: 10 }], total: 100, source: 'x' };
    const f = kostraFigures(input({ grants, population: coarse }));
    expect(row(f, 'home_services').per1000['80+'].reason).toBe('population_bands');
    expect(row(f, 'home_services').per1000.total.value).toBe(10);
  });

  it('divides the entered accounts by inhabitants and by recipients of the function', () => {
    const grants = [grant('a', '1940-05-01', 'home_nursing'), grant('b', '1940-05-01', 'home_nursing'), grant('c', '1930-01-01', 'long_term_stay')];
    const accounts = { total: 1_000_000, byFunction: { '254': 300_000, '253': 600_000 }, unattributed: 100_000, entries: 24 };
    const f = kostraFigures(input({ grants, accounts }));
    expect(f.costs.perInhabitant.value).toBe(100);
    expect(f.costs.perHomeServiceRecipient.value).toBe(150_000);
    expect(f.costs.perInstitutionResident.value).toBe(600_000);
  });

  it('has a definition with a citation for every indicator, and a row for every Table 14 service', () => {
    for (const id of KOSTRA_INDICATOR_IDS) {
      expect(KOSTRA_INDICATORS[id].citation.length).toBeGreaterThan(10);
      expect(KOSTRA_INDICATORS[id].definition.nn.length).toBeGreaterThan(10);
    }
    expect(KOSTRA_SERVICE_ROWS.filter((r) => r.table14).length).toBe(10);
  });
});

describe('KOSTRA properties', () => {
  const arbGrant = fc.record({
    personId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
    birthDate: fc.constantFrom('1930-03-01', '1950-07-01', '1990-01-01'),
    serviceCode: fc.constantFrom('home_nursing', 'practical_help', 'bpa', 'long_term_stay', 'safety_alarm', 'respite'),
    validFrom: fc.constantFrom('2025-01-01', '2026-06-01', '2027-02-01'),
    validTo: fc.constantFrom(null, '2026-03-01', '2027-12-31'),
    hoursPerWeek: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  });

  it('the age groups add up to the total, and the need levels to the home-service recipients', () => {
    fc.assert(
      fc.property(fc.array(arbGrant, { maxLength: 30 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 900 }), (grants, a, b, c) => {
        const tallies = new Map([['p1', tallyAll(4)], ['p2', tallyAll(3)], ['p3', tallyAll(2)]]);
        const f = kostraFigures(input({ grants, tallies, population: pop(a, b, c) }));
        for (const r of f.serviceRows.filter((x) => !x.notRecorded)) {
          expect(r.per1000['0-66'].n! + r.per1000['67-79'].n! + r.per1000['80+'].n!).toBe(r.per1000.total.n);
          expect(r.per100.n).toBe(r.per1000.total.n);
        }
        const home = f.serviceRows.find((x) => x.id === 'home_services')!;
        expect(f.needRows.reduce((s, x) => s + x.per100.n!, 0)).toBe(home.per100.n);
        expect(f.recipients).toBe(recipientsOn(grants, REF).size);
        expect(f.recipients).toBeLessThanOrEqual(6);
      }),
    );
  });

  it('a rate is n per the inhabitants, never negative, and a share lies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(arbGrant, { maxLength: 30 }), fc.integer({ min: 1, max: 5000 }), (grants, a) => {
        const f = kostraFigures(input({ grants, population: pop(a, a, a) }));
        for (const r of f.serviceRows.filter((x) => !x.notRecorded)) {
          expect(r.per1000.total.value).toBeCloseTo((r.per1000.total.n! / (3 * a)) * 1000, 3);
        }
        for (const s of Object.values(f.extensiveNeedShare)) if (s.value !== null) expect(s.value).toBeGreaterThanOrEqual(0);
        const cov = f.bpa.coverage.value;
        if (cov !== null) expect(cov >= 0 && cov <= 1).toBe(true);
      }),
    );
  });

  it('gives the same figures when the recipients are gathered from the grants in slices of any size', () => {
    fc.assert(
      fc.property(fc.array(arbGrant, { maxLength: 40 }), fc.integer({ min: 1, max: 41 }), (grants, size) => {
        const recipients = new Map<string, Recipient>();
        for (let at = 0; at < grants.length; at += size) addRecipients(recipients, grants.slice(at, at + size), REF);
        const { grants: _all, ...rest } = input({ grants });
        expect(kostraFiguresOf(recipients, rest)).toEqual(kostraFigures(input({ grants })));
      }),
    );
  });

  it('serves no cell over 1 to minN − 1 recipients, and leaves the others as computed', () => {
    fc.assert(
      fc.property(fc.array(arbGrant, { maxLength: 40 }), fc.integer({ min: 2, max: 6 }), (grants, minN) => {
        const raw = kostraFigures(input({ grants }));
        const served = suppressSmallCells(raw, minN);
        const cells = (x: unknown): { n: number | null; of: number | null; reason: string | null }[] =>
          Array.isArray(x) ? x.flatMap(cells) : x && typeof x === 'object' ? ('reason' in x && 'n' in x ? [x as never] : Object.values(x).flatMap(cells)) : [];
        for (const c of cells(served)) {
          for (const k of [c.n, c.of]) expect(k === null || k === 0 || k >= minN).toBe(true);
        }
        expect(cells(served).length).toBe(cells(raw).length);
        expect(served.needGrouping).toEqual(raw.needGrouping);
        const total = (f: typeof raw) => f.serviceRows.find((r) => r.id === 'home_services')!.per1000.total;
        if ((total(raw).n ?? 0) >= minN) expect(total(served)).toEqual(total(raw));
        else if ((total(raw).n ?? 0) > 0) expect(total(served)).toMatchObject({ n: null, value: null, reason: 'suppressed' });
      }),
    );
  });
});
