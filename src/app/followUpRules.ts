/**
 * The job runner's follow-up rules (issue 14): what delivery data and decisions show becomes a work
 * item with an owner and a date. For every active case under a policy with a revision rule, the last
 * full weeks of delivery are read and a sustained change opens a revision item with the purchaser;
 * a recent decision that raised the hours while the scores did not rise opens a review item. Each
 * finding is appended through the one case pipeline as the municipality's system staff member, once
 * (the case remembers the keys it has opened), so runs after a restart open nothing twice.
 */
import type { CaseState } from '../domain/case/index.ts';
import { addDays, osloDate } from '../domain/law/deadlines.ts';
import { comparableAdlSums, type RevisionRule } from '../domain/provider/changeRules.ts';
import { hoursWithoutScoreChangeFollowUp, sustainedChangeFollowUp, sustainedChangeMayOpen } from '../domain/provider/followUps.ts';
import { completedScores } from '../store/assessments.ts';
import type { Database } from '../store/database.ts';
import { listMunicipalities } from '../store/org.ts';
import { lockCase, statedDecisionHours } from '../store/cases.ts';
import { visitsIn, type VisitRow } from '../store/provider.ts';
import { pushTo } from '../domain/collections.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { casePolicy, systemAuthority, type AuthorityContext } from './authority.ts';
import { appendToCase, writerAt } from './casePipeline.ts';
import { decidedHoursPerWeekOf, deliveryInput, deliveryWindow, gateInput, weeksOf } from './changeReports.ts';
import { AppError } from './errors.ts';

/** Only decisions made this many days back are reviewed for hours raised without a change in scores. */
export const HOURS_REVIEW_LOOKBACK_DAYS = 90;
/** Days the office has to answer a follow-up when the policy names no limit for change reports. */
const DEFAULT_ANSWER_DAYS = 14;

interface Candidate {
  id: string;
  state: CaseState;
}

async function candidates(tx: Tx, caseIds: readonly string[] | null): Promise<Candidate[]> {
  const { rows } = await tx.query<Candidate>(
    `SELECT id, state FROM case_file WHERE municipality_id = current_municipality()
        AND status IN ('decided', 'service_arranged', 'active') AND decision_outcome IN ('granted', 'partly_granted')
        AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY case_number`,
    [caseIds],
  );
  return rows;
}

/**
 * The decision with hours before the one in force on the case (null when there is none), whether a
 * decision or a reversal on complaint stated it (statedDecisionHours): the hours a decision made after
 * a reversal raised are those of the reversal's new decision, not of the decision it reversed.
 */
async function previousHours(tx: Tx, caseId: string, beforeSeq: number): Promise<{ hours: number; decidedOn: string } | null> {
  const { rows } = await tx.query<{ hours: string; decided_on: string }>(
    `SELECT s.hours_per_week AS hours, to_char(s.occurred_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS decided_on
       FROM (${statedDecisionHours('$1')}) s
      WHERE s.seq < $2
      ORDER BY s.seq DESC LIMIT 1`,
    [caseId, beforeSeq],
  );
  const r = rows[0];
  return r ? { hours: Number(r.hours), decidedOn: r.decided_on } : null;
}

/** A case's decided hours and last full weeks of delivery under a rule: read for the case, or taken from visits read for many. */
type DeliveryOf = (c: Candidate, rule: RevisionRule) => Promise<{ decidedHoursPerWeek: number; weeks: ReturnType<typeof weeksOf> }>;

/** The delivery of one case, read for it (under its lock). */
const readDelivery =
  (tx: Tx, today: string): DeliveryOf =>
  (c, rule) =>
    deliveryInput(tx, c.id, c.state, rule, today);

/** The policy in force for the case today: its revision rule (null: none) and its days to answer a follow-up. */
function caseRules(authority: AuthorityContext, c: Candidate, today: string): { rule: RevisionRule | null; answerDays: number } {
  const policy = casePolicy(authority, c.state, today);
  return { rule: policy?.rules.changeRevision ?? null, answerDays: policy?.rules.escalationDays.change_report ?? DEFAULT_ANSWER_DAYS };
}

/** What the rules find on one case today, as follow-up payloads (none, one or two). */
async function findings(tx: Tx, authority: AuthorityContext, c: Candidate, today: string, delivery: DeliveryOf = readDelivery(tx, today)) {
  const { rule, answerDays } = caseRules(authority, c, today);
  const found = [rule ? await sustainedChange(tx, c, rule, today, answerDays, delivery) : null, await hoursWithoutScoreChange(tx, c, today, answerDays)];
  return found.filter((f) => f !== null);
}

/** Whether the state lets a sustained change open on the case: only then is its delivery read. */
const mayOpenSustained = (c: Candidate) => sustainedChangeMayOpen(c.state, decidedHoursPerWeekOf(c.state));

/** A sustained change in the case's delivery under the unit's revision rule, or null. */
async function sustainedChange(tx: Tx, c: Candidate, rule: RevisionRule, today: string, answerDays: number, deliveryOf: DeliveryOf) {
  if (!mayOpenSustained(c)) return null;
  // The weeks first: the IPLOS registrations change only the follow-up's summary, never whether it
  // opens (a property in domain/provider/followUps.test.ts), so they are read only when it does.
  const delivery = await deliveryOf(c, rule);
  if (!sustainedChangeFollowUp(c.state, rule, { ...delivery, adlBefore: null, adlAfter: null }, today, answerDays)) return null;
  return sustainedChangeFollowUp(c.state, rule, await gateInput(tx, c.id, c.state, rule, today), today, answerDays);
}

/** A recent decision that raised the hours while the scores did not rise, or null. */
async function hoursWithoutScoreChange(tx: Tx, c: Candidate, today: string, answerDays: number) {
  const d = c.state.decision;
  if (!d || d.hoursPerWeek === null || d.decidedOn < addDays(today, -HOURS_REVIEW_LOOKBACK_DAYS)) return null;
  const before = await previousHours(tx, c.id, d.seq);
  if (!before) return null;
  const scores = await completedScores(tx, c.state.personId);
  const at = (date: string) => scores.filter((s) => s.assessed_on <= date).at(-1)?.scores;
  const change = { decisionSeq: d.seq, hoursBefore: before.hours, hoursAfter: d.hoursPerWeek, ...comparableAdlSums(at(before.decidedOn), at(d.decidedOn)) };
  return hoursWithoutScoreChangeFollowUp(c.state, change, today, answerDays);
}

/**
 * The delivery of a slice of cases from one read of the visits of the widest window their revision
 * rules ask for (each case then counts its own rule's weeks), instead of a read per case. Only the
 * cases whose delivery the rules would read are asked for: under a revision rule, and able to open one.
 */
async function sliceDelivery(tx: Tx, authority: AuthorityContext, slice: readonly Candidate[], today: string): Promise<DeliveryOf> {
  const ruled = slice.flatMap((c) => {
    const { rule } = caseRules(authority, c, today);
    return rule && mayOpenSustained(c) ? [{ id: c.id, windowWeeks: rule.windowWeeks }] : [];
  });
  const widest = Math.max(0, ...ruled.map((r) => r.windowWeeks));
  const ids = ruled.map((r) => r.id);
  const visitsOf = new Map<string, VisitRow[]>();
  if (ids.length) for (const v of await visitsIn(tx, { ...deliveryWindow(widest, today), caseIds: ids })) pushTo(visitsOf, v.case_id, v);
  return async (c, rule) => ({ decidedHoursPerWeek: decidedHoursPerWeekOf(c.state), weeks: weeksOf(visitsOf.get(c.id) ?? [], rule.windowWeeks, today) });
}

/** The case's id when the rules find something on it (or refuse it: the locked run says why), else nothing. */
async function screened(tx: Tx, authority: AuthorityContext, c: Candidate, today: string, delivery: DeliveryOf): Promise<string[]> {
  try {
    return (await findings(tx, authority, c, today, delivery)).length ? [c.id] : [];
  } catch (error) {
    if (error instanceof AppError) return [c.id];
    throw error;
  }
}

/** The cases screened in one transaction (issue 18: an Oslo-size municipality has about 24,000 candidates). */
const SCREEN_SLICE = 1000;

/**
 * Runs the follow-up rules in one municipality (on the given cases, or all); returns how many follow-ups were opened.
 * The rules screen the cases first, a slice per read transaction and without locks; only a case where they find
 * something is then locked, and the rules run again on it as it is under its lock before anything is appended.
 * (Locking every candidate in its own transaction took 14–41 s of an Oslo-size municipality every hour, issue 18.)
 */
export async function runFollowUpRulesIn(db: Database, municipalityId: string, at: Date, log?: (message: string) => void, caseIds?: readonly string[]): Promise<number> {
  const today = osloDate(at);
  const tenant = { municipalityId, staffId: null };
  const list = await inTenant(db.app, tenant, (tx) => candidates(tx, caseIds ?? null));
  if (list.length === 0) return 0;
  const authority = await systemAuthority(db, municipalityId);
  const systemId = authority.actor.staffId;
  const hits: string[] = [];
  for (let i = 0; i < list.length; i += SCREEN_SLICE) {
    const slice = list.slice(i, i + SCREEN_SLICE);
    hits.push(
      ...(await inTenant(db.app, tenant, async (tx) => {
        const found: string[] = [];
        const delivery = await sliceDelivery(tx, authority, slice, today);
        // One case after another: a connection takes one query at a time.
        for (const c of slice) found.push(...(await screened(tx, authority, c, today, delivery)));
        return found;
      })),
    );
  }
  let opened = 0;
  for (const id of hits) {
    try {
      opened += await inTenant(db.app, { municipalityId, staffId: systemId }, async (tx) => {
        // The case as it is now, under its row lock (the pipeline checks it against the log).
        const state = await lockCase(tx, id);
        if (!state) return 0;
        const c = { id, state };
        const found = await findings(tx, authority, c, today);
        for (const payload of found) {
          await appendToCase(tx, writerAt(authority, null, at), {
            caseId: id,
            body: { type: 'follow_up_opened', payload },
            reason: 'Opened by the follow-up rules of the job runner from the delivery data and decisions on record.',
          });
        }
        return found.length;
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      log?.(`follow-up rules on case ${id} in ${municipalityId} refused: ${error.message}`);
    }
  }
  return opened;
}

/** Runs the follow-up rules in every municipality; returns how many follow-ups were opened. */
export async function runFollowUpRules(db: Database, at: Date, log?: (message: string) => void): Promise<number> {
  let opened = 0;
  for (const m of await listMunicipalities(db.app)) opened += await runFollowUpRulesIn(db, m.id, at, log);
  return opened;
}
