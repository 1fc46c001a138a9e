/**
 * Dates and small phrases of the case file in the chosen language: an instant as Oslo date and time,
 * a Norwegian local date (YYYY-MM-DD) written out, and a person's age on a day.
 */
import type { Lang } from '../i18n.tsx';

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** An instant as an Oslo date and time in the language, e.g. "3. des. 2026, 14:05" or "3 Dec 2026, 14:05". */
export function dateTimeIn(lang: Lang, iso: string): string {
  return new Date(iso).toLocaleString(LOCALES[lang], { timeZone: 'Europe/Oslo', dateStyle: 'medium', timeStyle: 'short' });
}

/** A local date (YYYY-MM-DD) in the language, e.g. "3. desember 2026" or "3 December 2026"; anything else as it is. */
export function dateIn(lang: Lang, ymd: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return ymd;
  // Noon UTC is the same calendar day in Oslo all year.
  return new Date(`${ymd}T12:00:00Z`).toLocaleDateString(LOCALES[lang], { timeZone: 'Europe/Oslo', dateStyle: 'long' });
}

/** Whole years from a birth date to a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Words with {n} (or another name) filled in. */
export function fill(words: string, values: Record<string, string | number>): string {
  return words.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
