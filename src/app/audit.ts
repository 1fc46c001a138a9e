/** Records who read or wrote which persons' data, and why, in the same transaction as the access. */
import { recordAudit } from '../store/audit.ts';
import type { Tx } from '../store/tx.ts';
import type { RequestMeta } from './context.ts';
import { AppError } from './errors.ts';
import { mayReadPersonalData, type Principal } from './principal.ts';

export function audit(
  tx: Tx,
  principal: Principal,
  meta: RequestMeta,
  operation: 'read' | 'write' | 'search',
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

/** Refuses a principal whose roles give no need for personal data. */
export function assertMayReadPersonalData(principal: Principal): void {
  if (!mayReadPersonalData(principal)) {
    throw new AppError('forbidden', 'Your roles give no access to personal data (persons and cases).');
  }
}
