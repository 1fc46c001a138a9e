/**
 * `tildel import visits <file.csv> --municipality <id> --as <username> [--unit <unit>] [--dry-run]`:
 * the streamed visit import (app/deliveryStream.ts) from a file, straight into the database, with a
 * progress bar. The import is attributed to a staff member of the provider unit (the access log
 * names who wrote the visits); every row or none; a rejected file prints its first rejected rows and
 * exits 1. The idempotency key is derived from the file, so running the same file again prints the
 * first answer and stores nothing twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { fixedClock } from '../app/clock.ts';
import type { AppContext, CommandMeta } from '../app/context.ts';
import { importDeliveryStream, type ImportPhase } from '../app/deliveryStream.ts';
import type { Principal } from '../app/principal.ts';
import type { StaffRole } from '../domain/organisation/vocabulary.ts';
import type { Database } from '../store/database.ts';
import { findStaffCredentials, listUnits } from '../store/org.ts';
import { inTenant } from '../store/tx.ts';
import { fail, withDatabase } from './runtime.ts';

export interface ImportVisitsOptions {
  readonly municipality: string;
  readonly as: string;
  readonly unit?: string;
  readonly dryRun?: boolean;
}

/** The staff member the import is attributed to, and the provider unit (named or by id; their only one when not given). */
async function actorAndUnit(db: Database, o: ImportVisitsOptions): Promise<{ principal: Principal; unitId: string }> {
  return inTenant(db.app, { municipalityId: o.municipality, staffId: null }, async (tx) => {
    const s = await findStaffCredentials(tx, o.as);
    if (!s || !s.active) throw new Error(`--as: no active staff member ${o.as} in ${o.municipality}`);
    const principal: Principal = { municipalityId: o.municipality, staffId: s.id, username: s.username, displayName: s.display_name, roles: s.roles as StaffRole[], unitIds: s.unit_ids };
    const units = (await listUnits(tx)).filter((u) => s.unit_ids.includes(u.id));
    const chosen = o.unit ? units.filter((u) => u.id === o.unit || u.name === o.unit) : units;
    if (chosen.length !== 1) throw new Error(`--unit: name one of ${o.as}'s units (${units.map((u) => u.name).join(', ') || 'none'})`);
    return { principal, unitId: (chosen[0] as { id: string }).id };
  });
}

async function digestOf(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const PHASE_WORDS: Record<ImportPhase, string> = { reading: 'reading and checking rows', checking: 'checking cases and visit ids', storing: 'storing the visits', done: 'done' };

export async function importVisitsCommand(file: string, options: ImportVisitsOptions): Promise<void> {
  const size = (await stat(file).catch(() => fail(`no file ${file}`))).size;
  const status = await withDatabase(async (db, config) => {
    const { principal, unitId } = await actorAndUnit(db, options);
    const dryRun = options.dryRun === true;
    const fileName = path.basename(file);
    const request = `import visits ${unitId} ${fileName} dryRun=${dryRun}`;
    const meta: CommandMeta = {
      requestId: randomUUID(),
      purpose: 'service_delivery',
      idempotencyKey: `cli-visits:${(await digestOf(file)).slice(0, 32)}:${dryRun ? 'dry' : 'store'}`,
      fingerprint: createHash('sha256').update(request).digest('hex'),
    };
    const bar = new SingleBar({ format: 'Visits |{bar}| {percentage}% | {rows} rows | {phase}', hideCursor: true });
    bar.start(size, 0, { rows: 0, phase: PHASE_WORDS.reading });
    // The rules of visits run on today's date, or the installation's fixed clock (TILDEL_CLOCK).
    const ctx: AppContext = { db, allowSyntheticIds: config.TILDEL_ALLOW_SYNTHETIC_IDS, sessionHours: config.TILDEL_SESSION_HOURS, ...(config.TILDEL_CLOCK ? { clock: fixedClock(config.TILDEL_CLOCK) } : {}) };
    const result = await importDeliveryStream(ctx, principal, meta, {
      providerUnitId: unitId,
      fileName,
      dryRun,
      body: createReadStream(file),
      onProgress: (p) => bar.update(p.bytes, { rows: p.rows, phase: PHASE_WORDS[p.phase] }),
    }).finally(() => bar.stop());
    printResult(result.statusCode, result.body as ImportReport, result.replayed);
    return result.statusCode;
  }).catch(fail);
  process.exit(status >= 400 ? 1 : 0);
}

interface ImportReport {
  rows: number;
  accepted: number;
  rejectedRows?: number;
  rejected?: { line: number; field: string; message: string }[];
  detail: string;
  importId?: string | null;
}

function printResult(status: number, body: ImportReport, replayed: boolean): void {
  if (replayed) console.log('This file was imported with these options before; its first answer:');
  console.log(`${body.detail} (${body.rows} rows, ${body.accepted} accepted${body.importId ? `, import ${body.importId}` : ''})`);
  if (status < 400) return;
  for (const r of body.rejected ?? []) console.log(`  line ${r.line}, ${r.field}: ${r.message}`);
  const more = (body.rejectedRows ?? 0) - new Set((body.rejected ?? []).map((r) => r.line)).size;
  if (more > 0) console.log(`  … and ${more} more rejected rows`);
}
