/**
 * The server's memory policy. V8 sizes the JavaScript heap by an adaptive growing factor: after a full
 * collection it lets the old generation grow up to three times what survived before collecting again.
 * Under steady load (requests whose objects outlive a young-generation collection while they wait for
 * PostgreSQL) that kept 280 MB of old generation for 80 MB of live objects. A fixed factor bounds it; at
 * 50 % the lifecycle and load benchmarks showed no loss of throughput, and heavy reports on the Oslo set
 * up to about a tenth more time, within overlapping rounds (docs/scale.md).
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags for a growing percentage; none for 0 (V8's own adaptive factor). */
export function heapFlags(growingPercent: number): string[] {
  return growingPercent > 0 ? [`--heap-growing-percent=${growingPercent}`] : [];
}

/**
 * Sets the factor in this process. V8 reads it at every full collection, so it holds from the next one
 * on (Node documents flags set after start as best effort; bench:load measures the effect).
 */
export function applyHeapPolicy(growingPercent: number): void {
  for (const flag of heapFlags(growingPercent)) setFlagsFromString(flag);
}
