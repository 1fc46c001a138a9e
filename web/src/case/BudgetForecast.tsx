/**
 * The unit's budget beside a decision draft (issue 20.6): the year's forecast with and without the
 * proposed hours, against the frame, with the activity deviation. Information only: the decision is
 * saved whatever it says (a statutory service is never stopped by the budget). Those who may not
 * read budgets see nothing.
 */
import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { serviceCode } from '../services.ts';
import type { Reply } from '../session.ts';
import { useLoad } from '../useLoad.tsx';
import type { Extent } from './DecisionExtent.tsx';
import type { CaseData } from './useCase.ts';

type Forecast = Reply<'/api/v1/budget/forecast', 'get'>;
const kroner = (x: number) => `${Math.round(x).toLocaleString('nb-NO')} kr`;

function Deviation({ d }: { d: Forecast['activityDeviation'] }) {
  const { t } = useI18n();
  if (!d) return null;
  const over = d.amount > 0;
  return <Tag data-color={over ? 'warning' : 'success'}>{t(over ? 'forecastOver' : 'forecastWithin').replace('{amount}', kroner(Math.abs(d.amount)))}</Tag>;
}

function Figures({ f }: { f: Forecast }) {
  const { t } = useI18n();
  type Row = readonly [string, string, Forecast['activityDeviation'] | undefined];
  const proposal: Row[] = f.proposal ? [[t('forecastAdded'), kroner(f.proposal.added), undefined], [t('forecastWith'), kroner(f.proposal.forecast), f.proposal.activityDeviation]] : [];
  const rows: Row[] = [[t('forecastFrame'), f.frame ? kroner(f.frame.total) : t('forecastNoFrame'), undefined], [t('forecastWithout'), kroner(f.forecast), f.activityDeviation], ...proposal];
  return (
    <dl className="facts">
      {rows.map(([label, value, d]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {value} {d !== undefined && <Deviation d={d} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The proposed hours a week (a frame's maximum), or undefined when none are typed. */
function proposedHours(extent: Extent): number | undefined {
  const hours = extent.form === 'frame' ? extent.frameMax : extent.hours;
  return hours.trim() === '' || Number.isNaN(Number(hours)) ? undefined : Number(hours);
}

/** Shown for a grant (not a refusal), once the case has a unit. */
export function BudgetForecast({ c, extent, outcome, from }: { c: CaseData; extent: Extent; outcome: string; from: string }) {
  return outcome === 'refused' || !c.ownerUnitId ? null : <Forecasted c={c} unitId={c.ownerUnitId} hours={proposedHours(extent)} from={from} to={extent.untilFurtherNotice ? null : extent.validTo || null} />;
}

/** The value once it has stayed the same a moment (the forecast is asked for when typing pauses, not at every key). */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Forecasted({ c, unitId, hours, from: typedFrom, to }: { c: CaseData; unitId: string; hours: number | undefined; from: string; to: string | null }) {
  const { t } = useI18n();
  const proposed = useSettled(hours);
  const from = useSettled(typedFrom);
  const loaded = useLoad(async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return null;
    const query = { unitId, serviceCode: serviceCode(c.serviceCode), from, ...(to ? { to } : {}), ...(proposed !== undefined ? { hoursPerWeek: proposed } : {}) };
    const r = await api.GET('/api/v1/budget/forecast', { params: { query } });
    // Not one who reads budgets: nothing to show, and nothing in the way of the decision.
    return r.response.status === 403 ? null : ok(r);
  }, [unitId, c.serviceCode, from, to, proposed]);
  const f = loaded.data;
  if (!f) return null;
  return (
    <Card data-testid="budget-forecast" data-color="neutral">
      <Heading level={3} data-size="2xs">
        {t('forecastTitle')} {f.year}
      </Heading>
      <Paragraph data-size="sm">{t('forecastHelp')}</Paragraph>
      {f.serviceCode === null && <Paragraph data-size="sm">{t('forecastWholeUnit')}</Paragraph>}
      <Figures f={f} />
    </Card>
  );
}
