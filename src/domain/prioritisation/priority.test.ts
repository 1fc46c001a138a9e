import { describe, expect, it } from 'vitest';
import { byPriority, priorityOf } from './priority.ts';

describe('priorityOf', () => {
  it('explains the key from severity, benefit, resource use and time waited', () => {
    const p = priorityOf({ severity: 3, benefit: 4, resourceUse: 2, urgent: false, waitingDays: 29 });
    expect(p.group).toBe('B');
    expect(p.explanation).toEqual([
      { factor: 'severity', value: 3, weight: 3, points: 9 },
      { factor: 'benefit', value: 4, weight: 2, points: 8 },
      { factor: 'resource use', value: 2, weight: -1, points: -2 },
      { factor: 'weeks waited', value: 4, weight: 0.25, points: 1 },
    ]);
    expect(p.key).toBe(16);
  });

  it('puts urgent and very severe needs in group A, and orders by group, key, then time listed', () => {
    const entry = (listedOn: string, severity: 1 | 2 | 3 | 4, urgent = false) => ({ listedOn, priority: priorityOf({ severity, benefit: 2, resourceUse: 2, urgent, waitingDays: 0 }) });
    const urgentMild = entry('2026-10-01', 2, true);
    const severe = entry('2026-09-01', 3);
    const moderateEarly = entry('2026-01-01', 2);
    const moderateLate = entry('2026-05-01', 2);
    expect(urgentMild.priority).toMatchObject({ group: 'A', groupReason: 'urgent: no safe alternative' });
    expect([moderateLate, severe, moderateEarly, urgentMild].sort(byPriority)).toEqual([urgentMild, severe, moderateEarly, moderateLate]);
  });
});
