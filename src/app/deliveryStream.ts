/**
 * The streamed visit import (issue 19): a CSV of up to a million rows from a mobile care system, read
 * as it arrives and never held whole. Each row is checked by the same function as the whole-file
 * import (deliveryRecord) and copied into a temporary table of the one transaction; then the rules of
 * visits are asked once per case and date (caseDateProblems, the whole-file import's own check), a
 * visit id imported before or repeated is found in SQL, and only when no row is refused do the rows go
 * into `visit`, with one INSERT … SELECT. Every row or none; the report names the first rejected
 * rows by line and field and counts them all. Memory stays bounded: no array of all rows anywhere.
 *
 * Idempotency as every command: the key is claimed first; the request's fingerprint includes the
 * file's SHA-256, known once the file has been read, so a retry with the same key and file gets the
 * first answer and a different file under the same key is refused.
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { enqueueFollowUps } from '../jobs/enqueue.ts';
import { deliveryCsvOptions, deliveryRecord, delimiterOf, headerProblem, type CsvRow, type RowProblem } from '../domain/provider/delivery.ts';
import { FirstRejectedRows } from '../domain/provider/rejectedRows.ts';
import { visitHistory } from '../domain/provider/visitRules.ts';
import { copyRow } from '../store/copyText.ts';
import { NO_RETRY } from '../store/faults.ts';
import { claimIdempotencyKey, completeIdempotencyKey, type StoredResponse } from '../store/idempotency.ts';
import { casesByNumber, deliveryHistories, insertImport } from '../store/provider.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { analyseStaging, createVisitStaging, fetchGroups, insertStagedVisits, markRefused, openGroupCursor, repeatedVisitIds, stagingCopy, type StagedGroup } from '../store/visitStaging.ts';
import { audit } from './audit.ts';
import { today } from './clock.ts';
import type { CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { assertMayImport, caseDateProblems, importedAlready } from './delivery.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

/** A million rows of a care system's export are some 60–100 MB; twice that is refused. */
export const STREAM_IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** How many rejected rows the report shows (it counts them all). */
export const REJECTED_ROWS_SHOWN = 100;
const GROUPS_PER_FETCH = 2000;

export interface StreamImportInput {
  readonly providerUnitId: string;
  readonly fileName: string;
  readonly dryRun: boolean;
  /** The CSV as it arrives. */
  readonly body: Readable;
  /** Called as the import goes: the phase, and the bytes and rows read so far. */
  readonly onProgress?: Progress;
}

export type ImportPhase = 'reading' | 'checking' | 'storing' | 'done';
export type Progress = (p: { readonly phase: ImportPhase; readonly bytes: number; readonly rows: number }) => void;

/** Counts and hashes the bytes as they pass, and refuses a file over the limit (413 at the HTTP edge). */
class Meter extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  constructor(readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      done(Object.assign(new Error(`The file is larger than ${Math.round(this.limit / 1024 / 1024)} MB; split it into several files.`), { statusCode: 413 }));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
  private digest: string | null = null;
  /** The file's SHA-256, once it has been read to its end. */
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/** Parsed records to COPY text, in chunks of rows; a record that fails the row check goes to the report instead. */
class StageRows extends Transform {
  rows = 0;
  header: RowProblem | null = null;
  private pending: string[] = [];
  constructor(
    private readonly rejected: FirstRejectedRows,
    private readonly progress: () => void,
  ) {
    super({ writableObjectMode: true });
  }
  override _transform(record: Record<string, string>, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.rows === 0) this.header = headerProblem(Object.keys(record));
    this.rows += 1;
    if (this.header) return done();
    const { row, problems } = deliveryRecord(record, this.rows + 1);
    if (problems.length) this.rejected.add(problems);
    if (row) this.pending.push(stagedRow(row));
    if (this.pending.length >= 500) this.flushPending();
    if (this.rows % 5000 === 0) this.progress();
    done();
  }
  override _flush(done: TransformCallback): void {
    this.flushPending();
    done();
  }
  private flushPending(): void {
    if (this.pending.length) this.push(this.pending.join(''));
    this.pending = [];
  }
}

function stagedRow(r: CsvRow): string {
  const v = r.visit;
  return copyRow([r.line, r.caseNumber, v.employeeRef, v.visitDate, v.startsAt, v.minutes, v.night, v.status, v.cancelReason, v.externalRef]);
}

/**
 * Reads the file into the staging table: the delimiter from its first line, then csv-parse as a
 * stream. A file that is not CSV leaves the table empty (to a savepoint) and is still read to its end,
 * for its digest. Returns the rows read and a problem of the whole file, if any.
 */
async function stageFile(tx: Tx, meter: Meter, rejected: FirstRejectedRows, onProgress?: Progress): Promise<{ rows: number; fileProblem: RowProblem | null }> {
  const stage = new StageRows(rejected, () => onProgress?.({ phase: 'reading', bytes: meter.bytes, rows: stage.rows }));
  let failure: unknown = null;
  let staged: Promise<unknown> = Promise.resolve();
  const start = (first: Buffer) => {
    const parser = parse(deliveryCsvOptions(delimiterOf(first.toString('utf8').split('\n', 1)[0] ?? '')));
    staged = pipeline(parser, stage, stagingCopy(tx)).catch((e: unknown) => (failure = e));
    return parser;
  };
  await tx.query('SAVEPOINT staging');
  let parser = null as ReturnType<typeof parse> | null;
  let head = Buffer.alloc(0);
  const feed = async (chunk: Buffer) => {
    let data = chunk;
    if (!parser) {
      head = Buffer.concat([head, chunk]);
      if (!head.includes(10) && head.length < 65_536) return;
      [parser, data, head] = [start(head), head, Buffer.alloc(0)];
    }
    if (!parser.write(data)) await Promise.race([once(parser, 'drain').catch(() => undefined), staged]);
  };
  try {
    // After a failure the file is read on to its end, for its digest.
    for await (const chunk of meter as AsyncIterable<Buffer>) if (!failure) await feed(chunk);
  } catch (error) {
    parser?.destroy(error as Error);
    await staged;
    throw error;
  }
  if (!parser) start(head).end(head);
  else if (!failure) parser.end();
  await staged;
  if (failure) {
    await tx.query('ROLLBACK TO SAVEPOINT staging');
    return { rows: stage.rows, fileProblem: unreadable(failure) };
  }
  return { rows: stage.rows, fileProblem: stage.rows === 0 ? headerProblem([]) : stage.header };
}

/** A file csv-parse cannot read is reported as the whole-file import does; any other failure is thrown. */
function unreadable(failure: unknown): RowProblem {
  if (!String((failure as { code?: unknown }).code).startsWith('CSV_')) throw failure;
  return { line: (failure as { lines?: number }).lines ?? 0, field: 'file', message: `not readable as CSV: ${(failure as Error).message}` };
}

/** The rules of visits once per case and date of the staged rows; a refused group rejects each of its rows. */
async function checkGroups(ctx: AppContext, tx: Tx, providerUnitId: string, rejected: FirstRejectedRows): Promise<void> {
  const onDate = today(ctx);
  await openGroupCursor(tx, REJECTED_ROWS_SHOWN);
  for (let groups = await fetchGroups(tx, GROUPS_PER_FETCH); groups.length; groups = await fetchGroups(tx, GROUPS_PER_FETCH)) {
    const cases = await casesByNumber(tx, [...new Set(groups.map((g) => g.case_number))]);
    const actions = await deliveryHistories(tx, [...cases.values()].map((c) => c.id));
    const histories = new Map([...actions].map(([id, a]) => [id, visitHistory(a)]));
    const refused: StagedGroup[] = [];
    for (const g of groups) {
      const c = cases.get(g.case_number);
      const problems = caseDateProblems(g.case_number, g.visit_date, c, { unitId: providerUnitId, today: onDate, history: c ? histories.get(c.id) : undefined });
      if (!problems.length) continue;
      refused.push(g);
      for (const line of g.lines) rejected.add(problems.map((p) => ({ line, ...p })));
      // The rows beyond those shown are counted, not listed.
      rejected.rows += g.n - g.lines.length;
      rejected.problems += (g.n - g.lines.length) * problems.length;
    }
    await markRefused(tx, refused);
  }
  await tx.query('CLOSE import_groups');
}

async function checkVisitIds(tx: Tx, providerUnitId: string, rejected: FirstRejectedRows): Promise<void> {
  const repeated = await repeatedVisitIds(tx, providerUnitId, REJECTED_ROWS_SHOWN);
  for (const r of repeated.rows) rejected.add([{ line: r.line, field: 'visit_id', message: importedAlready(r.external_ref) }]);
  rejected.rows += repeated.total - repeated.rows.length;
  rejected.problems += repeated.total - repeated.rows.length;
}

interface Outcome {
  readonly statusCode: number;
  readonly body: Record<string, unknown>;
  readonly caseIds: readonly string[];
}

/** The report of a file: with a problem of the whole file (not CSV, no header) no row is accepted. */
function report(input: StreamImportInput, read: { rows: number; fileProblem: RowProblem | null }, rejected: FirstRejectedRows) {
  return { fileName: input.fileName, rows: read.rows, accepted: read.fileProblem ? 0 : read.rows - rejected.rows, rejected: rejected.first(), rejectedRows: rejected.rows };
}

async function importInTransaction(ctx: AppContext, tx: Tx, principal: Principal, meta: CommandMeta, input: StreamImportInput, meter: Meter): Promise<Outcome> {
  await createVisitStaging(tx);
  const rejected = new FirstRejectedRows(REJECTED_ROWS_SHOWN);
  const read = await stageFile(tx, meter, rejected, input.onProgress);
  const progress = (phase: ImportPhase) => input.onProgress?.({ phase, bytes: meter.bytes, rows: read.rows });
  progress('checking');
  if (read.fileProblem) rejected.add([read.fileProblem]);
  else {
    await analyseStaging(tx);
    await checkGroups(ctx, tx, input.providerUnitId, rejected);
    await checkVisitIds(tx, input.providerUnitId, rejected);
  }
  const base = report(input, read, rejected);
  if (rejected.rows) {
    const detail = `Nothing was imported: ${rejected.problems} problem(s) in ${rejected.rows} row(s)${rejected.rows > REJECTED_ROWS_SHOWN ? `; the first ${REJECTED_ROWS_SHOWN} rows are listed` : ''}. Correct the rows and send the whole file again.`;
    return { statusCode: 422, body: { type: 'urn:tildel:problem:validation', title: 'The file has rows that cannot be imported', status: 422, ...base, imported: false, importId: null, detail }, caseIds: [] };
  }
  if (input.dryRun) return { statusCode: 200, body: { ...base, imported: false, importId: null, detail: `Every row can be imported (dry run: nothing stored).` }, caseIds: [] };
  progress('storing');
  const importId = await insertImport(tx, { providerUnitId: input.providerUnitId, fileName: input.fileName, sha256: meter.sha256(), rowCount: read.rows }, principal.staffId);
  const stored = await insertStagedVisits(tx, input.providerUnitId, importId, principal.staffId);
  if (stored.visits !== read.rows) throw new Error(`the import stored ${stored.visits} of ${read.rows} checked rows`);
  await audit(tx, principal, meta, 'write', 'visits (import)', stored.personIds);
  progress('done');
  return { statusCode: 201, body: { ...base, imported: true, importId, detail: `${stored.visits} visits imported.` }, caseIds: stored.caseIds };
}

/** The request's fingerprint with the file's digest in it. */
const withFile = (meta: CommandMeta, sha256: string) => createHash('sha256').update(`${meta.fingerprint}\n${sha256}`).digest('hex');

/** An earlier answer under this key: the same file gets it again; another file is refused. */
async function replay(stored: StoredResponse, meter: Meter, meta: CommandMeta): Promise<CommandResult> {
  for await (const _ of meter as AsyncIterable<Buffer>) void _;
  if (stored.fingerprint !== withFile(meta, meter.sha256())) {
    throw new AppError('idempotency-key-reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new command.');
  }
  return { statusCode: stored.statusCode, body: stored.body, replayed: true };
}

/** Imports a streamed CSV of visits: every row or none (see the top of this file). */
export async function importDeliveryStream(ctx: AppContext, principal: Principal, meta: CommandMeta, input: StreamImportInput): Promise<CommandResult> {
  assertMayImport(principal, input.providerUnitId);
  const meter = new Meter(STREAM_IMPORT_MAX_BYTES);
  input.body.once('error', (e) => meter.destroy(e));
  input.body.pipe(meter);
  let touched: readonly string[] = [];
  const result = await inTenant(
    ctx.db.app,
    principal,
    async (tx): Promise<CommandResult> => {
      const stored = await claimIdempotencyKey(tx, principal.staffId, meta.idempotencyKey, meta.fingerprint);
      if (stored) return replay(stored, meter, meta);
      const outcome = await importInTransaction(ctx, tx, principal, meta, input, meter);
      await completeIdempotencyKey(tx, principal.staffId, meta.idempotencyKey, outcome.statusCode, outcome.body, withFile(meta, meter.sha256()));
      touched = outcome.caseIds;
      return { statusCode: outcome.statusCode, body: outcome.body, replayed: false };
    },
    // The file is read once: a transaction that failed cannot be run again on it.
    NO_RETRY,
  );
  if (touched.length) await enqueueFollowUps(ctx.db, principal.municipalityId, [...touched]);
  return result;
}
