/**
 * The leader's outcome figures (issue 20): a period (by default the last three months) and a
 * breakdown (service, caseworker, team, district, organisational model, or month as a trend); each
 * figure with its definition beside it, n and its share, the total pooled and the groups' plain
 * mean labelled unweighted; export to CSV and print.
 */
import { Field, Heading, Label, Paragraph, Select, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ok } from '../api/client.ts';
import { osloDate } from '../dates.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import type { Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import { percent, type CsvCell } from './csv.ts';
import { ExportPrint } from './ExportPrint.tsx';
import './steering.css';

type Outcomes = Reply<'/api/v1/reports/outcomes', 'get'>;
type Grouping = Outcomes['groupBy'];
type Definition = Outcomes['definitions'][number];
type Figure = Outcomes['total']['requests'];
type Group = Outcomes['groups'][number];

const GROUPINGS: readonly Grouping[] = ['service', 'caseworker', 'team', 'district', 'model', 'month'];
const groupKey = (g: Grouping): Key => `steeringGroup_${g}`;
const meanKey = (m: Definition['mean']): Key => `steeringMean_${m}`;

/** The first day of the month two months back: with today, the last three months. */
export function threeMonthsBack(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 3, 1)).toISOString().slice(0, 10);
}

/** A group's name on screen: a service's name, a model's class, "not given", or the name the server gave. */
function useGroupName(groupBy: Grouping): (g: Pick<Group, 'key' | 'label'>) => string {
  const { t } = useI18n();
  const service = useServiceName();
  return (g) => {
    if (g.key === 'none') return t('steeringNone');
    if (groupBy === 'service') return service(g.key);
    if (groupBy === 'model') return `${t('steeringModelClass')} ${g.key.replace('.', ',')}`;
    return g.label ?? g.key;
  };
}

function useFigureText(): (f: Figure) => string {
  const { t, lang } = useI18n();
  return (f) => (f.rate === null ? String(f.n) : `${f.n} ${t('steeringOf')} ${f.of ?? 0} (${percent(f.rate, lang)})`);
}

function OutcomeTable({ report }: { report: Outcomes }) {
  const { t, lang } = useI18n();
  const name = useGroupName(report.groupBy);
  const text = useFigureText();
  return (
    <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('steeringTitle')}>
      <Table zebra data-testid="outcome-figures">
        <caption className="ds-sr-only">{t('steeringTitle')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('steeringFigure')}</Table.HeaderCell>
            <Table.HeaderCell>{t('steeringTotal')}</Table.HeaderCell>
            <Table.HeaderCell>{t('steeringUnweighted')}</Table.HeaderCell>
            {report.groups.map((g) => (
              <Table.HeaderCell key={g.key}>{name(g)}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {report.definitions.map((d) => {
            const unweighted = report.unweightedMeanOfGroups[d.id];
            return (
              <Table.Row key={d.id} data-figure={d.id}>
                <Table.HeaderCell scope="row">
                  {d.name[lang]}
                  <span className="steering-definition">
                    {d.definition[lang]} ({t(meanKey(d.mean))})
                  </span>
                </Table.HeaderCell>
                <Table.Cell>{text(report.total[d.id])}</Table.Cell>
                <Table.Cell>{unweighted === undefined || unweighted === null ? '–' : percent(unweighted, lang)}</Table.Cell>
                {report.groups.map((g) => (
                  <Table.Cell key={g.key}>{text(g.figures[d.id])}</Table.Cell>
                ))}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

/** The rows of the CSV: one per figure and group (the total first), with n, the denominator and the share. */
function csvRows(report: Outcomes, lang: 'nb' | 'nn' | 'en', name: (g: Pick<Group, 'key' | 'label'>) => string, total: string): CsvCell[][] {
  const head: CsvCell[] = ['figure', 'name', 'group', 'n', 'of', 'rate', 'mean', 'definition'];
  const groups: { label: string; figures: Outcomes['total'] }[] = [{ label: total, figures: report.total }, ...report.groups.map((g) => ({ label: name(g), figures: g.figures }))];
  const body = report.definitions.flatMap((d) => groups.map((g) => [d.id, d.name[lang], g.label, g.figures[d.id].n, g.figures[d.id].of, g.figures[d.id].rate, d.mean, d.definition[lang]] as CsvCell[]));
  return [head, ...body];
}

function PeriodControls(props: { from: string; to: string; groupBy: Grouping; onFrom: (v: string) => void; onTo: (v: string) => void; onGroupBy: (g: Grouping) => void }) {
  const { t } = useI18n();
  return (
    <div className="steering-controls no-print">
      <Textfield label={t('steeringFrom')} type="date" value={props.from} onChange={(e) => e.target.value && props.onFrom(e.target.value)} data-testid="steering-from" />
      <Textfield label={t('steeringTo')} type="date" value={props.to} onChange={(e) => e.target.value && props.onTo(e.target.value)} data-testid="steering-to" />
      <Field>
        <Label>{t('steeringGroupBy')}</Label>
        <Select value={props.groupBy} onChange={(e) => props.onGroupBy(GROUPINGS.find((g) => g === e.target.value) ?? 'service')} data-testid="steering-group-by">
          {GROUPINGS.map((g) => (
            <Select.Option key={g} value={g}>
              {t(groupKey(g))}
            </Select.Option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

export function SteeringOutcomes() {
  const { t, lang } = useI18n();
  const today = osloDate();
  const [from, setFrom] = useState(threeMonthsBack(today));
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<Grouping>('service');
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/outcomes', { params: { query: { from, to, groupBy } } })), [from, to, groupBy]);
  const report = loaded.data;
  const name = useGroupName(groupBy);
  const empty = report !== null && report.total.requests.n + report.total.decisions.n + report.total.ends.n + report.total.reevaluations.n + report.total.lowThreshold.n === 0;
  return (
    <section className="panel stack" aria-labelledby="steering-title" data-testid="steering-outcomes">
      <Heading level={2} data-size="sm" id="steering-title">
        {t('steeringTitle')}
      </Heading>
      <Paragraph>{t('steeringHelp')}</Paragraph>
      <Paragraph data-size="sm">{t('steeringCausation')}</Paragraph>
      <PeriodControls from={from} to={to} groupBy={groupBy} onFrom={setFrom} onTo={setTo} onGroupBy={setGroupBy} />
      <LoadState loaded={loaded} />
      {report && (
        <Paragraph data-size="sm">
          {report.from} – {report.to} · {t('steeringGroupBy')}: {t(groupKey(report.groupBy))}
        </Paragraph>
      )}
      {empty && <Paragraph>{t('steeringNoFigures')}</Paragraph>}
      {report && !empty && (
        <>
          <OutcomeTable report={report} />
          <ExportPrint table={() => ({ name: `utfall-${report.from}-${report.to}-${report.groupBy}`, rows: csvRows(report, lang, name, t('steeringTotal')) })} />
        </>
      )}
    </section>
  );
}
