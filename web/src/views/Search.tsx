/** Search for a person by name or identity number; the identity number is sent in the body, and every search is logged. */
import { Heading, Link, List, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ok } from '../api/client.ts';
import { ActionForm } from '../case/ActionForm.tsx';
import { useI18n } from '../i18n.tsx';
import { caseStateWords, type ComplaintBody } from '../complaintBody.ts';
import { useServiceName } from '../services.ts';

interface Hit {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}
interface CaseRef {
  id: string;
  caseNumber: string;
  serviceCode: string;
  stateKey: string;
  decision: { complaintBody: ComplaintBody } | null;
}

export function Search() {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<(Hit & { cases: CaseRef[] })[] | null>(null);
  const submit = async () => {
    const body = /^\d{11}$/.test(query.trim()) ? { nationalId: query.trim(), limit: 20 } : { name: query.trim(), limit: 20 };
    const persons = ok(await api.POST('/api/v1/persons/search', { body }));
    const withCases = await Promise.all(
      persons.map(async (p) => ({ ...p, cases: ok(await api.GET('/api/v1/cases', { params: { query: { personId: p.id } } })).items })),
    );
    setHits(withCases);
  };
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('searchTitle')}
      </Heading>
      <Paragraph>{t('searchLogged')}</Paragraph>
      <ActionForm title={t('searchTitle')} submitLabel={t('search')} onSubmit={submit}>
        {({ fieldError }) => <Textfield label={t('searchQuery')} value={query} onChange={(e) => setQuery(e.target.value)} error={fieldError('name') ?? fieldError('nationalId')} />}
      </ActionForm>
      {hits?.length === 0 && <Paragraph>{t('noHits')}</Paragraph>}
      {hits && hits.length > 0 && (
        <List.Unordered>
          {hits.map((h) => (
            <List.Item key={h.id}>
              {h.givenName} {h.familyName} ({h.birthDate}):{' '}
              {h.cases.map((c) => (
                <span key={c.id}>
                  <Link href={`#/cases/${c.id}`}>{c.caseNumber}</Link> {serviceName(c.serviceCode)} ({caseStateWords(t, c)}){' '}
                </span>
              ))}
            </List.Item>
          ))}
        </List.Unordered>
      )}
    </div>
  );
}
