/**
 * Every command runs here: one transaction in the principal's municipality that claims the
 * idempotency key, does the work and stores the response with the key. A retry with the same key
 * returns the first response and writes nothing; the same key on a different request is refused.
 */
import { claimIdempotencyKey, completeIdempotencyKey } from '../store/idempotency.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

export interface CommandResult {
  readonly statusCode: number;
  readonly body: unknown;
  /** True when this is the stored answer to an earlier attempt. */
  readonly replayed: boolean;
}

export async function runCommand(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  work: (tx: Tx) => Promise<{ statusCode: number; body: unknown }>,
): Promise<CommandResult> {
  return inTenant(ctx.db.app, principal, async (tx) => {
    const stored = await claimIdempotencyKey(tx, principal.staffId, meta.idempotencyKey, meta.fingerprint);
    if (stored) {
      if (stored.fingerprint !== meta.fingerprint) {
        throw new AppError(
          'idempotency-key-reused',
          'This Idempotency-Key was already used for a different request. Use a new key for a new command.',
        );
      }
      return { statusCode: stored.statusCode, body: stored.body, replayed: true };
    }
    const result = await work(tx);
    await completeIdempotencyKey(tx, principal.staffId, meta.idempotencyKey, result.statusCode, result.body);
    return { ...result, replayed: false };
  });
}
