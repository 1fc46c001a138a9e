/**
 * Reporting to KPR (IPLOS): the validation report of what to put right before the extract is sent
 * (GET /reports/kpr/validation: counts for all readers, lines naming persons only by need), and for
 * leaders the extract file itself (GET /reports/kpr/extract, read for the purpose administration).
 */
import { Alert, Button, Heading, Link, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ok, type Problem } from '../api/client.ts';
import { problemText } from '../problems.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Me } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';

const KINDS = ['invalid_national_id', 'iplos_missing', 'iplos_to_be_validated', 'service_without_decision', 'decision_expired'] as const;
type Kind = (typeof KINDS)[number];

const kindKey = (k: Kind): Key => `kpr_${k}`;
const doKey = (k: Kind): Key => `kprDo_${k}`;

function query(year: string, from: string): { year?: number; from?: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(from)) return { from };
  return /^\d{4}$/.test(year) ? { year: Number(year) } : {};
}

/** Downloads the extract with the purpose administration (a plain link cannot state it). */
function ExtractDownload({ q }: { q: { year?: number; from?: string } }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
      const r = await fetch(`/api/v1/reports/kpr/extract?${params.toString()}`, { credentials: 'same-origin', headers: { 'tildel-purpose': 'administration' } });
      if (!r.ok) throw new Error(problemText(lang, { ...((await r.json().catch(() => ({}))) as Problem), status: r.status }));
      const name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? 'kpr.xml';
      const url = URL.createObjectURL(await r.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <Paragraph>{t('kprDownloadHelp')}</Paragraph>
      <div>
        <Button variant="secondary" onClick={() => void download()} disabled={busy} data-testid="kpr-download">
          {busy ? t('kprDownloading') : t('kprDownload')}
        </Button>
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          {t('error')}: {error}
        </Alert>
      )}
    </div>
  );
}

export function KprReport({ me }: { me: Me }) {
  const { t } = useI18n();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [from, setFrom] = useState('');
  const q = query(year, from);
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/kpr/validation', { params: { query: q } })), [JSON.stringify(q)]);
  const report = loaded.data;
  return (
    <section className="panel stack" aria-labelledby="kpr-title" data-testid="kpr-report">
      <Heading level={1} data-size="md" id="kpr-title">
        {t('kprTitle')}
      </Heading>
      <Paragraph>{t('kprHelp')}</Paragraph>
      <div className="row">
        <Textfield label={t('kprYear')} type="number" value={year} onChange={(e) => setYear(e.target.value)} />
        <Textfield label={t('kprFrom')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <LoadState loaded={loaded} />
      {report && report.total === 0 && <Paragraph data-testid="kpr-nothing">{t('kprNothing')}</Paragraph>}
      {report && report.total > 0 && (
        <Table zebra data-testid="kpr-counts">
          <caption>{t('kprCountsCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('kprKind')}</Table.HeaderCell>
              <Table.HeaderCell>{t('kprCount')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {KINDS.filter((k) => report.counts[k] > 0).map((k) => (
              <Table.Row key={k}>
                <Table.Cell>{t(kindKey(k))}</Table.Cell>
                <Table.Cell>{report.counts[k]}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {report && report.notShown > 0 && <Paragraph>{t('kprNotShown').replace('{n}', String(report.notShown))}</Paragraph>}
      {report && report.lines.length > 0 && (
        <Table zebra data-testid="kpr-lines">
          <caption className="ds-sr-only">{t('kprTitle')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('kprKind')}</Table.HeaderCell>
              <Table.HeaderCell>{t('kprPerson')}</Table.HeaderCell>
              <Table.HeaderCell>{t('kprCase')}</Table.HeaderCell>
              <Table.HeaderCell>{t('kprWhatToDo')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.lines.map((l) => (
              <Table.Row key={`${l.kind}:${l.personId}:${l.caseId ?? ''}`}>
                <Table.Cell>{t(kindKey(l.kind))}</Table.Cell>
                <Table.Cell>{l.personName}</Table.Cell>
                <Table.Cell>{l.caseId ? <Link href={`#/cases/${l.caseId}`}>{l.caseNumber}</Link> : '–'}</Table.Cell>
                <Table.Cell>
                  {t(doKey(l.kind))} <small>{l.detail}</small>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {me.roles.includes('leader') && <ExtractDownload q={q} />}
    </section>
  );
}
