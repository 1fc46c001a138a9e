/**
 * The case's open work items (several may be open at once): kind, since or due, and who answers.
 * A follow-up a rule opened shows what it found (its summary in the history). An item that a
 * reasoned "no change" answers has a small form for it (follow_up_answered); a list review also
 * sets the next review date.
 */
import { Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { osloDate } from '../dates.ts';
import { useI18n } from '../i18n.tsx';
import { followUpKey, holderWords, kindKey } from '../labels.ts';
import { ActionForm } from './ActionForm.tsx';
import { OfferDetail, openOffer } from './PlaceOffer.tsx';
import { appendAction, entryAt, type CaseData, type HistoryEntry } from './useCase.ts';
import { unitName, type Unit } from './useUnits.ts';

type Item = CaseData['workItems'][number];

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function AnswerItem({ c, item, today, onDone }: { c: CaseData; item: Item; today: string; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [reasons, setReasons] = useState('');
  const listReview = item.kind === 'list_review';
  const [nextReviewBy, setNextReviewBy] = useState(addMonths(today, 3));
  const submit = async () => {
    await appendAction(c, { type: 'follow_up_answered', payload: { itemKey: item.key, reasons, ...(listReview && nextReviewBy ? { nextReviewBy } : {}) } });
    setReasons('');
    await onDone();
  };
  return (
    <ActionForm title={t('answerItem')} submitLabel={t('sendAnswer')} onSubmit={submit} testId={`answer-${item.key}`} level={3}>
      {({ fieldError }) => (
        <>
          <Textfield multiline rows={2} label={t('noChangeReasons')} value={reasons} onChange={(e) => setReasons(e.target.value)} error={fieldError('reasons')} />
          {listReview && <Textfield label={t('nextReviewBy')} type="date" value={nextReviewBy} onChange={(e) => setNextReviewBy(e.target.value)} error={fieldError('nextReviewBy')} />}
        </>
      )}
    </ActionForm>
  );
}

/** What a follow-up found, what a consultation asks, or what a place offer said, from the entry that opened it. */
function ItemDetail({ c, item, history }: { c: CaseData; item: Item; history: readonly HistoryEntry[] }) {
  const { t } = useI18n();
  const offer = openOffer(c);
  if (offer && offer.item.key === item.key) return <OfferDetail seq={offer.seq} history={history} />;
  const followUp = c.followUps.find((f) => item.key === `follow_up:${f.seq}`);
  if (followUp) {
    const opened = entryAt(history, 'follow_up_opened', followUp.seq);
    return (
      <Paragraph data-size="sm">
        {t(followUpKey(followUp.kind))}: {opened?.payload.summary ?? '–'}
      </Paragraph>
    );
  }
  // The question is on the case view, so an order's view (no history) shows it too.
  const consultation = c.consultations.find((k) => item.key === `consultation:${k.seq}`);
  return consultation ? <Paragraph data-size="sm">«{consultation.question}»</Paragraph> : null;
}

/** When the item is due (a dated item) or since when it waits, and when a dated item enters the queue. */
function itemTiming(item: Item, today: string, t: (k: 'dueOn' | 'since' | 'opensOn') => string): string {
  const when = item.dueOn ? `${t('dueOn')}: ${item.dueOn}` : `${t('since')}: ${osloDate(new Date(item.since))}`;
  return item.opensOn !== null && item.opensOn > today ? `${when} · ${t('opensOn')} ${item.opensOn}` : when;
}

function ItemRow({ c, item, history, units, today, mayAnswer, onDone }: { c: CaseData; item: Item; history: readonly HistoryEntry[]; units: Unit[] | null; today: string; mayAnswer: boolean; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const overdue = item.dueOn !== null && today > item.dueOn;
  return (
    <li className="stack" data-testid={`item-${item.key}`}>
      <div>
        <strong>{t(kindKey(item.kind))}</strong> · {itemTiming(item, today, t)} · {t('holder')}: {holderWords(t, item.holder, unitName(units, item.providerUnitId))}{' '}
        {overdue && <Tag data-color="danger">{t('overdue')}</Tag>}
      </div>
      <ItemDetail c={c} item={item} history={history} />
      {mayAnswer && item.answeredBy.includes('follow_up_answered') && <AnswerItem c={c} item={item} today={today} onDone={onDone} />}
    </li>
  );
}

export function WorkItems({ c, history, units, today, onDone }: { c: CaseData; history: readonly HistoryEntry[]; units: Unit[] | null; today: string; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const mayAnswer = c.allowedActions.includes('follow_up_answered');
  return (
    <section className="panel stack" aria-label={t('openItems')} data-testid="work-items">
      <Heading level={2} data-size="sm">
        {t('openItems')}
      </Heading>
      {c.workItems.length === 0 && <Paragraph>{t('noWorkItems')}</Paragraph>}
      {c.workItems.length > 0 && (
        <ul className="plain-list stack">
          {c.workItems.map((i) => (
            <ItemRow key={i.key} c={c} item={i} history={history} units={units} today={today} mayAnswer={mayAnswer} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}
