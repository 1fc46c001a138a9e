/** Records who read or wrote which persons' data, and why, in the same transaction as the access. */
import { recordAudit } from '../store/audit.ts';
import type { Tx } from '../store/tx.ts';
import type { RequestMeta } from './context.ts';
import type { Principal } from './principal.ts';

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
