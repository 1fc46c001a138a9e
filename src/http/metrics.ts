/**
 * GET /metrics in Prometheus' text format (prom-client): request latency per route pattern (never the
 * URL, which holds ids) and status, the database pools (connections in use, idle, requests waiting),
 * the job runner's lag (how long the oldest due job has waited), deadlines open and overdue per
 * municipality, messages to national services pending, awaiting a receipt or failed, and the process (CPU, memory, event loop).
 * The event-loop delay since the previous scrape, and per request in the log: eventLoop.ts.
 *
 * Who may read it: with TILDEL_METRICS_TOKEN set, whoever sends "Authorization: Bearer <token>";
 * without it, a scraper on the same machine only (a request from 127.0.0.1 or ::1 with no
 * X-Forwarded-For, so a reverse proxy on this machine does not open it to the world).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../app/errors.ts';
import type { Database } from '../store/database.ts';
import { registerEventLoopGauge, watchRequests } from './eventLoop.ts';
import type pg from 'pg';
import { serverPools } from '../store/routing.ts';

export interface MetricsOptions {
  /** The bearer token a scraper sends; unset: the same machine only. */
  readonly token?: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayRead(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(request.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
}

/** The rows of one query on every server the municipalities are routed to (routing.ts), together. */
async function everyServer<R extends pg.QueryResultRow>(db: Database, query: (owner: pg.Pool) => Promise<pg.QueryResult<R>>): Promise<R[]> {
  return (await Promise.all(serverPools(db.owner).map(async (owner) => (await query(owner)).rows))).flat();
}

/** Gauges read from the database when Prometheus scrapes; a failing query leaves its gauge out of that scrape. */
function databaseGauges(registry: Registry, db: Database): void {
  new Gauge({
    name: 'tildel_db_pool_connections',
    help: 'Connections of a database pool: total open, idle, and requests waiting for one',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      for (const [name, pool] of [['app', db.app], ['owner', db.owner]] as const) {
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
      }
    },
  });
  new Gauge({
    name: 'tildel_job_lag_seconds',
    help: 'How long the oldest job that is due has waited for the job runner (0 when none waits)',
    registers: [registry],
    async collect() {
      const { rows } = await db.owner
        .query<{ lag: number | null }>(`SELECT extract(epoch FROM now() - min(run_at))::float8 AS lag FROM graphile_worker.jobs WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts`)
        .catch(() => ({ rows: [] as { lag: number | null }[] }));
      if (rows[0]) this.set(Math.max(0, rows[0].lag ?? 0));
    },
  });
  new Gauge({
    name: 'tildel_deadlines',
    help: 'Legal deadlines of cases not yet met, per municipality: open, and overdue (due before today)',
    labelNames: ['municipality', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await everyServer(db, (owner) =>
        owner.query<{ municipality_id: string; open: number; overdue: number }>(
          `SELECT municipality_id, count(*)::int AS open, (count(*) FILTER (WHERE due_on < (now() AT TIME ZONE 'Europe/Oslo')::date))::int AS overdue
             FROM case_deadline WHERE satisfied_at IS NULL GROUP BY municipality_id`,
        ),
      );
      for (const r of rows) {
        this.set({ municipality: r.municipality_id, state: 'open' }, r.open);
        this.set({ municipality: r.municipality_id, state: 'overdue' }, r.overdue);
      }
    },
  });
  new Gauge({
    name: 'tildel_outbox_messages',
    help: 'Messages to national services not yet settled, and those failed, per municipality and channel (pending, sent awaiting a receipt, failed)',
    labelNames: ['municipality', 'channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await everyServer(db, (owner) =>
        owner.query<{ municipality_id: string; channel: string; status: string; n: number }>(
          `SELECT municipality_id, channel, status, count(*)::int AS n FROM outbox_message WHERE status IN ('pending', 'sent', 'failed') GROUP BY 1, 2, 3`,
        ),
      );
      for (const r of rows) this.set({ municipality: r.municipality_id, channel: r.channel, status: r.status }, r.n);
    },
  });
}

/** The process's own metrics (CPU, memory, event loop, GC): observed once per process, however many servers it builds. */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'tildel_' });
    registerEventLoopGauge(processRegistry);
  }
  return processRegistry;
}

export function registerMetrics(app: FastifyInstance, db: Database, options: MetricsOptions = {}): void {
  const registry = new Registry();
  const latency = new Histogram({
    name: 'tildel_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  databaseGauges(registry, db);
  watchRequests(app);
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // The route's pattern (/api/v1/cases/:id), or "unmatched" for a 404: never the URL itself.
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!mayRead(request, options.token)) {
      throw new AppError('forbidden', 'Metrics are for the operator: send the bearer token set in TILDEL_METRICS_TOKEN, or scrape from this machine.');
    }
    return reply.type(registry.contentType).send(await Registry.merge([processMetrics(), registry]).metrics());
  });
}
