/**
 * Seed 002 Table 14 (L668–693: «Andel innbyggere som mottar ulike tjenester. Antall tjenestemottakere
 * for hver deltjeneste delt på totalt innbyggertall multiplisert med 100», KOSTRA 2010), column
 * Sandnes, reproduced by the KOSTRA report from data entered through the API: a fixture
 * municipality of 10,000 inhabitants (Sandnes' 2011 age structure from Figure 15, L1631–1642, scaled)
 * whose recipients are made case by case so that each row's count is the table's rate of 10,000.
 * What the report cannot compute (housing staffed around the clock, meal delivery) it says, and the
 * table's own inconsistencies with the report's other figures are checked as documented facts, not
 * copied: the BPA row's basis (Figure 31) and the home-care rows against Figure 28's counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';
import { assessed, decided, inParallel, newPerson } from '../helpers/kostra.ts';

/** Table 14, column Sandnes (L680–692); null: blank in the table. */
const SANDNES = {
  long_term_stay: 0.34,
  short_term_stay: 0.08,
  housing_24h: 0.47,
  care_housing: 0.66,
  bpa: 0.48,
  care_allowance: 0.13,
  extensive: 0.55,
  medium: 1.02,
  limited: 1.02,
  respite: 0.24,
  support_contact: 0.45,
  meal_delivery: null,
  safety_alarm: 1.18,
} as const;

/** The three home-care rows of every column (L686–688), Figure 28's 2010 recipients (L1837–1847) and Figure 15's 2011 populations (L1631–1642). */
const HOME_ROWS = { Bergen: [0.4, 1.05, 1.71], Drammen: [0.47, 1.31, 1.83], Kristiansand: [0.65, 1.7, 1.35], Oslo: [0.36, 1.03, 1.41], Sandnes: [0.55, 1.02, 1.02], Stavanger: [0.33, 1.4, 1.26], Trondheim: [0.41, 1.24, 0.97] } as const;
const FIG28_RECIPIENTS_2010 = { Bergen: 8612, Drammen: 2747, Kristiansand: 3256, Oslo: 17318, Sandnes: 1796, Stavanger: 3836, Trondheim: 4720 } as const;
const FIG15_POPULATION_2011 = { Bergen: 263_762, Drammen: 64_597, Kristiansand: 83_243, Oslo: 613_285, Sandnes: 67_814, Stavanger: 127_506, Trondheim: 176_348 } as const;
/** Figure 31 (L1915–1924): Sandnes' BPA recipients 2010 and 2011, and Sandnes' inhabitants 0–66 in 2011 (Figure 15). */
const FIG31 = { sandnes2010: 22, sandnes2011: 20, sandnesUnder67in2011: 61_345 } as const;

const INHABITANTS = 10_000;
/** Sandnes 2011 (61,345 / 4,409 / 2,060 of 67,814) scaled to 10,000. */
const BANDS = [
  { fromAge: 0, toAge: 66, inhabitants: Math.round((61_345 / 67_814) * INHABITANTS) },
  { fromAge: 67, toAge: 79, inhabitants: Math.round((4_409 / 67_814) * INHABITANTS) },
  { fromAge: 80, toAge: null, inhabitants: INHABITANTS - Math.round((61_345 / 67_814) * INHABITANTS) - Math.round((4_409 / 67_814) * INHABITANTS) },
];
const count = (per100: number) => Math.round((per100 * INHABITANTS) / 100);

const env = useTestEnvironment();
let m: TestMunicipality;
let report: any;

type Plan = { born: string; score: number | null; services: string[] };

/** Who gets what: the home-care recipients by need level (BPA, care allowance and respite among them, as KOSTRA function 254 counts them), then the others. */
function plan(): Plan[] {
  const levels = [...Array<number>(count(SANDNES.extensive)).fill(4), ...Array<number>(count(SANDNES.medium)).fill(3), ...Array<number>(count(SANDNES.limited)).fill(2)];
  const homeService = [...Array<string>(count(SANDNES.bpa)).fill('bpa'), ...Array<string>(count(SANDNES.care_allowance)).fill('care_allowance'), ...Array<string>(count(SANDNES.respite)).fill('respite')];
  const home: Plan[] = levels.map((score, i) => {
    const main = homeService[i] ?? 'home_nursing';
    return { born: main === 'bpa' ? '1990-03-03' : '1940-03-03', score, services: [main] };
  });
  // Safety alarms and support contacts go to home-care recipients as extra cases (a person counts once per row).
  home.slice(0, count(SANDNES.safety_alarm)).forEach((p) => p.services.push('safety_alarm'));
  home.slice(count(SANDNES.safety_alarm), count(SANDNES.safety_alarm) + count(SANDNES.support_contact)).forEach((p) => p.services.push('support_contact'));
  const stays = (service: string, n: number): Plan[] => Array.from({ length: n }, () => ({ born: '1935-05-05', score: null, services: [service] }));
  return [...home, ...stays('long_term_stay', count(SANDNES.long_term_stay)), ...stays('short_term_stay', count(SANDNES.short_term_stay)), ...stays('care_flat', count(SANDNES.care_housing))];
}

beforeAll(async () => {
  m = await createMunicipality(env.db);
  const admin = await Client.login(env.server.url, m.id, 'admin', PASSWORD);
  const office = await Client.login(env.server.url, m.id, 'caseworker', PASSWORD);
  const year = Number(norwegianDate().slice(0, 4));
  const pop = await admin.command('/api/v1/organisation/population', { year, bands: BANDS, source: 'Seed 002 Figure 15, Sandnes 2011, scaled to 10,000' });
  expect(pop.status, JSON.stringify(pop.body)).toBe(201);
  const today = norwegianDate();
  await inParallel(
    plan().map((p) => async () => {
      const id = await newPerson(office, p.born);
      if (p.score !== null) await assessed(office, id, p.score, today);
      for (const s of p.services) await decided(office, m.staff.caseworker as string, id, s);
    }),
  );
  const leader = await Client.login(env.server.url, m.id, 'leader', PASSWORD);
  const r = await leader.get(`/api/v1/reports/kostra?year=${year}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  report = r.body;
}, 900_000);

const per100 = (id: string) => report.serviceRows.find((r: any) => r.id === id).per100;
const needPer100 = (level: string) => report.needRows.find((r: any) => r.level === level).per100;

describe('seed 002 Table 14, Sandnes, from cases entered through the API', () => {
  it('divides by the population entered (10,000 inhabitants)', () => {
    expect(report.population.total).toBe(INHABITANTS);
  });

  it.each([
    ['long_term_stay', SANDNES.long_term_stay],
    ['short_term_stay', SANDNES.short_term_stay],
    ['care_housing', SANDNES.care_housing],
    ['bpa', SANDNES.bpa],
    ['care_allowance', SANDNES.care_allowance],
    ['respite', SANDNES.respite],
    ['support_contact', SANDNES.support_contact],
    ['safety_alarm', SANDNES.safety_alarm],
  ] as const)('computes the row %s as recipients per 100 inhabitants: %s', (id, rate) => {
    expect(per100(id).of).toBe(INHABITANTS);
    expect(per100(id).value).toBeCloseTo(rate, 6);
  });

  it('computes the three home-care rows by need level from the IPLOS scores', () => {
    expect(needPer100('extensive').value).toBeCloseTo(SANDNES.extensive, 6);
    expect(needPer100('medium').value).toBeCloseTo(SANDNES.medium, 6);
    expect(needPer100('limited').value).toBeCloseTo(SANDNES.limited, 6);
    expect(needPer100('unknown').n).toBe(0);
    // The report's home-service total is the sum of its need rows (Table 14 gives no total row).
    expect(per100('home_services').value).toBeCloseTo(SANDNES.extensive + SANDNES.medium + SANDNES.limited, 6);
  });

  it('says what it cannot compute: housing staffed around the clock (Table 14: 0.47) and meal delivery (blank for Sandnes)', () => {
    expect(SANDNES.housing_24h).toBeGreaterThan(0);
    expect(per100('housing_24h')).toMatchObject({ value: null, reason: 'not_recorded' });
    expect(SANDNES.meal_delivery).toBeNull();
    expect(per100('meal_delivery')).toMatchObject({ value: null, reason: 'not_recorded' });
  });
});

describe('the table’s own inconsistencies (documented checks, seed 002 notes §3.3 and §3.14)', () => {
  it('the BPA row cannot be recipients per 100 inhabitants consistent with Figure 31’s BPA counts', () => {
    // Table 14's 0.48 per 100 of Sandnes' 67,814 inhabitants is about 326 recipients; Figure 31 counts 22 in 2010.
    const implied = (SANDNES.bpa * FIG15_POPULATION_2011.Sandnes) / 100;
    expect(implied / FIG31.sandnes2010).toBeGreaterThan(10);
    // The same 48 recipients the report counts give a Figure 31 «dekningsgrad» (per 10,000 aged 0–66) far above Sandnes' own 3.3 (printed «3 %»).
    const figure31Coverage = (FIG31.sandnes2011 / FIG31.sandnesUnder67in2011) * 10_000;
    expect(figure31Coverage).toBeCloseTo(3.26, 2);
    expect(report.bpa.per10000Under67.n).toBe(count(SANDNES.bpa));
    expect(report.bpa.per10000Under67.value / figure31Coverage).toBeGreaterThan(10);
  });

  it('the home-care rows against Figure 28’s recipients imply populations 0.6 % to 18 % above Figure 15’s', () => {
    const gaps = Object.fromEntries(
      (Object.keys(HOME_ROWS) as (keyof typeof HOME_ROWS)[]).map((city) => {
        const per100Sum = HOME_ROWS[city].reduce((a, b) => a + b, 0);
        const impliedPopulation = FIG28_RECIPIENTS_2010[city] / (per100Sum / 100);
        return [city, impliedPopulation / FIG15_POPULATION_2011[city] - 1];
      }),
    );
    const values = Object.values(gaps);
    expect(Math.min(...values)).toBeCloseTo(0.006, 3);
    expect(gaps.Stavanger).toBe(Math.min(...values));
    expect(Math.max(...values)).toBeCloseTo(0.178, 3);
    expect(gaps.Drammen).toBe(Math.max(...values));
    // Every implied population is above the 2011 one, although Table 14 is for 2010 and the cities grew (Figure 15): the rows and Figure 28 do not reconcile exactly.
    expect(values.every((g) => g > 0)).toBe(true);
  });
});
