/**
 * A stand-in for an OpenTelemetry Collector: an HTTP server on 127.0.0.1 that takes POST /v1/traces
 * in the OTLP/HTTP JSON encoding, checks every message against the shape of ExportTraceServiceRequest
 * and answers 200 (400 to a message that does not fit, which the test then sees in `rejected`).
 *
 * The schema follows open-telemetry/opentelemetry-proto (commit ac2c4b5d1f3a):
 * opentelemetry/proto/collector/trace/v1/trace_service.proto (ExportTraceServiceRequest),
 * opentelemetry/proto/trace/v1/trace.proto (ResourceSpans, ScopeSpans, Span, Status),
 * opentelemetry/proto/common/v1/common.proto (KeyValue, AnyValue) and the JSON rules of
 * docs/specification.md ("JSON Protobuf Encoding"): lowerCamelCase keys, traceId and spanId as hex,
 * enums as integers, 64-bit integers as decimal strings.
 */
import { createServer, type Server } from 'node:http';
import { z } from 'zod';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`));
const int64 = z.string().regex(/^\d+$/);

const anyValue = z
  .object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([int64, z.number().int()]).optional(),
    doubleValue: z.number().optional(),
    arrayValue: z.object({ values: z.array(z.unknown()).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(z.unknown()).optional() }).optional(),
    bytesValue: z.string().optional(),
  })
  .refine((v) => Object.values(v).filter((x) => x !== undefined).length <= 1, 'an AnyValue holds one value');

const keyValue = z.object({ key: z.string().min(1), value: anyValue });

export const otlpSpan = z.object({
  traceId: hex(16),
  spanId: hex(8),
  traceState: z.string().optional(),
  // Empty or absent on a root span.
  parentSpanId: z.union([hex(8), z.literal('')]).optional(),
  flags: z.number().int().nonnegative().optional(),
  name: z.string().min(1),
  kind: z.number().int().min(0).max(5),
  startTimeUnixNano: int64,
  endTimeUnixNano: int64,
  attributes: z.array(keyValue).optional(),
  droppedAttributesCount: z.number().int().nonnegative().optional(),
  events: z.array(z.object({ timeUnixNano: int64, name: z.string(), attributes: z.array(keyValue).optional() })).optional(),
  links: z.array(z.object({ traceId: hex(16), spanId: hex(8) }).loose()).optional(),
  status: z.object({ code: z.number().int().min(0).max(2).optional(), message: z.string().optional() }),
});

export const exportTraceServiceRequest = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: z.array(keyValue), droppedAttributesCount: z.number().int().optional() }),
      scopeSpans: z.array(
        z.object({
          scope: z.object({ name: z.string(), version: z.string().optional() }).loose().optional(),
          spans: z.array(otlpSpan),
          schemaUrl: z.string().optional(),
        }),
      ),
      schemaUrl: z.string().optional(),
    }),
  ),
});

export type OtlpSpan = z.infer<typeof otlpSpan>;
export type ExportTraceServiceRequest = z.infer<typeof exportTraceServiceRequest>;

/** A span with its resource's attributes, as the tests read it. */
export interface ReceivedSpan extends OtlpSpan {
  readonly resource: Record<string, unknown>;
  readonly attribute: (key: string) => unknown;
}

export interface OtlpStandIn {
  /** The base URL, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  /** Every request body received, as text. */
  readonly bodies: string[];
  /** The messages that did not fit the schema, with zod's complaint. */
  readonly rejected: string[];
  spans(): ReceivedSpan[];
  close(): Promise<void>;
}

const valueOf = (v: z.infer<typeof anyValue>): unknown => v.stringValue ?? v.boolValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.doubleValue ?? v.arrayValue ?? v.kvlistValue ?? v.bytesValue;
const toRecord = (kvs: readonly z.infer<typeof keyValue>[] | undefined): Record<string, unknown> => Object.fromEntries((kvs ?? []).map((kv) => [kv.key, valueOf(kv.value)]));

export async function startOtlpStandIn(): Promise<OtlpStandIn> {
  const bodies: string[] = [];
  const rejected: string[] = [];
  const received: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      bodies.push(text);
      const json = req.method === 'POST' && req.url === '/v1/traces' && /application\/json/.test(req.headers['content-type'] ?? '') ? safeParse(text) : undefined;
      const parsed = exportTraceServiceRequest.safeParse(json);
      if (!parsed.success) {
        rejected.push(`${req.method} ${req.url} ${req.headers['content-type']}: ${parsed.error.message}`);
        res.writeHead(400, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      for (const rs of parsed.data.resourceSpans) {
        const resource = toRecord(rs.resource.attributes);
        for (const ss of rs.scopeSpans) for (const span of ss.spans) received.push({ ...span, resource, attribute: (key) => toRecord(span.attributes)[key] });
      }
      // ExportTraceServiceResponse: an empty message is a full success.
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    rejected,
    spans: () => [...received],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
