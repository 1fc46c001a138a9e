/** Assessments (append-only) and criteria set versions. */
import type { CriteriaRules } from '../domain/criteria/criteriaSet.ts';
import { pushTo } from '../domain/collections.ts';
import type { Tx } from './tx.ts';

export interface AssessmentRow {
  id: string;
  person_id: string;
  case_id: string | null;
  previous_id: string | null;
  status: 'draft' | 'completed';
  assessed_on: string;
  assessor_staff_id: string;
  assessor_name: string;
  iplos_version: string;
  scores: Record<string, number>;
  what_matters: string | null;
  what_matters_missing_reason: string | null;
  content: Record<string, unknown>;
  created_at: Date;
}

export interface NewAssessment {
  readonly personId: string;
  readonly caseId: string | null;
  readonly previousId: string | null;
  readonly status: 'draft' | 'completed';
  readonly assessedOn: string;
  readonly assessorStaffId: string;
  readonly iplosVersion: string;
  readonly scores: Record<string, number>;
  readonly whatMatters: string | null;
  readonly whatMattersMissingReason: string | null;
  readonly content: Record<string, unknown>;
}

const SELECT = `
  SELECT a.id, a.person_id, a.case_id, a.previous_id, a.status, a.assessed_on, a.assessor_staff_id, s.display_name AS assessor_name,
         a.iplos_version, a.scores, a.what_matters, a.what_matters_missing_reason, a.content, a.created_at
    FROM assessment a JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.assessor_staff_id
   WHERE a.municipality_id = current_municipality()`;

export async function insertAssessment(tx: Tx, a: NewAssessment): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO assessment (municipality_id, person_id, case_id, previous_id, status, assessed_on, assessor_staff_id,
       iplos_version, scores, what_matters, what_matters_missing_reason, content)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [a.personId, a.caseId, a.previousId, a.status, a.assessedOn, a.assessorStaffId, a.iplosVersion, JSON.stringify(a.scores), a.whatMatters, a.whatMattersMissingReason, JSON.stringify(a.content)],
  );
  return (rows[0] as { id: string }).id;
}

export async function findAssessment(tx: Tx, id: string): Promise<AssessmentRow | null> {
  const { rows } = await tx.query<AssessmentRow>(`${SELECT} AND a.id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * A person's latest assessment first, as the domain orders them (byRecency in
 * domain/assessment/completeness.ts): by the day assessed, then when recorded, then id. Every read of
 * "the latest assessment" in SQL orders by this, so the KPR extract, the IPLOS status, the criteria, the
 * reasons of a decision, KOSTRA, equal treatment and the month of delivery take the same one.
 * `t` is the table's alias with its dot (`a.`), or none.
 */
export function latestFirst(t = ''): string {
  return `${t}assessed_on DESC, ${t}created_at DESC, ${t}id DESC`;
}

/** latestFirst reversed: oldest first, the latest last. */
export function oldestFirst(t = ''): string {
  return `${t}assessed_on, ${t}created_at, ${t}id`;
}

/** A person's assessments, oldest first (oldestFirst): the latest is the last. */
export async function assessmentsOf(tx: Tx, personId: string): Promise<AssessmentRow[]> {
  const { rows } = await tx.query<AssessmentRow>(`${SELECT} AND a.person_id = $1 ORDER BY ${oldestFirst('a.')}`, [personId]);
  return rows;
}

export interface CriteriaSetRow {
  id: string;
  service_code: string;
  version: number;
  rules: CriteriaRules;
  note: string | null;
  created_by: string;
  created_at: Date;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  in_force_from: string | null;
}

const SET_SELECT = `
  SELECT c.id, c.service_code, c.version, c.rules, c.note, c.created_by, c.created_at, c.approved_by,
         s.display_name AS approved_by_name, c.approved_at, c.in_force_from
    FROM criteria_set c LEFT JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = c.approved_by
   WHERE c.municipality_id = current_municipality()`;

export async function insertCriteriaSet(tx: Tx, s: { serviceCode: string; rules: CriteriaRules; note: string | null; createdBy: string }): Promise<string> {
  // Versions are numbered in order per service: drafts made at the same moment take turns (until commit), so each gets the next number.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('criteria_set:' || current_municipality() || ':' || $1))`, [s.serviceCode]);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO criteria_set (municipality_id, service_code, version, rules, note, created_by)
     SELECT current_municipality(), $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM criteria_set
      WHERE municipality_id = current_municipality() AND service_code = $1
     RETURNING id`,
    [s.serviceCode, JSON.stringify(s.rules), s.note, s.createdBy],
  );
  return (rows[0] as { id: string }).id;
}

/** Approves a draft; false when it was approved already (by a request at the same moment). */
export async function approveCriteriaSet(tx: Tx, id: string, approvedBy: string, inForceFrom: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE criteria_set SET approved_by = $2, approved_at = now(), in_force_from = $3
      WHERE municipality_id = current_municipality() AND id = $1 AND approved_by IS NULL`,
    [id, approvedBy, inForceFrom],
  );
  return rowCount === 1;
}

export async function listCriteriaSets(tx: Tx, serviceCode?: string): Promise<CriteriaSetRow[]> {
  const { rows } = await tx.query<CriteriaSetRow>(`${SET_SELECT} AND ($1::text IS NULL OR c.service_code = $1) ORDER BY c.service_code, c.version`, [serviceCode ?? null]);
  return rows;
}

export async function findCriteriaSet(tx: Tx, id: string): Promise<CriteriaSetRow | null> {
  const { rows } = await tx.query<CriteriaSetRow>(`${SET_SELECT} AND c.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Decisions recorded with a departure from the criteria, newest first. */
export async function decisionsWithDeparture(tx: Tx) {
  const { rows } = await tx.query<{ case_id: string; case_number: string; service_code: string; payload: { outcome: string; departureReason: string }; actor: string; occurred_at: Date }>(
    `SELECT a.case_id, c.case_number, c.service_code, a.payload, s.display_name AS actor, a.occurred_at
       FROM case_action a
       JOIN case_file c ON c.municipality_id = a.municipality_id AND c.id = a.case_id
       JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.actor_staff_id
      WHERE a.municipality_id = current_municipality() AND a.type = 'decision_made' AND a.payload ? 'departureReason'
      ORDER BY a.occurred_at DESC`,
  );
  return rows;
}

/** The scores of each person's latest completed assessment. */
export async function latestScores(tx: Tx, personIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  if (!personIds.length) return new Map();
  const { rows } = await tx.query<{ person_id: string; scores: Record<string, number> }>(
    `SELECT DISTINCT ON (person_id) person_id, scores FROM assessment
      WHERE municipality_id = current_municipality() AND status = 'completed' AND person_id = ANY($1::uuid[])
      ORDER BY person_id, ${latestFirst()}`,
    [personIds],
  );
  return new Map(rows.map((r) => [r.person_id, r.scores]));
}

/** A person's completed assessment, with its date and scores. */
export interface CompletedScores { assessed_on: string; created_at: Date; scores: Record<string, number> }

/** A person's completed assessments, oldest first, with their dates and scores. */
export async function completedScores(tx: Tx, personId: string): Promise<CompletedScores[]> {
  return (await completedScoresOf(tx, [personId])).get(personId) ?? [];
}

/** completedScores of several persons at once, each person's in the same order (one query for a report). */
export async function completedScoresOf(tx: Tx, personIds: readonly string[]): Promise<Map<string, CompletedScores[]>> {
  const by = new Map<string, CompletedScores[]>();
  if (personIds.length === 0) return by;
  const { rows } = await tx.query<CompletedScores & { person_id: string }>(
    `SELECT person_id, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, created_at, scores FROM assessment
      WHERE municipality_id = current_municipality() AND status = 'completed' AND person_id = ANY($1::uuid[]) ORDER BY person_id, ${oldestFirst()}`,
    [personIds],
  );
  for (const { person_id, ...r } of rows) pushTo(by, person_id, r);
  return by;
}

/**
 * Whether a case has a completed assessment to decide on: one recorded on the case, or one of the
 * person completed on or after the request arrived.
 */
export async function hasCompletedAssessment(tx: Tx, caseId: string, personId: string, receivedOn: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM assessment WHERE municipality_id = current_municipality() AND status = 'completed'
        AND (case_id = $1 OR (person_id = $2 AND assessed_on >= $3)) LIMIT 1`,
    [caseId, personId, receivedOn],
  );
  return rows.length > 0;
}
