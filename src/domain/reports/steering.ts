/**
 * The team steering card (styringskort; seed 003 §3.8 L742–761, §4 B5, C3, E1–E4, A4): for one
 * team and month, the share of assessments with "what matters to you" in the person's words,
 * service-responsible and primary-contact coverage, goals followed up on time, median days to
 * assessment, decision and start, performed against decided time, continuity per user across teams,
 * and complaints with their outcomes. Pure: the store finds the rows, this counts them. Each figure
 * carries n (what it was counted over) and a definition (steeringDefinitions.ts).
 *
 * Continuity is counted per user, not per team (issue 20: "a user who moves team mid-month is
 * split"): the distinct employees of every unit who visited the user in the month; a team's figure
 * is over the users it visited. Employees are told apart by unit and reference, since two providers'
 * references may coincide.
 */
import { entryOf, pushTo } from '../collections.ts';
import { STEERING_FIGURE_IDS, type SteeringFigureId } from './steeringDefinitions.ts';

export { STEERING_FIGURE_IDS, type SteeringFigureId };

/** A case as the card sees it. Dates are Norwegian local dates (YYYY-MM-DD). */
export interface CardCase {
  readonly caseId: string;
  readonly personId: string;
  readonly unitIds: readonly string[];
  readonly active: boolean;
  readonly serviceResponsible: boolean;
  readonly primaryContact: boolean;
  readonly receivedOn: string;
  /** The first assessment's, decision's and start's dates (null: none yet; a report may also leave out those outside the month, which count for nothing). */
  readonly firstAssessmentOn: string | null;
  readonly firstDecisionOn: string | null;
  readonly startedOn: string | null;
  readonly decisionsInMonth: number;
}

export interface CardAssessment {
  readonly personId: string;
  readonly assessedOn: string;
  readonly whatMatters: boolean;
  readonly goalFollowUps: readonly string[];
}

export interface CardVisit {
  readonly caseId: string;
  readonly personId: string;
  readonly unitId: string;
  readonly employeeRef: string;
}

export interface CardComplaint {
  readonly caseId: string;
  readonly outcome: 'upheld' | 'reversed' | 'sent_back' | 'open';
}

export interface CardDelivery {
  readonly caseId: string;
  readonly unitId: string;
  readonly decidedHours: number;
  readonly performedHours: number;
}

export interface CardInput {
  readonly month: { readonly first: string; readonly last: string };
  /** Goals due after today are not yet late or on time. */
  readonly today: string;
  /** The month's cases; those that count for no card (`countsForCards`) may be left out. */
  readonly cases: readonly CardCase[];
  /**
   * Completed assessments up to the month's end: at least those of the month and every one of a user
   * with a goal due in it (no other counts for a figure, so a report may leave the others out).
   */
  readonly assessments: readonly CardAssessment[];
  readonly visits: readonly CardVisit[];
  readonly complaints: readonly CardComplaint[];
  readonly delivery: readonly CardDelivery[];
}

export interface CardFigure {
  readonly id: SteeringFigureId;
  /** The figure: a share in [0, 1], days, hours ÷ hours, employees, or complaints per 100 decisions. */
  readonly value: number | null;
  /** What it was counted over (assessments, users, goals, cases, complaints). */
  readonly n: number;
  /** For a mean: the plain mean of the parts (users' or cases' own ratios), each counting once. */
  readonly unweighted?: number | null;
}

export interface UserContinuity {
  readonly personId: string;
  /** The team's cases of the user, for the gate to decide who may see the row. */
  readonly caseIds: readonly string[];
  readonly distinctEmployees: number;
}

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;
const share = (n: number, of: number) => (of > 0 ? round(n / of) : null);
const meanOf = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const within = (d: string | null, m: CardInput['month']) => d !== null && d >= m.first && d <= m.last;
/** A date (YYYY-MM-DD) as a count of days, read by its digits (Date.parse of a built text was about a tenth of the cards' time, issue 18). */
const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const days = (from: string, to: string) => Math.round(dayNumber(to) - dayNumber(from));

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Whether a case counts for any team's card: under a service (the coverage figures), with decisions or
 * a first (assessment, decision, start) within the month, its person with an assessment in the input
 * (the team's users' assessments), or a complaint in the input. Visits carry their person, so they need
 * no case. A case that does not count may be left out of the input and every card stays the same (the
 * property test says so): on the Oslo set a third of a month's cases.
 */
export function countsForCards(c: CardCase, month: CardInput['month'], assessedPersons: ReadonlySet<string>, complainedCases: ReadonlySet<string>): boolean {
  return (
    c.active ||
    c.decisionsInMonth > 0 ||
    within(c.firstAssessmentOn, month) ||
    within(c.firstDecisionOn, month) ||
    within(c.startedOn, month) ||
    assessedPersons.has(c.personId) ||
    complainedCases.has(c.caseId)
  );
}

/** Distinct employees (unit and reference) per user in the month, over every unit that visited them. */
export function continuityPerUser(visits: readonly CardVisit[]): Map<string, number> {
  const refs = new Map<string, Set<string>>();
  addEmployeesPerUser(refs, visits);
  return perUserCounts(refs);
}

/** Adds visits to each user's employees (the accumulator of a fold, so a report can take an Oslo-size month's visits in slices). */
export function addEmployeesPerUser(refs: Map<string, Set<string>>, visits: readonly CardVisit[]): void {
  for (const v of visits) {
    entryOf(refs, v.personId, () => new Set<string>()).add(`${v.unitId} ${v.employeeRef}`);
  }
}

/** Each user's number of distinct employees (`continuityPerUser` of the visits added). */
export function perUserCounts(refs: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  return new Map([...refs].map(([p, s]) => [p, s.size]));
}

/** The users a team visited in the month, each with their distinct employees across all teams. */
export function teamContinuity(visits: readonly CardVisit[], unitId: string, perUser: ReadonlyMap<string, number> = continuityPerUser(visits)): UserContinuity[] {
  // One pass over the month: each user the team visited, with the cases it visited them in.
  const casesOf = new Map<string, Set<string>>();
  for (const v of visits) if (v.unitId === unitId) casesOf.set(v.personId, (casesOf.get(v.personId) ?? new Set()).add(v.caseId));
  return [...casesOf.keys()].sort().map((p) => ({ personId: p, caseIds: [...(casesOf.get(p) as Set<string>)], distinctEmployees: perUser.get(p) ?? 0 }));
}

function timeTo(cases: readonly CardCase[], m: CardInput['month'], at: (c: CardCase) => string | null): { value: number | null; n: number } {
  const spans: number[] = [];
  for (const c of cases) {
    const on = at(c);
    if (on !== null && within(on, m)) spans.push(days(c.receivedOn, on));
  }
  return { value: median(spans), n: spans.length };
}

/** Each user's assessment dates. */
function assessmentDatesOf(assessments: readonly CardAssessment[]): Map<string, string[]> {
  const datesOf = new Map<string, string[]>();
  for (const a of assessments) pushTo(datesOf, a.personId, a.assessedOn);
  return datesOf;
}

/**
 * The goals due in the month (up to today) followed up on time: by a later assessment of the user on
 * or before the day. `datesOf` holds at least the users' assessment dates (a team's users have all
 * their assessments on its card, so the whole month's map may be given for every team).
 */
function goalsOnTime(assessments: readonly CardAssessment[], m: CardInput['month'], today: string, datesOf: ReadonlyMap<string, readonly string[]> = assessmentDatesOf(assessments)): { value: number | null; n: number } {
  const last = m.last < today ? m.last : today;
  let due = 0;
  let onTime = 0;
  for (const a of assessments) {
    for (const f of a.goalFollowUps.filter((d) => d >= m.first && d <= last)) {
      due += 1;
      if ((datesOf.get(a.personId) ?? []).some((on) => on > a.assessedOn && on <= f)) onTime += 1;
    }
  }
  return { value: share(onTime, due), n: due };
}

function performed(delivery: readonly CardDelivery[]): CardFigure {
  const rows = delivery.filter((d) => d.decidedHours > 0);
  const decided = rows.reduce((a, d) => a + d.decidedHours, 0);
  const done = rows.reduce((a, d) => a + d.performedHours, 0);
  const perCase = meanOf(rows.map((d) => d.performedHours / d.decidedHours));
  return { id: 'performedVsDecided', value: decided > 0 ? round(done / decided) : null, n: rows.length, unweighted: perCase === null ? null : round(perCase) };
}

function complaintFigures(complaints: readonly CardComplaint[], decisions: number): CardFigure[] {
  const count = (o: CardComplaint['outcome']) => complaints.filter((c) => c.outcome === o).length;
  const n = complaints.length;
  return [
    { id: 'complaintsPer100Decisions', value: decisions > 0 ? round((n / decisions) * 100, 1) : null, n: decisions },
    { id: 'complaintsUpheld', value: share(count('upheld'), n), n },
    { id: 'complaintsReversed', value: share(count('reversed'), n), n },
    { id: 'complaintsSentBack', value: share(count('sent_back'), n), n },
    { id: 'complaintsOpen', value: share(count('open'), n), n },
  ];
}

/**
 * The team's card for the month; `unitId` selects the team's cases (owned or provided by it), visits and delivery.
 * `perUser` (continuityPerUser of the input's visits) may be given once for many teams' cards.
 */
export function steeringCard(input: CardInput, unitId: string, perUser: ReadonlyMap<string, number> = continuityPerUser(input.visits)): { figures: CardFigure[]; continuity: UserContinuity[] } {
  const cases = input.cases.filter((c) => c.unitIds.includes(unitId));
  const persons = new Set(cases.map((c) => c.personId));
  const caseIds = new Set(cases.map((c) => c.caseId));
  return teamCard(
    {
      ...input,
      cases,
      assessments: input.assessments.filter((a) => persons.has(a.personId)),
      visits: input.visits.filter((v) => v.unitId === unitId),
      complaints: input.complaints.filter((c) => caseIds.has(c.caseId)),
      delivery: input.delivery.filter((d) => d.unitId === unitId),
    },
    unitId,
    perUser,
  );
}

/**
 * The card of a team from the team's own part of the month (its cases, its users' assessments, its
 * visits, its cases' complaints, its delivery), each figure counted in one pass. The figures are
 * counts, sums and medians: the order of the parts does not matter.
 */
function teamCard(
  team: CardInput,
  unitId: string,
  perUser: ReadonlyMap<string, number>,
  datesOf: ReadonlyMap<string, readonly string[]> = assessmentDatesOf(team.assessments),
): { figures: CardFigure[]; continuity: UserContinuity[] } {
  const { month: m } = team;
  let assessedInMonth = 0;
  let whatMatters = 0;
  for (const a of team.assessments) {
    if (!within(a.assessedOn, m)) continue;
    assessedInMonth += 1;
    if (a.whatMatters) whatMatters += 1;
  }
  let active = 0;
  let serviceResponsible = 0;
  let primaryContact = 0;
  let decisions = 0;
  for (const c of team.cases) {
    decisions += c.decisionsInMonth;
    if (!c.active) continue;
    active += 1;
    if (c.serviceResponsible) serviceResponsible += 1;
    if (c.primaryContact) primaryContact += 1;
  }
  const continuity = teamContinuity(team.visits, unitId, perUser);
  const counts = continuity.map((u) => u.distinctEmployees);
  const figures: CardFigure[] = [
    { id: 'whatMattersDocumented', value: share(whatMatters, assessedInMonth), n: assessedInMonth },
    { id: 'serviceResponsibleCoverage', value: share(serviceResponsible, active), n: active },
    { id: 'primaryContactCoverage', value: share(primaryContact, active), n: active },
    { id: 'goalsFollowedUpOnTime', ...goalsOnTime(team.assessments, m, team.today, datesOf) },
    { id: 'daysToAssessment', ...timeTo(team.cases, m, (c) => c.firstAssessmentOn) },
    { id: 'daysToDecision', ...timeTo(team.cases, m, (c) => c.firstDecisionOn) },
    { id: 'daysToStart', ...timeTo(team.cases, m, (c) => c.startedOn) },
    performed(team.delivery),
    { id: 'continuityMean', value: nullableRound(meanOf(counts)), n: counts.length },
    { id: 'continuityMedian', value: median(counts), n: counts.length },
    ...complaintFigures(team.complaints, decisions),
  ];
  return { figures, continuity };
}

/**
 * The card of each team, equal to `steeringCard` of each (the property test says so), with the
 * input indexed once by unit and person instead of filtered whole for every team: with 45 teams and
 * 46,000 cases (the Oslo set) that loop was half a second of the event loop.
 */
export function steeringCards<T extends { readonly id: string }>(input: CardInput, teams: readonly T[], perUser: ReadonlyMap<string, number> = continuityPerUser(input.visits)): { team: T; card: ReturnType<typeof steeringCard> }[] {
  return [...eachSteeringCard(input, teams, perUser)];
}

/** `steeringCards`, one team at a time: a report can give the event loop a turn between teams (an Oslo-size month is about 150 ms of cards). */
export function* eachSteeringCard<T extends { readonly id: string }>(input: CardInput, teams: readonly T[], perUser: ReadonlyMap<string, number>): Generator<{ team: T; card: ReturnType<typeof steeringCard> }> {
  const partsOf = partsOfUnits(input);
  const datesOf = assessmentDatesOf(input.assessments);
  const visitsOf = new Map<string, CardVisit[]>();
  for (const v of input.visits) pushTo(visitsOf, v.unitId, v);
  const deliveryOf = new Map<string, CardDelivery[]>();
  for (const d of input.delivery) pushTo(deliveryOf, d.unitId, d);
  for (const t of teams) {
    const unitId = t.id;
    const parts = partsOf.get(unitId);
    const team: CardInput = {
      ...input,
      cases: parts?.cases ?? [],
      assessments: parts?.assessments ?? [],
      complaints: parts?.complaints ?? [],
      visits: visitsOf.get(unitId) ?? [],
      delivery: deliveryOf.get(unitId) ?? [],
    };
    yield { team: t, card: teamCard(team, unitId, perUser, datesOf) };
  }
}

/** A unit's part of the month: its cases, its users' assessments (each user's once) and its cases' complaints. */
interface UnitParts {
  readonly cases: CardCase[];
  readonly persons: Set<string>;
  readonly assessments: CardAssessment[];
  readonly complaints: CardComplaint[];
}

/**
 * Every unit's part of the month in one pass over the cases: each case's assessments and complaints
 * are looked up once, not once for each of its units, and each unit's users are kept in a set of its
 * own (the Oslo set: 46,000 cases in 45 teams; picking them team by team from the whole month's
 * maps was the largest part of the cards in a profile, issue 18).
 */
function partsOfUnits(input: CardInput): Map<string, UnitParts> {
  const assessmentsOf = new Map<string, CardAssessment[]>();
  for (const a of input.assessments) pushTo(assessmentsOf, a.personId, a);
  const complaintsOf = new Map<string, CardComplaint[]>();
  for (const c of input.complaints) pushTo(complaintsOf, c.caseId, c);
  const partsOf = new Map<string, UnitParts>();
  for (const c of input.cases) {
    const assessments = assessmentsOf.get(c.personId);
    const complaints = complaintsOf.get(c.caseId);
    c.unitIds.forEach((u, i) => {
      // A case owned and provided by the same unit is the unit's once.
      if (c.unitIds.indexOf(u) !== i) return;
      const parts = entryOf(partsOf, u, () => ({ cases: [], persons: new Set<string>(), assessments: [], complaints: [] }));
      parts.cases.push(c);
      if (complaints) parts.complaints.push(...complaints);
      if (!parts.persons.has(c.personId)) {
        parts.persons.add(c.personId);
        if (assessments) parts.assessments.push(...assessments);
      }
    });
  }
  return partsOf;
}

const nullableRound = (x: number | null) => (x === null ? null : round(x, 2));

/** Continuity over all teams: the mean over users (each user once, wherever visited: weighted by users), the plain mean of the teams' means, the median. */
export function continuityOverall(
  visits: readonly CardVisit[],
  unitIds: readonly string[],
  byUser: ReadonlyMap<string, number> = continuityPerUser(visits),
): { weightedByUsers: number | null; unweightedMeanOfTeams: number | null; median: number | null; users: number } {
  const perUser = [...byUser.values()];
  const visitsOf = new Map<string, CardVisit[]>();
  for (const v of visits) pushTo(visitsOf, v.unitId, v);
  const teamMeans = unitIds.map((u) => meanOf(teamContinuity(visitsOf.get(u) ?? [], u, byUser).map((x) => x.distinctEmployees))).filter((x): x is number => x !== null);
  return { weightedByUsers: nullableRound(meanOf(perUser)), unweightedMeanOfTeams: nullableRound(meanOf(teamMeans)), median: median(perUser), users: perUser.length };
}
