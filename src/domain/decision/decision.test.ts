import { describe, expect, it } from 'vitest';
import type { ActionPayload } from '../case/actions.ts';
import { complaintTimeliness } from './complaints.ts';
import { validateDecision } from './validate.ts';

const base: ActionPayload<'decision_made'> = { outcome: 'granted', serviceCode: 'home_nursing', validFrom: '2026-12-01', summary: 'Innvilget' };
const fields = (d: Partial<ActionPayload<'decision_made'>>) => validateDecision({ ...base, ...d }).map((p) => p.field);

describe('decision content rules', () => {
  it('requires hours where money is computed from hours, citing the rule', () => {
    const [problem] = validateDecision({ ...base, serviceCode: 'practical_help' });
    expect(problem).toMatchObject({ field: 'hoursPerWeek', citation: expect.stringContaining('egenandel') });
    expect(fields({ serviceCode: 'practical_help', hoursPerWeek: 3 })).toEqual([]);
    expect(fields({ serviceCode: 'practical_help', outcome: 'refused', considerations: 'Ikke behov' })).toEqual([]);
  });

  it('refuses hours on an institution stay, and a form the service does not take', () => {
    expect(fields({ serviceCode: 'long_term_stay', hoursPerWeek: 20 })).toEqual(['hoursPerWeek']);
    expect(fields({ serviceCode: 'long_term_stay', form: 'time_fixed' })).toEqual(['form']);
    expect(fields({ serviceCode: 'long_term_stay', form: 'place' })).toEqual([]);
  });

  it('requires the main considerations for refusals and partial grants (fvl §§ 24–25)', () => {
    const [refused] = validateDecision({ ...base, outcome: 'refused' });
    expect(refused).toMatchObject({ field: 'considerations', citation: 'forvaltningsloven §§ 24–25' });
    expect(fields({ outcome: 'partly_granted' })).toEqual(['considerations']);
    expect(fields({ outcome: 'partly_granted', considerations: 'Lavere omfang dekker behovet' })).toEqual([]);
  });

  it('requires a re-evaluation before a short first decision or assessment stay ends', () => {
    expect(fields({ serviceCode: 'short_term_stay', validTo: '2026-12-21' })).toEqual(['reevaluateBy']);
    expect(fields({ serviceCode: 'short_term_stay', validTo: '2026-12-21', reevaluateBy: '2026-12-28' })).toEqual(['reevaluateBy']);
    expect(fields({ serviceCode: 'short_term_stay', validTo: '2026-12-21', reevaluateBy: '2026-12-15' })).toEqual([]);
    expect(fields({ validTo: '2026-11-01' })).toContain('validTo');
  });

  it('checks every service of a package', () => {
    const pkg = { serviceCode: 'care_flat' as const, form: 'place' as const, alternativeTo: 'long_term_stay' as const, package: [{ serviceCode: 'home_nursing' as const, form: 'norm_time' as const }, { serviceCode: 'day_centre' as const }] };
    expect(fields(pkg)).toEqual([]);
    expect(fields({ ...pkg, package: [{ serviceCode: 'practical_help' as const }] })).toEqual(['package.0.hoursPerWeek']);
  });
});

describe('complaint deadline (pbrl § 7-5, fvl § 31)', () => {
  it('is in time up to the due date, moved off a holiday, and late after it', () => {
    expect(complaintTimeliness('2026-03-09', '2026-04-07')).toMatchObject({ due: '2026-04-07', late: false });
    expect(complaintTimeliness('2026-03-09', '2026-04-08')).toMatchObject({ late: true, lateRule: 'forvaltningsloven § 31' });
  });
});
