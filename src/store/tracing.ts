/**
 * Spans around units of work (a database transaction, a job runner task), for the OpenTelemetry
 * traces that http/tracing.ts turns on. While tracing is off (the default), `traced` only calls the
 * work: no tracer is asked, no span or context is made.
 */
import { context, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

let on = false;

/** Set by http/tracing.ts when it registers (true) or shuts down (false) the tracer provider. */
export function setTracingOn(value: boolean): void {
  on = value;
}

export const tracingOn = (): boolean => on;

/** The tracer of tildel's own spans (the API's no-op tracer while no provider is registered). */
export const tildelTracer = () => trace.getTracer('tildel');

/**
 * Runs `work` in a span named `name`, a child of the active span (the request's, the job's), ended
 * when the work settles; an error marks the span and is thrown on. Attributes must never carry
 * personal data (names, national identity numbers): ids of municipalities, counts and names of tasks.
 */
export async function traced<T>(name: string, attributes: Attributes, work: (span: Span | null) => Promise<T>): Promise<T> {
  if (!on) return work(null);
  return tildelTracer().startActiveSpan(name, { attributes }, context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
