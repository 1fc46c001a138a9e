/**
 * Decisions by outcome and by service, counted from the cases with a decision. The cases are read
 * with the leader's purpose (quality assurance unless the leader chose another), so the access log
 * says why a leader read them; for administration a leader reads no cases, so there is nothing to count.
 */
import { Alert, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { BarChart } from '../BarChart.tsx';
import { useI18n, type Key } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import { currentPurpose, purposeHeader } from '../purpose.tsx';
import type { Reply } from '../session.ts';

type CaseItem = Reply<'/api/v1/cases', 'get'>['items'][number];
const PAGE = 500;
const MAX_PAGES = 10;

async function casesWithDecision(): Promise<CaseItem[]> {
  const found: CaseItem[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = ok(await api.GET('/api/v1/cases', { params: { query: { limit: PAGE, offset: page * PAGE }, header: purposeHeader() } }));
    found.push(...r.items.filter((c) => c.decision !== null));
    if ((page + 1) * PAGE >= r.total) break;
  }
  return found;
}

function countBy(items: readonly CaseItem[], key: (c: CaseItem) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of items) counts[key(c)] = (counts[key(c)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

export function Decisions() {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const [items, setItems] = useState<CaseItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const countsOnly = currentPurpose() === 'administration';
  useEffect(() => {
    if (countsOnly) return;
    casesWithDecision()
      .then(setItems)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [countsOnly]);
  return (
    <section className="panel stack" aria-labelledby="decisions-title" data-testid="decisions">
      <Heading level={2} data-size="sm" id="decisions-title">
        {t('decisionsTitle')}
      </Heading>
      <Paragraph>{t('decisionsHelp')}</Paragraph>
      {countsOnly && <Paragraph data-testid="decisions-counts-only">{t('purposeCountsOnly')}</Paragraph>}
      {error && (
        <Alert data-color="danger" role="alert">
          {t('error')}: {error}
        </Alert>
      )}
      {!items && !error && !countsOnly && <Spinner aria-label={t('loading')} />}
      {items && (
        <div className="charts">
          <figure>
            <figcaption>{t('outcome')}</figcaption>
            <BarChart counts={countBy(items, (c) => c.decision?.outcome ?? '')} label={(k) => t(k as Key)} />
          </figure>
          <figure>
            <figcaption>{t('service')}</figcaption>
            <BarChart counts={countBy(items, (c) => c.serviceCode)} label={serviceName} />
          </figure>
        </div>
      )}
    </section>
  );
}
