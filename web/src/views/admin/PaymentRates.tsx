/**
 * The administrator records the municipality's user-payment rates for a year (egenandelsforskriften):
 * selvkost per hour of practical help with the income bands (from so many G, the hourly rate and the
 * monthly cap), and the rates for stays, with where they were decided. The server checks them against
 * the regulation (a band's monthly cap under 2 G may not exceed the state's maximum; rates may not
 * fall as income rises) and names the field it refuses. Earlier rates stay in the list.
 */
import { Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { useI18n } from '../../i18n.tsx';
import { LoadState, useLoad } from '../../useLoad.tsx';

type Rates = Awaited<ReturnType<typeof loadRates>>[number];
type Band = Rates['practicalHelp']['bands'][number];

async function loadRates() {
  return ok(await api.GET('/api/v1/payment-rates'));
}

/** "0 180 0" per line: from G, hourly rate, monthly cap (empty or "-" for none). Null when a line cannot be read. */
export function parseBands(text: string): { bands: Band[]; badLine: number | null } {
  const bands: Band[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const [fromG, rate, cap] = line.split(/[\s;]+/);
    const numbers = [fromG, rate].map((v) => Number((v ?? '').replace(',', '.')));
    const capValue = cap === undefined || cap === '-' ? null : Number(cap.replace(',', '.'));
    if (numbers.some((n) => !Number.isFinite(n)) || (capValue !== null && !Number.isFinite(capValue))) return { bands, badLine: i + 1 };
    bands.push({ fromG: numbers[0] as number, hourlyRate: numbers[1] as number, monthlyCap: capValue });
  }
  return { bands, badLine: null };
}

const optionalNumber = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(',', '.')));

function RecordRates({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [costPerHour, setCostPerHour] = useState('');
  const [bands, setBands] = useState('0 0 0\n2 215 -');
  const [shortStay, setShortStay] = useState('');
  const [dayNight, setDayNight] = useState('');
  const [longStay, setLongStay] = useState('');
  const [source, setSource] = useState('');
  const [bandError, setBandError] = useState<string | undefined>();
  const labels = {
    year: t('payRatesYear'),
    costPerHour: t('payRatesCostPerHour'),
    bands: t('payRatesBands'),
    shortTermStayPerDay: t('payRatesShortStay'),
    dayOrNightStay: t('payRatesDayNight'),
    longTermStayCostPerMonth: t('payRatesLongStay'),
    source: t('payRatesSource'),
  };
  const submit = async () => {
    const parsed = parseBands(bands);
    setBandError(parsed.badLine === null ? undefined : t('payRatesBadLine').replace('{n}', String(parsed.badLine)));
    if (parsed.badLine !== null) return;
    const body = {
      year: Number(year),
      practicalHelp: { costPerHour: Number(costPerHour.replace(',', '.')), bands: parsed.bands },
      shortTermStayPerDay: optionalNumber(shortStay),
      dayOrNightStay: optionalNumber(dayNight),
      longTermStayCostPerMonth: optionalNumber(longStay),
      source: source.trim(),
    };
    ok(await api.POST('/api/v1/payment-rates', { params: { header: commandHeaders() }, body }));
    await onDone();
  };
  return (
    <ActionForm title={t('payRatesRecord')} submitLabel={t('payRatesSave')} onSubmit={submit} level={3} labels={labels} testId="payment-rates-form">
      {({ fieldError }) => (
        <>
          <Textfield label={labels.year} type="number" value={year} onChange={(e) => setYear(e.target.value)} error={fieldError('year')} />
          <Textfield label={labels.costPerHour} inputMode="decimal" value={costPerHour} onChange={(e) => setCostPerHour(e.target.value)} error={fieldError('costPerHour')} />
          <Textfield multiline rows={4} label={labels.bands} description={t('payRatesBandsHelp')} value={bands} onChange={(e) => setBands(e.target.value)} error={bandError ?? fieldError('bands')} />
          <Textfield label={labels.shortTermStayPerDay} inputMode="decimal" value={shortStay} onChange={(e) => setShortStay(e.target.value)} error={fieldError('shortTermStayPerDay')} />
          <Textfield label={labels.dayOrNightStay} inputMode="decimal" value={dayNight} onChange={(e) => setDayNight(e.target.value)} error={fieldError('dayOrNightStay')} />
          <Textfield label={labels.longTermStayCostPerMonth} inputMode="decimal" value={longStay} onChange={(e) => setLongStay(e.target.value)} error={fieldError('longTermStayCostPerMonth')} />
          <Textfield label={labels.source} description={t('payRatesSourceHelp')} value={source} onChange={(e) => setSource(e.target.value)} error={fieldError('source')} />
        </>
      )}
    </ActionForm>
  );
}

function RatesTable({ rates }: { rates: Rates[] }) {
  const { t } = useI18n();
  if (rates.length === 0) return <Paragraph>{t('payRatesNone')}</Paragraph>;
  const band = (b: Band) => `${b.fromG} G: ${b.hourlyRate} kr/t${b.monthlyCap === null ? '' : `, maks ${b.monthlyCap} kr/mnd`}`;
  return (
    <Table data-testid="payment-rates">
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('payRatesYear')}</Table.HeaderCell>
          <Table.HeaderCell>{t('payRatesCostPerHour')}</Table.HeaderCell>
          <Table.HeaderCell>{t('payRatesBands')}</Table.HeaderCell>
          <Table.HeaderCell>{t('payRatesSource')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rates.map((r) => (
          <Table.Row key={r.id}>
            <Table.Cell>{r.year}</Table.Cell>
            <Table.Cell>{r.practicalHelp.costPerHour}</Table.Cell>
            <Table.Cell>{r.practicalHelp.bands.map(band).join('; ')}</Table.Cell>
            <Table.Cell>{r.source}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

export function PaymentRatesSection() {
  const { t } = useI18n();
  const loaded = useLoad(loadRates, []);
  return (
    <section className="stack" data-testid="admin-payment-rates">
      <Heading level={2} data-size="sm">
        {t('payRatesTitle')}
      </Heading>
      <Paragraph>{t('payRatesHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {loaded.data && <RatesTable rates={loaded.data} />}
      <RecordRates onDone={loaded.reload} />
    </section>
  );
}
