/**
 * The person's income basis for user payments (egenandelsforskriften) on the person card, for staff
 * with full access: the figures in force with their source and date, and a form that records new
 * ones (POST /persons/{id}/income; the earlier record stays in the history).
 */
import { Details, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../api/client.ts';
import { osloDate } from '../dates.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { useLoad } from '../useLoad.tsx';
import { ActionForm } from './ActionForm.tsx';
import { dateIn, fill } from './caseFileFormat.ts';
import { Empty, Facts } from './Panel.tsx';

type Income = Reply<'/api/v1/persons/{id}/income', 'get'>;
type Basis = NonNullable<Income['current']>;
const SOURCES = ['tax_assessment', 'self_declared', 'nav', 'other'] as const;
type Source = (typeof SOURCES)[number];

const kr = (t: (k: Key) => string, n: number | null) => (n === null ? null : fill(t('payKroner'), { n: n.toLocaleString('nb-NO') }));
const whole = (v: string) => (v.trim() === '' ? undefined : Math.round(Number(v.replace(/\s/g, ''))));

function BasisFacts({ b }: { b: Basis }) {
  const { t, lang } = useI18n();
  return (
    <Facts
      rows={[
        [t('payHouseholdIncome'), kr(t, b.householdIncome)],
        [t('payNetIncome'), kr(t, b.netIncomeAfterTax)],
        [t('payDeductions'), kr(t, b.annualDeductions)],
        [t('payHouseholdSize'), b.householdSize === null ? null : String(b.householdSize)],
        [t('payIncomeYear'), String(b.incomeYear)],
        [t('paySource'), `${t(`paySource_${b.source}`)}, ${dateIn(lang, b.sourceDate)}`],
        [t('payRecordedBy'), `${b.recordedBy.name}, ${dateIn(lang, b.recordedAt.slice(0, 10))}`],
        [t('payNote'), b.note],
      ]}
    />
  );
}

function RecordIncome({ personId, current, onDone }: { personId: string; current: Basis | null; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [household, setHousehold] = useState('');
  const [net, setNet] = useState('');
  const [deductions, setDeductions] = useState('');
  const [year, setYear] = useState(String(Number(osloDate().slice(0, 4)) - 1));
  const [source, setSource] = useState<Source>('tax_assessment');
  const [sourceDate, setSourceDate] = useState(osloDate());
  const submit = async () => {
    const body = {
      householdIncome: whole(household) ?? Number.NaN,
      netIncomeAfterTax: whole(net),
      annualDeductions: whole(deductions),
      incomeYear: Number(year),
      source,
      sourceDate,
      corrects: current?.id,
    };
    ok(await api.POST('/api/v1/persons/{id}/income', { params: { path: { id: personId }, header: commandHeaders() }, body }));
    await onDone();
  };
  const labels = { householdIncome: t('payHouseholdIncome'), netIncomeAfterTax: t('payNetIncome'), annualDeductions: t('payDeductions'), incomeYear: t('payIncomeYear'), source: t('paySource'), sourceDate: t('paySourceDate') };
  return (
    <Details data-testid="record-income">
      <Details.Summary>{t('payRecord')}</Details.Summary>
      <Details.Content>
        <ActionForm title={t('payRecord')} submitLabel={t('paySave')} onSubmit={submit} level={3} labels={labels}>
          {({ fieldError }) => (
            <>
              <Textfield label={labels.householdIncome} description={t('payCorrectionHelp')} inputMode="numeric" value={household} onChange={(e) => setHousehold(e.target.value)} error={fieldError('householdIncome')} />
              <Textfield label={labels.netIncomeAfterTax} inputMode="numeric" value={net} onChange={(e) => setNet(e.target.value)} error={fieldError('netIncomeAfterTax')} />
              <Textfield label={labels.annualDeductions} inputMode="numeric" value={deductions} onChange={(e) => setDeductions(e.target.value)} error={fieldError('annualDeductions')} />
              <Textfield label={labels.incomeYear} inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} error={fieldError('incomeYear')} />
              <Field>
                <Label>{labels.source}</Label>
                <Select value={source} onChange={(e) => setSource(e.target.value as Source)}>
                  {SOURCES.map((s) => (
                    <Select.Option key={s} value={s}>
                      {t(`paySource_${s}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              <Textfield label={labels.sourceDate} type="date" value={sourceDate} onChange={(e) => setSourceDate(e.target.value)} error={fieldError('sourceDate')} />
            </>
          )}
        </ActionForm>
      </Details.Content>
    </Details>
  );
}

/** The income basis in force and the form to record a new one. */
export function PersonIncome({ personId }: { personId: string }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/persons/{id}/income', { params: { path: { id: personId } } })), [personId]);
  const income = loaded.data;
  return (
    <div className="stack" data-testid="person-income">
      <strong>{t('payIncomeTitle')}</strong>
      {income?.current ? <BasisFacts b={income.current} /> : <Empty>{t('payIncomeNone')}</Empty>}
      {income && income.history.length > 1 && <Empty>{`${t('payHistory')}: ${income.history.length - 1}`}</Empty>}
      <RecordIncome personId={personId} current={income?.current ?? null} onDone={loaded.reload} />
    </div>
  );
}
