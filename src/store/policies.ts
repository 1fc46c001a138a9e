/** Allocation policy versions (append-only). */
import { policyRulesSchema, type PolicyRules, type PolicyVersion } from '../domain/organisation/policy.ts';
import type { Tx } from './tx.ts';

export interface PolicyRow {
  id: string;
  district_id: string | null;
  service_code: string | null;
  effective_from: string;
  rules: unknown;
}

export async function insertPolicy(
  tx: Tx,
  p: { districtId: string | null; serviceCode: string | null; effectiveFrom: string; rules: PolicyRules; note?: string; createdBy?: string | null },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO allocation_policy (municipality_id, district_id, service_code, effective_from, rules, note, created_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [p.districtId, p.serviceCode, p.effectiveFrom, JSON.stringify(p.rules), p.note ?? null, p.createdBy ?? null],
  );
  return (rows[0] as { id: string }).id;
}

/** The query of listPolicyVersions; it takes no parameters, so it can travel with others in one round trip (readTogether). */
export const POLICY_VERSIONS_SQL = `SELECT id, district_id, service_code, effective_from, rules FROM allocation_policy
      WHERE municipality_id = current_municipality() ORDER BY effective_from, district_id NULLS FIRST`;

/** Every policy version of the municipality (a handful per district at most). */
export async function listPolicyVersions(tx: Tx): Promise<PolicyVersion[]> {
  const { rows } = await tx.query<PolicyRow>(POLICY_VERSIONS_SQL);
  return rows.map(policyVersionOf);
}

/** A row of POLICY_VERSIONS_SQL as a policy version, its rules checked against their schema. */
export function policyVersionOf(r: PolicyRow): PolicyVersion {
  return {
    id: r.id,
    districtId: r.district_id,
    serviceCode: r.service_code,
    effectiveFrom: r.effective_from,
    rules: policyRulesSchema.parse(r.rules),
  };
}
