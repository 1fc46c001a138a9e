/**
 * The yearly figures the payment rules use, as data with their year, effective date and source:
 * the basic amount of the National Insurance (folketrygdens grunnbeløp, G, set from 1 May each
 * year) and the state's maxima (set each year by the Ministry of Health and Care Services in its
 * circular "Endring av fribeløp og egenandeler for kommunale helse- og omsorgstjenester",
 * Rundskriv I-1/<year>, from 1 January).
 *
 * Only figures we could check against two sources are shipped. Later years are recorded by the
 * municipality's administrator with the rates (`MunicipalPaymentRates.state`), with their source.
 * Where no figure for a year is known, the latest earlier one is used and the result says so.
 */

export interface Sourced {
  readonly source: string;
  readonly verify?: string;
}

/** Folketrygdens grunnbeløp (G) from a date. */
export interface BasicAmount extends Sourced {
  readonly effectiveFrom: string;
  readonly amount: number;
}

export const BASIC_AMOUNTS: readonly BasicAmount[] = [
  { effectiveFrom: '2021-05-01', amount: 106_399, source: 'G per 1.5.2021 (SpareBank 1, compare.no tables of G)' },
  { effectiveFrom: '2022-05-01', amount: 111_477, source: 'G per 1.5.2022 (SpareBank 1, Stryn kommune’s price list)' },
  { effectiveFrom: '2023-05-01', amount: 118_620, source: 'G per 1.5.2023 (SpareBank 1 table of G)' },
  { effectiveFrom: '2024-05-01', amount: 124_028, source: 'G per 1.5.2024 (Simployer 24.5.2024; betal.app)' },
  {
    effectiveFrom: '2025-05-01',
    amount: 130_160,
    source: 'G per 1.5.2025',
    verify: 'From memory of the 2025 trygdeoppgjør; not found in a source we could read. Check nav.no/grunnbelopet.',
  },
];

/** The state's maxima and allowance for a calendar year (Rundskriv I-1/<year>). All in kroner. */
export interface StateRates extends Sourced {
  readonly year: number;
  readonly effectiveFrom: string;
  /** Korttidsopphold, per døgn. */
  readonly shortTermStayPerDay: number;
  /** Dag- eller nattopphold, per opphold. */
  readonly dayOrNightStay: number;
  /** Praktisk bistand, monthly maximum when household income is below 2 G. */
  readonly practicalHelpMaxUnder2G: number;
  /** Fribeløp before the long-term charge is computed, per year. */
  readonly allowance: number;
  /** Fribeløp for a long-term resident placed in a double room against their wish. */
  readonly allowanceDoubleRoom: number;
}

export const STATE_RATES: readonly StateRates[] = [
  {
    year: 2022,
    effectiveFrom: '2022-01-01',
    shortTermStayPerDay: 180,
    dayOrNightStay: 100,
    practicalHelpMaxUnder2G: 215,
    allowance: 9_100,
    allowanceDoubleRoom: 44_100,
    source: 'Rundskriv I-1/2022 (HOD), as quoted by Tønsberg kommune (priser 2022) and Sandnes kommune (økonomiplan 2023–2026)',
  },
  {
    year: 2023,
    effectiveFrom: '2023-01-01',
    shortTermStayPerDay: 185,
    dayOrNightStay: 105,
    practicalHelpMaxUnder2G: 220,
    allowance: 9_400,
    allowanceDoubleRoom: 45_400,
    source: 'Rundskriv I-1/2023 (HOD), as quoted by Stryn kommune and Sandnes kommune (økonomiplan 2023–2026)',
    verify: 'Stor-Elvdal kommune lists 180/100 for 2023; two other municipalities and the circular reference give 185/105.',
  },
];

/** The G in force on a date (ISO yyyy-mm-dd). */
export function basicAmountOn(date: string, table: readonly BasicAmount[] = BASIC_AMOUNTS): BasicAmount {
  const inForce = table.filter((g) => g.effectiveFrom <= date);
  const latest = inForce.at(-1) ?? table[0];
  if (!latest) throw new Error('no basic amount known');
  return latest;
}

export interface StateRatesInForce extends StateRates {
  /** True when the figures are from an earlier year than asked for: record this year's. */
  readonly stale: boolean;
}

/** The state's rates for a year: the municipality's recorded figures first, then the shipped ones, then the latest earlier. */
export function stateRatesFor(year: number, recorded?: StateRates | null): StateRatesInForce {
  if (recorded && recorded.year === year) return { ...recorded, stale: false };
  const exact = STATE_RATES.find((r) => r.year === year);
  if (exact) return { ...exact, stale: false };
  const earlier = [...STATE_RATES, ...(recorded ? [recorded] : [])].filter((r) => r.year < year).sort((a, b) => a.year - b.year).at(-1);
  const fallback = earlier ?? STATE_RATES[0];
  if (!fallback) throw new Error('no state rates known');
  return { ...fallback, stale: true };
}

/** One of the municipality's income bands for practical help, from a multiple of G upwards. */
export interface IncomeBand {
  readonly fromG: number;
  readonly hourlyRate: number;
  /** The most charged in a month in this band; null: no cap but cost price. */
  readonly monthlyCap: number | null;
}

/** What the municipality sets itself for a year (betalingsregulativ), with the state's figures where it records them. */
export interface MunicipalPaymentRates {
  readonly year: number;
  /** Praktisk bistand: cost price per hour (selvkost) and the income bands, lowest first, the first from 0 G. */
  readonly practicalHelp: { readonly costPerHour: number; readonly bands: readonly IncomeBand[] };
  /** The municipality may charge less than the state's maximum for short-term stays. */
  readonly shortTermStayPerDay?: number | undefined;
  readonly dayOrNightStay?: number | undefined;
  /** What a long-term place costs a month (the ceiling of the charge). */
  readonly longTermStayCostPerMonth?: number | undefined;
  /** The state's figures for the year, when the shipped data does not have them yet. */
  readonly state?: StateRates | undefined;
  /** Where the rates were decided, e.g. "Kommunestyret 12.12.2025 sak 88/25". */
  readonly source: string;
}

export interface RatesProblem {
  readonly field: string;
  readonly message: string;
}

/** Rates that would make the charge fall as income rises, or exceed the state's maxima, are refused. */
export function municipalRatesProblems(rates: MunicipalPaymentRates): RatesProblem[] {
  const problems: RatesProblem[] = [];
  const bands = rates.practicalHelp.bands;
  if (bands[0]?.fromG !== 0) problems.push({ field: 'practicalHelp.bands.0.fromG', message: 'The first income band starts at 0 G.' });
  bands.forEach((band, i) => {
    const prev = bands[i - 1];
    if (!prev) return;
    if (band.fromG <= prev.fromG) problems.push({ field: `practicalHelp.bands.${i}.fromG`, message: 'Income bands are in rising order of G.' });
    if (band.hourlyRate < prev.hourlyRate) problems.push({ field: `practicalHelp.bands.${i}.hourlyRate`, message: 'A higher band may not have a lower hourly rate.' });
    if (prev.monthlyCap === null && band.monthlyCap !== null) problems.push({ field: `practicalHelp.bands.${i}.monthlyCap`, message: 'A band after one without a cap cannot have a cap.' });
    if (prev.monthlyCap !== null && band.monthlyCap !== null && band.monthlyCap < prev.monthlyCap) problems.push({ field: `practicalHelp.bands.${i}.monthlyCap`, message: 'A higher band may not have a lower monthly cap.' });
  });
  bands.forEach((band, i) => {
    if (band.hourlyRate > rates.practicalHelp.costPerHour) problems.push({ field: `practicalHelp.bands.${i}.hourlyRate`, message: 'The hourly rate may not exceed the cost price per hour (egenandelsforskriften § 9).' });
  });
  if (rates.state && rates.state.year !== rates.year) problems.push({ field: 'state.year', message: 'The state’s figures are for the same year as the rates.' });
  const state = stateRatesFor(rates.year, rates.state);
  if (rates.shortTermStayPerDay !== undefined && rates.shortTermStayPerDay > state.shortTermStayPerDay) problems.push({ field: 'shortTermStayPerDay', message: `At most the state’s ${state.shortTermStayPerDay} kroner per day (${state.year}).` });
  if (rates.dayOrNightStay !== undefined && rates.dayOrNightStay > state.dayOrNightStay) problems.push({ field: 'dayOrNightStay', message: `At most the state’s ${state.dayOrNightStay} kroner per stay (${state.year}).` });
  return problems;
}
