/**
 * OpenTelemetry traces, off unless the standard variables ask for them: OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT set (and neither OTEL_SDK_DISABLED=true nor
 * OTEL_TRACES_EXPORTER=none). Then spans go in batches to that endpoint as OTLP/HTTP JSON, with
 * service.name (OTEL_SERVICE_NAME, by default "tildel") and service.version; the exporter reads the
 * other OTEL_EXPORTER_OTLP_* variables (headers, timeout) itself.
 *
 * One server span per request, named by its route pattern (`GET /api/v1/cases/:id`), never by the
 * URL: no ids, no query strings, no personal data in names or attributes. A caller's W3C traceparent
 * is continued, and the answer carries the request's own traceparent. The database transactions and
 * the job runner's tasks are child spans (store/tracing.ts). While off, nothing is registered and the
 * hooks are not added.
 */
import { createRequire } from 'node:module';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTracingOn, tildelTracer } from '../store/tracing.ts';

export interface TracingSettings {
  readonly serviceName: string;
}

/** Whether the environment turns traces on, and under which service name; null: off. */
export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint || env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return null;
  return { serviceName: env.OTEL_SERVICE_NAME?.trim() || 'tildel' };
}

export interface Tracing {
  /** Sends the spans that are waiting. */
  flush(): Promise<void>;
  /** Gives up this holder's share; the last one flushes, shuts the provider down and unregisters it. */
  shutdown(): Promise<void>;
}

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

let active: { provider: NodeTracerProvider; holders: number } | null = null;

/**
 * Starts tracing when the environment asks for it (tracingSettings), or joins the tracing already
 * started in this process (the server and the job runner share one provider); null when off.
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): Tracing | null {
  if (!active) {
    const settings = tracingSettings(env);
    if (!settings) return null;
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: VERSION }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
    });
    // The global tracer provider, the AsyncLocalStorage context manager and the W3C trace context propagator.
    provider.register();
    active = { provider, holders: 0 };
    setTracingOn(true);
  }
  const held = active;
  held.holders += 1;
  let released = false;
  return {
    flush: () => held.provider.forceFlush(),
    shutdown: async () => {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      if (active === held) active = null;
      setTracingOn(false);
      await held.provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The name of a request's span: the method and the route pattern, or the method alone when no route matched. */
export function spanName(method: string, routePattern: string | undefined): string {
  return routePattern ? `${method} ${routePattern}` : method;
}

const spans = new WeakMap<FastifyRequest, Span>();

/** W3C traceparent of a span (version 00). */
function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}

/** Ends a request's span, named now that the route is known; `statusCode` null: the client went away first. */
function endRequestSpan(request: FastifyRequest, statusCode: number | null): void {
  const span = spans.get(request);
  if (!span) return;
  spans.delete(request);
  const route = request.routeOptions.url;
  span.updateName(spanName(request.method, route));
  if (route) span.setAttribute(ATTR_HTTP_ROUTE, route);
  if (request.principal) span.setAttribute('tildel.municipality', request.principal.municipalityId);
  if (statusCode === null) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'aborted by the client' });
  } else {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
    if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The request hooks that make a server span per request; added only while tracing is on. */
export function traceRequests(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    // The caller's traceparent (and tracestate), when it sent one; a new trace otherwise.
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tildelTracer().startSpan(request.method, { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method } }, parent);
    spans.set(request, span);
    const active = trace.setSpan(parent, span);
    // The body arrives in events of the raw request: their listeners run in the request's context too.
    context.bind(active, request.raw);
    context.bind(active, reply.raw);
    const traceId = span.spanContext().traceId;
    request.log = request.log.child({ traceId });
    reply.log = request.log;
    reply.header('traceparent', traceparentOf(span));
    context.with(active, done);
  });
  app.addHook('onResponse', async (request, reply) => endRequestSpan(request, reply.statusCode));
  app.addHook('onRequestAbort', async (request) => endRequestSpan(request, null));
}

/** Starts tracing if the environment asks for it, with a span per request of `app`, flushed and shut down when it closes. */
export function registerTracing(app: FastifyInstance): void {
  const tracing = startTracing();
  if (!tracing) return;
  traceRequests(app);
  app.addHook('onClose', () => tracing.shutdown());
}
