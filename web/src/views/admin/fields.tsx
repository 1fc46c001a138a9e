/** Fields the administrator's forms share: a set of checkboxes, a date (today by default) and the reason for a change. */
import { Checkbox, Fieldset, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { ApiProblem } from '../../api/client.ts';
import { osloDate } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';

/** Several of a list, each by its words; `error` under the group. */
export function Checks(props: { legend: string; options: readonly { id: string; name: string }[]; chosen: readonly string[]; onChange: (ids: string[]) => void; error?: string | undefined; description?: string; testId?: string }) {
  const { chosen, onChange } = props;
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <Fieldset data-testid={props.testId}>
      <Fieldset.Legend>{props.legend}</Fieldset.Legend>
      {props.description && <Fieldset.Description>{props.description}</Fieldset.Description>}
      {props.options.map((o) => (
        <Checkbox key={o.id} label={o.name} value={o.id} checked={chosen.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} aria-invalid={props.error ? true : undefined} />
      ))}
      {props.error && <ValidationMessage>{props.error}</ValidationMessage>}
    </Fieldset>
  );
}

/** A date (the forms start from today: the organisation's history is not rewritten). */
export function DateField(props: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const { t } = useI18n();
  return <Textfield type="date" label={props.label} description={t('adminFromTodayOn')} min={osloDate()} value={props.value} onChange={(e) => props.onChange(e.target.value)} error={props.error} />;
}

/** Why the change is made: kept in the log of changes. */
export function ReasonField(props: { value: string; onChange: (v: string) => void; error?: string | undefined; required?: boolean }) {
  const { t } = useI18n();
  return <Textfield multiline rows={2} label={props.required ? t('adminReason') : t('adminReasonOptional')} value={props.value} onChange={(e) => props.onChange(e.target.value)} error={props.error} />;
}

/** The reason as the API takes it: left out when empty (where it is optional). */
export function reasonOf(reason: string): { reason?: string } {
  const r = reason.trim();
  return r ? { reason: r } : {};
}

/** A refusal the form makes itself before sending: a required choice not made (words already in the user's language). */
export function requireChoice(value: string, field: string, words: string): void {
  if (!value) throw new ApiProblem({ status: 400, detail: words, errors: [{ field, message: words }] });
}
