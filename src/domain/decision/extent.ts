/**
 * How much a decision grants, in hours a week, for the rules that weigh it (a grant's ceiling in the
 * policy, the second person above an increase): a frame's ceiling, or the stated hours, or the norm
 * time of its tasks; plus the hours of the services in its package.
 */
import type { ActionPayload } from '../case/actions.ts';

type Decision = Pick<ActionPayload<'decision_made'>, 'hoursPerWeek' | 'frame' | 'tasks' | 'package'>;

function normHours(tasks: Decision['tasks']): number | null {
  if (!tasks?.length) return null;
  return tasks.reduce((sum, t) => sum + (t.normMinutes * (t.perWeek ?? 1)) / 60, 0);
}

export function decidedHoursOf(d: Decision): number | undefined {
  const main = d.frame?.maxHoursPerWeek ?? d.hoursPerWeek ?? normHours(d.tasks);
  const packaged = (d.package ?? []).reduce((sum, p) => sum + (p.hoursPerWeek ?? 0), 0);
  if (main === null && !packaged) return undefined;
  return Math.round(((main ?? 0) + packaged) * 100) / 100;
}
