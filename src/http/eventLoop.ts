/**
 * How long the event loop was held up (issue 18: no request may block it for more than 50 ms).
 * Two views of one process:
 * - perf_hooks.monitorEventLoopDelay's histogram, shown in /metrics as tildel_event_loop_delay_seconds
 *   (p50, p99 and max since the previous scrape);
 * - a 10 ms ticker whose lateness is kept in a ring, so that each request's log line carries the
 *   largest delay seen while it was in flight (eventLoopMaxDelayMs), naming the request that blocks.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Gauge, type Registry } from 'prom-client';

/** The target: no request holds the loop up longer than this. */
export const EVENT_LOOP_TARGET_MS = 50;
const TICK_MS = 10;
const RING = 16_384;

/** The lateness of each tick of a 10 ms timer, in a ring (about 2.7 minutes of ticks). */
export class LoopWatch {
  private readonly ring = new Float64Array(RING);
  private count = 0;
  private last = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => {
      const at = performance.now();
      this.ring[this.count % RING] = Math.max(0, at - this.last - TICK_MS);
      this.count += 1;
      this.last = at;
    }, TICK_MS);
    this.timer.unref();
  }

  /** A mark to measure from. */
  mark(): number {
    return this.count;
  }

  /** The largest delay in milliseconds since the mark, counting a tick that is late right now (the loop is busy). */
  maxSince(mark: number): number {
    let max = Math.max(0, performance.now() - this.last - TICK_MS);
    for (let i = Math.max(mark, this.count - RING); i < this.count; i += 1) max = Math.max(max, this.ring[i % RING] ?? 0);
    return max;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

let histogram: IntervalHistogram | null = null;
let watch: LoopWatch | null = null;

/** The process's histogram of event-loop delay (one per process, however many servers it builds). */
export function loopHistogram(): IntervalHistogram {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: TICK_MS });
    histogram.enable();
  }
  return histogram;
}

function loopWatch(): LoopWatch {
  watch ??= new LoopWatch();
  return watch;
}

/** tildel_event_loop_delay_seconds{stat="p50"|"p99"|"max"}: since the previous scrape. */
export function registerEventLoopGauge(registry: Registry): void {
  const h = loopHistogram();
  new Gauge({
    name: 'tildel_event_loop_delay_seconds',
    help: 'Event-loop delay (perf_hooks.monitorEventLoopDelay) since the previous scrape: median, 99th percentile and maximum',
    labelNames: ['stat'],
    registers: [registry],
    collect() {
      // An empty window (no sample yet) reads as 0, not as the histogram's sentinel values.
      const seen = h.count > 0;
      this.set({ stat: 'p50' }, seen ? h.percentile(50) / 1e9 : 0);
      this.set({ stat: 'p99' }, seen ? h.percentile(99) / 1e9 : 0);
      this.set({ stat: 'max' }, seen ? h.max / 1e9 : 0);
      h.reset();
    },
  });
}

const marks = new WeakMap<FastifyRequest, number>();
const delays = new WeakMap<FastifyReply, number>();

/** Marks each request as it arrives and notes, as it is answered, the largest event-loop delay while it was in flight. */
export function watchRequests(app: FastifyInstance): void {
  const w = loopWatch();
  app.addHook('onRequest', async (request) => {
    marks.set(request, w.mark());
  });
  app.addHook('onResponse', async (request, reply) => {
    const mark = marks.get(request);
    if (mark !== undefined) delays.set(reply, Math.round(w.maxSince(mark)));
  });
}

/** The log field of a reply: the largest event-loop delay in milliseconds while its request was in flight. */
export function eventLoopField(reply: unknown): { eventLoopMaxDelayMs?: number } {
  const delay = typeof reply === 'object' && reply !== null ? delays.get(reply as FastifyReply) : undefined;
  return delay === undefined ? {} : { eventLoopMaxDelayMs: delay };
}
