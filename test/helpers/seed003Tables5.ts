/**
 * Seed 003's Tables 5.1, 5.2 and 5.3 as the source prints them (seed 003 L933–956, L976–995,
 * L1009–1028), and the figures its text states beside them (L925, L1056, L1027). Test data only: the
 * tests compute each table from fixtures entered through the API and compare, and they compute the
 * source's own inconsistencies from these numbers rather than copying them from the seed notes.
 */
import type { ProfessionCategory } from '../../src/domain/reports/workforceDefinitions.ts';

export const TABLE_51_YEARS = [2015, 2016, 2017, 2018, 2019, 2020] as const;

/** Table 5.1, agreed årsverk per category and year (a blank cell is 0). L937–956. */
export const TABLE_51: Readonly<Record<ProfessionCategory, readonly number[]>> = {
  other_nurse: [618, 640, 698, 737, 788, 831],
  assistant_without_health_education: [554, 503, 521, 499, 492, 473],
  health_worker: [196, 218, 263, 326, 364, 396],
  auxiliary_nurse: [416, 396, 384, 366, 350, 314],
  occupational_therapist: [40, 56, 68, 86, 109, 115],
  assistant_health_higher: [71, 67, 75, 93, 101, 106],
  specialist_nurse: [55, 66, 72, 86, 101, 96],
  care_worker: [85, 79, 75, 63, 58, 56],
  psychiatric_nurse: [40, 40, 42, 44, 53, 53],
  assistant_health_upper_secondary: [33, 40, 50, 51, 63, 47],
  unspecified: [67, 52, 54, 49, 40, 46],
  social_worker: [26, 22, 23, 27, 40, 42],
  social_educator: [36, 42, 36, 30, 35, 35],
  milieu_therapist: [34, 38, 34, 37, 42, 32],
  geriatric_nurse: [19, 24, 21, 24, 26, 24],
  child_welfare_educator: [8, 6, 7, 7, 9, 5],
  activity_worker: [4, 5, 5, 5, 5, 3],
  youth_worker: [1, 1, 0, 2, 0, 3],
  service_functions: [6, 6, 6, 5, 4, 3],
  administrative: [4, 2, 0, 2, 3, 2],
};

/** The row «I alt» (L936) and the stated change column (L936–951), in per cent. */
export const TABLE_51_STATED_TOTAL = [2311, 2300, 2434, 2541, 2685, 2681] as const;
export const TABLE_51_STATED_CHANGE: Partial<Record<ProfessionCategory | 'total', number>> = { total: 16, other_nurse: 34, occupational_therapist: 184, health_worker: 102, auxiliary_nurse: -25 };

/** «andelen faglærte økt fra 79 til 83 %» (L925). */
export const STATED_SKILLED_SHARE = { 2015: 0.79, 2020: 0.83 } as const;

/** Table 5.2, «Alle bydelene» (L980): heltid %, mean position size %, fast %, for des.15 and des.21. */
export const TABLE_52_ALL = { 'des.15': { fullTime: 51.4, size: 77.0, permanent: 61.7 }, 'des.21': { fullTime: 58.6, size: 80.3, permanent: 62.1 } } as const;

/** Table 5.2, the districts' full-time shares des.15 and des.21 (L981–995). */
export const TABLE_52_FULL_TIME: readonly [string, number, number][] = [
  ['Gamle Oslo', 60.1, 62.3], ['Grünerløkka', 61.1, 68.2], ['Sagene', 60.6, 61.5], ['St. Hanshaugen', 74.0, 74.0], ['Frogner', 65.7, 66.2],
  ['Ullern', 36.9, 53.0], ['Vestre Aker', 51.9, 60.1], ['Nordre Aker', 42.3, 51.7], ['Bjerke', 44.4, 57.8], ['Grorud', 47.6, 54.7],
  ['Stovner', 45.8, 55.1], ['Alna', 56.5, 56.7], ['Østensjø', 48.2, 57.6], ['Nordstrand', 54.7, 60.4], ['Søndre Nordstrand', 40.5, 51.7],
];

export const TABLE_53_YEARS = [2018, 2019, 2020, 2021] as const;

/** Table 5.3, mean distinct employees per user per month, by district and year (L1013–1027). */
export const TABLE_53: readonly [string, number, number, number, number][] = [
  ['Gamle Oslo', 14.6, 13.5, 12.2, 12.0],
  ['Grünerløkka', 13.3, 13.0, 12.1, 12.7],
  ['Sagene', 16.6, 17.3, 15.3, 15.9],
  ['St. Hanshaugen', 16.7, 16.9, 16.3, 14.8],
  ['Frogner', 15.6, 16.0, 15.4, 15.7],
  ['Ullern', 14.2, 14.2, 13.4, 13.3],
  ['Vestre Aker', 18.7, 17.1, 14.6, 15.3],
  ['Nordre Aker', 15.3, 15.8, 14.4, 15.1],
  ['Bjerke', 15.2, 16.3, 15.5, 17.1],
  ['Grorud', 12.7, 13.9, 12.5, 12.7],
  ['Stovner', 13.5, 14.4, 14.4, 14.8],
  ['Alna', 17.7, 18.5, 17.6, 18.8],
  ['Østensjø', 15.5, 15.1, 14.4, 15.5],
  ['Nordstrand', 14.8, 13.7, 10.3, 10.3],
  ['Søndre Nordstrand', 14.6, 14.4, 14.8, 15.2],
];

/** «Gjennomsnitt bydeler» (L1028). */
export const TABLE_53_STATED_AVERAGE = [15.3, 15.4, 14.3, 14.8] as const;

/** Rounds as the source prints: one decimal. */
export const oneDecimal = (x: number): number => Math.round(x * 10 + 1e-9) / 10;
