/**
 * The leader's equal-treatment panel (likebehandling, issue 20): for each comparable-need group
 * (service, IPLOS band, diagnosis group) the granted hours per week of the whole municipality and of
 * each caseworker, team or district — n, mean, median, p10–p90, the 95 % interval — with the
 * definitions beside the figures, cells below the minimum n hidden, flagged rows marked as unwanted
 * variation to look at (never a cause), and the cases behind a row as far as the gate shows them.
 */
import { Button, Field, Heading, Label, Link, Paragraph, Select, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { fill } from '../case/caseFileFormat.ts';
import { osloDate } from '../dates.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { purposeHeader } from '../purpose.tsx';
import { isServiceCode, serviceCode, useServiceName, useServices } from '../services.ts';
import type { Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import './steering.css';
import { ExportPrint } from './ExportPrint.tsx';
import { rowsOfTables } from './tableRows.ts';

type Report = Reply<'/api/v1/reports/equal-treatment', 'get'>;
type Group = Report['groups'][number];
type Figures = Group['municipality'];
type By = Report['by'];

const BREAKDOWNS: readonly By[] = ['caseworker', 'team', 'district'];
const num = (x: number | null, lang: string) => (x === null ? '–' : x.toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO'));

/** A year back from today: the default period of the report. */
function yearBack(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 365);
  return d.toISOString().slice(0, 10);
}

/** The name of a comparable-need group: service, need band, diagnosis group. */
function useGroupTitle(report: Report): (g: Group) => string {
  const { t, lang } = useI18n();
  const service = useServiceName();
  return (g) => {
    const diagnosis = g.diagnosisGroup ? (t(`adminDiagnosis_${g.diagnosisGroup}` as Key) ?? g.diagnosisGroup) : t('eqNoDiagnosisGroup');
    return `${service(g.serviceCode)} · ${report.bandRule.bands[g.band]?.[lang] ?? g.band} · ${diagnosis}`;
  };
}

function FigureCells({ f, minimumN }: { f: Figures; minimumN: number }) {
  const { t, lang } = useI18n();
  if (f.suppressed) {
    return (
      <Table.Cell colSpan={5} data-suppressed="true">
        {fill(t('eqSuppressed'), { n: minimumN })}
      </Table.Cell>
    );
  }
  return (
    <>
      <Table.Cell>{f.n}</Table.Cell>
      <Table.Cell>{num(f.mean, lang)}</Table.Cell>
      <Table.Cell>{num(f.median, lang)}</Table.Cell>
      <Table.Cell>
        {num(f.p10, lang)}–{num(f.p90, lang)}
      </Table.Cell>
      <Table.Cell>
        {num(f.ciLow, lang)}–{num(f.ciHigh, lang)}
      </Table.Cell>
    </>
  );
}

function FlagCell({ flag }: { flag: Group['units'][number]['flag'] }) {
  const { t } = useI18n();
  if (flag === null) return <Table.Cell>{t('eqNoFlag')}</Table.Cell>;
  return (
    <Table.Cell>
      <Tag data-color="warning">{t(flag === 'above' ? 'eqFlagAbove' : 'eqFlagBelow')}</Tag>
    </Table.Cell>
  );
}

/** The cases behind a row, as far as the gate shows them for the purpose read for. */
function CellCases({ report, group, unit }: { report: Report; group: string; unit: string }) {
  const { t } = useI18n();
  const query = { from: report.from, to: report.to, by: report.by, group, unit, ...(report.service && isServiceCode(report.service) ? { service: serviceCode(report.service) } : {}) };
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/equal-treatment/cases', { params: { query, header: purposeHeader() } })), [JSON.stringify(query)]);
  const cases = loaded.data;
  return (
    <div data-testid="equal-treatment-cases">
      <LoadState loaded={loaded} />
      {cases && cases.cases.length === 0 && <Paragraph data-size="sm">{t('eqNoCasesShown')}</Paragraph>}
      {cases && cases.cases.length > 0 && (
        <ul>
          {cases.cases.map((c) => (
            <li key={`${c.caseId}-${c.serviceCode}`}>
              <Link href={`#/cases/${c.caseId}`}>{c.caseNumber}</Link>: {fill(t('eqCaseLine'), { hours: c.hoursPerWeek, date: c.decidedOn })}
            </li>
          ))}
        </ul>
      )}
      {cases && cases.notShown !== null && cases.notShown > 0 && <Paragraph data-size="sm">{fill(t('eqNotShown'), { n: cases.notShown })}</Paragraph>}
    </div>
  );
}

function unitName(u: Group['units'][number], t: (k: Key) => string): string {
  return u.key === 'none' ? t('eqNone') : (u.label ?? u.key);
}

function GroupTable({ report, group }: { report: Report; group: Group }) {
  const { t, lang } = useI18n();
  const title = useGroupTitle(report);
  const [open, setOpen] = useState<string | null>(null);
  const n = report.minimumN.n;
  const opened = group.units.find((u) => u.key === open);
  return (
    <div className="stack" data-group={group.key}>
      <Heading level={3} data-size="xs">
        {title(group)}
      </Heading>
      <div className="steering-scroll" tabIndex={0} role="region" aria-label={title(group)}>
        <Table zebra>
          <caption className="ds-sr-only">{title(group)}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('eqUnit')}</Table.HeaderCell>
              {(['n', 'mean', 'median', 'p10p90', 'ci95'] as const).map((id) => (
                <Table.HeaderCell key={id}>{report.definitions.find((d) => d.id === id)?.name[lang] ?? id}</Table.HeaderCell>
              ))}
              <Table.HeaderCell>{t('eqFlag')}</Table.HeaderCell>
              <Table.HeaderCell>{t('eqCases')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            <Table.Row data-unit="municipality">
              <Table.HeaderCell scope="row">{t('eqMunicipality')}</Table.HeaderCell>
              <FigureCells f={group.municipality} minimumN={n} />
              <Table.Cell>–</Table.Cell>
              <Table.Cell>–</Table.Cell>
            </Table.Row>
            {group.units.map((u) => (
              <Table.Row key={u.key} data-unit={u.key} data-flag={u.flag ?? undefined}>
                <Table.HeaderCell scope="row">{unitName(u, t)}</Table.HeaderCell>
                <FigureCells f={u.figures} minimumN={n} />
                <FlagCell flag={u.flag} />
                <Table.Cell>
                  <Button variant="tertiary" data-size="sm" aria-expanded={open === u.key} onClick={() => setOpen(open === u.key ? null : u.key)}>
                    {t('eqShowCases')}
                    <span className="ds-sr-only">: {unitName(u, t)}</span>
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {opened && (
        <section aria-label={`${t('eqCases')}: ${unitName(opened, t)}`}>
          <CellCases report={report} group={group.key} unit={opened.key} />
        </section>
      )}
    </div>
  );
}

/** Every figure's definition, the need bands and the minimum n, written out beside the tables. */
function Definitions({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  return (
    <details open data-testid="equal-treatment-definitions">
      <summary>{t('eqDefinitions')}</summary>
      <dl>
        {report.definitions.map((d) => (
          <div key={d.id} data-definition={d.id}>
            <dt>{d.name[lang]}</dt>
            <dd className="steering-definition">{d.definition[lang]}</dd>
          </div>
        ))}
        <dt>{t('eqBandRule')}</dt>
        <dd className="steering-definition">{(['limited', 'medium', 'extensive', 'unassessed'] as const).map((b) => report.bandRule.bands[b]?.[lang] ?? b).join('; ')}.</dd>
        <dt>
          {t('eqMinimumN')}: {report.minimumN.n}
        </dt>
        <dd className="steering-definition">{report.minimumN.reason[lang]}</dd>
      </dl>
    </details>
  );
}

function Controls(props: { from: string; to: string; by: By; service: string; set: (p: Partial<{ from: string; to: string; by: By; service: string }>) => void }) {
  const { t } = useI18n();
  const services = useServices();
  const name = useServiceName();
  return (
    <div className="steering-controls no-print">
      <Textfield label={t('steeringFrom')} type="date" value={props.from} onChange={(e) => e.target.value && props.set({ from: e.target.value })} />
      <Textfield label={t('steeringTo')} type="date" value={props.to} onChange={(e) => e.target.value && props.set({ to: e.target.value })} />
      <Field>
        <Label>{t('eqBy')}</Label>
        <Select value={props.by} onChange={(e) => props.set({ by: BREAKDOWNS.find((b) => b === e.target.value) ?? 'caseworker' })} data-testid="equal-treatment-by">
          {BREAKDOWNS.map((b) => (
            <Select.Option key={b} value={b}>
              {t(`eqBy_${b}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label>{t('eqService')}</Label>
        <Select value={props.service} onChange={(e) => props.set({ service: e.target.value })}>
          <Select.Option value="">{t('eqAllServices')}</Select.Option>
          {services.map((s) => (
            <Select.Option key={s.code} value={s.code}>
              {name(s.code)}
            </Select.Option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

export function EqualTreatment() {
  const { t } = useI18n();
  const today = osloDate();
  const [q, setQ] = useState<{ from: string; to: string; by: By; service: string }>({ from: yearBack(today), to: today, by: 'caseworker', service: '' });
  const query = { from: q.from, to: q.to, by: q.by, ...(isServiceCode(q.service) ? { service: serviceCode(q.service) } : {}) };
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/equal-treatment', { params: { query, header: purposeHeader() } })), [JSON.stringify(query)]);
  const report = loaded.data;
  // A group with fewer decisions than the minimum n in all shows nothing of any unit: one line says how many there are.
  const shown = report?.groups.filter((g) => !g.municipality.suppressed) ?? [];
  const hidden = (report?.groups.length ?? 0) - shown.length;
  const figures = useRef<HTMLDivElement>(null);
  return (
    <section className="panel stack" aria-labelledby="equal-treatment-title" data-testid="equal-treatment">
      <Heading level={2} data-size="sm" id="equal-treatment-title">
        {t('eqTitle')}
      </Heading>
      <Paragraph>{t('eqHelp')}</Paragraph>
      <Paragraph data-size="sm">{t('eqNoCause')}</Paragraph>
      <Controls {...q} set={(p) => setQ({ ...q, ...p })} />
      <LoadState loaded={loaded} />
      {report && (
        <div className="stack" ref={figures}>
          <ExportPrint table={() => ({ name: `likebehandling-${report.from}-${report.to}-${report.by}`, rows: rowsOfTables(figures.current) })} />
          <Paragraph data-size="sm">
            {report.from} – {report.to} · {t('eqBy')}: {t(`eqBy_${report.by}`)} · {fill(t('eqFlagged'), { n: report.flagged })}
          </Paragraph>
          <Definitions report={report} />
          {report.groups.length === 0 && <Paragraph>{t('eqNoGrants')}</Paragraph>}
          {shown.map((g) => (
            <GroupTable key={g.key} report={report} group={g} />
          ))}
          {hidden > 0 && <Paragraph data-size="sm" data-testid="equal-treatment-hidden">{fill(t('eqHiddenGroups'), { groups: hidden, n: report.minimumN.n })}</Paragraph>}
        </div>
      )}
    </section>
  );
}
