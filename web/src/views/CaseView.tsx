/**
 * One case: its summary, the case file to read (case/CaseFile.tsx: person, request, assessment,
 * decisions and reasons, orders, letters, journal, other cases), the check of a representative's
 * authority, its open work items and consultations, the panels for what may be done next, and the
 * timeline of actions in the chosen language.
 * Without a need for the case the staff member is told so and may open it with emergency access;
 * with an order's view (provider staff) they see what the order needs, and the history, letters and
 * assessment are not offered.
 */
import { Alert, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useI18n, type Key } from '../i18n.tsx';
import { caseStateWords } from '../complaintBody.ts';
import { useServiceName } from '../services.ts';
import { AssessmentForm } from '../case/AssessmentForm.tsx';
import { DecisionForm } from '../case/DecisionForm.tsx';
import { Evaluation } from '../case/Evaluation.tsx';
import { LetterPanel } from '../case/LetterPanel.tsx';
import { ChangeProposal, ComplaintForm } from '../case/Followups.tsx';
import { AddNote, AdjustPlan, ArrangeService, StartAssessment } from '../case/OtherActions.tsx';
import { Consultations, RequestConsultation } from '../case/Consultations.tsx';
import { LowThresholdAnswer } from '../case/LowThreshold.tsx';
import { PlaceOfferAnswer } from '../case/PlaceOffer.tsx';
import { RepresentativeCheck } from '../case/RepresentativeCheck.tsx';
import { WorkItems } from '../case/WorkItems.tsx';
import { LifecyclePanels } from '../case/Lifecycle.tsx';
import { useCase, NO_NEED, type CaseData, type HistoryEntry } from '../case/useCase.ts';
import { CaseFile } from '../case/CaseFile.tsx';
import { Timeline } from '../case/Timeline.tsx';
import { EmergencyUntil, NoNeed, OrderAccessNotice } from '../case/EmergencyAccess.tsx';
import type { Problem } from '../api/client.ts';
import { useUnits, type Unit } from '../case/useUnits.ts';
import type { Me } from '../session.ts';
import { osloDate } from '../dates.ts';

/**
 * The decided extent in a line: a frame decision (trust model) by its frame and the plan in force
 * within it, any other by its hours. The plan is the team's to adjust, never the decision itself.
 */
function decisionExtent(t: (k: Key) => string, c: CaseData): string {
  const d = c.decision;
  if (!d) return '';
  if (d.frame) {
    const plan = c.planHoursPerWeek ?? d.hoursPerWeek;
    return ` · ${t('frame')}: ${d.frame.maxHoursPerWeek}${plan !== null ? ` · ${t('planHours')}: ${plan}` : ''}`;
  }
  return d.hoursPerWeek !== null ? ` · ${d.hoursPerWeek} ${t('hoursPerWeek').toLowerCase()}` : '';
}

function Summary({ c }: { c: CaseData }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('caseTitle')} {c.caseNumber}: {c.person.name}
      </Heading>
      <Paragraph>
        {t('service')}: {serviceName(c.serviceCode)} · {t('received')}: {c.receivedOn} · {t('status')}: <Tag data-testid="case-status" data-state={c.stateKey}>
          {caseStateWords(t, c)}
        </Tag>
      </Paragraph>
      {c.decision && (
        <Paragraph data-testid="decision-summary">
          {t(c.decision.outcome)}
          {decisionExtent(t, c)}
        </Paragraph>
      )}
    </div>
  );
}

interface PanelProps {
  readonly c: CaseData;
  readonly today: string;
  readonly reload: () => Promise<void>;
}

const mayDo = (c: CaseData, type: CaseData['allowedActions'][number]) => c.allowedActions.includes(type);

/** From request to order: assessment, evaluation, a low-threshold answer, the decision, its letter, the answer to an offered place, the order. */
function ProcessPanels({ c, today, reload, history }: PanelProps & { history: readonly HistoryEntry[] }) {
  const may = (type: CaseData['allowedActions'][number]) => mayDo(c, type);
  const assessing = c.status === 'under_assessment' || c.status === 'under_reevaluation';
  return (
    <>
      {may('assessment_started') && <StartAssessment c={c} onDone={reload} />}
      {assessing && (
        <>
          <AssessmentForm personId={c.person.id} today={today} onSaved={reload} />
          <Evaluation caseId={c.id} onDone={reload} />
        </>
      )}
      {may('request_answered_low_threshold') && <LowThresholdAnswer c={c} today={today} onDone={reload} />}
      {may('decision_made') && <DecisionForm key={c.version} c={c} today={today} onSaved={reload} />}
      {c.decision && <LetterPanel caseId={c.id} onIssued={reload} />}
      {may('place_offer_answered') && <PlaceOfferAnswer key={c.version} c={c} history={history} onDone={reload} />}
      {may('service_arranged') && <ArrangeService c={c} today={today} onDone={reload} />}
    </>
  );
}

/** While the service runs: adjust within the frame, ask for a consultation, report a change, a complaint, a note. An order's view keeps the provider's own: a change report and a note. */
function FollowingPanels({ c, today, reload, me, units }: PanelProps & { me: Me; units: Unit[] | null }) {
  const may = (type: CaseData['allowedActions'][number]) => mayDo(c, type);
  const full = c.access === 'full';
  return (
    <>
      {full && may('plan_adjusted') && <AdjustPlan key={c.version} c={c} onDone={reload} />}
      {full && may('consultation_requested') && <RequestConsultation c={c} me={me} units={units} today={today} onDone={reload} />}
      {may('change_proposed') && <ChangeProposal c={c} onDone={reload} />}
      {full && may('complaint_received') && <ComplaintForm c={c} onDone={reload} />}
      {may('note_added') && <AddNote c={c} onDone={reload} />}
    </>
  );
}

/** Why the case is not shown: no need (with emergency access), not found, or another error. */
function CaseRefused({ id, problem, error, onOpened }: { id: string; problem: Problem | null; error: string | null; onOpened: (expiresAt: string) => Promise<void> }) {
  const { t } = useI18n();
  if (problem?.rule === NO_NEED) return <NoNeed caseId={id} onOpened={onOpened} />;
  if (!error) return <Spinner aria-label={t('loading')} />;
  return (
    <Alert data-color="danger" role="alert">
      {problem?.status === 404 ? t('caseNotFound') : `${t('error')}: ${error}`}
    </Alert>
  );
}

export function CaseView({ id, me }: { id: string; me: Me }) {
  const { t } = useI18n();
  const { data: c, history, error, problem, reload } = useCase(id);
  const [emergencyUntil, setEmergencyUntil] = useState<string | null>(null);
  const units = useUnits();
  const opened = async (expiresAt: string) => {
    setEmergencyUntil(expiresAt);
    await reload();
  };
  if (!c) return <CaseRefused id={id} problem={problem} error={error} onOpened={opened} />;
  const today = osloDate();
  // An order's view leaves out what the order does not need; the parts that would be refused are not offered.
  const full = c.access === 'full';
  return (
    <div className="stack">
      <Summary c={c} />
      {emergencyUntil && <EmergencyUntil expiresAt={emergencyUntil} />}
      {!full && <OrderAccessNotice />}
      {error && (
        <Alert data-color="danger" role="alert">
          {t('error')}: {error}
        </Alert>
      )}
      <RepresentativeCheck c={c} history={history} onDone={reload} />
      <WorkItems c={c} history={history} units={units} today={today} onDone={reload} />
      <Consultations c={c} me={me} history={history} units={units} today={today} onDone={reload} />
      {/* The case file to read; what may be done next follows it. */}
      <CaseFile c={c} history={history} units={units} />
      {full && <ProcessPanels c={c} today={today} reload={reload} history={history} />}
      <LifecyclePanels c={c} today={today} reload={reload} me={me} history={history} units={units} />
      <FollowingPanels c={c} today={today} reload={reload} me={me} units={units} />
      {full && <Timeline history={history} />}
    </div>
  );
}
