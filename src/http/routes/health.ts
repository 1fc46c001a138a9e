/** Liveness and readiness for operators and orchestrators. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { migrationStatus } from '../../store/migrate.ts';
import { serverPools } from '../../store/routing.ts';

const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.string(),
  pendingMigrations: z.array(z.string()),
  problem: z.string().nullable(),
});

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health/live', {
      config: { public: true },
      schema: { tags: ['health'], operationId: 'getLiveness', summary: 'The process is up', security: [], response: { 200: z.object({ status: z.literal('live') }) } },
      handler: async () => ({ status: 'live' as const }),
    });

    app.get('/health/ready', {
      config: { public: true },
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'The database answers and is fully migrated',
        security: [],
        response: { 200: readiness, 503: readiness.describe('Not ready: the database is unreachable or migrations are pending') },
      },
      handler: async (_request, reply) => {
        try {
          // Every server the municipalities are routed to must answer and be migrated (routing.ts).
          for (const app of serverPools(ctx.db.app)) await app.query('SELECT 1');
          const statuses = await Promise.all(serverPools(ctx.db.owner).map((owner) => migrationStatus(owner)));
          const pending = [...new Set(statuses.flatMap((s) => s.pending))];
          const problem = statuses.find((s) => s.problem !== null)?.problem ?? null;
          const ready = pending.length === 0 && problem === null;
          return reply.code(ready ? 200 : 503).send({
            status: ready ? 'ready' : 'not_ready',
            database: 'reachable',
            pendingMigrations: pending,
            problem,
          });
        } catch (error) {
          return reply.code(503).send({ status: 'not_ready', database: 'unreachable', pendingMigrations: [], problem: (error as Error).message });
        }
      },
    });
  };
}
