/**
 * Merging one unit into another of the same kind from a date: first a preview of what moves (staff
 * by name; open cases and tasks as counts, since the administrator sees no personal data; areas and
 * routing rules that will point to the receiving unit), then the merge with its reason. A merge from
 * a later day is scheduled and applied on the day.
 */
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm, ProblemAlert } from '../../case/ActionForm.tsx';
import { Pick } from '../../case/LifecycleFields.tsx';
import { osloDate } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';
import { dayWords, namer, notEnded, unitKindWords, type Done, type MergePreview, type Organisation } from './adminData.ts';
import { ReasonField, requireChoice, DateField } from './fields.tsx';

interface Choice {
  readonly fromUnitId: string;
  readonly intoUnitId: string;
  readonly effectiveOn: string;
}

function PreviewList({ preview, intoName }: { preview: MergePreview; intoName: string }) {
  const { t } = useI18n();
  const count = (key: Parameters<typeof t>[0], n: number) => t(key).replace('{n}', String(n));
  return (
    <section className="panel stack" aria-labelledby="merge-preview-title" data-testid="merge-preview">
      <Heading level={3} data-size="xs" id="merge-preview-title">
        {t('adminMergeMoves')}
      </Heading>
      <Paragraph>{t('adminMergeStaffMoving').replace('{unit}', intoName)}</Paragraph>
      {preview.staffMoving.length === 0 ? (
        <Paragraph>{t('adminMergeNoStaff')}</Paragraph>
      ) : (
        <ul data-testid="merge-staff">
          {preview.staffMoving.map((s) => (
            <li key={s.id}>
              {s.displayName}
              {s.alreadyInReceivingUnit && ` (${t('adminMergeAlreadyThere')})`}
            </li>
          ))}
        </ul>
      )}
      <ul data-testid="merge-counts">
        <li>{count('adminMergeCases', preview.openCasesMoving)}</li>
        <li>{count('adminMergeItems', preview.openWorkItemsMoving)}</li>
        <li>{count('adminMergeAreas', preview.areasRepointed)}</li>
        <li>{count('adminMergeRules', preview.routingRulesRepointed)}</li>
      </ul>
    </section>
  );
}

function Confirm({ choice, onDone }: { choice: Choice; onDone: (r: { scheduled: boolean }) => Promise<void> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = async () => {
    const r = ok(await api.POST('/api/v1/organisation/merges', { params: { header: commandHeaders() }, body: { ...choice, reason: reason.trim() } }));
    await onDone(r);
  };
  return (
    <ActionForm title={t('adminMergeConfirm')} submitLabel={t('adminMergeConfirm')} onSubmit={submit} level={3} testId="merge-confirm" labels={{ reason: t('adminReason') }}>
      {({ fieldError }) => <ReasonField required value={reason} onChange={setReason} error={fieldError('reason')} />}
    </ActionForm>
  );
}

function useMergePreview(choice: Choice) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    try {
      requireChoice(choice.fromUnitId, 'fromUnitId', t('adminChooseUnit'));
      requireChoice(choice.intoUnitId, 'intoUnitId', t('adminChooseUnit'));
      setPreview(ok(await api.POST('/api/v1/organisation/merges/preview', { body: choice })));
      setProblem(null);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setPreview(null);
      setProblem(error);
    }
  };
  return { preview, problem, ask, clear: () => setPreview(null) };
}

/** `fromUnitId`: the unit to merge, where the administrator came from ending it. */
export function MergeSection({ org, onChanged, fromUnitId = '' }: { org: Organisation; onChanged: Done; fromUnitId?: string }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<Choice>({ fromUnitId, intoUnitId: '', effectiveOn: osloDate() });
  const [done, setDone] = useState<{ scheduled: boolean; effectiveOn: string } | null>(null);
  const { preview, problem, ask, clear } = useMergePreview(choice);
  const units = org.units.filter((u) => notEnded(u, osloDate()));
  const from = units.find((u) => u.id === choice.fromUnitId);
  const sameKind = units.filter((u) => from && u.kind === from.kind && u.id !== from.id);
  const change = (c: Partial<Choice>) => {
    setChoice((x) => ({ ...x, ...c }));
    setDone(null);
    clear();
  };
  const onMerged = async (r: { scheduled: boolean }) => {
    setDone({ scheduled: r.scheduled, effectiveOn: choice.effectiveOn });
    setChoice({ fromUnitId: '', intoUnitId: '', effectiveOn: osloDate() });
    clear();
    await onChanged();
  };
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('adminMerge')}
      </Heading>
      <Paragraph data-size="sm">{t('adminMergeHelp')}</Paragraph>
      {done && (
        <Alert data-color="success" data-testid="merge-done">
          {done.scheduled ? t('adminMergeScheduled').replace('{date}', dayWords(done.effectiveOn)) : t('adminMergeDone')}
        </Alert>
      )}
      <form className="panel stack" onSubmit={ask} noValidate aria-label={t('adminMergePreview')} data-testid="merge-choose">
        <Pick label={t('adminMergeFrom')} value={choice.fromUnitId} onChange={(v) => change({ fromUnitId: v, intoUnitId: '' })} options={units.map((u) => ({ id: u.id, name: `${u.name} (${unitKindWords(t, u.kind)})` }))} none={t('adminChoose')} error={problem?.fieldError('fromUnitId')} />
        <Pick label={t('adminMergeInto')} value={choice.intoUnitId} onChange={(v) => change({ intoUnitId: v })} options={sameKind} none={from ? t('adminChoose') : t('adminMergeChooseFromFirst')} error={problem?.fieldError('intoUnitId')} />
        <DateField label={t('adminMergeOn')} value={choice.effectiveOn} onChange={(v) => change({ effectiveOn: v })} error={problem?.fieldError('effectiveOn')} />
        {problem && <ProblemAlert problem={problem} labels={{ fromUnitId: t('adminMergeFrom'), intoUnitId: t('adminMergeInto'), effectiveOn: t('adminMergeOn') }} />}
        <div>
          <Button type="submit" variant="secondary">
            {t('adminMergePreview')}
          </Button>
        </div>
      </form>
      {preview && (
        <>
          <PreviewList preview={preview} intoName={namer(org.units, '')(preview.intoUnitId)} />
          <Confirm choice={choice} onDone={onMerged} />
        </>
      )}
    </div>
  );
}
