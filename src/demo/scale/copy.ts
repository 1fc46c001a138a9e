/**
 * Rows for PostgreSQL's COPY (text format), streamed through pg-copy-streams: the scale loader
 * writes its batches this way rather than row by row, which is what makes an Oslo-size municipality
 * load in minutes. https://www.postgresql.org/docs/17/sql-copy.html ("Text Format").
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import { copyRow, type Cell } from '../../store/copyText.ts';

export { copyRow, type Cell } from '../../store/copyText.ts';

/** Rows waiting to be copied into one table. */
export class CopyBuffer {
  readonly rows: string[] = [];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(cells: readonly Cell[]): void {
    if (cells.length !== this.columns.length) throw new Error(`copy into ${this.table}: ${cells.length} cells for ${this.columns.length} columns`);
    this.rows.push(copyRow(cells));
  }

  /** Copies the rows in the client's transaction and empties the buffer; returns how many. */
  async flush(client: pg.PoolClient): Promise<number> {
    const n = this.rows.length;
    if (n === 0) return 0;
    const chunks = (function* (rows: string[]) {
      for (let i = 0; i < rows.length; i += 2000) yield rows.slice(i, i + 2000).join('');
    })(this.rows);
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${this.table} (${this.columns.join(', ')}) FROM STDIN`)));
    this.rows.length = 0;
    return n;
  }
}
