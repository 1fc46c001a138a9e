/**
 * Decisions by outcome and by service, counted from the cases with a decision. The cases are read
 * with the purpose quality_assurance, so the access log says why a leader read them.
 */
import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { BarChart } from '../BarChart.tsx';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';

type CaseItem = Reply<'/api/v1/cases', 'get'>['items'][number];
const PAGE = 500;
const MAX_PAGES = 10;

async function casesWithDecision(): Promise<CaseItem[]> {
  const found: CaseItem[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = ok(await api.GET('/api/v1/cases', { params: { query: { limit: PAGE, offset: page * PAGE }, header: { 'tildel-purpose': 'quality_assurance' } } }));
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
  const [items, setItems] = useState<CaseItem[] | null>(null);
  useEffect(() => {
    void casesWithDecision().then(setItems);
  }, []);
  return (
    <section className="panel stack" aria-labelledby="decisions-title">
      <Heading level={2} data-size="sm" id="decisions-title">
        {t('decisionsTitle')}
      </Heading>
      <Paragraph>{t('decisionsHelp')}</Paragraph>
      {!items && <Spinner aria-label={t('loading')} />}
      {items && (
        <div className="charts">
          <figure>
            <figcaption>{t('outcome')}</figcaption>
            <BarChart counts={countBy(items, (c) => c.decision?.outcome ?? '')} label={(k) => t(k as Key)} />
          </figure>
          <figure>
            <figcaption>{t('service')}</figcaption>
            <BarChart counts={countBy(items, (c) => c.serviceName)} label={(k) => k} />
          </figure>
        </div>
      )}
    </section>
  );
}
