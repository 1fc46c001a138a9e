/**
 * The person's GP (fastlege) on the person card, and for staff with full access to the person a form
 * that records a new GP from a date (POST /persons/{id}/gp; the earlier one stays in the history).
 */
import { Details, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../api/client.ts';
import { osloDate } from '../dates.ts';
import { useI18n } from '../i18n.tsx';
import { ActionForm } from './ActionForm.tsx';
import { dateIn } from './caseFileFormat.ts';
import type { Person } from './PersonCard.tsx';

type Gp = NonNullable<Person['gp']>;

/** The GP in words: name, practice, phone, HER-id, since when. */
export function gpWords(gp: Gp | null | undefined, t: (k: 'cfNoGp' | 'cfPhone' | 'cfGpHerId' | 'cfGpSince') => string, lang: 'nb' | 'nn' | 'en'): string {
  if (!gp) return t('cfNoGp');
  const parts = [gp.name, gp.practice, gp.phone ? `${t('cfPhone')} ${gp.phone}` : null, gp.herId ? `${t('cfGpHerId')} ${gp.herId}` : null];
  return `${parts.filter(Boolean).join(', ')} (${t('cfGpSince')} ${dateIn(lang, gp.validFrom)})`;
}

const clean = (v: string) => (v.trim() === '' ? undefined : v.trim());

export function RecordGp({ personId, onDone }: { personId: string; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [practice, setPractice] = useState('');
  const [phone, setPhone] = useState('');
  const [herId, setHerId] = useState('');
  const [validFrom, setValidFrom] = useState(osloDate());
  const submit = async () => {
    const body = { name: name.trim(), practice: clean(practice), phone: clean(phone), herId: clean(herId), validFrom };
    ok(await api.POST('/api/v1/persons/{id}/gp', { params: { path: { id: personId }, header: commandHeaders() }, body }));
    await onDone();
  };
  const labels = { name: t('cfGpName'), practice: t('cfGpPractice'), phone: t('cfPhone'), herId: t('cfGpHerId'), validFrom: t('cfGpSince') };
  return (
    <Details data-testid="record-gp">
      <Details.Summary>{t('cfGpRecord')}</Details.Summary>
      <Details.Content>
        <ActionForm title={t('cfGpRecord')} submitLabel={t('cfGpSave')} onSubmit={submit} level={3} labels={labels}>
          {({ fieldError }) => (
            <>
              <Textfield label={labels.name} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
              <Textfield label={labels.practice} value={practice} onChange={(e) => setPractice(e.target.value)} error={fieldError('practice')} />
              <Textfield label={labels.phone} value={phone} onChange={(e) => setPhone(e.target.value)} error={fieldError('phone')} />
              <Textfield label={labels.herId} description={t('cfGpHerIdHelp')} inputMode="numeric" value={herId} onChange={(e) => setHerId(e.target.value)} error={fieldError('herId')} />
              <Textfield label={labels.validFrom} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} error={fieldError('validFrom')} />
            </>
          )}
        </ActionForm>
      </Details.Content>
    </Details>
  );
}
