/** Records who read or wrote which persons' data, and why, in the same transaction as the access. */
import { recordAudit } from '../store/audit.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError } from './errors.ts';
import { mayReadPersonalData, type Principal } from './principal.ts';

export function audit(
  tx: Tx,
  principal: Principal,
  meta: RequestMeta,
  operation: 'read' | 'write' | 'search' | 'emergency',
  resource: string,
  personIds: readonly string[],
): Promise<void> {
  return recordAudit(tx, {
    staffId: principal.staffId,
    purpose: meta.purpose,
    operation,
    resource,
    personIds,
    requestId: meta.requestId,
  });
}

/**
 * Records a refused attempt (a 403) in the access log, in its own transaction since the refused one
 * wrote nothing: who tried what, when and for which stated purpose.
 */
export async function auditRefusal(ctx: AppContext, principal: Principal, meta: RequestMeta, resource: string): Promise<void> {
  await inTenant(ctx.db.app, principal, (tx) =>
    recordAudit(tx, { staffId: principal.staffId, purpose: meta.purpose, operation: 'refused', resource, personIds: [], requestId: meta.requestId }),
  );
}

/** Refuses a principal whose roles give no need for personal data. */
export function assertMayReadPersonalData(principal: Principal): void {
  if (!mayReadPersonalData(principal)) {
    throw new AppError('forbidden', 'Your roles give no access to personal data (persons and cases).');
  }
}
