/** The assessment: IPLOS scores for the functions that matter most here, "what matters to you?", and the criteria answers. */
import { Checkbox, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../api/client.ts';
import type { paths } from '../api/schema';
import { useI18n } from '../i18n.tsx';
import { ActionForm } from './ActionForm.tsx';

const FUNCTIONS: { id: string; nb: string; nn: string; en: string }[] = [
  { id: 'household_tasks', nb: 'Alminnelig husarbeid', nn: 'Vanleg husarbeid', en: 'Household tasks' },
  { id: 'shopping', nb: 'Skaffe seg varer og tjenester', nn: 'Skaffe seg varer og tenester', en: 'Shopping' },
  { id: 'cooking', nb: 'Lage mat', nn: 'Lage mat', en: 'Cooking' },
  { id: 'personal_hygiene', nb: 'Personlig hygiene', nn: 'Personleg hygiene', en: 'Personal hygiene' },
  { id: 'dressing', nb: 'Av- og påkledning', nn: 'Av- og påkledning', en: 'Dressing' },
  { id: 'moving_indoors', nb: 'Bevege seg innendørs', nn: 'Bevege seg innandørs', en: 'Moving indoors' },
  { id: 'memory', nb: 'Hukommelse', nn: 'Hugs', en: 'Memory' },
];

type AssessmentBody = NonNullable<paths['/api/v1/persons/{id}/assessments']['post']['requestBody']>['content']['application/json'];
/** An IPLOS score: 1–5, or 9 where the function is not relevant. */
type Score = NonNullable<AssessmentBody['scores']>[string];
const SCORES = [1, 2, 3, 4, 5, 9] as const satisfies readonly Score[];

function score(value: string): Score {
  return SCORES.find((n) => String(n) === value) ?? 1;
}

export function AssessmentForm({ personId, today, onSaved }: { personId: string; today: string; onSaved: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [scores, setScores] = useState<Record<string, Score>>(Object.fromEntries(FUNCTIONS.map((f): [string, Score] => [f.id, 1])));
  const [whatMatters, setWhatMatters] = useState('');
  const [profession, setProfession] = useState('Sykepleier');
  const [answers, setAnswers] = useState({ household_cannot_cover: true, other_adult_able: false, aids_not_tried: false });
  const submit = async () => {
    const body = { complete: true, assessedOn: today, scores, whatMatters, participants: [{ name: 'Saksbehandler', profession }], answers };
    ok(await api.POST('/api/v1/persons/{id}/assessments', { params: { path: { id: personId }, header: commandHeaders() }, body: body }));
    await onSaved();
  };
  return (
    <ActionForm title={t('assessmentTitle')} submitLabel={t('saveAssessment')} onSubmit={submit} testId="assessment">
      {({ fieldError }) => (
        <>
          <div className="score-grid">
            {FUNCTIONS.map((f) => (
              <Field key={f.id}>
                <Label>{f[lang]}</Label>
                <Select value={String(scores[f.id])} onChange={(e) => setScores({ ...scores, [f.id]: score(e.target.value) })}>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Select.Option key={n} value={String(n)}>
                      {n}
                    </Select.Option>
                  ))}
                  <Select.Option value="9">{t('scoreNotRelevant')}</Select.Option>
                </Select>
              </Field>
            ))}
          </div>
          <Textfield multiline rows={3} label={t('whatMatters')} description={t('whatMattersHelp')} value={whatMatters} onChange={(e) => setWhatMatters(e.target.value)} error={fieldError('whatMatters')} />
          <Textfield label={t('profession')} value={profession} onChange={(e) => setProfession(e.target.value)} />
          <Checkbox label={t('answerHouseholdCannot')} checked={answers.household_cannot_cover} onChange={(e) => setAnswers({ ...answers, household_cannot_cover: e.target.checked })} />
          <Checkbox label={t('answerOtherAdult')} checked={answers.other_adult_able} onChange={(e) => setAnswers({ ...answers, other_adult_able: e.target.checked })} />
          <Checkbox label={t('answerAidsNotTried')} checked={answers.aids_not_tried} onChange={(e) => setAnswers({ ...answers, aids_not_tried: e.target.checked })} />
        </>
      )}
    </ActionForm>
  );
}
