/**
 * Consultations (drøfting) between the allocation office and a provider: asking one (to the provider
 * or the office, with a date for the answer), and for each open one its question, the answer (both
 * from the case view, so a provider with an order's view reads them too), and the forms to answer it
 * and to record the agreed outcome. Each form shows only when the transition table allows the action
 * now, and the answer form not to the one who asked.
 */
import { Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { CONSULTATION_OUTCOMES, consultationOutcomeKey, consultationPartyKey, type ConsultationOutcome, type ConsultationParty } from '../labels.ts';
import type { Me } from '../session.ts';
import { ActionForm } from './ActionForm.tsx';
import { appendAction, entryAt, type CaseData, type Entry, type HistoryEntry } from './useCase.ts';
import { isProviderUnit, unitName, type Unit } from './useUnits.ts';

type Done = () => Promise<void>;
type Consultation = CaseData['consultations'][number];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function RequestConsultation({ c, me, units, today, onDone }: { c: CaseData; me: Me; units: Unit[] | null; today: string; onDone: Done }) {
  const { t } = useI18n();
  // A provider asks the office; the office (or a team) asks the provider.
  const providerSide = me.roles.includes('provider_staff') && !me.roles.includes('caseworker');
  const [to, setTo] = useState<ConsultationParty>(providerSide ? 'allocation_office' : 'provider');
  const [providerUnitId, setProviderUnitId] = useState(c.providerUnitId ?? '');
  const [question, setQuestion] = useState('');
  const [answerBy, setAnswerBy] = useState(addDays(today, 14));
  const providers = (units ?? []).filter((u) => isProviderUnit(u) || u.id === c.providerUnitId);
  const submit = async () => {
    await appendAction(c, { type: 'consultation_requested', payload: { to, question, answerBy, ...(to === 'provider' && providerUnitId ? { providerUnitId } : {}) } });
    setQuestion('');
    await onDone();
  };
  return (
    <ActionForm title={t('requestConsultation')} submitLabel={t('sendQuestion')} onSubmit={submit} testId="consultation-request">
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('consultWith')}</Fieldset.Legend>
            {(['provider', 'allocation_office'] as const).map((o) => (
              <Radio key={o} name="consultation-to" value={o} label={t(consultationPartyKey(o))} checked={to === o} onChange={() => setTo(o)} />
            ))}
          </Fieldset>
          {to === 'provider' && (
            <Field>
              <Label>{t('consultProvider')}</Label>
              <Select value={providerUnitId} onChange={(e) => setProviderUnitId(e.target.value)} aria-invalid={fieldError('providerUnitId') ? true : undefined}>
                {!c.providerUnitId && <Select.Option value="">–</Select.Option>}
                {providers.map((u) => (
                  <Select.Option key={u.id} value={u.id}>
                    {u.name}
                  </Select.Option>
                ))}
              </Select>
              {fieldError('providerUnitId') && <ValidationMessage>{fieldError('providerUnitId')}</ValidationMessage>}
            </Field>
          )}
          <Textfield multiline rows={3} label={t('question')} value={question} onChange={(e) => setQuestion(e.target.value)} error={fieldError('question')} />
          <Textfield label={t('answerBy')} type="date" value={answerBy} onChange={(e) => setAnswerBy(e.target.value)} error={fieldError('answerBy')} />
        </>
      )}
    </ActionForm>
  );
}

function AnswerConsultation({ c, k, onDone }: { c: CaseData; k: Consultation; onDone: Done }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'consultation_answered', payload: { consultationSeq: k.seq, answer } });
    await onDone();
  };
  return (
    <ActionForm title={t('answerConsultation')} submitLabel={t('sendAnswer')} onSubmit={submit} testId={`consultation-answer-${k.seq}`} level={4}>
      {({ fieldError }) => <Textfield multiline rows={3} label={t('answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} error={fieldError('answer')} />}
    </ActionForm>
  );
}

function ConcludeConsultation({ c, k, onDone }: { c: CaseData; k: Consultation; onDone: Done }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<ConsultationOutcome>('no_change');
  const [summary, setSummary] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'consultation_concluded', payload: { consultationSeq: k.seq, outcome, summary } });
    await onDone();
  };
  return (
    <ActionForm title={t('concludeConsultation')} submitLabel={t('concludeConsultation')} onSubmit={submit} testId={`consultation-conclude-${k.seq}`} level={4}>
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('consultationOutcome')}</Fieldset.Legend>
            {CONSULTATION_OUTCOMES.map((o) => (
              <Radio key={o} name={`consultation-outcome-${k.seq}`} value={o} label={t(consultationOutcomeKey(o))} checked={outcome === o} onChange={() => setOutcome(o)} />
            ))}
          </Fieldset>
          <Textfield multiline rows={2} label={t('consultationSummary')} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError('summary')} />
        </>
      )}
    </ActionForm>
  );
}

/**
 * The consultation's question, the date for the answer, and the answer when there is one, from the
 * case view (an order's view has no history). Who asked and who answered come from the history when
 * the staff member sees it.
 */
function ConsultationText({ k, history, today }: { k: Consultation; history: readonly HistoryEntry[]; today: string }) {
  const { t } = useI18n();
  const asked = entryAt(history, 'consultation_requested', k.seq);
  const answered = history.filter((e): e is Entry<'consultation_answered'> => e.type === 'consultation_answered' && e.payload.consultationSeq === k.seq).at(-1);
  return (
    <>
      <Paragraph>
        {t('question')}: «{k.question}»{asked ? ` (${t('askedBy')} ${asked.actorName})` : ''} · {t('answerBy')}: {k.answerBy}{' '}
        {k.stage === 'requested' && today > k.answerBy && <Tag data-color="danger">{t('overdue')}</Tag>}
      </Paragraph>
      {k.answer !== null && (
        <Paragraph>
          {t('answer')}: «{k.answer}»{answered ? ` (${t('answeredBy')} ${answered.actorName})` : ''}
        </Paragraph>
      )}
    </>
  );
}

function OpenConsultation({ c, k, me, history, units, today, onDone }: { c: CaseData; k: Consultation; me: Me; history: readonly HistoryEntry[]; units: Unit[] | null; today: string; onDone: Done }) {
  const { t } = useI18n();
  // The one who asked does not answer their own question.
  const askedByMe = entryAt(history, 'consultation_requested', k.seq)?.actorStaffId === me.staffId;
  const party = k.to === 'provider' ? (unitName(units, k.providerUnitId ?? c.providerUnitId) ?? t('consultTo_provider')) : t('consultTo_allocation_office');
  const requested = k.stage === 'requested';
  return (
    <li className="stack" data-testid={`consultation-${k.seq}`}>
      <Heading level={3} data-size="xs">
        {t('consultWith')} {party} <Tag data-color={requested ? 'warning' : 'info'}>{t(requested ? 'consultationStage_requested' : 'consultationStage_answered')}</Tag>
      </Heading>
      <ConsultationText k={k} history={history} today={today} />
      {requested && !askedByMe && c.allowedActions.includes('consultation_answered') && <AnswerConsultation c={c} k={k} onDone={onDone} />}
      {c.access === 'full' && c.allowedActions.includes('consultation_concluded') && <ConcludeConsultation c={c} k={k} onDone={onDone} />}
    </li>
  );
}

/** The open consultations of the case, or nothing when there are none. */
export function Consultations({ c, me, history, units, today, onDone }: { c: CaseData; me: Me; history: readonly HistoryEntry[]; units: Unit[] | null; today: string; onDone: Done }) {
  const { t } = useI18n();
  if (c.consultations.length === 0 && !c.allowedActions.includes('consultation_requested')) return null;
  return (
    <section className="panel stack" aria-label={t('consultationsTitle')} data-testid="consultations">
      <Heading level={2} data-size="sm">
        {t('consultationsTitle')}
      </Heading>
      {c.consultations.length === 0 && <Paragraph>{t('noConsultations')}</Paragraph>}
      {c.consultations.length > 0 && (
        <ul className="plain-list stack">
          {c.consultations.map((k) => (
            <OpenConsultation key={k.seq} c={c} k={k} me={me} history={history} units={units} today={today} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}
