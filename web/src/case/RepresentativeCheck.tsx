/**
 * The check of a representative's authority (forvaltningsloven § 12): when someone applied for the
 * person through the digital channel, the case says so plainly until the office has checked their
 * authority, with the form to record how and with what outcome for those the transition table lets
 * do it (representative_checked). The server refuses a decision and a low-threshold answer while the
 * check is pending, and their forms say so beforehand (RepresentativeCheckFirst). Once recorded, the outcome stays on the case: verified, or not (then contact the
 * person). Who applied and who checked come from the history when the staff member sees it.
 */
import { Alert, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { ApiProblem } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { ActionForm } from './ActionForm.tsx';
import { appendAction, type CaseData, type Entry, type FollowUp, type HistoryEntry } from './useCase.ts';

type Done = () => Promise<void>;
type Payload = Extract<FollowUp, { type: 'representative_checked' }>['payload'];
type Outcome = Payload['outcome'];
type How = Payload['how'];

// Every code once: `satisfies` fails to compile when the API gains or loses one.
const OUTCOMES = Object.keys({ verified: true, not_verified: true } satisfies Record<Outcome, true>) as Outcome[];
const HOWS = Object.keys({ document_seen: true, guardianship_register: true, person_confirmed: true, other: true } satisfies Record<How, true>) as How[];
const outcomeKey = (o: Outcome): Key => `repOutcome_${o}`;
const howKey = (h: How): Key => `repHow_${h}`;

function CheckForm({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  // No outcome is chosen beforehand: the one who checked says which it was.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [how, setHow] = useState<How>('document_seen');
  const [note, setNote] = useState('');
  const submit = async () => {
    if (!outcome) throw new ApiProblem({ status: 400, detail: t('repOutcomeRequired'), errors: [{ field: 'outcome', message: t('repOutcomeRequired') }] });
    await appendAction(c, { type: 'representative_checked', payload: { outcome, how, note } });
    await onDone();
  };
  return (
    <ActionForm title={t('repCheckRecord')} submitLabel={t('repCheckRecord')} onSubmit={submit} testId="representative-check-form" level={3}>
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('repOutcome')}</Fieldset.Legend>
            {OUTCOMES.map((o) => (
              <Radio key={o} name="representative-outcome" value={o} label={t(outcomeKey(o))} checked={outcome === o} onChange={() => setOutcome(o)} aria-invalid={fieldError('outcome') ? true : undefined} />
            ))}
            {fieldError('outcome') && <ValidationMessage>{fieldError('outcome')}</ValidationMessage>}
          </Fieldset>
          <Field>
            <Label>{t('repHow')}</Label>
            <Select value={how} onChange={(e) => setHow(HOWS.find((h) => h === e.target.value) ?? 'other')}>
              {HOWS.map((h) => (
                <Select.Option key={h} value={h}>
                  {t(howKey(h))}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield multiline rows={2} label={t('repNote')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError('note')} />
        </>
      )}
    </ActionForm>
  );
}

/** Who applied for the person and under what authority, from the request in the history. */
function SentBy({ history }: { history: readonly HistoryEntry[] }) {
  const { t } = useI18n();
  const request = history.find((e): e is Entry<'request_received'> => e.type === 'request_received');
  const rep = request?.payload.representative;
  if (!rep) return null;
  return (
    <Paragraph data-testid="representative-sent-by">
      {t('repSentBy')}: {rep.name} ({t(`authority_${rep.authority}`)})
    </Paragraph>
  );
}

/** The recorded outcome, and how and by whom it was checked when the history is there. */
function Checked({ outcome, history }: { outcome: Outcome; history: readonly HistoryEntry[] }) {
  const { t } = useI18n();
  const checked = history.filter((e): e is Entry<'representative_checked'> => e.type === 'representative_checked').at(-1);
  const verified = outcome === 'verified';
  return (
    <Alert data-color={verified ? 'success' : 'warning'} data-testid="representative-check-outcome">
      <Heading level={3} data-size="xs">
        {t(outcomeKey(outcome))}
      </Heading>
      <Paragraph>{t(verified ? 'repVerified' : 'repNotVerified')}</Paragraph>
      {checked && (
        <Paragraph data-size="sm">
          {t(howKey(checked.payload.how))}: «{checked.payload.note}» ({t('repCheckedBy')} {checked.actorName})
        </Paragraph>
      )}
    </Alert>
  );
}

/** In the forms the pending check stops (a decision, a low-threshold answer): that it must be recorded first. */
export function RepresentativeCheckFirst({ c }: { c: CaseData }) {
  const { t } = useI18n();
  if (c.representativeCheck?.outcome !== 'pending') return null;
  return (
    <Alert data-color="warning" data-testid="representative-check-first">
      <Paragraph>{t('repCheckFirst')}</Paragraph>
    </Alert>
  );
}

/** The representative check of the case, or nothing when the request was not sent by someone else through the digital channel. */
export function RepresentativeCheck({ c, history, onDone }: { c: CaseData; history: readonly HistoryEntry[]; onDone: Done }) {
  const { t } = useI18n();
  const check = c.representativeCheck;
  if (!check) return null;
  const mayRecord = c.allowedActions.includes('representative_checked');
  return (
    <section className="panel stack" aria-label={t('repCheckTitle')} data-testid="representative-check" data-outcome={check.outcome}>
      <Heading level={2} data-size="sm">
        {t('repCheckTitle')}
      </Heading>
      <SentBy history={history} />
      {check.outcome === 'pending' ? (
        <>
          <Alert data-color="warning" data-testid="representative-check-pending">
            <Heading level={3} data-size="xs">
              {t('repCheckPendingTitle')}
            </Heading>
            <Paragraph>{t('repCheckPending')}</Paragraph>
            <Paragraph data-size="sm">{t('repCheckLaw')}</Paragraph>
            {!mayRecord && <Paragraph data-size="sm">{t('repCheckWaits')}</Paragraph>}
          </Alert>
          {mayRecord && <CheckForm c={c} onDone={onDone} />}
        </>
      ) : (
        <Checked outcome={check.outcome} history={history} />
      )}
    </section>
  );
}
