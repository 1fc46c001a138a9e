/**
 * The national figures (KOSTRA, issue 20 part 5) in the leader's view: for a year, the service
 * profile (recipients per 1,000 inhabitants by age group and per 100 inhabitants), home services by
 * need level with the share with extensive need, decided hours per week, BPA and costs where the
 * accounts are entered; every figure that cannot be computed says why, and each indicator's
 * definition, source and whether it is verified against SSB are written out below the tables.
 */
import { Heading, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { createContext, useContext, useRef, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import './steering.css';
import { ExportPrint } from './ExportPrint.tsx';
import { rowsOfTables } from './tableRows.ts';

type Kostra = Reply<'/api/v1/reports/kostra', 'get'>;
type Figure = Kostra['bpa']['coverage'];
type Columns = Kostra['extensiveNeedShare'];
const AGE_COLUMNS = ['0-66', '67-79', '80+'] as const;
/** The reports' minimum n, for the words of a suppressed cell. */
const MinimumN = createContext(5);

/** A figure as text: the number in the user's language, or a dash with the reason it is not computable. */
function useFigure(): (f: Figure, style?: 'rate' | 'share' | 'kroner' | 'hours') => string {
  const { t, lang } = useI18n();
  const minimumN = useContext(MinimumN);
  const locale = lang === 'en' ? 'en-GB' : 'nb-NO';
  return (f, style = 'rate') => {
    if (f.value === null) return `– (${t(`kostraReason_${f.reason ?? 'no_recipients'}` as Key).replace('{n}', String(minimumN))})`;
    if (style === 'share') return `${(f.value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} % (${f.n ?? 0}/${f.of ?? 0})`;
    if (style === 'kroner') return Math.round(f.value).toLocaleString(locale);
    return f.value.toLocaleString(locale, { maximumFractionDigits: 2 });
  };
}

function AgeHead({ first, last }: { first: string; last?: string }) {
  const { t } = useI18n();
  return (
    <Table.Head>
      <Table.Row>
        <Table.HeaderCell>{first}</Table.HeaderCell>
        {AGE_COLUMNS.map((a) => (
          <Table.HeaderCell key={a}>{t('kostraAge').replace('{age}', a.replace('-', '–'))}</Table.HeaderCell>
        ))}
        <Table.HeaderCell>{t('kostraTotal')}</Table.HeaderCell>
        {last && <Table.HeaderCell>{last}</Table.HeaderCell>}
      </Table.Row>
    </Table.Head>
  );
}

function AgeCells({ cols, style = 'rate' }: { cols: Columns; style?: 'rate' | 'share' | 'hours' }) {
  const text = useFigure();
  return (
    <>
      {[...AGE_COLUMNS, 'total' as const].map((c) => (
        <Table.Cell key={c}>{text(cols[c], style)}</Table.Cell>
      ))}
    </>
  );
}

function Profile({ report }: { report: Kostra }) {
  const { t, lang } = useI18n();
  const text = useFigure();
  const names = new Map(report.rows.map((r) => [r.id, r.name[lang]]));
  return (
    <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('kostraProfile')}>
      <Table zebra data-testid="kostra-profile">
        <caption>{t('kostraProfile')}</caption>
        <AgeHead first={t('kostraService')} last={t('kostraPer100')} />
        <Table.Body>
          {report.serviceRows.map((r) => (
            <Table.Row key={r.id} data-row={r.id}>
              <Table.HeaderCell scope="row">{names.get(r.id) ?? r.id}</Table.HeaderCell>
              <AgeCells cols={r.per1000} />
              <Table.Cell>{text(r.per100)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function Need({ report }: { report: Kostra }) {
  const { t } = useI18n();
  const text = useFigure();
  const g = report.needGrouping;
  return (
    <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('kostraNeed')}>
      <Table zebra data-testid="kostra-need">
        <caption>{t('kostraNeed')}</caption>
        <AgeHead first={t('kostraNeedLevel')} last={t('kostraPer100')} />
        <Table.Body>
          {report.needRows.map((r) => (
            <Table.Row key={r.level}>
              <Table.HeaderCell scope="row">{t(`kostraNeed_${r.level}` as Key)}</Table.HeaderCell>
              <AgeCells cols={r.per1000} />
              <Table.Cell>{text(r.per100)}</Table.Cell>
            </Table.Row>
          ))}
          <Table.Row data-testid="kostra-extensive-share">
            <Table.HeaderCell scope="row">{t('kostraExtensiveShare')}</Table.HeaderCell>
            <AgeCells cols={report.extensiveNeedShare} style="share" />
            <Table.Cell />
          </Table.Row>
        </Table.Body>
      </Table>
      <Paragraph data-size="sm">
        {t('kostraNeedRule').replace('{n}', String(g.minScored)).replace('{medium}', String(g.mediumFrom)).replace('{extensive}', String(g.extensiveFrom)).replace('{id}', g.id)}
      </Paragraph>
    </div>
  );
}

function Hours({ report }: { report: Kostra }) {
  const { t } = useI18n();
  return (
    <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('kostraHours')}>
      <Table zebra data-testid="kostra-hours">
        <caption>{t('kostraHours')}</caption>
        <AgeHead first={t('kostraService')} last={t('kostraWithoutHours')} />
        <Table.Body>
          {report.hoursPerWeek.map((h) => (
            <Table.Row key={h.id}>
              <Table.HeaderCell scope="row">{t(`kostraHours_${h.id}` as Key)}</Table.HeaderCell>
              <AgeCells cols={h.byAge} style="hours" />
              <Table.Cell>{h.withoutHours}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function BpaAndCosts({ report }: { report: Kostra }) {
  const { t, lang } = useI18n();
  const text = useFigure();
  const c = report.costs;
  const rows: [string, string, string][] = [
    ['bpa-per1000', t('kostraBpaPer1000'), text(report.bpa.per1000Under67)],
    ['bpa-per10000', t('kostraBpaPer10000'), text(report.bpa.per10000Under67)],
    ['bpa-coverage', t('kostraBpaCoverage'), text(report.bpa.coverage, 'share')],
    ['cost-inhabitant', t('kostraCostPerInhabitant'), text(c.perInhabitant, 'kroner')],
    ['cost-home', t('kostraCostPerHome'), text(c.perHomeServiceRecipient, 'kroner')],
    ['cost-institution', t('kostraCostPerInstitution'), text(c.perInstitutionResident, 'kroner')],
  ];
  const kr = (n: number | null) => (n ?? 0).toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO');
  return (
    <>
      <Table zebra data-testid="kostra-bpa-costs">
        <caption>{`${t('kostraBpa')}; ${t('kostraCosts').toLowerCase()}`}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('kostraFigure')}</Table.HeaderCell>
            <Table.HeaderCell>{t('kostraValue')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map(([id, label, value]) => (
            <Table.Row key={id} data-row={id}>
              <Table.HeaderCell scope="row">{label}</Table.HeaderCell>
              <Table.Cell>{value}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {c.expenses !== null && (
        <Paragraph data-size="sm">{t('kostraExpenses').replace('{amount}', kr(c.expenses)).replace('{n}', String(c.entries)).replace('{unattributed}', kr(c.unattributed))}</Paragraph>
      )}
    </>
  );
}

function Definitions({ report }: { report: Kostra }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="kostra-definitions" className="stack">
      <Heading level={3} data-size="xs" id="kostra-definitions">
        {t('kostraDefinitions')}
      </Heading>
      <dl className="steering-definitions" data-testid="kostra-definitions">
        {report.indicators.map((d) => (
          <div key={d.id}>
            <dt>
              {d.name[lang]} <Tag data-color={d.verified ? 'success' : 'warning'}>{d.verified ? t('kostraVerified') : t('kostraUnverified')}</Tag>
            </dt>
            <dd>
              {d.definition[lang]} {t('kostraSource')}: {d.citation}.{lang === 'en' && d.note ? ` ${d.note}` : ''}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Figures({ report }: { report: Kostra }) {
  const { t } = useI18n();
  const p = report.population;
  return (
    <>
      <Paragraph data-testid="kostra-basis">
        {t('kostraReference').replace('{date}', report.referenceDate).replace('{n}', String(report.recipients))}{' '}
        {p ? t('kostraPopulation').replace('{date}', p.asOf).replace('{n}', String(p.total)).replace('{source}', p.source) : t('kostraNoPopulation')}
      </Paragraph>
      <Paragraph data-size="sm">
        {t('kostraSuppressedHelp').replace('{n}', String(report.minimumN))} {t('kostraReasonsHelp')}
      </Paragraph>
      <Profile report={report} />
      <Need report={report} />
      <Hours report={report} />
      <BpaAndCosts report={report} />
      <Definitions report={report} />
    </>
  );
}

export function KostraPanel() {
  const { t } = useI18n();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const q = /^\d{4}$/.test(year) ? { year: Number(year) } : {};
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/kostra', { params: { query: q } })), [JSON.stringify(q)]);
  const figures = useRef<HTMLDivElement>(null);
  return (
    <section className="panel stack" aria-labelledby="kostra-title" data-testid="kostra-panel">
      <Heading level={2} data-size="sm" id="kostra-title">
        {t('kostraTitle')}
      </Heading>
      <Paragraph>{t('kostraHelp')}</Paragraph>
      <div className="row">
        <Textfield label={t('kostraYear')} type="number" value={year} onChange={(e) => setYear(e.target.value)} data-testid="kostra-year" />
      </div>
      <LoadState loaded={loaded} />
      {loaded.data && (
        <div className="stack" ref={figures}>
          <ExportPrint table={() => ({ name: `kostra-${loaded.data?.year ?? year}`, rows: rowsOfTables(figures.current) })} />
          <MinimumN.Provider value={loaded.data.minimumN}>
            <Figures report={loaded.data} />
          </MinimumN.Provider>
        </div>
      )}
    </section>
  );
}
