/**
 * The rows behind the steering figures (issue 20): events of the action log in a period with the
 * case's groups, and the cases, assessments and complaints of a month. The counting rules are in
 * domain/reports; SQL finds, filters by date and joins the names.
 */
import { UNDER_SERVICE_STATUSES } from '../domain/case/vocabulary.ts';
import type { Tx } from './tx.ts';

const OSLO_DAY = `(a.occurred_at AT TIME ZONE 'Europe/Oslo')::date`;

/**
 * A moment (an action's, for ON_OSLO_DAYS) within the Norwegian days `$1` to `$2`, as a range of moments, so the index of
 * actions by type and moment finds them and no action's moment is converted to test it (issue 18).
 */
const onOsloDays = (at: string) => `${at} >= ($1::date::timestamp AT TIME ZONE 'Europe/Oslo')
          AND ${at} < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Oslo')`;
const ON_OSLO_DAYS = onOsloDays('a.occurred_at');

export interface OutcomeEventRow {
  kind: 'request' | 'decision' | 'end' | 'reevaluation' | 'low_threshold';
  case_id: string;
  person_id: string;
  on_date: string;
  service_code: string;
  owner_staff_id: string | null;
  owner_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  district_id: string | null;
  district_name: string | null;
  /** A decision's fields the figures read (null for other events). */
  decision: DecisionFields | null;
  /** The case's decision before it (null: the first, or not a decision). */
  previous: DecisionFields | null;
  left_without_service: boolean;
}

/** The fields of a decision_made payload the outcome figures read: the outcome, the hours and what else was offered. */
export interface DecisionFields {
  outcome: string;
  hoursPerWeek: number | null;
  frameMaxHoursPerWeek: number | null;
  onwardReferral: boolean;
  /** Whether the payload names a watch list, an alternative or a request answer. */
  otherAlternative: boolean;
}

/** The SQL projecting a decision payload to DecisionFields (only these fields travel to Node, not the payload). */
const decisionFields = (p: string) => `CASE WHEN ${p} IS NOT NULL THEN jsonb_build_object(
  'outcome', ${p}->'outcome', 'hoursPerWeek', ${p}->'hoursPerWeek', 'frameMaxHoursPerWeek', ${p}->'frame'->'maxHoursPerWeek',
  'onwardReferral', ${p} ? 'onwardReferral', 'otherAlternative', ${p} ?| ARRAY['watchList', 'alternativeTo', 'requestAnswer']) END`;

/**
 * Every request received and every decision, end, re-evaluation and low-threshold answer recorded
 * (Norwegian date) from `from` to `to`, with its case's service, caseworker, team (owning unit) and
 * district; a decision with the case's decision before it, and whether the person has no grant in
 * force and no low-threshold answer today.
 */
export async function outcomeEventRows(tx: Tx, from: string, to: string): Promise<OutcomeEventRow[]> {
  const { rows } = await tx.query<OutcomeEventRow>(
    `WITH ev AS (
       SELECT 'request' AS kind, c.id AS case_id, c.received_on AS on_date, NULL::jsonb AS payload, NULL::jsonb AS previous
         FROM case_file c WHERE c.municipality_id = current_municipality() AND c.received_on BETWEEN $1 AND $2
       UNION ALL
       SELECT CASE a.type WHEN 'decision_made' THEN 'decision' WHEN 'service_ended' THEN 'end'
                          WHEN 'reevaluation_started' THEN 'reevaluation' ELSE 'low_threshold' END,
              a.case_id, ${OSLO_DAY}, CASE WHEN a.type = 'decision_made' THEN a.payload END,
              CASE WHEN a.type = 'decision_made' THEN
                (SELECT p.payload FROM case_action p WHERE p.municipality_id = a.municipality_id AND p.case_id = a.case_id
                    AND p.type = 'decision_made' AND p.seq < a.seq ORDER BY p.seq DESC LIMIT 1) END
         FROM case_action a
        WHERE a.municipality_id = current_municipality() AND ${ON_OSLO_DAYS}
          AND a.type IN ('decision_made', 'service_ended', 'reevaluation_started', 'request_answered_low_threshold'))
     SELECT ev.kind, ev.case_id, c.person_id, to_char(ev.on_date, 'YYYY-MM-DD') AS on_date, c.service_code,
            c.owner_staff_id, s.display_name AS owner_name, c.owner_unit_id AS unit_id, u.name AS unit_name,
            c.district_id, d.name AS district_name, ${decisionFields('ev.payload')} AS decision, ${decisionFields('ev.previous')} AS previous,
            (ev.kind = 'decision' AND ev.payload->>'outcome' = 'refused' AND NOT EXISTS (
               SELECT 1 FROM case_file o WHERE o.municipality_id = c.municipality_id AND o.person_id = c.person_id
                  AND ((o.decision_outcome IN ('granted', 'partly_granted') AND o.status IN ('decided', 'service_arranged', 'active', 'under_reevaluation'))
                       OR o.status = 'answered_low_threshold'))) AS left_without_service
       FROM ev
       JOIN case_file c ON c.municipality_id = current_municipality() AND c.id = ev.case_id
       LEFT JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = c.owner_staff_id
       LEFT JOIN org_unit u ON u.municipality_id = c.municipality_id AND u.id = c.owner_unit_id
       LEFT JOIN district d ON d.municipality_id = c.municipality_id AND d.id = c.district_id`,
    [from, to],
  );
  return rows;
}

/** Under an arranged or running service (UNDER_SERVICE_STATUSES), as an SQL list. */
const ACTIVE = `(${UNDER_SERVICE_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/**
 * The start's date (the payload's text, compared as the domain compares it) within the days `$4` to `$5` (the month's
 * first and last day as text: `to_char($1::date, …)` is not constant to the planner and was turned for every case).
 */
const STARTED_IN_MONTH = `m.started_on COLLATE "C" BETWEEN $4::text AND $5::text`;
/** A moment's Norwegian date when it falls on the days `$1` to `$2` (found as ON_OSLO_DAYS finds actions), else null. */
const IN_MONTH_ON = (at: string) => `CASE WHEN ${onOsloDays(at)} THEN to_char((${at} AT TIME ZONE 'Europe/Oslo')::date, 'YYYY-MM-DD') END`;

export interface CardCaseRow {
  case_id: string;
  person_id: string;
  /** The owning and the providing unit (two columns, not an array: the pg driver parses an array character by character, 46,000 of them on the Oslo set). */
  owner_unit_id: string | null;
  provider_unit_id: string | null;
  /** Under an arranged or running service (service_arranged, active, under_reevaluation). */
  active: boolean;
  service_responsible: boolean;
  primary_contact: boolean;
  received_on: string;
  /** The three firsts' dates only within the month (null outside it): the card counts the days to those alone (timeTo). */
  first_assessment_on: string | null;
  first_decision_on: string | null;
  started_on: string | null;
  decisions_in_month: number;
}

/**
 * The completed assessments that count for the month from `$1` to `$2` (goalsOnTime and the month's
 * "what matters" in domain/reports/steering.ts): those of the month, and every earlier one of a user
 * with a goal due in the month (what a follow-up on time is looked for in); each with whether "what
 * matters" is answered in words and its goals' follow-up dates (generated, migration 0045). An earlier
 * assessment of a user with no goal due in the month counts for neither figure, so it is not read (on
 * the Oslo set 31,756 rows, each content taken apart, where November needs 7,246).
 */
const CARD_ASSESSMENTS = `WITH due AS (
       -- the users with a goal due in the month, from the index of assessments with goals alone
       SELECT DISTINCT person_id FROM assessment
        WHERE municipality_id = current_municipality() AND status = 'completed' AND cardinality(goal_follow_ups) > 0
          AND assessed_on <= $2::text::date
          -- (the dates as text, compared as the domain compares them)
          AND EXISTS (SELECT 1 FROM unnest(goal_follow_ups) f WHERE f COLLATE "C" BETWEEN $1::text AND $2::text))
     SELECT person_id, assessed_on, coalesce(btrim(what_matters), '') <> '' AS what_matters, goal_follow_ups
       FROM assessment
      WHERE municipality_id = current_municipality() AND status = 'completed' AND assessed_on BETWEEN $1::text::date AND $2::text::date
     UNION ALL
     SELECT a.person_id, a.assessed_on, coalesce(btrim(a.what_matters), '') <> '', a.goal_follow_ups
       FROM due JOIN assessment a ON a.municipality_id = current_municipality() AND a.person_id = due.person_id
      WHERE a.status = 'completed' AND a.assessed_on < $1::text::date`;

/** The complaints against decisions received on the days `$1` to `$2` (the action is `a`). */
const CARD_COMPLAINTS = `FROM case_action a
      WHERE a.municipality_id = current_municipality() AND a.type = 'complaint_received'
        AND coalesce(a.payload->>'concerns', 'decision') = 'decision' AND (a.payload->>'receivedOn')::date BETWEEN $1 AND $2`;

/**
 * The cases that count for the month from `first` to `last`, each with its team (owning and providing
 * unit), whether it has a service-responsible person and a primary contact (generated columns,
 * migration 0045: not the state; all of it from the index of migration 0046, not the case rows), the dates of its first assessment start, first decision and start as
 * case_milestone keeps them from the actions (migration 0036) when they fall within the month, and its
 * decisions in the month, counted from the index of actions by type and moment.
 *
 * A case that counts for no figure is left out (domain/reports/steering.ts, `countsForCards`): not
 * under a service, no decision and no first within the month, its person with no assessment read for
 * the month (CARD_ASSESSMENTS) and no complaint of the month. A case with visits in the month is kept
 * all the same: the visits take their person from it (app/steering.ts). On the Oslo set this leaves
 * out about a third of November's 46,000 cases. `everyCase` reads them all (to check what is left out).
 */
export async function cardCaseRows(tx: Tx, first: string, last: string, options: { readonly everyCase?: boolean } = {}): Promise<CardCaseRow[]> {
  const { rows } = await tx.query<CardCaseRow>(
    `WITH d AS (
       -- the month's decisions by its first and last moment
       SELECT a.case_id, count(*)::int AS n
         FROM case_action a
        WHERE a.municipality_id = current_municipality() AND a.type = 'decision_made' AND ${ON_OSLO_DAYS}
        GROUP BY a.case_id)
     SELECT c.id AS case_id, c.person_id, c.owner_unit_id, c.provider_unit_id,
            c.status IN ${ACTIVE} AS active,
            c.service_responsible_staff_id IS NOT NULL AS service_responsible,
            c.primary_contact_staff_id IS NOT NULL AS primary_contact,
            c.received_on,
            -- the first moments turned into Norwegian dates, only those within the month (the date follows
            -- the moment: the clocks change at night, never across midnight): turning all of the Oslo
            -- set's 80,000 was about a fifth of the query in psql
            ${IN_MONTH_ON('m.first_assessment_at')} AS first_assessment_on,
            ${IN_MONTH_ON('m.first_decision_at')} AS first_decision_on,
            CASE WHEN ${STARTED_IN_MONTH} THEN m.started_on END AS started_on,
            coalesce(d.n, 0) AS decisions_in_month
       FROM case_file c
       LEFT JOIN case_milestone m ON m.municipality_id = c.municipality_id AND m.case_id = c.id
       LEFT JOIN d ON d.case_id = c.id
      WHERE c.municipality_id = current_municipality()
        -- the cases that count (the conditions of the columns above, the cheap ones first; not the columns
        -- themselves, which would turn every case's moments into dates to test them)
        AND ($3::boolean OR c.status IN ${ACTIVE} OR d.n IS NOT NULL
             OR ${onOsloDays('m.first_assessment_at')} OR ${onOsloDays('m.first_decision_at')} OR ${STARTED_IN_MONTH}
             OR c.id IN (SELECT e.case_id FROM visit_month_employee e
                          WHERE e.municipality_id = current_municipality() AND e.month = $1::date AND e.performed_visits > 0)
             OR c.id IN (SELECT a.case_id ${CARD_COMPLAINTS})
             OR c.person_id IN (SELECT person_id FROM (${CARD_ASSESSMENTS}) read))`,
    [first, last, options.everyCase === true, first, last],
  );
  return rows;
}

export interface CardAssessmentRow {
  person_id: string;
  assessed_on: string;
  what_matters: boolean;
  goal_follow_ups: string[];
}

/** The completed assessments that count for the month from `first` to `last` (CARD_ASSESSMENTS). */
export async function cardAssessmentRows(tx: Tx, first: string, last: string): Promise<CardAssessmentRow[]> {
  const { rows } = await tx.query<CardAssessmentRow>(CARD_ASSESSMENTS, [first, last]);
  return rows;
}

export interface CardComplaintRow {
  case_id: string;
  outcome: 'upheld' | 'reversed' | 'sent_back' | 'open';
}

/** Complaints against decisions received in the month, each with how it ended so far. */
export async function cardComplaintRows(tx: Tx, first: string, last: string): Promise<CardComplaintRow[]> {
  const { rows } = await tx.query<CardComplaintRow>(
    `SELECT a.case_id,
            coalesce((SELECT CASE r.type WHEN 'complaint_reversed_on_review' THEN 'reversed' ELSE r.payload->>'result' END
                        FROM case_action r WHERE r.municipality_id = a.municipality_id AND r.case_id = a.case_id AND r.seq > a.seq
                         AND r.type IN ('complaint_reversed_on_review', 'complaint_resolved') ORDER BY r.seq LIMIT 1), 'open') AS outcome
       ${CARD_COMPLAINTS}`,
    [first, last],
  );
  return rows;
}

/** The units that own or provide cases (the teams a card can be made for), with their names: each found by its index (migration 0037). */
export async function cardUnits(tx: Tx): Promise<{ id: string; name: string; kind: string }[]> {
  const { rows } = await tx.query<{ id: string; name: string; kind: string }>(
    `SELECT u.id, u.name, u.kind FROM org_unit u
      WHERE u.municipality_id = current_municipality()
        AND (EXISTS (SELECT 1 FROM case_file c WHERE c.municipality_id = u.municipality_id AND c.owner_unit_id = u.id)
             OR EXISTS (SELECT 1 FROM case_file c WHERE c.municipality_id = u.municipality_id AND c.provider_unit_id = u.id))
      ORDER BY u.name`,
  );
  return rows;
}

export interface CardVisitRow {
  case_id: string;
  provider_unit_id: string;
  employee_ref: string;
}

/**
 * The performed visits of the month starting on `monthFirst` (not corrected by a later row), one row
 * per case, unit and employee, in the order of each one's first visit (as visitsIn orders them; ties by the row's key): what
 * continuity counts (distinct employees), read from visit_month_employee, which a trigger keeps as
 * visits arrive (migration 0033), instead of from every visit of the month. The cases' numbers and
 * persons are not joined in (a third of the time on the Oslo set): the steering card has every case
 * already, the continuity report reads the numbers of the rows it shows (caseNumbersOf).
 */
export async function performedVisitEmployees(tx: Tx, monthFirst: string): Promise<CardVisitRow[]> {
  const { rows } = await tx.query<CardVisitRow>(
    `SELECT e.case_id, e.provider_unit_id, e.employee_ref
       FROM visit_month_employee e
      WHERE e.municipality_id = current_municipality() AND e.month = $1::date AND e.performed_visits > 0
      -- (the key last: visits loaded together share their moment, and the order must not follow the plan;
      -- visit_month_employee_order_idx gives the rows in this order, migration 0038)
      ORDER BY e.first_date, e.first_time, e.first_recorded_at, e.case_id, e.provider_unit_id, e.employee_ref COLLATE "C"`,
    [monthFirst],
  );
  return rows;
}

/** The case numbers of the given cases. */
export async function caseNumbersOf(tx: Tx, caseIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; case_number: string }>(
    'SELECT id, case_number FROM case_file WHERE municipality_id = current_municipality() AND id = ANY($1::uuid[])',
    [caseIds],
  );
  return new Map(rows.map((r) => [r.id, r.case_number]));
}
