/**
 * The rejected rows a streamed import reports: the problems of the first rows by line (however many
 * rows a file has, the report stays small), and how many rows and problems there were in all. Rows
 * arrive in any order (the checks run per case, not per line).
 */
import type { RowProblem } from './delivery.ts';

export class FirstRejectedRows {
  /** The lines kept, ascending, and their problems. */
  private readonly lines: number[] = [];
  private readonly byLine = new Map<number, RowProblem[]>();
  /** Every rejected row and every problem, also those not kept. */
  rows = 0;
  problems = 0;

  constructor(readonly keep: number) {}

  /** The problems of one row (all on the same line); a row without problems is not rejected. */
  add(problems: readonly RowProblem[]): void {
    const line = problems[0]?.line;
    if (line === undefined) return;
    this.problems += problems.length;
    const known = this.byLine.get(line);
    if (known) {
      known.push(...problems);
      return;
    }
    this.rows += 1;
    const last = this.lines[this.lines.length - 1];
    if (this.lines.length >= this.keep && (last === undefined || line > last)) return;
    const at = this.lines.findIndex((l) => l > line);
    this.lines.splice(at < 0 ? this.lines.length : at, 0, line);
    this.byLine.set(line, [...problems]);
    if (this.lines.length > this.keep) this.byLine.delete(this.lines.pop() as number);
  }

  /** The problems of the first rows, by line. */
  first(): RowProblem[] {
    return this.lines.flatMap((l) => this.byLine.get(l) ?? []);
  }
}
