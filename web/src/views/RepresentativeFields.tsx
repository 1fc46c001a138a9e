/** Who applies on the person's behalf and under what authority (forvaltningsloven § 12). */
import { Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useI18n, type Key } from '../i18n.tsx';

const AUTHORITIES = ['power_of_attorney', 'lawyer', 'guardian', 'parent'] as const;
type Change = (e: { target: { value: string } }) => void;
export type Authority = (typeof AUTHORITIES)[number];

/** The authority chosen in the form, as the API names it (a power of attorney unless another is chosen). */
export function authority(value: string): Authority {
  return AUTHORITIES.find((a) => a === value) ?? 'power_of_attorney';
}

export function RepresentativeFields(props: { name: string; authority: string; onName: Change; onAuthority: Change; error?: string }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <Textfield label={t('representativeName')} value={props.name} onChange={props.onName} error={props.error} />
      <RepresentativeAuthority authority={props.authority} onAuthority={props.onAuthority} />
    </div>
  );
}

/** The authority to act for the person: power of attorney, lawyer, guardian or parent. */
export function RepresentativeAuthority(props: { authority: string; onAuthority: Change }) {
  const { t } = useI18n();
  return (
      <Field>
        <Label>{t('authority')}</Label>
        <Select value={props.authority} onChange={props.onAuthority}>
          {AUTHORITIES.map((a) => (
            <Select.Option key={a} value={a}>
              {t(`authority_${a}` as Key)}
            </Select.Option>
          ))}
        </Select>
      </Field>
  );
}
