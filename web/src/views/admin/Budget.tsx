/**
 * Budgets over the year (issue 17.5): per year, each unit's frames for a service or its whole budget,
 * month by month (the phased amount, last year's carry-over and its part of shared pools), with the
 * value decided so far, the year's forecast and the activity deviation; the shared pools and their
 * split; every version; and forms to set a frame and a pool from a date.
 */
import { Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ok } from '../../api/client.ts';
import { useI18n, type Key } from '../../i18n.tsx';
import { useServiceName } from '../../services.ts';
import type { Reply } from '../../session.ts';
import { LoadState, useLoad } from '../../useLoad.tsx';
import { dayWords, namer, type Organisation } from './adminData.ts';
import { AddFrame, AddPool, monthKey } from './BudgetForms.tsx';

type Year = Reply<'/api/v1/budget', 'get'>;
type Frame = Year['frames'][number];
type Pool = Year['pools'][number];

export const kroner = (x: number) => `${x.toLocaleString('nb-NO', { maximumFractionDigits: 0 })} kr`;

function carryWords(t: (k: Key) => string, f: Frame): string {
  const c = f.carryOver;
  if (c.kind === 'none') return t('budgetCarry_none');
  return `${t(`budgetCarry_${c.kind}`)}, ${t('budgetCapWords').replace('{percent}', String(c.capPercent)).replace('{of}', t(`budgetCapOf_${c.capOf}`))}`;
}

function FrameRow({ f }: { f: Frame }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  return (
    <Table.Row data-testid={`budget-frame-${f.unitName}`}>
      <Table.Cell>{f.unitName}</Table.Cell>
      <Table.Cell>{f.serviceCode ? serviceName(f.serviceCode) : t('budgetAllServices')}</Table.Cell>
      <Table.Cell>{kroner(f.amount)}</Table.Cell>
      <Table.Cell>{f.phasing.kind === 'even' ? t('budgetPhasingEven') : t('budgetPhasingShares')}</Table.Cell>
      <Table.Cell>{carryWords(t, f)}</Table.Cell>
      <Table.Cell>{kroner(f.carriedIn)}</Table.Cell>
      <Table.Cell>{kroner(f.total)}</Table.Cell>
      <Table.Cell>{kroner(f.yearToDate)}</Table.Cell>
      <Table.Cell>{kroner(f.forecast)}</Table.Cell>
      <Table.Cell>{f.activityDeviation ? kroner(f.activityDeviation.amount) : '–'}</Table.Cell>
      <Table.Cell>{dayWords(f.effectiveOn)}</Table.Cell>
    </Table.Row>
  );
}

function FramesTable({ frames }: { frames: readonly Frame[] }) {
  const { t } = useI18n();
  if (frames.length === 0) return <Paragraph data-testid="budget-no-frames">{t('budgetNoFrames')}</Paragraph>;
  return (
    <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('budgetFrames')}>
      <Table zebra data-testid="budget-frames">
        <caption className="ds-sr-only">{t('budgetFrames')}</caption>
        <Table.Head>
          <Table.Row>
            {(['budgetUnit', 'budgetService', 'budgetAmount', 'budgetPhasing', 'budgetCarryOver', 'budgetCarriedIn', 'budgetTotal', 'budgetYearToDate', 'budgetForecast', 'budgetDeviation', 'budgetEffectiveOn'] as const).map((k) => (
              <Table.HeaderCell key={k}>{t(k)}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {frames.map((f) => (
            <FrameRow key={f.id} f={f} />
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

/** Each frame month by month (its phasing, carry-in and pool parts). */
function MonthsTable({ frames }: { frames: readonly Frame[] }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  if (frames.length === 0) return null;
  return (
    <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('budgetMonths')}>
      <Table zebra data-size="sm" data-testid="budget-months">
        <caption>{t('budgetMonths')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('budgetUnit')}</Table.HeaderCell>
            {Array.from({ length: 12 }, (_, i) => (
              <Table.HeaderCell key={i}>{t(monthKey(i))}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {frames.map((f) => (
            <Table.Row key={f.id}>
              <Table.HeaderCell scope="row">
                {f.unitName}, {f.serviceCode ? serviceName(f.serviceCode) : t('budgetAllServices')}
              </Table.HeaderCell>
              {f.months.map((m, i) => (
                <Table.Cell key={i}>{kroner(m)}</Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function PoolsTable({ pools }: { pools: readonly Pool[] }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  if (pools.length === 0) return <Paragraph data-testid="budget-no-pools">{t('budgetNoPools')}</Paragraph>;
  return (
    <Table zebra data-testid="budget-pools">
      <caption className="ds-sr-only">{t('budgetPools')}</caption>
      <Table.Head>
        <Table.Row>
          {(['budgetPoolName', 'budgetService', 'budgetAmount', 'budgetPoolSplit', 'budgetPoolUnits', 'budgetEffectiveOn'] as const).map((k) => (
            <Table.HeaderCell key={k}>{t(k)}</Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {pools.map((p) => (
          <Table.Row key={p.id} data-testid={`budget-pool-${p.name}`}>
            <Table.Cell>{p.name}</Table.Cell>
            <Table.Cell>{p.serviceCode ? serviceName(p.serviceCode) : t('budgetAllServices')}</Table.Cell>
            <Table.Cell>{kroner(p.amount)}</Table.Cell>
            <Table.Cell>{t(`budgetSplit_${p.split.kind}`)}</Table.Cell>
            <Table.Cell>{p.unitNames.map((n, i) => (p.split.kind === 'shares' ? `${n} (${p.split.shares[i]?.percent ?? 0} %)` : n)).join(', ')}</Table.Cell>
            <Table.Cell>{dayWords(p.effectiveOn)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function Versions({ year, org }: { year: Year; org: Organisation }) {
  const { t } = useI18n();
  const unit = namer(org.units, '');
  const staff = namer(org.staff.map((s) => ({ id: s.id, name: s.displayName })), '');
  const rows = [...year.history.frames.map((f) => ({ ...f, what: `${unit(f.unitId)}: ${kroner(f.amount)}` })), ...year.history.pools.map((p) => ({ ...p, what: `${p.name}: ${kroner(p.amount)}` }))].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  if (rows.length === 0) return null;
  return (
    <details>
      <summary>{t('budgetVersions')}</summary>
      <ul data-testid="budget-versions">
        {rows.map((r) => (
          <li key={r.id}>
            {dayWords(r.recordedAt)} · {r.what} · {t('budgetEffectiveOn')} {dayWords(r.effectiveOn)} · {staff(r.recordedBy)}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function BudgetSection({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/budget', { params: { query: { year } } })), [year]);
  const data = loaded.data;
  return (
    <div className="stack" data-testid="admin-budget">
      <Heading level={2} data-size="sm">
        {t('budgetYearTitle')}
      </Heading>
      <Paragraph data-size="sm">{t('budgetYearHelp')}</Paragraph>
      <Textfield label={t('budgetYear')} type="number" min={2000} max={2100} value={String(year)} onChange={(e) => setYear(Number(e.target.value) || year)} />
      <LoadState loaded={loaded} />
      {data && (
        <>
          <Heading level={3} data-size="xs">
            {t('budgetFrames')}
          </Heading>
          <FramesTable frames={data.frames} />
          <MonthsTable frames={data.frames} />
          <Heading level={3} data-size="xs">
            {t('budgetPools')}
          </Heading>
          <PoolsTable pools={data.pools} />
          <Versions year={data} org={org} />
        </>
      )}
      <AddFrame org={org} year={year} onDone={loaded.reload} />
      <AddPool org={org} year={year} onDone={loaded.reload} />
    </div>
  );
}
