/**
 * The administrator's settings for the national services (issue 21 part 6): one form per service,
 * its fields as the server's schema lists them (GET /integrations), so the form and the check never
 * differ. Keys are never typed in: a field for a key takes a reference (env:NAME or file:/path).
 */
import { Checkbox, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { Pick } from '../../case/LifecycleFields.tsx';
import { DICTS, useI18n, type Key } from '../../i18n.tsx';
import { LoadState, useLoad } from '../../useLoad.tsx';

type Integration = Awaited<ReturnType<typeof loadIntegrations>>[number];

async function loadIntegrations() {
  return ok(await api.GET('/api/v1/integrations'));
}

/** A field's label in the user's language, or the server's description where the words have none. */
function useFieldLabel() {
  const { t } = useI18n();
  return (f: Integration['fields'][number]) => (`intField_${f.name}` in DICTS.nb ? t(`intField_${f.name}` as Key) : (f.description ?? f.name));
}

/** One setting as its kind asks: yes or no, one of the options, or text. */
function SettingInput(p: { field: Integration['fields'][number]; label: string; value: string; onChange: (v: string) => void; error: string | undefined }) {
  const { t } = useI18n();
  if (p.field.kind === 'boolean') return <Checkbox label={p.label} checked={p.value === 'true'} onChange={(e) => p.onChange(e.target.checked ? 'true' : 'false')} />;
  if (p.field.kind === 'choice') {
    return <Pick label={p.label} value={p.value} onChange={p.onChange} none={t('intDefault')} options={p.field.options.map((o) => ({ id: o, name: o }))} error={p.error} />;
  }
  return <Textfield label={p.label} required={p.field.required} value={p.value} onChange={(e) => p.onChange(e.target.value)} error={p.error} />;
}

function ServiceForm({ integration, onSaved }: { integration: Integration; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const label = useFieldLabel();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(integration.fields.map((f) => [f.name, String(integration.settings[f.name] ?? '')])));
  const [enabled, setEnabled] = useState(integration.configured ? integration.enabled : true);
  const labels = Object.fromEntries(integration.fields.map((f) => [f.name, label(f)]));
  const submit = async () => {
    const typed = (name: string, v: string) => (integration.fields.find((f) => f.name === name)?.kind === 'boolean' ? v === 'true' : v.trim());
    const settings = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, typed(k, v)]));
    ok(await api.PUT('/api/v1/integrations/{service}', { params: { path: { service: integration.service }, header: commandHeaders() }, body: { enabled, settings } }));
    await onSaved();
  };
  return (
    <ActionForm title={t(`intService_${integration.service}` as Key)} submitLabel={t('intSave')} onSubmit={submit} level={3} labels={labels} testId={`integration-${integration.service}`}>
      {({ fieldError }) => (
        <>
          <Paragraph data-size="sm">
            <Tag data-color={integration.configured ? 'success' : 'neutral'} data-size="sm">
              {integration.configured ? t('intConfigured') : t('intNotConfigured')}
            </Tag>
          </Paragraph>
          {integration.fields.map((f) => (
            <SettingInput key={f.name} field={f} label={labels[f.name] ?? f.name} value={values[f.name] ?? ''} onChange={(v) => setValues({ ...values, [f.name]: v })} error={fieldError(f.name)} />
          ))}
          <Checkbox label={t('intEnabled')} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        </>
      )}
    </ActionForm>
  );
}

export function IntegrationsSection() {
  const { t } = useI18n();
  const loaded = useLoad(loadIntegrations, []);
  return (
    <section className="stack" data-testid="admin-integrations">
      <Heading level={2} data-size="sm">
        {t('intTitle')}
      </Heading>
      <Paragraph>{t('intHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {loaded.data?.map((i) => <ServiceForm key={i.service} integration={i} onSaved={loaded.reload} />)}
    </section>
  );
}
