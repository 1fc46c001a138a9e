/**
 * An assessment's tally of scores as the database's generated columns hold it (assessment.adl_scored
 * and adl_sum, migrations 0030 and 0044), from the domain's scoreTally: the count of scores from 1
 * to 5 and their sum, NULL when none counts (SQL's sum of nothing), and both NULL for scores that are
 * not an object (or no assessment).
 */
import { scoreTally } from '../../src/domain/reports/equalTreatment.ts';

export interface TallyColumns {
  adl_scored: number | null;
  adl_sum: number | null;
}

export function tallyColumnsOf(scores: unknown): TallyColumns {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) return { adl_scored: null, adl_sum: null };
  const t = scoreTally(scores as Record<string, number>);
  return { adl_scored: t.scored, adl_sum: t.scored ? t.sum : null };
}
