/** One case: the person, status, decision, the timeline of actions, and the panels for what may be done next. */
import { Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useI18n, type Key } from '../i18n.tsx';
import { AssessmentForm } from '../case/AssessmentForm.tsx';
import { DecisionForm } from '../case/DecisionForm.tsx';
import { Evaluation } from '../case/Evaluation.tsx';
import { LetterPanel } from '../case/LetterPanel.tsx';
import { ChangeProposal, ComplaintForm } from '../case/Followups.tsx';
import { AddNote, AdjustPlan, ArrangeService, StartAssessment } from '../case/OtherActions.tsx';
import { useCase, type CaseData, type HistoryEntry } from '../case/useCase.ts';
import type { Me } from '../session.ts';
import { osloDate } from '../dates.ts';


function Timeline({ history }: { history: readonly HistoryEntry[] }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-label={t('timeline')}>
      <Heading level={2} data-size="sm">
        {t('timeline')}
      </Heading>
      <ol className="timeline">
        {history.map((a) => (
          <li key={a.seq}>
            <strong>{a.type.replace(/_/g, ' ')}</strong> — {new Date(a.occurredAt).toLocaleString('nb-NO')} {t('by')} {a.actorName}
            {a.reason ? ` («${a.reason}»)` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Summary({ c }: { c: CaseData }) {
  const { t } = useI18n();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('caseTitle')} {c.caseNumber}: {c.person.name}
      </Heading>
      <Paragraph>
        {t('service')}: {c.serviceName} · {t('received')}: {c.receivedOn} · {t('status')}: <Tag data-testid="case-status" data-state={c.stateKey}>
          {t(`state_${c.stateKey}` as Key)}
        </Tag>
      </Paragraph>
      {c.decision && (
        <Paragraph data-testid="decision-summary">
          {t(c.decision.outcome)}
          {c.decision.hoursPerWeek !== null ? ` · ${c.decision.hoursPerWeek} ${t('hoursPerWeek').toLowerCase()}` : ''}
          {c.planHoursPerWeek !== null && c.decision.frame ? ` · ${t('adjust')}: ${c.planHoursPerWeek}` : ''}
        </Paragraph>
      )}
    </div>
  );
}

export function CaseView({ id }: { id: string; me: Me }) {
  const { t } = useI18n();
  const { data: c, history, reload } = useCase(id);
  if (!c) return <Spinner aria-label={t('loading')} />;
  const may = (type: string) => (c.allowedActions as readonly string[]).includes(type);
  return (
    <div className="stack">
      <Summary c={c} />
      {may('assessment_started') && <StartAssessment c={c} onDone={reload} />}
      {c.status === 'under_assessment' || c.status === 'under_reevaluation' ? (
        <>
          <AssessmentForm personId={c.person.id} today={osloDate()} onSaved={reload} />
          <Evaluation caseId={c.id} onDone={reload} />
        </>
      ) : null}
      {may('decision_made') && <DecisionForm key={c.version} c={c} today={osloDate()} onSaved={reload} />}
      {c.decision && <LetterPanel caseId={c.id} onIssued={reload} />}
      {may('service_arranged') && <ArrangeService c={c} today={osloDate()} onDone={reload} />}
      {may('plan_adjusted') && <AdjustPlan key={c.version} c={c} onDone={reload} />}
      {may('change_proposed') && <ChangeProposal c={c} onDone={reload} />}
      {may('complaint_received') && <ComplaintForm c={c} onDone={reload} />}
      {may('note_added') && <AddNote c={c} onDone={reload} />}
      <Timeline history={history} />
    </div>
  );
}
