/**
 * A vacated place offered to the person from the waiting list (made on the Venteliste view): what
 * the offer said in the history and on its work item, and the form that records the person's answer
 * (place_offer_answered). The case view has no offer field of its own: the open item
 * `place_offer:<seq>` carries the offer's seq in its key and the answer date in dueOn.
 */
import { Fieldset, Paragraph, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { ApiProblem } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { placeTypeKey } from '../labels.ts';
import { ActionForm } from './ActionForm.tsx';
import { appendAction, entryAt, type CaseData, type Entry, type HistoryEntry } from './useCase.ts';

type T = (k: Key) => string;
type Item = CaseData['workItems'][number];

/** The open offer's item and its seq, read from the key `place_offer:<seq>`. */
export function openOffer(c: CaseData): { item: Item; seq: number } | null {
  for (const item of c.workItems) {
    const m = /^place_offer:(\d+)$/.exec(item.key);
    if (item.kind === 'place_offer' && m) return { item, seq: Number(m[1]) };
  }
  return null;
}

/** The offer in words: the kind of place, where the person stood in the priority order, and why them. */
export function offerWords(t: T, p: Entry<'place_offered'>['payload']): string {
  return `${t(placeTypeKey(p.placeType))} · ${t('offerRank')}: ${p.rank} (${t('priorityGroup')} ${p.priorityGroup}) · ${t('answerBy')}: ${p.answerBy} · «${p.reason}»`;
}

/** What an offer or an answer adds to its line in the history (the reasons for those passed over included). */
export function placeEntryDetail(a: Entry<'place_offered'> | Entry<'place_offer_answered'>, t: T): string {
  if (a.type === 'place_offer_answered') {
    const answer = t(a.payload.accepted ? 'offerAccepted' : 'offerDeclined');
    return a.payload.note ? `${answer} («${a.payload.note}»)` : answer;
  }
  const passed = a.payload.passedOver.map((p) => `${p.caseNumber} («${p.reason}»)`).join('; ');
  return passed ? `${offerWords(t, a.payload)} · ${t('passedOver')}: ${passed}` : offerWords(t, a.payload);
}

/** The line under the open offer's work item. */
export function OfferDetail({ seq, history }: { seq: number; history: readonly HistoryEntry[] }) {
  const { t } = useI18n();
  const offered = entryAt(history, 'place_offered', seq);
  return offered ? <Paragraph data-size="sm">{offerWords(t, offered.payload)}</Paragraph> : null;
}

export function PlaceOfferAnswer({ c, history, onDone }: { c: CaseData; history: readonly HistoryEntry[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [accepted, setAccepted] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const open = openOffer(c);
  if (!open) return null;
  const offered = entryAt(history, 'place_offered', open.seq);
  const submit = async () => {
    if (accepted === null) throw new ApiProblem({ status: 400, detail: t('chooseOfferAnswer'), errors: [{ field: 'accepted', message: t('chooseOfferAnswer') }] });
    await appendAction(c, { type: 'place_offer_answered', payload: { offerSeq: open.seq, accepted, ...(note.trim() ? { note: note.trim() } : {}) } });
    await onDone();
  };
  return (
    <ActionForm title={t('offerAnswerTitle')} submitLabel={t('registerOfferAnswer')} onSubmit={submit} testId="place-offer-answer">
      {({ fieldError }) => (
        <>
          {offered && <Paragraph>{offerWords(t, offered.payload)}</Paragraph>}
          <Paragraph data-size="sm">{t('offerAnswerHelp')}</Paragraph>
          <Fieldset>
            <Fieldset.Legend>{t('offerAnswerQuestion')}</Fieldset.Legend>
            <Radio name="place-offer-answer" value="yes" label={t('offerAccepted')} checked={accepted === true} onChange={() => setAccepted(true)} aria-invalid={fieldError('accepted') ? true : undefined} />
            <Radio name="place-offer-answer" value="no" label={t('offerDeclined')} checked={accepted === false} onChange={() => setAccepted(false)} aria-invalid={fieldError('accepted') ? true : undefined} />
            {fieldError('accepted') && <ValidationMessage>{fieldError('accepted')}</ValidationMessage>}
          </Fieldset>
          <Textfield multiline rows={2} label={t('offerNote')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError('note')} />
        </>
      )}
    </ActionForm>
  );
}
