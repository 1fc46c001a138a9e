/**
 * The HTTP server: JSON API under /api/v1, OpenAPI 3.1 at /openapi.json generated from the route
 * schemas, interactive documentation at /docs, health at /health.
 */
import { citizenRoutes } from './routes/citizen.ts';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { AppContext } from '../app/context.ts';
import { auditRefusal } from '../app/audit.ts';
import { AppError } from '../app/errors.ts';
import { loggerOptions } from './logging.ts';
import { registerMetrics } from './metrics.ts';
import { registerTracing } from './tracing.ts';
import { swaggerOptions } from './openapi.ts';
import { purposeOf, registerAuthentication } from './principal.ts';
import type { Purpose } from '../app/principal.ts';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import { clientErrorHandler, errorHandler, notFoundHandler, refuseControlCharacters } from './problem.ts';
import { authRoutes } from './routes/auth.ts';
import { boardRoutes } from './routes/board.ts';
import { caseRoutes } from './routes/cases.ts';
import { caseFileRoutes } from './routes/caseFile.ts';
import { criteriaRoutes } from './routes/criteria.ts';
import { decisionRoutes } from './routes/decisions.ts';
import { letterRoutes } from './routes/letters.ts';
import { integrationRoutes } from './routes/integrations.ts';
import { identityProviderRoutes } from './routes/oidc.ts';
import { healthRoutes } from './routes/health.ts';
import { personRoutes } from './routes/persons.ts';
import { policyRoutes } from './routes/policies.ts';
import { providerReportRoutes, providerRoutes } from './routes/provider.ts';
import { workRoutes } from './routes/work.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { referenceRoutes } from './routes/reference.ts';
import { waitingListRoutes } from './routes/waitingLists.ts';
import { accessRoutes } from './routes/access.ts';
import { steeringRoutes } from './routes/steering.ts';
import { workforceRoutes } from './routes/workforce.ts';
import { equalTreatmentRoutes } from './routes/equalTreatment.ts';
import { budgetRoutes } from './routes/budget.ts';
import { paymentRoutes } from './routes/payments.ts';
import { kprRoutes } from './routes/kpr.ts';
import { kostraRoutes } from './routes/kostra.ts';
import { fhirRoutes } from './routes/fhir.ts';

export interface ServerOptions {
  readonly logLevel: string;
  /** Where log lines go (tests capture them); stdout by default. */
  readonly logStream?: DestinationStream;
  /** The bearer token that may read GET /metrics; unset: the same machine only (metrics.ts). */
  readonly metricsToken?: string | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The web app (web/dist, built by `npm run build:web`) at /; without a build, / leads to the API documentation. */
async function registerWebApp(app: FastifyInstance): Promise<void> {
  const index = await readFile(`${WEB_DIST}index.html`, 'utf8').catch(() => null);
  if (index === null) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.redirect('/docs'));
    return;
  }
  await app.register(fastifyStatic, { root: `${WEB_DIST}assets`, prefix: '/assets/', decorateReply: false, maxAge: '1d', immutable: true });
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index));
}

/** The purpose the request stated (purposeOf), or the default when it stated none or an unknown one. */
function statedPurpose(request: FastifyRequest): Purpose {
  try {
    return purposeOf(request);
  } catch {
    return 'case_processing';
  }
}

// Security headers on every answer: the web app and the API documentation load only their own
// scripts; nothing may frame them; no content sniffing; no referrer leaves the site.
const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Style attributes set by the design system's components and the documentation.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      // The letter preview shows the PDF the app fetched, as a blob, in a frame.
      frameSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // The letters are PDFs opened in a new tab from the same site.
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
};

export async function buildServer(ctx: AppContext, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel, options.logStream),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Idle and slow connections are closed: no request may take longer than this to arrive and be answered.
    connectionTimeout: 60_000,
    requestTimeout: 60_000,
    keepAliveTimeout: 5_000,
    // A malformed URL or an overlong path parameter, and errors below HTTP, answer problem+json too.
    frameworkErrors: errorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.server.headersTimeout = 15_000;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('preValidation', refuseControlCharacters);
  // OpenTelemetry traces when OTEL_EXPORTER_OTLP_*ENDPOINT is set (tracing.ts): a span per request, flushed on close.
  registerTracing(app);
  registerMetrics(app, ctx.db, { token: options.metricsToken });
  // A refused attempt (403) by a logged-in person is kept in the access log.
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || error.kind !== 'forbidden' || !request.principal) return;
    await auditRefusal(ctx, request.principal, { requestId: request.id, purpose: statedPurpose(request) }, `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}: ${error.message.slice(0, 300)}`).catch((e: unknown) =>
      request.log.error({ err: e }, 'could not record a refused attempt'),
    );
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Personal data is never kept in a browser's or a proxy's cache.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  // Limits per client address on the routes that ask for them (the logins).
  // Lists, reports and the web bundle travel compressed (br or gzip, as the client accepts), above 1 KiB.
  await app.register(compress, { threshold: 1024 });
  await app.register(rateLimit, { global: false });
  await app.register(helmet, SECURITY_HEADERS);

  await app.register(swagger, swaggerOptions);
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await registerWebApp(app);

  registerAuthentication(app, ctx);
  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx), { prefix: '/api/v1' });
  await app.register(referenceRoutes(ctx), { prefix: '/api/v1' });
  await app.register(organisationRoutes(ctx), { prefix: '/api/v1' });
  await app.register(personRoutes(ctx), { prefix: '/api/v1' });
  await app.register(caseRoutes(ctx), { prefix: '/api/v1' });
  await app.register(caseFileRoutes(ctx), { prefix: '/api/v1' });
  await app.register(policyRoutes(ctx), { prefix: '/api/v1' });
  await app.register(workRoutes(ctx), { prefix: '/api/v1' });
  await app.register(boardRoutes(ctx), { prefix: '/api/v1' });
  await app.register(providerRoutes(ctx), { prefix: '/api/v1' });
  await app.register(providerReportRoutes(ctx), { prefix: '/api/v1' });
  await app.register(criteriaRoutes(ctx), { prefix: '/api/v1' });
  await app.register(waitingListRoutes(ctx), { prefix: '/api/v1' });
  await app.register(accessRoutes(ctx), { prefix: '/api/v1' });
  await app.register(decisionRoutes(ctx), { prefix: '/api/v1' });
  await app.register(steeringRoutes(ctx), { prefix: '/api/v1' });
  await app.register(workforceRoutes(ctx), { prefix: '/api/v1' });
  await app.register(equalTreatmentRoutes(ctx), { prefix: '/api/v1' });
  await app.register(budgetRoutes(ctx), { prefix: '/api/v1' });
  await app.register(paymentRoutes(ctx), { prefix: '/api/v1' });
  await app.register(kprRoutes(ctx), { prefix: '/api/v1' });
  await app.register(kostraRoutes(ctx), { prefix: '/api/v1' });
  await app.register(fhirRoutes(ctx), { prefix: '/api/v1' });
  await app.register(letterRoutes(ctx), { prefix: '/api/v1' });
  await app.register(integrationRoutes(ctx), { prefix: '/api/v1' });
  await app.register(citizenRoutes(ctx), { prefix: '/api/v1' });
  await app.register(identityProviderRoutes(ctx), { prefix: '/api/v1' });
  return app;
}
