/**
 * The access log of personal data (tilgangslogg): who, when, what, and for which purpose. The log is
 * partitioned by Norwegian month (migration 0039); `keepAuditMonths` makes the coming months' partitions.
 */
import type pg from 'pg';
import type { Tx } from './tx.ts';

/** How many months ahead of today the access log's partitions are made. */
export const AUDIT_MONTHS_AHEAD = 3;

/**
 * Makes the access log's partitions from the month of `today` to AUDIT_MONTHS_AHEAD months after it
 * where they are missing (audit_event_months, migration 0039); returns how many of those months have one.
 * Idempotent. A month whose rows already went to the default partition keeps them there.
 */
export async function keepAuditMonths(owner: pg.Pool | pg.ClientBase, today: string): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    `SELECT audit_event_months($1::date, ($1::date + make_interval(months => $2))::date) AS n`,
    [today, AUDIT_MONTHS_AHEAD],
  );
  return rows[0]?.n ?? 0;
}

export interface AuditEntry {
  readonly staffId: string;
  readonly purpose: string;
  readonly operation: 'read' | 'write' | 'search' | 'refused' | 'emergency';
  readonly resource: string;
  readonly personIds: readonly string[];
  readonly requestId: string | null;
}

export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_event (municipality_id, staff_id, purpose, operation, resource, person_ids, request_id)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6)`,
    [e.staffId, e.purpose, e.operation, e.resource, e.personIds, e.requestId],
  );
}

export interface AuditRow {
  at: Date;
  staff_id: string;
  staff_name: string;
  purpose: string;
  operation: string;
  resource: string;
  request_id: string | null;
}

/** Who has looked at or changed a person's data: the log a person has the right to see. */
export async function auditTrailOfPerson(tx: Tx, personId: string, limit: number): Promise<AuditRow[]> {
  const { rows } = await tx.query<AuditRow>(
    `SELECT a.at, a.staff_id, s.display_name AS staff_name, a.purpose, a.operation, a.resource, a.request_id
       FROM audit_event a JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.staff_id
      WHERE a.municipality_id = current_municipality() AND a.person_ids @> ARRAY[$1::uuid]
      ORDER BY a.at DESC LIMIT $2`,
    [personId, limit],
  );
  return rows;
}
