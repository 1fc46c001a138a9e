/**
 * The access log of one person (innsynslogg): the person has a right to know who has accessed their
 * record (pasientjournalloven § 18). Reading the log is itself logged.
 */
import { auditTrailOfPerson } from '../store/audit.ts';
import { findPerson } from '../store/persons.ts';
import { inTenant } from '../store/tx.ts';
import { audit } from './audit.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { notFound } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

const MAY_READ_LOG = ['leader', 'admin', 'team_leader'];

export async function personAccessLog(ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string) {
  requireRole(principal, MAY_READ_LOG, "Reading a person's access log");
  return inTenant(ctx.db.app, principal, async (tx) => {
    if (!(await findPerson(tx, personId))) throw notFound('The person');
    const rows = await auditTrailOfPerson(tx, personId, 500);
    await audit(tx, principal, meta, 'read', 'person access log', [personId]);
    return rows.map((r) => ({
      at: r.at.toISOString(),
      staffId: r.staff_id,
      staffName: r.staff_name,
      purpose: r.purpose,
      operation: r.operation,
      resource: r.resource,
      requestId: r.request_id,
    }));
  });
}
