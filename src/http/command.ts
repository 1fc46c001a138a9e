/**
 * What a command request carries besides its body: the Idempotency-Key header (required), a
 * fingerprint of the request (to refuse a key reused for something else) and the audit purpose.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../app/command.ts';
import type { CommandMeta, RequestMeta } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import { purposeOf } from './principal.ts';
import { purposeHeader } from './schemas.ts';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { requestId: request.id, purpose: purposeOf(request) };
}

export function commandMeta(request: FastifyRequest): CommandMeta {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new AppError(
      'idempotency-key-missing',
      'Every command needs an Idempotency-Key header: 8–200 letters, digits or . _ : -, for example a UUID. ' +
        'Send the same key when you retry the same command.',
      { fields: [{ field: 'header.idempotency-key', message: key === undefined ? 'missing' : 'malformed' }] },
    );
  }
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
  return { ...requestMeta(request), idempotencyKey: key, fingerprint };
}

export function sendCommandResult(reply: FastifyReply, result: CommandResult): FastifyReply {
  const sent = reply.code(result.statusCode).header('idempotent-replayed', String(result.replayed));
  // A refusal stored as a command's answer (a rejected file) is a problem like any other.
  if (result.statusCode >= 400) sent.type('application/problem+json');
  return sent.send(result.body);
}

/** The headers every command route declares; validated before the handler runs. */
export const commandHeadersSchema = z.object({
  'idempotency-key': z
    .string({ error: 'missing: every command needs an Idempotency-Key header, for example a UUID' })
    .regex(KEY_PATTERN, 'must be 8–200 letters, digits or . _ : -')
    .describe('Required on every command. A retry with the same key returns the first result and writes nothing new.'),
  'tildel-purpose': purposeHeader,
});
