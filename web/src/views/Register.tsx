/**
 * Registering a request received on paper, by phone, from a GP or a hospital: for the person, or
 * sent by a representative. The person is found by identity number (a logged search) or registered;
 * the receipt gives the case number. The received date (mottatt dato) is today unless the request
 * came earlier, e.g. a letter from last week: the deadlines run from the day it was received, which
 * cannot be in the future.
 */
import { Alert, Field, Heading, Label, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../api/client.ts';
import { authority, RepresentativeFields } from './RepresentativeFields.tsx';
import { ActionForm } from '../case/ActionForm.tsx';
import { useI18n, type Key } from '../i18n.tsx';
import { serviceCode, useServices } from '../services.ts';
import { osloDate } from '../dates.ts';
import { NationalIdField, type RegisterLookup } from './RegisterLookup.tsx';

/** The received date as the form checks it before sending: given, and not after today. */
function receivedOnProblem(receivedOn: string, today: string): Key | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) return 'receivedOnMissing';
  return receivedOn > today ? 'receivedOnFuture' : null;
}

const CHANNELS = ['self', 'relative', 'representative', 'gp', 'hospital', 'municipal_service', 'other'] as const;

/** The broad diagnosis groups a request may state where the municipality routes by them (routing rules). */
const DIAGNOSIS_GROUPS = ['dementia', 'mental_health_substance_use', 'intellectual_disability', 'somatic', 'palliative', 'children_youth'] as const;
type DiagnosisGroup = (typeof DIAGNOSIS_GROUPS)[number];

/** A new person's postcode finds their area and district (the municipality's geographic areas), and so where the request is routed. */
async function findOrRegister(nationalId: string, givenName: string, familyName: string, postalCode: string): Promise<string> {
  const hits = ok(await api.POST('/api/v1/persons/search', { body: { nationalId, limit: 1 } }));
  if (hits[0]) return hits[0].id;
  // Where the municipality has connected the population register, the server takes the person from it; the names typed are the fallback.
  const typed = (k: 'givenName' | 'familyName' | 'postalCode', v: string) => (v.trim() ? { [k]: v.trim() } : {});
  const body = { nationalId, ...typed('givenName', givenName), ...typed('familyName', familyName), ...typed('postalCode', postalCode) };
  const created = ok(await api.POST('/api/v1/persons', { params: { header: commandHeaders() }, body }));
  return created.id;
}

/** The form filled from what the population register gave (the postcode only where the address is not protected). */
function filledFrom<T extends { givenName: string; familyName: string; postalCode: string }>(old: T, p: NonNullable<RegisterLookup['person']>): T {
  return { ...old, givenName: p.givenName, familyName: p.familyName, postalCode: p.address?.postalCode ?? old.postalCode };
}

function DiagnosisGroupField({ value, onChange }: { value: string; onChange: (e: { target: { value: string } }) => void }) {
  const { t } = useI18n();
  return (
    <Field>
      <Label>{t('diagnosisGroupLabel')}</Label>
      <Select value={value} onChange={onChange} data-testid="diagnosis-group">
        <Select.Option value="">{t('diagnosisGroupNone')}</Select.Option>
        {DIAGNOSIS_GROUPS.map((g) => (
          <Select.Option key={g} value={g}>
            {t(`adminDiagnosis_${g}` as Key)}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

export function Register() {
  const { t, lang } = useI18n();
  const services = useServices();
  const [v, setV] = useState({ nationalId: '', givenName: '', familyName: '', serviceCode: 'practical_help', channel: 'self' as (typeof CHANNELS)[number], description: '', repName: '', repAuthority: 'power_of_attorney', receivedOn: osloDate(), postalCode: '', diagnosisGroup: '' as DiagnosisGroup | '' });
  const [receipt, setReceipt] = useState<{ id: string; caseNumber: string; receivedOn: string } | null>(null);
  const submit = async () => {
    const onBehalf = v.channel === 'representative';
    const dateProblem = receivedOnProblem(v.receivedOn, osloDate());
    if (dateProblem) throw new ApiProblem({ status: 400, detail: t(dateProblem), errors: [{ field: 'receivedOn', message: t(dateProblem) }] });
    if (onBehalf && v.repName.trim() === '') throw new ApiProblem({ status: 400, detail: t('representativeRequired'), errors: [{ field: 'representative.name', message: t('representativeRequired') }] });
    const personId = await findOrRegister(v.nationalId, v.givenName, v.familyName, v.postalCode);
    const representative = onBehalf ? { representative: { name: v.repName, authority: authority(v.repAuthority) } } : {};
    const body = { personId, serviceCode: serviceCode(v.serviceCode), channel: v.channel, receivedOn: v.receivedOn, description: v.description, ...representative, ...(v.diagnosisGroup ? { diagnosisGroup: v.diagnosisGroup } : {}) };
    const c = ok(await api.POST('/api/v1/cases', { params: { header: commandHeaders() }, body: body }));
    setReceipt(c);
  };
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('registerTitle')}
      </Heading>
      <Paragraph>{t('registerHelp')}</Paragraph>
      <ActionForm title={t('registerTitle')} submitLabel={t('submit')} onSubmit={submit} testId="register">
        {({ fieldError }) => (
          <>
            <NationalIdField value={v.nationalId} onChange={set('nationalId')} error={fieldError('nationalId')} onFound={(p) => setV((old) => filledFrom(old, p))} />
            <div className="row">
              <Textfield label={t('givenName')} value={v.givenName} onChange={set('givenName')} error={fieldError('givenName')} />
              <Textfield label={t('familyName')} value={v.familyName} onChange={set('familyName')} error={fieldError('familyName')} />
              <Textfield label={t('postalCodeLabel')} description={t('postalCodeHelp')} inputMode="numeric" autoComplete="off" value={v.postalCode} onChange={set('postalCode')} error={fieldError('postalCode')} />
            </div>
            <Field>
              <Label>{t('service')}</Label>
              <Select value={v.serviceCode} onChange={set('serviceCode')}>
                {services.map((s) => (
                  <Select.Option key={s.code} value={s.code}>
                    {s.name[lang] ?? s.name.nb}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Textfield
              label={t('receivedOnLabel')}
              description={t('receivedOnHelp')}
              type="date"
              max={osloDate()}
              required
              value={v.receivedOn}
              onChange={set('receivedOn')}
              error={fieldError('receivedOn')}
              data-testid="received-on"
            />
            <Field>
              <Label>{t('channel')}</Label>
              <Select value={v.channel} onChange={set('channel')}>
                {CHANNELS.map((c) => (
                  <Select.Option key={c} value={c}>
                    {t(`channel_${c}` as Key)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <DiagnosisGroupField value={v.diagnosisGroup} onChange={set('diagnosisGroup')} />
            {v.channel === 'representative' && <RepresentativeFields name={v.repName} authority={v.repAuthority} onName={set('repName')} onAuthority={set('repAuthority')} error={fieldError('name')} />}
            <Textfield multiline rows={3} label={t('description')} value={v.description} onChange={set('description')} error={fieldError('description')} />
          </>
        )}
      </ActionForm>
      {receipt && (
        <Alert data-color="success" data-testid="receipt">
          <Heading level={2} data-size="xs">
            {t('receipt')}
          </Heading>
          {t('receiptText')} <a href={`#/cases/${receipt.id}`}>{receipt.caseNumber}</a>. {t('received')}: <span data-testid="receipt-received-on">{receipt.receivedOn}</span>.
        </Alert>
      )}
    </div>
  );
}
