/**
 * The access log of one person (innsynslogg): the person has a right to know who has accessed their
 * record (pasientjournalloven § 18). Reading the log is itself logged.
 */
import { auditTrailOfPerson } from '../store/audit.ts';
import { findPerson } from '../store/persons.ts';
import { inTenant } from '../store/tx.ts';
import { audit } from './audit.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError, notFound } from './errors.ts';
import type { Principal } from './principal.ts';

const MAY_READ_LOG = ['leader', 'admin', 'team_leader'];

export async function personAccessLog(ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string) {
  if (!principal.roles.some((r) => MAY_READ_LOG.includes(r))) {
    throw new AppError('forbidden', `Reading a person's access log needs one of the roles ${MAY_READ_LOG.join(', ')}.`);
  }
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
