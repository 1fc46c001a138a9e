/**
 * Workforce and continuity for leaders (issue 20 part 7; seed 003 Tables 5.1–5.3): FTE by profession
 * with the change and the skilled share under each definition of «faglært», the full-time share,
 * mean position size and permanent share in home services (function 254) per district, and distinct
 * employees per home-nursing user per month per district and year with the user-weighted mean, the
 * simple mean of districts and their median labelled apart. Each figure with its definition and
 * source. Aggregates only.
 */
import { Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import { PROFESSION_NAMES, type ProfessionId } from '../wordsWorkforce.ts';
import { percent } from './csv.ts';
import './steering.css';
import { ExportPrint } from './ExportPrint.tsx';
import { rowsOfTables } from './tableRows.ts';

type Report = Reply<'/api/v1/reports/workforce', 'get'>;

function useNumber(): (v: number | null | undefined, digits?: number) => string {
  const { lang } = useI18n();
  return (v, digits = 1) => (v === null || v === undefined ? '–' : v.toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
}

function Definitions({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  return (
    <details>
      <summary>{t('wfDefinitions')}</summary>
      <dl className="stack" data-testid="workforce-definitions">
        {report.definitions.map((d) => (
          <div key={d.id} data-figure={d.id}>
            <dt>{d.name[lang]}</dt>
            <dd>
              {d.definition[lang]} ({t('wfSource')}: {d.citation})
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function FteTable({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const number = useNumber();
  const { columns, change } = report.fteByCategory;
  const rows = (Object.keys(PROFESSION_NAMES) as ProfessionId[]).filter((c) => columns.some((col) => col.byCategory[c] > 0));
  return (
    <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('wfTable51')}>
      <Table zebra data-testid="workforce-fte">
        <caption>{t('wfTable51')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('wfCategory')}</Table.HeaderCell>
            {columns.map((c) => (
              <Table.HeaderCell key={c.year}>{c.year}</Table.HeaderCell>
            ))}
            <Table.HeaderCell>{t('wfChange')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          <Table.Row>
            <Table.HeaderCell scope="row">{t('wfTotal')}</Table.HeaderCell>
            {columns.map((c) => (
              <Table.Cell key={c.year}>{number(c.total)}</Table.Cell>
            ))}
            <Table.Cell>{change.total === null ? '–' : percent(change.total, lang)}</Table.Cell>
          </Table.Row>
          {rows.map((id) => (
            <Table.Row key={id}>
              <Table.HeaderCell scope="row">{PROFESSION_NAMES[id]}</Table.HeaderCell>
              {columns.map((c) => (
                <Table.Cell key={c.year}>{number(c.byCategory[id])}</Table.Cell>
              ))}
              <Table.Cell>{change.byCategory[id] === null ? '–' : percent(change.byCategory[id], lang)}</Table.Cell>
            </Table.Row>
          ))}
          {report.skilledShareVariants.map((v) => (
            <Table.Row key={v.id} data-variant={v.id}>
              <Table.HeaderCell scope="row">
                {t('wfSkilled')}: {v.name[lang]}
              </Table.HeaderCell>
              {columns.map((c) => (
                <Table.Cell key={c.year}>{c.skilledShare[v.id] === null ? '–' : percent(c.skilledShare[v.id] ?? 0, lang)}</Table.Cell>
              ))}
              <Table.Cell>–</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

type PositionColumn = Report['positions'][number];
type Shares = Pick<PositionColumn['all'], 'fullTimeShare' | 'meanPositionSize' | 'permanentShare'>;

function ShareCells({ f }: { f: Shares }) {
  const { lang } = useI18n();
  const p = (v: number | null) => (v === null ? '–' : percent(v, lang));
  return (
    <>
      <Table.Cell>{p(f.fullTimeShare)}</Table.Cell>
      <Table.Cell>{p(f.meanPositionSize)}</Table.Cell>
      <Table.Cell>{p(f.permanentShare)}</Table.Cell>
    </>
  );
}

function PositionTable({ column, name }: { column: PositionColumn; name: (id: string) => string }) {
  const { t } = useI18n();
  return (
    <Table zebra data-testid="workforce-positions" data-day={column.day}>
      <caption>
        {t('wfTable52')}, {column.day}
      </caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('wfDistrict')}</Table.HeaderCell>
          <Table.HeaderCell>{t('wfEmployees')}</Table.HeaderCell>
          <Table.HeaderCell>{name('fullTimeShare')}</Table.HeaderCell>
          <Table.HeaderCell>{name('meanPositionSize')}</Table.HeaderCell>
          <Table.HeaderCell>{name('permanentShare')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        <Table.Row>
          <Table.HeaderCell scope="row">{t('wfAll')}</Table.HeaderCell>
          <Table.Cell>{column.all.employees}</Table.Cell>
          <ShareCells f={column.all} />
        </Table.Row>
        <Table.Row>
          <Table.HeaderCell scope="row">{t('wfSimpleMean')}</Table.HeaderCell>
          <Table.Cell>–</Table.Cell>
          <ShareCells f={column.simpleMeanOfDistricts} />
        </Table.Row>
        {column.districts.map((d) => (
          <Table.Row key={d.districtId ?? 'none'}>
            <Table.HeaderCell scope="row">{d.districtName ?? t('wfNoDistrict')}</Table.HeaderCell>
            <Table.Cell>{d.employees}</Table.Cell>
            <ShareCells f={d} />
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}


function ContinuityTable({ years }: { years: Report['continuity'] }) {
  const { t } = useI18n();
  const number = useNumber();
  const districts = [...new Map(years.flatMap((y) => y.districts).map((d) => [d.districtId ?? 'none', d.districtName])).entries()];
  const summary: [string, (y: Report['continuity'][number]) => number | null][] = [
    [t('wfWeighted'), (y) => y.weightedByUsers],
    [t('wfSimpleMean'), (y) => y.simpleMeanOfDistricts],
    [t('wfMedian'), (y) => y.medianOfDistricts],
  ];
  return (
    <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('wfTable53')}>
      <Table zebra data-testid="workforce-continuity">
        <caption>{t('wfTable53')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('wfDistrict')}</Table.HeaderCell>
            {years.map((y) => (
              <Table.HeaderCell key={y.year}>{y.year}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {districts.map(([id, name]) => (
            <Table.Row key={id}>
              <Table.HeaderCell scope="row">{name ?? t('wfNoDistrict')}</Table.HeaderCell>
              {years.map((y) => (
                <Table.Cell key={y.year}>{number(y.districts.find((d) => (d.districtId ?? 'none') === id)?.mean)}</Table.Cell>
              ))}
            </Table.Row>
          ))}
          {summary.map(([label, value]) => (
            <Table.Row key={label}>
              <Table.HeaderCell scope="row">{label}</Table.HeaderCell>
              {years.map((y) => (
                <Table.Cell key={y.year}>{number(value(y))}</Table.Cell>
              ))}
            </Table.Row>
          ))}
          <Table.Row>
            <Table.HeaderCell scope="row">{t('wfUserMonths')}</Table.HeaderCell>
            {years.map((y) => (
              <Table.Cell key={y.year}>{y.userMonths}</Table.Cell>
            ))}
          </Table.Row>
        </Table.Body>
      </Table>
    </div>
  );
}

const thisYear = new Date().getFullYear();

function Tables({ report: r }: { report: Report }) {
  const { t, lang } = useI18n();
  const name = (id: string) => r.definitions.find((d) => d.id === id)?.name[lang] ?? id;
  const empty = r.fteByCategory.columns.every((c) => c.total === 0) && r.continuity.every((y) => y.userMonths === 0);
  if (empty) return <Paragraph>{t('wfEmpty')}</Paragraph>;
  return (
    <>
      <FteTable report={r} />
      <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('wfTable52')}>
        {r.positions.filter((c) => c.all.employees > 0).map((c) => (
          <PositionTable key={c.day} column={c} name={name} />
        ))}
      </div>
      <ContinuityTable years={r.continuity} />
      <Definitions report={r} />
    </>
  );
}

/** The panel: a span of years, and the three tables. */
export function WorkforcePanel() {
  const { t } = useI18n();
  const [from, setFrom] = useState(String(thisYear - 6));
  const [to, setTo] = useState(String(thisYear - 1));
  const valid = /^\d{4}$/.test(from) && /^\d{4}$/.test(to);
  const loaded = useLoad(async () => (valid ? ok(await api.GET('/api/v1/reports/workforce', { params: { query: { from: Number(from), to: Number(to) } } })) : null), [from, to, valid]);
  const figures = useRef<HTMLDivElement>(null);
  return (
    <section className="panel stack" aria-labelledby="workforce-title" data-testid="workforce-panel">
      <Heading level={2} data-size="sm" id="workforce-title">
        {t('wfTitle')}
      </Heading>
      <Paragraph>{t('wfHelp')}</Paragraph>
      <div className="row">
        <Textfield label={t('wfFromYear')} type="number" min={1990} max={2100} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="workforce-from" />
        <Textfield label={t('wfToYear')} type="number" min={1990} max={2100} value={to} onChange={(e) => setTo(e.target.value)} data-testid="workforce-to" />
      </div>
      <LoadState loaded={loaded} />
      {loaded.data && (
        <div className="stack" ref={figures}>
          <ExportPrint table={() => ({ name: `bemanning-${from}-${to}`, rows: rowsOfTables(figures.current) })} />
          <Tables report={loaded.data} />
        </div>
      )}
    </section>
  );
}
