/**
 * What a decision grants and for how long, as its form demands (the server's rules in
 * src/domain/decision/validate.ts): hours for a time-fixed decision, tasks with norm times, a frame
 * with its maximum and goals, a place without hours; goals where the service requires them; an end
 * date or "until further notice", and the re-evaluation date.
 */
import { Fieldset, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useI18n, type Key } from '../i18n.tsx';

export interface Extent {
  form: string;
  hours: string;
  frameMax: string;
  goals: string;
  tasks: string;
  untilFurtherNotice: boolean;
  validTo: string;
}

export const emptyExtent = (form: string): Extent => ({ form, hours: '', frameMax: '', goals: '', tasks: '', untilFurtherNotice: true, validTo: '' });

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** "Medisiner; 15; 7" per line → a task with its norm time in minutes and times a week. */
function parseTasks(text: string) {
  return lines(text).map((line) => {
    const [task = '', minutes = '', perWeek = ''] = line.split(';').map((p) => p.trim());
    return { text: task, normMinutes: Number(minutes), ...(perWeek ? { perWeek: Number(perWeek) } : {}) };
  });
}

/** The payload fields of the extent: what the chosen form states, and the end. */
export function extentPayload(e: Extent, granted: boolean, goalsRequired: boolean) {
  if (!granted) return {};
  const goals = lines(e.goals);
  return {
    ...(e.form ? { form: e.form } : {}),
    // Under a frame, the hours are the action plan's at the start (within the frame), where stated.
    ...(e.form !== 'place' && e.hours !== '' ? { hoursPerWeek: Number(e.hours) } : {}),
    ...(e.form === 'norm_time' ? { tasks: parseTasks(e.tasks) } : {}),
    ...(e.form === 'frame' ? { frame: { maxHoursPerWeek: Number(e.frameMax), goals } } : {}),
    ...(goalsRequired && e.form !== 'frame' ? { goals } : {}),
    ...(e.untilFurtherNotice ? { untilFurtherNotice: true } : { validTo: e.validTo }),
  };
}

/**
 * What a frame decision must state before it is sent (the schema in src/domain/case/actions.ts and
 * the form rule in src/domain/decision/validate.ts): the most hours a week, at least one goal, and
 * the plan's starting hours within the frame.
 */
export function frameProblems(e: Extent, granted: boolean): { field: string; key: Key }[] {
  if (!granted || e.form !== 'frame') return [];
  const max = Number(e.frameMax);
  const problems: { field: string; key: Key }[] = [];
  if (e.frameMax.trim() === '' || !(max > 0)) problems.push({ field: 'frame.maxHoursPerWeek', key: 'frameMaxRequired' });
  if (lines(e.goals).length === 0) problems.push({ field: 'frame.goals', key: 'frameGoalsRequired' });
  if (e.hours !== '' && max > 0 && Number(e.hours) > max) problems.push({ field: 'hoursPerWeek', key: 'framePlanOverMax' });
  return problems;
}

/** A frame's maximum and goals, as the decision states them. */
export function FrameSummary({ frame, title }: { frame: { maxHoursPerWeek: number; goals: readonly string[] }; title?: string }) {
  const { t, lang } = useI18n();
  const hours = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nb-NO').format(frame.maxHoursPerWeek);
  return (
    <div className="stack" data-testid="frame-summary">
      {title && <Paragraph><strong>{title}</strong></Paragraph>}
      <Paragraph data-testid="frame-max">{t('frameSummaryMax').replace('{n}', hours)}</Paragraph>
      <Paragraph>{t('frameSummaryGoals')}:</Paragraph>
      <ul data-testid="frame-goals">
        {frame.goals.map((g, i) => (
          <li key={i}>{g}</li>
        ))}
      </ul>
    </div>
  );
}

type FieldError = (f: string) => string | undefined;

/** The frame: the most hours a week the team may give, the goals, and the plan's hours at the start. */
function FrameFields({ e, set, fieldError }: { e: Extent; set: (e: Extent) => void; fieldError: FieldError }) {
  const { t } = useI18n();
  return (
    <Fieldset data-testid="frame">
      <Fieldset.Legend>{t('frameTitle')}</Fieldset.Legend>
      <Fieldset.Description>{t('frameHelp')}</Fieldset.Description>
      <Textfield label={t('frameMax')} type="number" min={0.5} step={0.5} value={e.frameMax} onChange={(x) => set({ ...e, frameMax: x.target.value })} error={fieldError('frame.maxHoursPerWeek') ?? fieldError('frame')} />
      <Textfield multiline rows={3} label={t('goals')} value={e.goals} onChange={(x) => set({ ...e, goals: x.target.value })} error={fieldError('frame.goals') ?? fieldError('frame.goals.0')} />
      <Textfield label={t('framePlanHours')} type="number" min={0} step={0.5} value={e.hours} onChange={(x) => set({ ...e, hours: x.target.value })} error={fieldError('hoursPerWeek')} />
    </Fieldset>
  );
}

export function DecisionExtent({ e, set, forms, goalsRequired, fieldError }: { e: Extent; set: (e: Extent) => void; forms: readonly string[]; goalsRequired: boolean; fieldError: (f: string) => string | undefined }) {
  const { t } = useI18n();
  const formKey = (f: string) => `form_${f}` as 'form_time_fixed';
  return (
    <>
      {forms.length > 0 && (
        <Fieldset>
          <Fieldset.Legend>{t('form')}</Fieldset.Legend>
          {forms.map((f) => (
            <Radio key={f} name="decision-form" value={f} label={t(formKey(f))} checked={e.form === f} onChange={() => set({ ...e, form: f })} />
          ))}
        </Fieldset>
      )}
      {(e.form === 'time_fixed' || e.form === 'norm_time' || e.form === '') && (
        <Textfield label={t('hoursPerWeek')} type="number" min={0} step={0.5} value={e.hours} onChange={(x) => set({ ...e, hours: x.target.value })} error={fieldError('hoursPerWeek')} />
      )}
      {e.form === 'norm_time' && <Textfield multiline rows={3} label={t('tasks')} value={e.tasks} onChange={(x) => set({ ...e, tasks: x.target.value })} error={fieldError('tasks')} />}
      {e.form === 'frame' && <FrameFields e={e} set={set} fieldError={fieldError} />}
      {goalsRequired && e.form !== 'frame' && <Textfield multiline rows={3} label={t('goals')} value={e.goals} onChange={(x) => set({ ...e, goals: x.target.value })} error={fieldError('goals')} />}
      <Fieldset>
        <Fieldset.Legend>{t('duration')}</Fieldset.Legend>
        <Fieldset.Description>{t('durationHelp')}</Fieldset.Description>
        <Radio name="duration" value="ufn" label={t('untilFurtherNotice')} checked={e.untilFurtherNotice} onChange={() => set({ ...e, untilFurtherNotice: true })} />
        <Radio name="duration" value="end" label={t('endsOnChoice')} checked={!e.untilFurtherNotice} onChange={() => set({ ...e, untilFurtherNotice: false })} />
      </Fieldset>
      {!e.untilFurtherNotice && <Textfield label={t('validTo')} type="date" value={e.validTo} onChange={(x) => set({ ...e, validTo: x.target.value })} error={fieldError('validTo')} />}
    </>
  );
}
