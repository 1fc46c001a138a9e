/** `tildel demo --scale oslo|national`: the scale sets (src/demo/scale) with a progress bar and a summary. */
import { SingleBar } from 'cli-progress';
import { loadScale, type ScaleSummary } from '../demo/scale/load.ts';
import { nationalScale, NATIONAL_USERS, osloScale } from '../demo/scale/municipalities.ts';
import type { Database } from '../store/database.ts';

export interface ScaleArgs {
  readonly scale: 'oslo' | 'national';
  readonly seed: number;
  readonly asOf?: string | undefined;
  readonly users?: number | undefined;
  readonly months?: number | undefined;
}

export async function loadScaleWithProgress(db: Database, args: ScaleArgs): Promise<void> {
  const specs = args.scale === 'oslo' ? [osloScale(args.users)] : nationalScale((args.users ?? NATIONAL_USERS) / NATIONAL_USERS);
  const bar = new SingleBar({ format: 'Scale data |{bar}| {percentage}% | {value}/{total} persons | {label} | {duration_formatted}', hideCursor: true });
  bar.start(specs.reduce((n, s) => n + s.users, 0), 0, { label: '' });
  const started = performance.now();
  let summaries: ScaleSummary[];
  try {
    summaries = await loadScale(db, specs, {
      seed: args.seed,
      asOf: args.asOf ? new Date(`${args.asOf}T12:00:00Z`) : new Date(),
      ...(args.months ? { months: args.months } : {}),
      onProgress: (done, _total, label) => bar.update(done, { label }),
    });
  } finally {
    bar.stop();
  }
  const sum = (k: 'persons' | 'cases' | 'actions' | 'visits') => summaries.reduce((n, s) => n + s[k], 0);
  const skipped = summaries.filter((s) => s.skipped).length;
  console.log(`Loaded ${sum('persons')} persons, ${sum('cases')} cases, ${sum('actions')} actions and ${sum('visits')} visits in ${summaries.length - skipped} municipalities in ${((performance.now() - started) / 1000).toFixed(0)} s${skipped ? ` (${skipped} already present, left as they were)` : ''}.`);
  for (const s of summaries.slice(0, 20)) if (!s.skipped) console.log(`  ${s.municipality}: ${s.persons} persons, ${s.cases} cases, ${s.visits} visits (${s.seconds.toFixed(0)} s)`);
  console.log('Log in as leder (password "demo") in a loaded municipality.');
}
