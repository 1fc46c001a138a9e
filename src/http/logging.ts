/**
 * Structured logs (pino, JSON) with a request id on every line. Identity numbers, tokens and
 * bodies never reach the log: request lines carry the path without its query string, and the
 * headers that carry secrets are redacted.
 */
import type { FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import { eventLoopField } from './eventLoop.ts';

export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.nationalId', '*.password', '*.token'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, path: req.url.split('?')[0], requestId: req.id }),
      // The largest event-loop delay while the request was in flight (eventLoop.ts), on the 'request completed' line.
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode, ...eventLoopField(res) }),
    },
  };
}
