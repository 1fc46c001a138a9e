/** Queries for the organisation as dated data: memberships, geographic areas, routing rules and the log of configuration changes. */
import { CLOSED_STATUSES } from '../domain/case/vocabulary.ts';
import type { GeographicArea } from '../domain/organisation/areas.ts';
import type { MembershipPeriod } from '../domain/organisation/merge.ts';
import type { RoutingRule } from '../domain/organisation/routingRules.ts';
import type { Tx } from './tx.ts';

export async function listMemberships(tx: Tx): Promise<MembershipPeriod[]> {
  const { rows } = await tx.query<MembershipPeriod>(
    `SELECT staff_id AS "staffId", unit_id AS "unitId", valid_from::text AS "validFrom", valid_to::text AS "validTo"
       FROM unit_membership WHERE municipality_id = current_municipality() ORDER BY valid_from`,
  );
  return rows;
}

export async function insertMembership(tx: Tx, m: { staffId: string; unitId: string; validFrom: string }): Promise<void> {
  await tx.query(
    `INSERT INTO unit_membership (municipality_id, staff_id, unit_id, valid_from) VALUES (current_municipality(), $1, $2, $3)
     ON CONFLICT (municipality_id, staff_id, unit_id, valid_from) DO UPDATE SET valid_to = NULL`,
    [m.staffId, m.unitId, m.validFrom],
  );
}

/** Moves a membership that has not begun yet to another unit (it has held nothing, so no history changes). */
export async function moveFutureMembership(tx: Tx, m: Pick<MembershipPeriod, 'staffId' | 'unitId' | 'validFrom'>, unitId: string): Promise<void> {
  await tx.query(
    `UPDATE unit_membership SET unit_id = $4 WHERE municipality_id = current_municipality() AND staff_id = $1 AND unit_id = $2 AND valid_from = $3`,
    [m.staffId, m.unitId, m.validFrom, unitId],
  );
}

/** Withdraws a membership that has not begun by `today` (it has held nothing; the log of changes records it). */
export async function withdrawFutureMembership(tx: Tx, m: Pick<MembershipPeriod, 'staffId' | 'unitId' | 'validFrom'>, today: string): Promise<void> {
  await tx.query(
    `DELETE FROM unit_membership WHERE municipality_id = current_municipality() AND staff_id = $1 AND unit_id = $2 AND valid_from = $3 AND valid_from >= $4`,
    [m.staffId, m.unitId, m.validFrom, today],
  );
}

/** Ends a membership on a date after its first day. */
export async function endMembership(tx: Tx, m: Pick<MembershipPeriod, 'staffId' | 'unitId' | 'validFrom'>, on: string): Promise<void> {
  await tx.query(
    `UPDATE unit_membership SET valid_to = $4::date
      WHERE municipality_id = current_municipality() AND staff_id = $1 AND unit_id = $2 AND valid_from = $3`,
    [m.staffId, m.unitId, m.validFrom, on],
  );
}

export async function endUnit(tx: Tx, unitId: string, on: string, mergedInto: string | null): Promise<void> {
  await tx.query('UPDATE org_unit SET valid_to = $2, merged_into = $3 WHERE municipality_id = current_municipality() AND id = $1', [unitId, on, mergedInto]);
}

const AREA_SELECT = `SELECT id, name, district_id AS "districtId", team_unit_id AS "teamUnitId", postal_codes AS "postalCodes",
       address_ranges AS "addressRanges", grunnkrets,
       valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM geographic_area WHERE municipality_id = current_municipality()`;

export async function listAreas(tx: Tx): Promise<GeographicArea[]> {
  const { rows } = await tx.query<GeographicArea>(`${AREA_SELECT} ORDER BY name, valid_from`);
  return rows;
}

export async function insertArea(tx: Tx, a: Omit<GeographicArea, 'id' | 'validTo'>, createdBy: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO geographic_area (municipality_id, name, district_id, team_unit_id, postal_codes, address_ranges, grunnkrets, valid_from, created_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [a.name, a.districtId, a.teamUnitId, a.postalCodes, JSON.stringify(a.addressRanges), a.grunnkrets, a.validFrom, createdBy],
  );
  return (rows[0] as { id: string }).id;
}

/** Points an area that has not begun yet at another team (it has held nothing, so no history changes). */
export async function repointFutureArea(tx: Tx, id: string, teamUnitId: string): Promise<void> {
  await tx.query('UPDATE geographic_area SET team_unit_id = $2 WHERE municipality_id = current_municipality() AND id = $1', [id, teamUnitId]);
}

export async function endArea(tx: Tx, id: string, on: string): Promise<void> {
  await tx.query('UPDATE geographic_area SET valid_to = $2 WHERE municipality_id = current_municipality() AND id = $1', [id, on]);
}

export async function listRoutingRules(tx: Tx): Promise<RoutingRule[]> {
  const { rows } = await tx.query<RoutingRule>(
    `SELECT id, name, priority, conditions, target, valid_from::text AS "validFrom", valid_to::text AS "validTo"
       FROM routing_rule WHERE municipality_id = current_municipality() ORDER BY priority, valid_from`,
  );
  return rows;
}

export async function insertRoutingRule(tx: Tx, r: Omit<RoutingRule, 'id' | 'validTo'>, createdBy: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO routing_rule (municipality_id, name, priority, conditions, target, valid_from, created_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.name, r.priority, JSON.stringify(r.conditions), JSON.stringify(r.target), r.validFrom, createdBy],
  );
  return (rows[0] as { id: string }).id;
}

/** Points a rule that has not begun yet at another unit (it has routed nothing, so no history changes). */
export async function repointFutureRule(tx: Tx, id: string, target: unknown): Promise<void> {
  await tx.query('UPDATE routing_rule SET target = $2 WHERE municipality_id = current_municipality() AND id = $1', [id, JSON.stringify(target)]);
}

export async function endRoutingRule(tx: Tx, id: string, on: string): Promise<void> {
  await tx.query('UPDATE routing_rule SET valid_to = $2 WHERE municipality_id = current_municipality() AND id = $1', [id, on]);
}

export interface OrgChange {
  readonly id: string;
  readonly kind: string;
  readonly subjectId: string | null;
  readonly effectiveOn: string;
  readonly payload: Record<string, unknown>;
  readonly summary: string;
  readonly staffId: string;
  readonly staffName: string;
  readonly reason: string | null;
  readonly recordedAt: string;
  readonly appliedAt: string | null;
}

export async function insertOrgChange(tx: Tx, c: { kind: string; subjectId: string | null; effectiveOn: string; payload: unknown; summary: string; staffId: string; reason: string | null }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO org_change (municipality_id, kind, subject_id, effective_on, payload, summary, staff_id, reason)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [c.kind, c.subjectId, c.effectiveOn, JSON.stringify(c.payload), c.summary, c.staffId, c.reason],
  );
  return (rows[0] as { id: string }).id;
}

export async function markOrgChangeApplied(tx: Tx, changeId: string, summary: string): Promise<void> {
  await tx.query('INSERT INTO org_change_applied (municipality_id, change_id, summary) VALUES (current_municipality(), $1, $2)', [changeId, summary]);
}

export async function listOrgChanges(tx: Tx, limit: number): Promise<OrgChange[]> {
  const { rows } = await tx.query<OrgChange>(
    `SELECT c.id, c.kind, c.subject_id AS "subjectId", c.effective_on::text AS "effectiveOn", c.payload, c.summary,
            c.staff_id AS "staffId", s.display_name AS "staffName", c.reason, c.recorded_at AS "recordedAt", a.applied_at AS "appliedAt"
       FROM org_change c
       JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = c.staff_id
       LEFT JOIN org_change_applied a ON a.municipality_id = c.municipality_id AND a.change_id = c.id
      WHERE c.municipality_id = current_municipality()
      ORDER BY c.recorded_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt).toISOString(), appliedAt: r.appliedAt ? new Date(r.appliedAt).toISOString() : null }));
}

/** Merges dated later that have not been applied and whose day has come. */
export async function dueMerges(tx: Tx, today: string): Promise<{ id: string; payload: { fromUnitId: string; intoUnitId: string; reason: string }; effectiveOn: string; staffId: string }[]> {
  const { rows } = await tx.query(
    `SELECT c.id, c.payload, c.effective_on::text AS "effectiveOn", c.staff_id AS "staffId" FROM org_change c
      WHERE c.municipality_id = current_municipality() AND c.kind = 'unit_merge_scheduled' AND c.effective_on <= $1
        AND NOT EXISTS (SELECT 1 FROM org_change_applied a WHERE a.municipality_id = c.municipality_id AND a.change_id = c.id)
      ORDER BY c.effective_on, c.recorded_at`,
    [today],
  );
  return rows;
}

/** The open cases a unit holds (from the projection), with their district, for a merge. */
export async function openCasesOf(tx: Tx, unitId: string): Promise<{ caseId: string; ownerUnitId: string | null; districtId: string | null }[]> {
  const { rows } = await tx.query<{ caseId: string; ownerUnitId: string | null; districtId: string | null }>(
    `SELECT id AS "caseId", owner_unit_id AS "ownerUnitId", state->>'districtId' AS "districtId" FROM case_file
      WHERE municipality_id = current_municipality() AND owner_unit_id = $1 AND NOT (status = ANY($2::text[]))`,
    [unitId, CLOSED_STATUSES],
  );
  return rows;
}

/** Open cases owned per staff member, for a caseworker pool. */
export async function openCasesPerOwner(tx: Tx, staffIds: readonly string[]): Promise<Map<string, number>> {
  if (staffIds.length === 0) return new Map();
  const { rows } = await tx.query<{ owner: string; n: number }>(
    `SELECT owner_staff_id AS owner, count(*)::int AS n FROM case_file
      WHERE municipality_id = current_municipality() AND owner_staff_id = ANY($1::uuid[]) AND NOT (status = ANY($2::text[]))
      GROUP BY owner_staff_id`,
    [staffIds, CLOSED_STATUSES],
  );
  return new Map(rows.map((r) => [r.owner, r.n]));
}
