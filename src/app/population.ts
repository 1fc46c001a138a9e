/**
 * Inhabitants by age as municipal data (issue 20 part 5): the administrator enters the population as
 * of 1 January of a year in age bands, with its source (e.g. "SSB 07459"); a correction is a new
 * entry for the same year, and the latest is in force. Leaders read it beside the KOSTRA figures it
 * is the denominator of. Not personal data.
 */
import { z } from 'zod';
import { bandProblems, type AgeBand } from '../domain/reports/population.ts';
import { insertPopulation, populationHistory, type PopulationRow } from '../store/population.ts';
import { inTenant } from '../store/tx.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

const age = z.int().min(0).max(130);
export const populationInput = z.object({
  year: z.int().min(1900).max(2100).describe('The year whose 1 January the count holds for'),
  bands: z
    .array(
      z.object({
        fromAge: age.describe('The first age in the band'),
        toAge: age.nullable().describe('The last age in the band; null for the last, open-ended band'),
        inhabitants: z.int().min(0).max(100_000_000),
      }),
    )
    .min(1)
    .max(130)
    .describe('Age bands from age 0 without gap or overlap, the last open-ended: single years (SSB 07459) or groups such as 0–66, 67–79, 80+'),
  source: z.string().trim().min(1).max(500).describe('Where the figures come from, e.g. "SSB 07459, 1.1.2026"'),
  note: z.string().trim().max(2000).optional(),
});
export type PopulationInput = z.infer<typeof populationInput>;

export interface PopulationView {
  id: string;
  year: number;
  asOf: string;
  bands: AgeBand[];
  total: number;
  source: string;
  note: string | null;
  recordedBy: { id: string; name: string };
  recordedAt: string;
  /** True for the latest entry of its year (the one the figures use). */
  inForce: boolean;
}

function view(r: PopulationRow, inForce: boolean): PopulationView {
  return {
    id: r.id,
    year: r.year,
    asOf: `${r.year}-01-01`,
    bands: r.bands,
    total: r.total,
    source: r.source,
    note: r.note,
    recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
    recordedAt: r.recorded_at.toISOString(),
    inForce,
  };
}

/** Who reads the population: the administrator who enters it and the leaders who read the figures it divides. */
export const POPULATION_READERS = ['admin', 'leader', 'team_leader'] as const;

export async function listPopulation(ctx: AppContext, principal: Principal): Promise<PopulationView[]> {
  requireRole(principal, POPULATION_READERS, 'The population by age');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const seen = new Set<number>();
    return (await populationHistory(tx)).map((r) => {
      const first = !seen.has(r.year);
      seen.add(r.year);
      return view(r, first);
    });
  });
}

export async function recordPopulation(ctx: AppContext, principal: Principal, meta: CommandMeta, input: PopulationInput): Promise<CommandResult> {
  requireRole(principal, ['admin'], 'Recording the population by age');
  const problems = bandProblems(input.bands);
  if (problems.length) throw new AppError('validation', `The age bands are not contiguous: ${problems[0]?.message ?? ''}`, { fields: problems.map((p) => ({ ...p, code: 'invalid' as const })) });
  const total = input.bands.reduce((a, b) => a + b.inhabitants, 0);
  return runCommand(ctx, principal, meta, async (tx) => {
    await insertPopulation(tx, { ...input, total }, principal.staffId);
    const stored = (await populationHistory(tx)).find((r) => r.year === input.year);
    if (!stored) throw new Error('population not stored');
    return { statusCode: 201, body: view(stored, true) };
  });
}
