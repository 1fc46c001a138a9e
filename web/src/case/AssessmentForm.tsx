/**
 * The assessment (kartlegging): every IPLOS variable the API defines with the score texts in the
 * chosen language and "not assessed" as the default (a variable left out is unknown to the criteria,
 * src/domain/criteria/compile.ts), the date, who took part, "what matters to you?", and the
 * questions of the criteria set in force for the case's service. Editing starts from the latest
 * saved assessment, and saving records a new one that follows it.
 */
import { Button, Field, Fieldset, Label, Paragraph, Radio, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../api/client.ts';
import type { paths } from '../api/schema';
import { useI18n, type Lang } from '../i18n.tsx';
import { CASE_ROUTE } from '../routes.ts';
import type { Reply } from '../session.ts';
import { ActionForm } from './ActionForm.tsx';

type AssessmentBody = NonNullable<paths['/api/v1/persons/{id}/assessments']['post']['requestBody']>['content']['application/json'];
type Iplos = Reply<'/api/v1/iplos/variables', 'get'>;
type Assessment = Reply<'/api/v1/persons/{id}/assessments', 'get'>['assessments'][number];
type Questions = Reply<'/api/v1/criteria-sets', 'get'>[number]['rules']['answers'];
/** An IPLOS score: 1–5, or 9 where the function is not relevant. */
type Score = NonNullable<AssessmentBody['scores']>[string];
type Answer = boolean | number | string;

const SCORES = [1, 2, 3, 4, 5, 9] as const satisfies readonly Score[];
const GROUPS = ['social', 'household', 'personal_care', 'mobility', 'senses'] as const;

/** The score chosen, or undefined for "not assessed". */
function score(value: string): Score | undefined {
  return SCORES.find((n) => String(n) === value);
}

interface Participant {
  name: string;
  profession: string;
}

interface Loaded {
  readonly iplos: Iplos;
  readonly latest: Assessment | undefined;
  readonly questions: Questions;
  /** The assessor, as the first participant of a first assessment. */
  readonly me: Participant;
}

/** The case the form belongs to: the props where given, else the case open in the route (and its service, read from the API). */
function useCaseOf(caseId: string | undefined, serviceCode: string | undefined) {
  const routed = CASE_ROUTE.exec(window.location.hash.replace(/^#/, ''))?.[1];
  const id = caseId ?? routed;
  const [service, setService] = useState(serviceCode);
  useEffect(() => {
    if (serviceCode || !id) return;
    void api.GET('/api/v1/cases/{id}', { params: { path: { id } } }).then((r) => setService(r.data?.serviceCode));
  }, [id, serviceCode]);
  return { caseId: id, serviceCode: serviceCode ?? service };
}

async function load(personId: string, serviceCode: string | undefined): Promise<Loaded> {
  const [iplos, list, sets, me, org] = await Promise.all([
    api.GET('/api/v1/iplos/variables'),
    api.GET('/api/v1/persons/{id}/assessments', { params: { path: { id: personId } } }),
    serviceCode ? api.GET('/api/v1/criteria-sets', { params: { query: { service: serviceCode as 'home_nursing' } } }) : Promise.resolve(null),
    api.GET('/api/v1/me'),
    api.GET('/api/v1/organisation'),
  ]);
  const inForce = sets?.data?.find((s) => s.status === 'in_force');
  const profession = org.data?.staff.find((s) => s.id === me.data?.staffId)?.profession ?? '';
  return { iplos: ok(iplos), latest: ok(list).assessments.at(-1), questions: inForce?.rules.answers ?? {}, me: { name: me.data?.displayName ?? '', profession } };
}

function IplosFields({ iplos, scores, set }: { iplos: Iplos; scores: Record<string, Score | undefined>; set: (code: string, s: Score | undefined) => void }) {
  const { t, lang } = useI18n();
  const meaning = (n: Score) => (iplos.scores as Record<string, Record<Lang, string>>)[String(n)]?.[lang] ?? '';
  return (
    <Fieldset data-testid="iplos">
      <Fieldset.Legend>{t('iplosScores')}</Fieldset.Legend>
      <Fieldset.Description>{t('iplosHelp')}</Fieldset.Description>
      {GROUPS.map((g) => (
        <Fieldset key={g}>
          <Fieldset.Legend>{t(`iplosGroup_${g}`)}</Fieldset.Legend>
          <div className="score-grid">
            {iplos.variables
              .filter((v) => v.group === g)
              .map((v) => (
                <Field key={v.code}>
                  <Label>{v.name[lang]}</Label>
                  <Select data-code={v.code} value={String(scores[v.code] ?? '')} onChange={(e) => set(v.code, score(e.target.value))}>
                    <Select.Option value="">{t('scoreNotAssessed')}</Select.Option>
                    {SCORES.map((n) => (
                      <Select.Option key={n} value={String(n)}>
                        {n} – {meaning(n)}
                      </Select.Option>
                    ))}
                  </Select>
                </Field>
              ))}
          </div>
        </Fieldset>
      ))}
    </Fieldset>
  );
}

/** Who took part: name and profession per person (two or more professions make a joint visit). */
function ParticipantFields({ participants, set, fieldError }: { participants: Participant[]; set: (p: Participant[]) => void; fieldError: (f: string) => string | undefined }) {
  const { t } = useI18n();
  const change = (i: number, p: Partial<Participant>) => set(participants.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <Fieldset data-testid="participants">
      <Fieldset.Legend>{t('assessmentParticipants')}</Fieldset.Legend>
      {participants.map((p, i) => (
        <div className="row" key={i}>
          <Textfield label={`${t('participantName')} (${i + 1})`} value={p.name} onChange={(e) => change(i, { name: e.target.value })} error={fieldError(`participants.${i}.name`)} />
          <Textfield label={`${t('participantProfession')} (${i + 1})`} value={p.profession} onChange={(e) => change(i, { profession: e.target.value })} error={fieldError(`participants.${i}.profession`)} />
          <div>
            <Button type="button" variant="tertiary" onClick={() => set(participants.filter((_, j) => j !== i))}>
              {t('removeParticipant')} ({i + 1})
            </Button>
          </div>
        </div>
      ))}
      <div>
        <Button type="button" variant="secondary" onClick={() => set([...participants, { name: '', profession: '' }])}>
          {t('addParticipant')}
        </Button>
      </div>
    </Fieldset>
  );
}

function Question({ id, q, value, set }: { id: string; q: Questions[string]; value: Answer | undefined; set: (v: Answer | undefined) => void }) {
  const { t, lang } = useI18n();
  // The criteria set words its questions in bokmål and nynorsk; English reads the bokmål.
  const label = lang === 'nn' ? q.label.nn : q.label.nb;
  if (q.type !== 'boolean') {
    const number = q.type === 'number';
    return <Textfield label={label} type={number ? 'number' : 'text'} value={value === undefined ? '' : String(value)} onChange={(e) => set(e.target.value === '' ? undefined : number ? Number(e.target.value) : e.target.value)} />;
  }
  const choices: [string, Answer | undefined][] = [
    ['answerYes', true],
    ['answerNo', false],
    ['answerNotAnswered', undefined],
  ];
  return (
    <Fieldset data-question={id}>
      <Fieldset.Legend>{label}</Fieldset.Legend>
      <div className="row">
        {choices.map(([key, v]) => (
          <Radio key={key} name={`answer-${id}`} value={String(v)} label={t(key as 'answerYes')} checked={value === v} onChange={() => set(v)} />
        ))}
      </div>
    </Fieldset>
  );
}

function QuestionFields({ questions, answers, set }: { questions: Questions; answers: Record<string, Answer | undefined>; set: (a: Record<string, Answer | undefined>) => void }) {
  const { t } = useI18n();
  const entries = Object.entries(questions);
  return (
    <Fieldset data-testid="criteria-questions">
      <Fieldset.Legend>{t('criteriaQuestions')}</Fieldset.Legend>
      <Fieldset.Description>{entries.length ? t('criteriaQuestionsHelp') : t('noCriteriaQuestions')}</Fieldset.Description>
      {entries.map(([id, q]) => (
        <Question key={id} id={id} q={q} value={answers[id]} set={(v) => set({ ...answers, [id]: v })} />
      ))}
    </Fieldset>
  );
}

/** Only what was given: variables not assessed, questions not answered and empty participants are left out. */
function defined<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, T] => e[1] !== undefined));
}

export function AssessmentForm(props: { personId: string; today: string; onSaved: () => Promise<void>; caseId?: string; serviceCode?: string }) {
  const { personId, today, onSaved } = props;
  const { caseId, serviceCode } = useCaseOf(props.caseId, props.serviceCode);
  const [data, setData] = useState<Loaded | null>(null);
  useEffect(() => {
    let current = true;
    void load(personId, serviceCode).then((d) => current && setData(d));
    return () => {
      current = false;
    };
  }, [personId, serviceCode]);
  if (!data) return null;
  return <AssessmentFields key={serviceCode ?? ''} data={data} personId={personId} caseId={caseId} today={today} onSaved={onSaved} />;
}

function AssessmentFields({ data, personId, caseId, today, onSaved }: { data: Loaded; personId: string; caseId: string | undefined; today: string; onSaved: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const latest = data.latest;
  const [assessedOn, setAssessedOn] = useState(today);
  const [scores, setScores] = useState<Record<string, Score | undefined>>(() => ({ ...(latest?.scores as Record<string, Score> | undefined) }));
  const [whatMatters, setWhatMatters] = useState(latest?.whatMatters ?? '');
  const [missingReason, setMissingReason] = useState(latest?.whatMattersMissingReason ?? '');
  const [participants, setParticipants] = useState<Participant[]>(latest?.participants.length ? latest.participants.map((p) => ({ name: p.name, profession: p.profession })) : [data.me]);
  const known = (a: Record<string, Answer>) => Object.fromEntries(Object.entries(a).filter(([k]) => k in data.questions));
  const [answers, setAnswers] = useState<Record<string, Answer | undefined>>(() => known(latest?.answers ?? {}));
  // A save keeps what was entered on screen; the next save follows the one just made.
  const [previousId, setPreviousId] = useState(latest?.id);
  const submit = async () => {
    // "What matters to you?" starts every assessment (domain reference §7): its words, or why they are missing.
    if (!whatMatters.trim() && !missingReason.trim()) {
      throw new ApiProblem({ status: 400, detail: t('whatMattersRequired'), errors: [{ field: 'whatMatters', message: t('whatMattersRequired') }] });
    }
    const body: AssessmentBody = {
      complete: true,
      assessedOn,
      ...(caseId ? { caseId } : {}),
      ...(previousId ? { previousId } : {}),
      scores: defined(scores),
      ...(whatMatters.trim() ? { whatMatters } : {}),
      ...(!whatMatters.trim() && missingReason.trim() ? { whatMattersMissingReason: missingReason } : {}),
      participants: participants.filter((p) => p.name.trim() || p.profession.trim()),
      answers: defined(answers),
    };
    const saved = ok(await api.POST('/api/v1/persons/{id}/assessments', { params: { path: { id: personId }, header: commandHeaders() }, body }));
    setPreviousId(saved.id);
    await onSaved();
  };
  const labels = { assessedOn: t('assessedOn'), whatMatters: t('whatMatters'), participants: t('assessmentParticipants'), name: t('participantName'), profession: t('participantProfession') };
  return (
    <ActionForm title={t('assessmentTitle')} submitLabel={t('saveAssessment')} onSubmit={submit} testId="assessment" labels={labels}>
      {({ fieldError }) => (
        <>
          {latest && <Paragraph data-testid="assessment-prefilled">{t('assessmentPrefilled').replace('{date}', new Date(`${latest.assessedOn}T12:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nb-NO'))}</Paragraph>}
          <Textfield label={t('assessedOn')} type="date" max={today} value={assessedOn} onChange={(e) => setAssessedOn(e.target.value)} error={fieldError('assessedOn')} />
          <Textfield multiline rows={3} label={t('whatMatters')} description={t('whatMattersHelp')} value={whatMatters} onChange={(e) => setWhatMatters(e.target.value)} error={fieldError('whatMatters')} />
          {(fieldError('whatMatters') || missingReason) && (
            <Textfield multiline rows={2} label={t('whatMattersMissing')} value={missingReason} onChange={(e) => setMissingReason(e.target.value)} error={fieldError('whatMattersMissingReason')} />
          )}
          <IplosFields iplos={data.iplos} scores={scores} set={(code, s) => setScores({ ...scores, [code]: s })} />
          <ParticipantFields participants={participants} set={setParticipants} fieldError={fieldError} />
          <QuestionFields questions={data.questions} answers={answers} set={setAnswers} />
        </>
      )}
    </ActionForm>
  );
}
