/**
 * Priority for scarce places (long-term and short-term stays, care flats) from the national
 * prioritisation principles: severity (alvorlighet), benefit (nytte) and resource use
 * (ressursbruk), plus time waited, each shown with its weight so the priority explains itself.
 * Trondheim's practice (seed 002 L781) is kept as priority groups and a priority key within each
 * group; the weights and group rules are an example a municipality sets for itself.
 */
export interface PriorityInput {
  /** 1 (mild) – 4 (very severe): the assessed severity of the need. */
  readonly severity: 1 | 2 | 3 | 4;
  /** 1 (little) – 4 (great): the expected benefit of the place. */
  readonly benefit: 1 | 2 | 3 | 4;
  /** 1 (little) – 4 (much): resources the place needs beyond the ordinary. */
  readonly resourceUse: 1 | 2 | 3 | 4;
  /** Urgent: e.g. ready for discharge from hospital with no safe alternative. */
  readonly urgent: boolean;
  readonly waitingDays: number;
}

export type PriorityGroup = 'A' | 'B' | 'C';

export interface Priority {
  readonly group: PriorityGroup;
  readonly key: number;
  readonly explanation: readonly { readonly factor: string; readonly value: number; readonly weight: number; readonly points: number }[];
  readonly groupReason: string;
}

const WEIGHTS = { severity: 3, benefit: 2, resourceUse: -1, waitingWeeks: 0.25 } as const;

export function priorityOf(p: PriorityInput): Priority {
  const weeks = Math.floor(p.waitingDays / 7);
  const explanation = [
    { factor: 'severity', value: p.severity, weight: WEIGHTS.severity, points: p.severity * WEIGHTS.severity },
    { factor: 'benefit', value: p.benefit, weight: WEIGHTS.benefit, points: p.benefit * WEIGHTS.benefit },
    { factor: 'resource use', value: p.resourceUse, weight: WEIGHTS.resourceUse, points: p.resourceUse * WEIGHTS.resourceUse },
    { factor: 'weeks waited', value: weeks, weight: WEIGHTS.waitingWeeks, points: weeks * WEIGHTS.waitingWeeks },
  ];
  const key = explanation.reduce((sum, e) => sum + e.points, 0);
  if (p.urgent || p.severity === 4) return { group: 'A', key, explanation, groupReason: p.urgent ? 'urgent: no safe alternative' : 'very severe need' };
  if (p.severity === 3) return { group: 'B', key, explanation, groupReason: 'severe need' };
  return { group: 'C', key, explanation, groupReason: 'moderate need' };
}

/** Orders waiting entries: group A before B before C, then the higher key, then the longer wait. */
export function byPriority<T extends { priority: Priority; listedOn: string }>(a: T, b: T): number {
  return a.priority.group.localeCompare(b.priority.group) || b.priority.key - a.priority.key || a.listedOn.localeCompare(b.listedOn);
}
