/** Small fields the lifecycle panels share: a choice among codes shown in words, and a pick of staff or units. */
import { Field, Fieldset, Label, Radio, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useMemo } from 'react';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { useOrganisation } from './useUnits.ts';

export type Done = () => Promise<void>;
export type Staff = Reply<'/api/v1/organisation', 'get'>['staff'][number];

/** One code of several, each shown by its words (never the code itself). */
export function Choice<T extends string>(props: { legend: string; name: string; options: readonly T[]; value: T; onChange: (v: T) => void; words: (o: T) => Key; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <Fieldset>
      <Fieldset.Legend>{props.legend}</Fieldset.Legend>
      {props.options.map((o) => (
        <Radio key={o} name={props.name} value={o} label={t(props.words(o))} checked={props.value === o} onChange={() => props.onChange(o)} />
      ))}
      {props.error && <ValidationMessage>{props.error}</ValidationMessage>}
    </Fieldset>
  );
}

/** A pick among named things (staff, units, entries); `none` adds an empty first choice with those words. */
export function Pick(props: { label: string; value: string; onChange: (v: string) => void; options: readonly { id: string; name: string }[]; none?: string; error?: string | undefined }) {
  return (
    <Field>
      <Label>{props.label}</Label>
      <Select value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-invalid={props.error ? true : undefined}>
        {props.none !== undefined && <Select.Option value="">{props.none}</Select.Option>}
        {props.options.map((o) => (
          <Select.Option key={o.id} value={o.id}>
            {o.name}
          </Select.Option>
        ))}
      </Select>
      {props.error && <ValidationMessage>{props.error}</ValidationMessage>}
    </Field>
  );
}

/** The municipality's active staff (the shared organisation); empty until loaded. */
export function useStaff(): Staff[] {
  const staff = useOrganisation().data?.staff;
  return useMemo(() => (staff ?? []).filter((s) => s.active), [staff]);
}

/** A staff member as a choice: the name, with the profession where known. */
export const staffOption = (s: Staff) => ({ id: s.id, name: s.profession ? `${s.displayName} (${s.profession})` : s.displayName });
