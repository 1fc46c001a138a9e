/** The smaller commands of a case: start the assessment, order the service, adjust within the frame, add a note. */
import { Button, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { ActionForm } from './ActionForm.tsx';
import { appendAction, type CaseData } from './useCase.ts';

type Done = () => Promise<void>;

export function StartAssessment({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  return (
    <div>
      <Button
        onClick={async () => {
          await appendAction(c, { type: 'assessment_started', payload: {} });
          await onDone();
        }}
      >
        {t('startAssessment')}
      </Button>
    </div>
  );
}

export function ArrangeService({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  const [provider, setProvider] = useState('');
  const [startOn, setStartOn] = useState(today);
  useEffect(() => {
    void api.GET('/api/v1/organisation').then((r) => {
      const list = (r.data?.units ?? []).filter((u) => /provider|team/.test(u.kind));
      setUnits(list);
      setProvider(list[0]?.id ?? '');
    });
  }, []);
  const submit = async () => {
    await appendAction(c, { type: 'service_arranged', payload: { providerUnitId: provider, startOn } });
    await onDone();
  };
  return (
    <ActionForm title={t('arrangeTitle')} submitLabel={t('arrange')} onSubmit={submit} testId="arrange">
      {({ fieldError }) => (
        <div className="row">
          <Field>
            <Label>{t('provider')}</Label>
            <Select value={provider} onChange={(e) => setProvider(e.target.value)}>
              {units.map((u) => (
                <Select.Option key={u.id} value={u.id}>
                  {u.name}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield label={t('startOn')} type="date" value={startOn} onChange={(e) => setStartOn(e.target.value)} error={fieldError('startOn')} />
        </div>
      )}
    </ActionForm>
  );
}

export function AdjustPlan({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [hours, setHours] = useState(String(c.planHoursPerWeek ?? ''));
  const [change, setChange] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'plan_adjusted', payload: { hoursPerWeek: Number(hours), change } });
    await onDone();
  };
  return (
    <ActionForm title={t('adjustTitle')} submitLabel={t('adjust')} onSubmit={submit} testId="adjust">
      {({ fieldError }) => (
        <>
          <Textfield label={t('hoursPerWeek')} type="number" min={0} step={0.5} value={hours} onChange={(e) => setHours(e.target.value)} error={fieldError('hoursPerWeek')} />
          <Textfield multiline rows={2} label={t('change')} value={change} onChange={(e) => setChange(e.target.value)} error={fieldError('change')} />
        </>
      )}
    </ActionForm>
  );
}

export function AddNote({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'note_added', payload: { text } });
    setText('');
    await onDone();
  };
  return (
    <ActionForm title={t('noteTitle')} submitLabel={t('addNote')} onSubmit={submit}>
      {({ fieldError }) => <Textfield multiline rows={2} label={t('noteTitle')} value={text} onChange={(e) => setText(e.target.value)} error={fieldError('text')} />}
    </ActionForm>
  );
}
