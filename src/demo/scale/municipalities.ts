/**
 * The scale sets: an Oslo-size municipality, and a national set of every municipality sized by its
 * population (population.csv, SSB table 07459 for 1 January 2024, for the 46 largest).
 *
 * The 311 smaller municipalities are not listed one by one: they are approximated as a geometric
 * series of sizes from just under the smallest listed one down to 200 inhabitants (Utsira, the
 * smallest, had about 200), scaled so that the country sums to SSB's 5,550,203. That reproduces the
 * shape that matters for load (a few large tenants and a long tail of small ones), not any one
 * municipality; they get fictional ids and 99xx numbers.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { OSLO_TABLE_3_1 } from '../oslo.ts';
import type { ScaleSpec } from './organisation.ts';

export const NORWAY_INHABITANTS = 5_550_203;
export const MUNICIPALITY_COUNT = 357;
/** About 400,000 persons receive municipal health and care services (KOSTRA/IPLOS, the figure). */
export const NATIONAL_USERS = 400_000;

/** Oslo: its 15 districts (seed 003 Table 3.1), 40,000 service users, about 718,000 inhabitants. */
export function osloScale(users = 40_000): ScaleSpec {
  return {
    id: 'oslo-skala',
    name: 'Oslo (skaladata)',
    number: '0301',
    inhabitants: 718_000,
    users,
    districts: Object.keys(OSLO_TABLE_3_1),
    postal: { code: '0150', place: 'Oslo' },
    nynorskShare: 0,
  };
}

interface Row {
  number: string;
  name: string;
  inhabitants: string;
}

function listed(): { number: string; name: string; inhabitants: number }[] {
  const text = readFileSync(new URL('./population.csv', import.meta.url), 'utf8');
  const rows = parse(text, { columns: true, comment: '#', skip_empty_lines: true, trim: true }) as Row[];
  return rows.map((r) => ({ number: r.number, name: r.name, inhabitants: Number(r.inhabitants) }));
}

/** The approximated tail: geometric sizes from `from` down to 200, scaled to `total`. */
function tail(count: number, from: number, total: number): number[] {
  const ratio = Math.pow(200 / from, 1 / Math.max(1, count - 1));
  const raw = Array.from({ length: count }, (_, i) => from * Math.pow(ratio, i));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => Math.max(200, Math.round((r * total) / sum)));
}

/** Districts: Oslo's 15; elsewhere one per 40,000 inhabitants (at least one, at most 8). */
function districtsOf(name: string, inhabitants: number): string[] {
  const n = Math.min(8, Math.max(1, Math.round(inhabitants / 40_000)));
  return Array.from({ length: n }, (_, i) => (n === 1 ? name : `${name} sone ${i + 1}`));
}

/** Every municipality, with users in proportion to inhabitants (`fraction` shrinks the set for tests). */
export function nationalScale(fraction = 1): ScaleSpec[] {
  const known = listed();
  const knownTotal = known.reduce((n, m) => n + m.inhabitants, 0);
  const smallest = Math.min(...known.map((m) => m.inhabitants));
  const rest = tail(MUNICIPALITY_COUNT - known.length, smallest * 0.95, NORWAY_INHABITANTS - knownTotal).map((inhabitants, i) => ({
    number: String(9000 + i + 1),
    name: `Kommune ${String(i + 1).padStart(3, '0')}`,
    inhabitants,
  }));
  const perInhabitant = (NATIONAL_USERS * fraction) / NORWAY_INHABITANTS;
  return [...known, ...rest].map((m) => ({
    id: `k${m.number}`,
    name: m.name,
    number: m.number,
    inhabitants: m.inhabitants,
    users: Math.max(1, Math.round(m.inhabitants * perInhabitant)),
    districts: m.number === '0301' ? Object.keys(OSLO_TABLE_3_1) : districtsOf(m.name, m.inhabitants),
    postal: { code: '0150', place: m.name },
    nynorskShare: 0.1,
  }));
}
