/**
 * The decisions of the case, read-only: outcome, form, hours, frame and goals, period and
 * re-evaluation, what is granted in words; and, for staff who see the whole case, the criteria
 * evaluation and the decision's reasons (rules, criteria, facts, considerations) in words. An order's
 * view shows the current decision as the case gives it, without the reasons (the server refuses them).
 */
import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key, type Lang } from '../i18n.tsx';
import { criteriaVerdictWords } from '../labels.ts';
import { useServiceName } from '../services.ts';
import { useLoad } from '../useLoad.tsx';
import type { CaseData, Entry, HistoryEntry } from './useCase.ts';
import { dateIn, fill } from './caseFileFormat.ts';
import { Empty, Facts, Panel } from './Panel.tsx';
import { DecisionPayment } from './DecisionPayment.tsx';

type Payload = Entry<'decision_made'>['payload'];
type T = (k: Key) => string;
/** A decision as recorded: made, or a new decision on complaint (own review or Statsforvalteren's reversal). */
interface Made {
  readonly seq: number;
  readonly actorName: string;
  readonly occurredAt: string;
  readonly payload: Payload;
}

/** Every decision in the history, oldest first. */
function decisionsOf(history: readonly HistoryEntry[]): Made[] {
  return history.flatMap((e): Made[] => {
    if (e.type === 'decision_made') return [e];
    if ((e.type === 'complaint_reversed_on_review' || e.type === 'complaint_resolved') && e.payload.newDecision) return [{ ...e, payload: e.payload.newDecision }];
    return [];
  });
}

function period(lang: Lang, t: T, from: string, to: string | null | undefined, untilFurtherNotice: boolean | undefined): string {
  const end = to ? dateIn(lang, to) : untilFurtherNotice ? t('untilFurtherNotice').toLowerCase() : '…';
  return `${dateIn(lang, from)} – ${end}`;
}

const hours = (t: T, h: number | null | undefined) => (h === null || h === undefined ? null : `${h} ${t('hoursPerWeek').toLowerCase()}`);
const frameWords = (t: T, max: number | undefined) => (max === undefined ? null : fill(t('cfFrameMax'), { n: max }));

const taskWords = (p: Payload) => (p.tasks ?? []).map((x) => `${x.text} (${x.normMinutes} min${x.perWeek ? ` × ${x.perWeek}` : ''})`).join('; ');
const referralWords = (t: T, r: Payload['onwardReferral']) => (r ? `${t(`referral_${r.to}`)}${r.name ? ` (${r.name})` : ''}: ${r.note}` : null);

/** Everything a decision states, as terms and values. */
function decisionRows(p: Payload, d: Made, t: T, lang: Lang): [string, string | null | undefined][] {
  return [
    [t('cfDecidedBy'), `${d.actorName}, ${dateIn(lang, d.occurredAt.slice(0, 10))}`],
    [t('form'), p.form ? t(`form_${p.form}`) : null],
    [t('hoursPerWeek'), hours(t, p.hoursPerWeek)],
    [t('frame'), frameWords(t, p.frame?.maxHoursPerWeek)],
    [t('cfGoals'), [...(p.frame?.goals ?? []), ...(p.goals ?? [])].join('; ')],
    [t('cfTasks'), taskWords(p)],
    [t('cfPeriod'), period(lang, t, p.validFrom, p.validTo, p.untilFurtherNotice)],
    [t('reevaluateBy'), p.reevaluateBy ? dateIn(lang, p.reevaluateBy) : null],
    [t('considerations'), p.considerations],
    [t('departureReason'), p.departureReason],
    [t('cfReferral'), referralWords(t, p.onwardReferral)],
    [t('cfWaitingList'), p.waitingList?.assessedNeed],
  ];
}

/** When the decision in force was notified (its letter: the complaint deadline runs from it), who decides a complaint against it, and whether a complaint case has decided it for good. */
function noticeRows(d: NonNullable<CaseData['decision']>, t: T, lang: Lang): [string, string | null][] {
  return [
    [t('cfNotifiedOn'), d.notifiedOn ? dateIn(lang, d.notifiedOn) : t('cfNotNotified')],
    [t('cfComplaintBody'), t(`cfBody_${d.complaintBody}`)],
    [t('cfComplaint'), d.finalOnComplaint ? t('cfFinalOnComplaint') : null],
  ];
}

/** One decision as recorded: everything it states. */
function DecisionEntry({ d, current }: { d: Made; current: CaseData['decision'] }) {
  const { t, lang } = useI18n();
  const serviceName = useServiceName();
  // A reversal on complaint may change the outcome of the current decision: the case says what holds.
  const p: Payload = current ? { ...d.payload, outcome: current.outcome } : d.payload;
  return (
    <article className="stack" data-testid={`decision-${d.seq}`}>
      <Heading level={3} data-size="xs">
        {t(p.outcome)}: {serviceName(p.serviceCode)} {current && <Tag data-color="info">{t('cfCurrent')}</Tag>}
      </Heading>
      <Paragraph>{p.summary}</Paragraph>
      <Facts rows={[...decisionRows(p, d, t, lang), ...(current ? noticeRows(current, t, lang) : [])]} />
    </article>
  );
}

/** The current decision as the case gives it (an order's view has no history to read it from). */
function CurrentDecision({ c }: { c: CaseData }) {
  const { t, lang } = useI18n();
  const serviceName = useServiceName();
  const d = c.decision;
  if (!d) return <Empty>{t('cfNoDecision')}</Empty>;
  return (
    <article className="stack" data-testid={`decision-${d.seq}`}>
      <Heading level={3} data-size="xs">
        {t(d.outcome)}: {serviceName(d.serviceCode)}
      </Heading>
      <Facts
        rows={[
          [t('cfDecidedOn'), dateIn(lang, d.decidedOn)],
          [t('form'), d.form ? t(`form_${d.form}`) : null],
          [t('hoursPerWeek'), hours(t, d.hoursPerWeek)],
          [t('frame'), frameWords(t, d.frame?.maxHoursPerWeek)],
          [t('cfGoals'), d.frame?.goals.join('; ')],
          [t('cfPeriod'), period(lang, t, d.validFrom, d.validTo, d.untilFurtherNotice)],
          // A place from the waiting list is in force (charged, reported) from the day the person got it.
          [t('cfPlacedFrom'), d.fromWaitingList && !d.onWaitingList ? dateIn(lang, d.validFrom) : null],
          [t('reevaluateBy'), d.reevaluateBy ? dateIn(lang, d.reevaluateBy) : null],
        ]}
      />
    </article>
  );
}

/** The latest criteria evaluation in the history: verdict and each criterion's outcome. */
function EvaluationRead({ history }: { history: readonly HistoryEntry[] }) {
  const { t, lang } = useI18n();
  const e = history.filter((x): x is Entry<'criteria_evaluated'> => x.type === 'criteria_evaluated').at(-1);
  if (!e) return <Empty>{t('cfNoEvaluation')}</Empty>;
  return (
    <div className="stack" data-testid="evaluation-read">
      <Paragraph>
        {t('verdict')}: <strong>{criteriaVerdictWords(t, e.payload.verdict)}</strong> ({fill(t('cfCriteriaVersion'), { n: e.payload.version })}, {dateIn(lang, e.occurredAt.slice(0, 10))})
      </Paragraph>
      <ul>
        {e.payload.results.map((r) => (
          <li key={r.id}>
            {lang === 'nn' ? r.text.nn : r.text.nb}: {t(r.outcome)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The decision's reasons as the letter gives them (fvl §§ 24–25), in bokmål or nynorsk. */
function Reasons({ caseId, decisionSeq }: { caseId: string; decisionSeq: number }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/cases/{id}/decision-reasons', { params: { path: { id: caseId }, query: { lang: lang === 'nn' ? 'nn' : 'nb' } } })), [caseId, lang, decisionSeq]);
  const r = loaded.data;
  return (
    <Panel title={t('cfReasons')} testId="decision-reasons" loaded={loaded}>
      {r && (
        <Facts
          rows={[
            [t('cfRules'), r.rules.map((x) => `${x.text} (${x.citation})`).join(' ')],
            [t('cfCriteria'), r.criteria.join(' ')],
            [t('cfFacts'), r.facts.join(' ')],
            [t('considerations'), r.considerations],
            [t('departureReason'), r.departure],
          ]}
        />
      )}
    </Panel>
  );
}

/** Every decision of the case, newest first, with the evaluation and the current decision's reasons. */
export function DecisionRead({ c, history }: { c: CaseData; history: readonly HistoryEntry[] }) {
  const { t } = useI18n();
  const full = c.access === 'full';
  const made = decisionsOf(history).reverse();
  return (
    <>
      <Panel title={t('cfDecisions')} testId="decisions-read">
        {!full && <CurrentDecision c={c} />}
        {full && made.length === 0 && <Empty>{t('cfNoDecision')}</Empty>}
        {full && made.map((d) => <DecisionEntry key={d.seq} d={d} current={d.seq === c.decision?.seq ? c.decision : null} />)}
        {full && (
          <>
            <Heading level={3} data-size="xs">
              {t('cfEvaluation')}
            </Heading>
            <EvaluationRead history={history} />
          </>
        )}
      </Panel>
      {full && c.decision && <Reasons caseId={c.id} decisionSeq={c.decision.seq} />}
      {full && c.decision && <DecisionPayment caseId={c.id} decisionSeq={c.decision.seq} />}
    </>
  );
}
