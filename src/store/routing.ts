/**
 * Tenant routing (issue 18 §5): municipalities can live on different PostgreSQL servers. Every server
 * holds the whole schema (migrated at start) and the rows of the municipalities routed to it; a
 * municipality not named in the routes lives on the home server (DATABASE_URL, or the embedded one).
 *
 * The routes hang on the home database's two pools, so the code keeps passing `db.app` and `db.owner`:
 * a transaction in one municipality (inTenant) runs on that municipality's server, and the few reads
 * across municipalities (the list of municipalities, the metrics, the projection version) ask every
 * server. A session token and an identity-provider state begin with the municipality's id
 * (`<id>.<random>`), so a request finds the server that holds its session without asking the others.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { z } from 'zod';

const SERVER_NAME = /^[a-z][a-z0-9_-]{0,39}$/;

/** The routes file (TILDEL_TENANT_ROUTES): the other servers by name, and which municipality lives where. */
export const tenantRoutesSchema = z
  .object({
    servers: z.record(z.string().regex(SERVER_NAME, 'a server name: lower-case letters, digits, - or _'), z.url({ protocol: /^postgres(ql)?$/ })),
    municipalities: z.record(z.string().min(1), z.string()).describe('Municipality id → server name; a municipality not named here lives on the home server'),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const [municipality, server] of Object.entries(r.municipalities)) {
      if (!(server in r.servers)) ctx.addIssue({ code: 'custom', path: ['municipalities', municipality], message: `no server named ${server} in servers` });
    }
  });
export type TenantRoutes = z.infer<typeof tenantRoutesSchema>;

/** Reads and checks a routes file; the error names the field that is wrong. */
export function readTenantRoutes(file: string): TenantRoutes {
  const parsed = tenantRoutesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new Error(`The tenant routes in ${file} are not valid: ${problems}`);
  }
  return parsed.data;
}

interface Router {
  /** The pool of the server the municipality lives on. */
  readonly poolFor: (municipalityId: string) => pg.Pool;
  /** Every server's pool, the home server's first. */
  readonly pools: readonly pg.Pool[];
}

const routers = new WeakMap<object, Router>();
/** A pool, or a connection already taken from one (which stays where it is). */
type Queryable = pg.Pool | pg.PoolClient;

/** Routes the home pool's municipalities: those named in `placed` to the given pools, the rest stay home. */
export function routeTenants(home: pg.Pool, placed: ReadonlyMap<string, pg.Pool>, others: readonly pg.Pool[]): void {
  routers.set(home, { poolFor: (m) => placed.get(m) ?? home, pools: [home, ...others] });
}

/** The pool to run the municipality's work on: its server's, or the pool itself where nothing is routed. */
export function poolFor<P extends Queryable>(pool: P, municipalityId: string): P {
  return (routers.get(pool)?.poolFor(municipalityId) as P | undefined) ?? pool;
}

/** Every server behind the pool (one where nothing is routed), for reads across municipalities. */
export function serverPools<P extends Queryable>(pool: P): readonly P[] {
  return (routers.get(pool)?.pools as readonly P[] | undefined) ?? [pool];
}

/** A token or state that names its municipality, so a routed installation knows which server holds it. */
export function tenantToken(municipalityId: string, secret: string): string {
  return `${municipalityId}.${secret}`;
}

/** The municipality a token names, or null (a token from before routing, or not one of ours). */
export function tenantOfToken(token: string): string | null {
  const dot = token.indexOf('.');
  return dot > 0 ? token.slice(0, dot) : null;
}

/** The pool holding the session or login a token names (the home pool when it names none). */
export function poolForToken(pool: pg.Pool, token: string): pg.Pool {
  const municipality = tenantOfToken(token);
  return municipality ? poolFor(pool, municipality) : pool;
}
