/**
 * Continuity (seed 003 Table 5.3): the number of distinct employees who visited each user in a month.
 * A unit's figure is the mean over its users. Across units we give both the mean over all users
 * (weighted by users, which is what Table 5.3 appears to publish) and the plain mean of the unit
 * figures (unweighted), labelled as such, with the median over users.
 */
import { entryOf, pushTo } from '../collections.ts';

export interface VisitRecord {
  readonly userId: string;
  readonly unitId: string;
  readonly employeeRef: string;
  /** YYYY-MM */
  readonly month: string;
}

export interface UnitContinuity {
  readonly unitId: string;
  readonly month: string;
  readonly users: number;
  readonly meanDistinctEmployees: number;
}

export interface Continuity {
  readonly units: readonly UnitContinuity[];
  readonly perUser: readonly { readonly userId: string; readonly unitId: string; readonly month: string; readonly distinctEmployees: number }[];
  /** Mean over all users of all units (each user counts once: weighted by the units' numbers of users). */
  readonly weightedByUsers: number | null;
  /** Mean of the unit figures, each unit counting once. */
  readonly unweightedMeanOfUnits: number | null;
  readonly medianOverUsers: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The distinct employees met so far, per unit, month and user, in the order first met. */
export type EmployeesMet = Map<string, { userId: string; unitId: string; month: string; refs: Set<string> }>;

/** Adds visits to the employees met (the accumulator of a fold, so a report can take an Oslo-size month's visits in slices). */
export function addVisits(employees: EmployeesMet, visits: readonly VisitRecord[]): void {
  for (const v of visits) {
    const key = `${v.unitId}|${v.month}|${v.userId}`;
    entryOf(employees, key, () => ({ userId: v.userId, unitId: v.unitId, month: v.month, refs: new Set<string>() })).refs.add(v.employeeRef);
  }
}

export function continuity(visits: readonly VisitRecord[]): Continuity {
  const employees: EmployeesMet = new Map();
  addVisits(employees, visits);
  return continuityOf(employees);
}

/** The continuity figures of the employees met (`addVisits`). */
export function continuityOf(employees: EmployeesMet): Continuity {
  const perUser = [...employees.values()].map((e) => ({ userId: e.userId, unitId: e.unitId, month: e.month, distinctEmployees: e.refs.size }));
  const groups = new Map<string, number[]>();
  for (const u of perUser) pushTo(groups, `${u.unitId}|${u.month}`, u.distinctEmployees);
  const units = [...groups.entries()].map(([key, counts]) => {
    const [unitId, month] = key.split('|') as [string, string];
    return { unitId, month, users: counts.length, meanDistinctEmployees: round2(mean(counts) as number) };
  });
  const all = perUser.map((u) => u.distinctEmployees);
  const unitMeans = [...groups.values()].map((c) => mean(c) as number);
  const w = mean(all);
  const uw = mean(unitMeans);
  const md = median(all);
  return {
    units,
    perUser,
    weightedByUsers: w === null ? null : round2(w),
    unweightedMeanOfUnits: uw === null ? null : round2(uw),
    medianOverUsers: md === null ? null : round2(md),
  };
}
