/**
 * Cases: the append-only action log and the case_file projection, always written together.
 */
import type { CaseAction } from '../domain/case/actions.ts';
import { STATING_REVERSALS, type DecisionContent } from '../domain/case/decisionContent.ts';
import type { CaseState } from '../domain/case/state.ts';
import { caseReachKeys, keysByLevel, type AccessLevel } from '../domain/organisation/access.ts';
import type { Tx } from './tx.ts';

export interface CaseRow {
  id: string;
  case_number: string;
  person_id: string;
  service_code: string;
  status: string;
  complaint_stage: string | null;
  decision_outcome: string | null;
  owner_staff_id: string | null;
  provider_unit_id: string | null;
  received_on: string;
  version: number;
  state: CaseState;
  created_at: Date;
  updated_at: Date;
  person_name: string;
  owner_name: string | null;
}

const CASE_SELECT = `
  SELECT c.id, c.case_number, c.person_id, c.service_code, c.status, c.complaint_stage, c.decision_outcome,
         c.owner_staff_id, c.provider_unit_id, c.received_on, c.version, c.state, c.created_at, c.updated_at,
         p.given_name || ' ' || p.family_name AS person_name, s.display_name AS owner_name
    FROM case_file c
    JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
    LEFT JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = c.owner_staff_id
   WHERE c.municipality_id = current_municipality()`;

/** The next case number of the year, e.g. 2026/00042 (saksnummer). */
export async function nextCaseNumber(tx: Tx, year: number): Promise<string> {
  const { rows } = await tx.query<{ last_number: number }>(
    `INSERT INTO case_number_counter (municipality_id, year, last_number) VALUES (current_municipality(), $1, 1)
     ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = case_number_counter.last_number + 1
     RETURNING last_number`,
    [year],
  );
  return `${year}/${String(rows[0]?.last_number).padStart(5, '0')}`;
}

/** The columns case_file projects from the state besides the state itself, in the order of the statements below. */
function projectedColumns(state: CaseState): unknown[] {
  return [
    state.status,
    state.complaint?.stage ?? null,
    state.decision?.outcome ?? null,
    state.ownerStaffId,
    state.providerUnitId,
    state.version,
    state.ownerUnitId,
    state.districtId,
    state.stateEnteredAt,
    caseReachKeys(state),
  ];
}

export async function insertCaseFile(tx: Tx, id: string, caseNumber: string, state: CaseState): Promise<void> {
  await tx.query(
    `INSERT INTO case_file (municipality_id, id, case_number, person_id, service_code, received_on,
       status, complaint_stage, decision_outcome, owner_staff_id, provider_unit_id, version,
       owner_unit_id, district_id, state_entered_at, reach, state)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [id, caseNumber, state.personId, state.serviceCode, state.receivedOn, ...projectedColumns(state), JSON.stringify(state)],
  );
}

export async function updateCaseFile(tx: Tx, id: string, state: CaseState): Promise<void> {
  await tx.query(
    `UPDATE case_file SET status = $2, complaint_stage = $3, decision_outcome = $4, owner_staff_id = $5,
       provider_unit_id = $6, version = $7, owner_unit_id = $8, district_id = $9, state_entered_at = $10,
       reach = $11, state = $12, updated_at = now()
     WHERE municipality_id = current_municipality() AND id = $1`,
    [id, ...projectedColumns(state), JSON.stringify(state)],
  );
}

/** Whether a projected column of the case row differs from what the state gives (the state itself is compared apart). */
export async function projectedColumnsDiffer(tx: Tx, id: string, state: CaseState): Promise<boolean> {
  const { rows } = await tx.query<{ same: boolean }>(
    `SELECT (status, complaint_stage, decision_outcome, owner_staff_id, provider_unit_id, version, owner_unit_id, district_id,
             state_entered_at, reach)
            IS NOT DISTINCT FROM ($2::text, $3::text, $4::text, $5::uuid, $6::uuid, $7::int, $8::uuid, $9::uuid,
             $10::timestamptz, $11::text[]) AS same
       FROM case_file WHERE municipality_id = current_municipality() AND id = $1`,
    [id, ...projectedColumns(state)],
  );
  return rows[0]?.same !== true;
}

/** Locks the case row for the rest of the transaction and returns its projected state (to be checked against the log). */
export async function lockCase(tx: Tx, id: string): Promise<CaseState | null> {
  const { rows } = await tx.query<{ state: CaseState }>(
    'SELECT state FROM case_file WHERE municipality_id = current_municipality() AND id = $1 FOR UPDATE',
    [id],
  );
  return rows[0]?.state ?? null;
}

/** A case's whole history in order, as the reducer takes it. */
export async function caseHistory(tx: Tx, caseId: string): Promise<CaseAction[]> {
  const { rows } = await tx.query<Omit<ActionRow, 'actor_name' | 'recorded_at'>>(
    `SELECT seq, type, payload, actor_staff_id, authority, reason, occurred_at
       FROM case_action WHERE municipality_id = current_municipality() AND case_id = $1 ORDER BY seq`,
    [caseId],
  );
  return rows.map(actionOf);
}

/** A stored action as the reducer takes it. */
function actionOf(r: Omit<ActionRow, 'actor_name' | 'recorded_at'>): CaseAction {
  return {
    seq: r.seq,
    type: r.type,
    payload: r.payload,
    actorStaffId: r.actor_staff_id,
    authority: r.authority,
    reason: r.reason,
    occurredAt: r.occurred_at.toISOString(),
  } as CaseAction;
}

export async function appendAction(tx: Tx, caseId: string, action: CaseAction, requestId: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, reason,
       occurred_at, request_id)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      caseId,
      action.seq,
      action.type,
      JSON.stringify(action.payload),
      action.actorStaffId,
      JSON.stringify(action.authority),
      action.reason,
      action.occurredAt,
      requestId,
    ],
  );
}

export async function findCase(tx: Tx, id: string): Promise<CaseRow | null> {
  const { rows } = await tx.query<CaseRow>(`${CASE_SELECT} AND c.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The cases a staff member has a need for: those whose reach meets their keys, and those granted one by one (access.ts). */
export interface CaseScope {
  readonly keys: readonly string[];
  readonly caseIds: readonly string[];
}

/** The scope of the rules themselves (criteria input, jobs): every case; what they read is not shown to anyone. */
export const RULES_SCOPE: CaseScope = { keys: ['all'], caseIds: [] };

/** The SQL condition of a scope on a case_file alias, with the numbers of its two parameters. */
export function inScope(alias: string, keysParam: number, idsParam: number): string {
  return `(${alias}.reach && $${keysParam}::text[] OR ${alias}.id = ANY($${idsParam}::uuid[]))`;
}

/** What currentDecisionActions gives of the action that stated a decision: from a decision_made action, and from a reversal stating a new decision. */
const STATED_COLUMNS = {
  /** The decision's package (the generated column of a decision_made action, in the index by type and case). */
  package: ['a.package', `a.payload->'newDecision'->'package'`],
  /** Who stated the decision. */
  actor_staff_id: ['a.actor_staff_id', 'a.actor_staff_id'],
  /** The decision's content in full (DecisionContent). */
  payload: ['a.payload', `a.payload->'newDecision'`],
} as const;

/**
 * The SQL of the action that stated each case's current decision (domain/case/decisionContent.ts: the
 * latest decision_made, or reversal on complaint stating a new decision, up to the decision's sequence
 * number), over a relation of cases with the columns `id` and `decision_seq`: one join over the
 * actions by type (the index by type and case, migration 0035), not a lookup per case (issue 18).
 * Gives `case_id` and the columns asked for.
 */
export function currentDecisionActions(cases: string, columns: readonly (keyof typeof STATED_COLUMNS)[]): string {
  const from = (i: 0 | 1) => columns.map((c) => `${STATED_COLUMNS[c][i]} AS ${c}`).join(', ');
  return `SELECT DISTINCT ON (s.case_id) s.case_id, ${columns.map((c) => `s.${c}`).join(', ')} FROM (
           SELECT a.case_id, a.seq, ${from(0)}
             FROM case_action a JOIN ${cases} g ON g.id = a.case_id
            WHERE a.municipality_id = current_municipality() AND a.type = 'decision_made' AND a.seq <= g.decision_seq
           UNION ALL
           SELECT a.case_id, a.seq, ${from(1)}
             FROM case_action a JOIN ${cases} g ON g.id = a.case_id
            WHERE a.municipality_id = current_municipality() AND ${STATING_REVERSAL}
              AND a.seq <= g.decision_seq) s
        ORDER BY s.case_id, s.seq DESC`;
}

/** A reversal on complaint that states a new decision (domain/case/decisionContent.ts, statedDecision), on the action alias `a`. */
const STATING_REVERSAL = `a.type IN (${STATING_REVERSALS.map((t) => `'${t}'`).join(', ')})
              AND a.payload ? 'newDecision' AND (a.type <> 'complaint_resolved' OR a.payload->>'result' = 'reversed')`;

/**
 * Every decision stated on the municipality's cases that has weekly hours, by the rule of
 * currentDecisionActions: a decision_made with its hours as the generated column holds them (from
 * their index, migration 0042), and a reversal on complaint stating a new decision with that
 * decision's hours, taken as the column takes them (a JSON number, else none). Gives `case_id`, `seq`,
 * `hours_per_week` and `occurred_at`; with `caseParam` (a parameter such as `$1`), that case's only.
 * The decision before another is the one before it here, whichever action stated it.
 */
export function statedDecisionHours(caseParam?: string): string {
  const ofCase = caseParam ? `AND a.case_id = ${caseParam}` : '';
  return `SELECT a.case_id, a.seq, a.hours_per_week, a.occurred_at
            FROM case_action a
           WHERE a.municipality_id = current_municipality() AND a.type = 'decision_made' AND a.hours_per_week IS NOT NULL ${ofCase}
          UNION ALL
          SELECT a.case_id, a.seq, (a.payload -> 'newDecision' ->> 'hoursPerWeek')::numeric, a.occurred_at
            FROM case_action a
           WHERE a.municipality_id = current_municipality() AND ${STATING_REVERSAL} ${ofCase}
             AND jsonb_typeof(a.payload -> 'newDecision' -> 'hoursPerWeek') = 'number'`;
}

/**
 * Whether levelByReach is full, in SQL on a case_file alias: the case is granted one by one or its
 * reach holds a key that is not an order's. The parameters: the scope's case ids and its keys other
 * than orders' (keysByLevel). A scope with neither sees no case in full.
 */
export function seenInFullSql(alias: string, idsParam: number, fullKeysParam: number): string {
  return `(${alias}.id = ANY($${idsParam}::uuid[]) OR ${alias}.reach && $${fullKeysParam}::text[])`;
}

/**
 * levelByReach in SQL on a case_file alias: full when the case is granted one by one or its reach
 * holds a key that is not an order's, an order's view when it holds an order's key only, else none.
 * The parameters: the scope's case ids, its keys other than orders', its orders' keys.
 */
function levelByReachSql(alias: string, idsParam: number, fullKeysParam: number, orderKeysParam: number): string {
  return `CASE WHEN ${seenInFullSql(alias, idsParam, fullKeysParam)} THEN 'full'
               WHEN ${alias}.reach && $${orderKeysParam}::text[] THEN 'order' ELSE 'none' END`;
}

/**
 * The level and the person of each case asked that the scope reaches, full or an order's view; a case
 * asked and not returned is none to the scope (issue 18). The level is worked out in SQL, so a report
 * over an Oslo-size month does not carry every case's reach to Node (about 24,000 arrays, a third of a
 * second to send and parse), and a scope that reaches nothing, a leader's in most reports, asks the
 * database nothing (KPR validation asked about 12,000 cases for none: about 75 ms).
 */
export async function caseLevels(tx: Tx, caseIds: readonly string[], scope: CaseScope): Promise<{ case_id: string; person_id: string; level: Exclude<AccessLevel, 'none'> }[]> {
  if (!caseIds.length || (!scope.keys.length && !scope.caseIds.length)) return [];
  const { fullKeys, orderKeys } = keysByLevel(scope.keys);
  const { rows } = await tx.query<{ case_id: string; person_id: string; level: Exclude<AccessLevel, 'none'> }>(
    `SELECT c.id AS case_id, c.person_id, ${levelByReachSql('c', 2, 3, 4)} AS level
       FROM case_file c WHERE c.municipality_id = current_municipality() AND c.id = ANY($1::uuid[]) AND ${inScope('c', 5, 2)}`,
    [caseIds, scope.caseIds, fullKeys, orderKeys, scope.keys],
  );
  return rows;
}

export interface CaseFilter {
  readonly status?: string | undefined;
  readonly ownerStaffId?: string | undefined;
  readonly unowned?: boolean | undefined;
  readonly personId?: string | undefined;
  readonly serviceCode?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listCases(tx: Tx, f: CaseFilter, scope: CaseScope): Promise<{ rows: CaseRow[]; total: number }> {
  const where = `
     AND ($1::text IS NULL OR c.status = $1)
     AND ($2::uuid IS NULL OR c.owner_staff_id = $2)
     AND (NOT $3::boolean OR c.owner_staff_id IS NULL)
     AND ($4::uuid IS NULL OR c.person_id = $4)
     AND ($5::text IS NULL OR c.service_code = $5)
     AND ${inScope('c', 6, 7)}`;
  const params = [f.status ?? null, f.ownerStaffId ?? null, f.unowned ?? false, f.personId ?? null, f.serviceCode ?? null, scope.keys, scope.caseIds];
  const list = await tx.query<CaseRow>(`${CASE_SELECT} ${where} ORDER BY c.received_on DESC, c.case_number DESC LIMIT $8 OFFSET $9`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  const count = await tx.query<{ total: number }>(
    `SELECT count(*) AS total FROM case_file c WHERE c.municipality_id = current_municipality() ${where}`,
    params,
  );
  return { rows: list.rows, total: count.rows[0]?.total ?? 0 };
}

interface ActionRow {
  seq: number;
  type: CaseAction['type'];
  payload: CaseAction['payload'];
  actor_staff_id: string;
  actor_name: string;
  authority: CaseAction['authority'];
  reason: string | null;
  occurred_at: Date;
  recorded_at: Date;
}

/**
 * The content of each case's current decision (currentDecisionActions: as stated by the decision, or by
 * a reversal on complaint stating a new one), for many cases in one query; a case without a decision
 * is left out.
 */
export async function currentDecisionContents(tx: Tx, caseIds: readonly string[]): Promise<Map<string, DecisionContent>> {
  const { rows } = await tx.query<{ case_id: string; payload: DecisionContent }>(
    `WITH asked AS (
       SELECT id, decision_seq FROM case_file
        WHERE municipality_id = current_municipality() AND id = ANY($1::uuid[]))
     ${currentDecisionActions('asked', ['payload'])}`,
    [caseIds],
  );
  return new Map(rows.map((r) => [r.case_id, r.payload]));
}

export async function listActions(tx: Tx, caseId: string): Promise<(CaseAction & { actorName: string; recordedAt: string })[]> {
  const { rows } = await tx.query<ActionRow>(
    `SELECT a.seq, a.type, a.payload, a.actor_staff_id, s.display_name AS actor_name, a.authority, a.reason,
            a.occurred_at, a.recorded_at
       FROM case_action a JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.actor_staff_id
      WHERE a.municipality_id = current_municipality() AND a.case_id = $1 ORDER BY a.seq`,
    [caseId],
  );
  return rows.map((r) => ({ ...actionOf(r), actorName: r.actor_name, recordedAt: r.recorded_at.toISOString() }));
}
