/**
 * Deadline arithmetic in Norwegian dates with public holidays (from the maintained date-holidays
 * library), following the counting rule in rules.ts: add the length to the date the deadline runs
 * from (a month ends on the same day number, or the month's last day), then move a last day that
 * falls on a Saturday, Sunday or public holiday to the next working day.
 */
import Holidays from 'date-holidays';
import { DEADLINE_COUNTING, type DeadlineRule } from './rules.ts';

const norway = new Holidays('NO');

function parse(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Public holidays by year, computed once per year (the library costs about a millisecond a call; reports ask per case). */
const holidaysByYear = new Map<number, ReadonlySet<string>>();

function publicHolidaysOf(year: number): ReadonlySet<string> {
  let found = holidaysByYear.get(year);
  if (!found) {
    found = new Set(norway.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidaysByYear.set(year, found);
  }
  return found;
}

/** Public holidays (helligdager) in Norway; Saturdays and Sundays are not working days either. */
export function isPublicHoliday(date: string): boolean {
  return publicHolidaysOf(Number(date.slice(0, 4))).has(date);
}

/** The library's own answer for one day (the reference the yearly sets are tested against). */
export function isPublicHolidayByLibrary(date: string): boolean {
  const hits = norway.isHoliday(parse(date));
  return Array.isArray(hits) && hits.some((h) => h.type === 'public');
}

const OSLO_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Norwegian local date of an instant by the time-zone database (a microsecond or more a call). */
export function osloDateByZone(at: Date | string): string {
  return OSLO_DATE.format(typeof at === 'string' ? new Date(at) : at);
}

const HOUR_MS = 3_600_000;
/** Norway's offset from UTC has been whole hours since it took Central European Time on 1 January 1895. */
const WHOLE_HOURS_FROM = Date.UTC(1895, 0, 1);
/** The Norwegian date of each UTC hour asked for: every instant of a UTC hour has the same one. */
const dateOfHour = new Map<number, string>();

/**
 * The Norwegian local date of an instant (legal dates are Norwegian dates, not UTC ones). Found once
 * per UTC hour (issue 18: a queue or a report asks it of every item, tens of thousands a request).
 */
export function osloDate(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!(ms >= WHOLE_HOURS_FROM)) return osloDateByZone(at);
  const hour = Math.floor(ms / HOUR_MS);
  let date = dateOfHour.get(hour);
  if (date === undefined) {
    if (dateOfHour.size >= 100_000) dateOfHour.clear();
    date = OSLO_DATE.format(new Date(hour * HOUR_MS));
    dateOfHour.set(hour, date);
  }
  return date;
}

export function isWorkingDay(date: string): boolean {
  const day = parse(date).getUTCDay();
  return day !== 0 && day !== 6 && !isPublicHoliday(date);
}

export function nextWorkingDay(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** The date `n` working days after `date` (weekends and public holidays not counted). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return format(d);
}

export interface Deadline {
  readonly due: string;
  /** The date before moving off a weekend or holiday. */
  readonly nominal: string;
  readonly rule: string;
  readonly citation: string;
  readonly counting: string;
}

/** The deadline that runs from `from` under `rule`. */
export function deadline(rule: DeadlineRule, from: string): Deadline {
  let nominal = from;
  if (rule.length.months) nominal = addMonths(nominal, rule.length.months);
  if (rule.length.weeks) nominal = addDays(nominal, rule.length.weeks * 7);
  if (rule.length.days) nominal = addDays(nominal, rule.length.days);
  const due = rule.movesOffHolidays ? nextWorkingDay(nominal) : nominal;
  return { due, nominal, rule: rule.id, citation: rule.citation, counting: DEADLINE_COUNTING.citation };
}
