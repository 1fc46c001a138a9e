/**
 * Offering a vacated place to a person on the waiting list (POST /waiting-lists/offers): why them,
 * when they should answer, and for everyone ahead of them in the priority order why they are not
 * offered it. The server holds the order: when it finds someone ahead without a reason, each empty
 * reason field says so, and the server's own words show under the form.
 */
import { Fieldset, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok, type ApiProblem } from '../api/client.ts';
import { ActionForm } from '../case/ActionForm.tsx';
import { useI18n, type Lang } from '../i18n.tsx';
import { fieldText } from '../problems.ts';
import type { PlaceType } from '../labels.ts';
import type { Reply } from '../session.ts';

export type ListEntry = Reply<'/api/v1/waiting-lists', 'get'>['waiting'][number];
export type Offered = Reply<'/api/v1/waiting-lists/offers', 'post', 201> & { readonly caseNumber: string; readonly personName: string };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The refusal of exactly this body field (not one nested under another, such as passedOver.0.reason), in the user's language. */
function exactError(problem: ApiProblem | null, field: string, lang: Lang): string | undefined {
  const found = problem?.problem.errors?.find((e) => e.field === field);
  return found && fieldText(lang, found);
}

function PassedOver({ ahead, why, setWhy, problem }: { ahead: readonly ListEntry[]; why: Record<string, string>; setWhy: (w: Record<string, string>) => void; problem: ApiProblem | null }) {
  const { t } = useI18n();
  const refused = problem?.problem.errors?.some((e) => e.field === 'passedOver' || e.field.startsWith('passedOver.')) ?? false;
  return (
    <Fieldset>
      <Fieldset.Legend>{t('passedOverTitle')}</Fieldset.Legend>
      <Fieldset.Description>{t('passedOverHelp')}</Fieldset.Description>
      {ahead.map((e, i) => {
        const value = why[e.caseId] ?? '';
        return (
          <Textfield
            key={e.id}
            multiline
            rows={2}
            required
            label={`${t('whyNotOffered')}: ${i + 1}. ${e.caseNumber} ${e.personName}`}
            value={value}
            onChange={(ev) => setWhy({ ...why, [e.caseId]: ev.target.value })}
            error={refused && !value.trim() ? t('passedOverRequired') : undefined}
          />
        );
      })}
    </Fieldset>
  );
}

export function OfferForm({ entry, ahead, placeType, today, onOffered }: { entry: ListEntry; ahead: readonly ListEntry[]; placeType: PlaceType; today: string; onOffered: (o: Offered) => Promise<void> }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [answerBy, setAnswerBy] = useState(addDays(today, 7));
  const [why, setWhy] = useState<Record<string, string>>({});
  const submit = async () => {
    // Only the reasons given: the server names anyone ahead who is left without one.
    const passedOver = ahead.flatMap((e) => {
      const text = why[e.caseId]?.trim();
      return text ? [{ caseId: e.caseId, reason: text }] : [];
    });
    const r = await api.POST('/api/v1/waiting-lists/offers', { params: { header: commandHeaders() }, body: { caseId: entry.caseId, placeType, answerBy, reason, passedOver } });
    await onOffered({ ...ok(r), caseNumber: entry.caseNumber, personName: entry.personName });
  };
  return (
    <ActionForm title={`${t('offerPlaceTo')} ${entry.personName}`} submitLabel={t('sendOffer')} onSubmit={submit} testId={`offer-${entry.caseNumber}`} level={4}>
      {({ problem }) => (
        <>
          <Textfield multiline rows={2} label={t('offerReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={exactError(problem, 'reason', lang)} />
          <Textfield label={t('answerBy')} type="date" value={answerBy} onChange={(e) => setAnswerBy(e.target.value)} error={exactError(problem, 'answerBy', lang)} />
          {ahead.length > 0 && <PassedOver ahead={ahead} why={why} setWhy={setWhy} problem={problem} />}
        </>
      )}
    </ActionForm>
  );
}
