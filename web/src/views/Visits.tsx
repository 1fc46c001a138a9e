/**
 * The provider's delivery records: a visit performed (minutes) or cancelled (a reason) under a case's
 * accepted order (POST /visits), and the import of a day's visits from the mobile care system as CSV
 * (POST /visits/import): every row or none, a check-only run first, and every refused row shown by
 * line and column so the file can be corrected and sent again.
 */
import { Alert, Button, Field, Heading, Label, Paragraph, Select, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../api/client.ts';
import { ActionForm } from '../case/ActionForm.tsx';
import { fill } from '../case/caseFileFormat.ts';
import { osloDate } from '../dates.ts';
import { useI18n } from '../i18n.tsx';
import type { Me, Reply } from '../session.ts';

type CaseItem = Reply<'/api/v1/cases', 'get'>['items'][number];
interface RefusedRow {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** Record one visit under a case the user's unit delivers. */
export function RecordVisit({ cases, onDone }: { cases: readonly CaseItem[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const delivering = cases.filter((c) => c.status === 'active');
  const [v, setV] = useState({ caseId: delivering[0]?.id ?? '', employeeRef: '', visitDate: osloDate(), minutes: '30', status: 'performed' as 'performed' | 'cancelled', cancelReason: '' });
  if (delivering.length === 0) return null;
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async () => {
    const cancelled = v.status === 'cancelled';
    const body = { caseId: v.caseId, employeeRef: v.employeeRef, visitDate: v.visitDate, minutes: cancelled ? 0 : Number(v.minutes), status: v.status, night: false, ...(cancelled ? { cancelReason: v.cancelReason } : {}) };
    ok(await api.POST('/api/v1/visits', { params: { header: commandHeaders() }, body }));
    await onDone();
  };
  return (
    <ActionForm title={t('visitTitle')} submitLabel={t('visitSave')} onSubmit={submit} testId="record-visit" labels={{ employeeRef: t('visitEmployee'), visitDate: t('visitDate'), minutes: t('visitMinutes'), cancelReason: t('visitCancelReason') }}>
      {({ fieldError }) => (
        <>
          <Field>
            <Label>{t('caseNumber')}</Label>
            <Select value={v.caseId} onChange={set('caseId')}>
              {delivering.map((c) => (
                <Select.Option key={c.id} value={c.id}>
                  {c.caseNumber} {c.person.name}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <div className="row">
            <Textfield label={t('visitEmployee')} value={v.employeeRef} onChange={set('employeeRef')} error={fieldError('employeeRef')} />
            <Textfield label={t('visitDate')} type="date" value={v.visitDate} onChange={set('visitDate')} error={fieldError('visitDate')} />
            <Field>
              <Label>{t('visitStatus')}</Label>
              <Select value={v.status} onChange={set('status')}>
                <Select.Option value="performed">{t('visitPerformed')}</Select.Option>
                <Select.Option value="cancelled">{t('visitCancelled')}</Select.Option>
              </Select>
            </Field>
          </div>
          {v.status === 'performed' ? (
            <Textfield label={t('visitMinutes')} type="number" min={0} value={v.minutes} onChange={set('minutes')} error={fieldError('minutes')} />
          ) : (
            <Textfield label={t('visitCancelReason')} value={v.cancelReason} onChange={set('cancelReason')} error={fieldError('cancelReason')} />
          )}
        </>
      )}
    </ActionForm>
  );
}

function RefusedRows({ rows }: { rows: readonly RefusedRow[] }) {
  const { t } = useI18n();
  return (
    <Table zebra data-testid="visit-import-refused">
      <caption>{t('visitImportRefused')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('visitImportLine')}</Table.HeaderCell>
          <Table.HeaderCell>{t('visitImportColumn')}</Table.HeaderCell>
          <Table.HeaderCell>{t('visitImportWhy')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((r) => (
          <Table.Row key={`${r.line}-${r.field}`}>
            <Table.Cell>{r.line}</Table.Cell>
            <Table.Cell>{r.field}</Table.Cell>
            <Table.Cell lang="en">{r.message}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** Import a CSV file of visits for one of the user's units: check only, or import; every row or none. */
export function ImportVisits({ me, onDone }: { me: Me; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [refused, setRefused] = useState<{ rows: readonly RefusedRow[]; total: number }>({ rows: [], total: 0 });
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const providerUnitId = me.unitIds[0];
  if (!providerUnitId) return null;
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      // The file goes to the server as it is read from disk (text/csv), so a file of a million rows is
      // neither read into the page nor into the server's memory (POST /visits/import/stream).
      const r = ok(
        await api.POST('/api/v1/visits/import/stream', {
          params: { header: commandHeaders(), query: { providerUnitId, fileName: file.name, ...(dryRun ? { dryRun: 'true' } : {}) } },
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': 'text/csv' },
        }),
      );
      setRefused({ rows: [], total: 0 });
      setResult(dryRun ? t('visitImportChecked').replace('{n}', String(r.accepted)) : t('visitImportDone').replace('{n}', String(r.accepted)));
      if (!dryRun) await onDone();
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
      const report = e.problem as unknown as { rejected?: RefusedRow[]; rejectedRows?: number };
      setRefused({ rows: report.rejected ?? [], total: report.rejectedRows ?? report.rejected?.length ?? 0 });
      setResult(t('visitImportNothing'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel stack" aria-labelledby="visit-import" data-testid="visit-import">
      <Heading level={2} data-size="sm" id="visit-import">
        {t('visitImportTitle')}
      </Heading>
      <Paragraph>{t('visitImportHelp')}</Paragraph>
      <Textfield
        label={t('visitImportFile')}
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => {
          setFile((e.target as HTMLInputElement).files?.[0] ?? null);
        }}
      />
      <div className="row">
        <Button variant="secondary" disabled={!file || busy} onClick={() => void send(true)}>
          {t('visitImportCheck')}
        </Button>
        <Button disabled={!file || busy} onClick={() => void send(false)}>
          {t('visitImportSend')}
        </Button>
      </div>
      <div aria-live="polite">{result && <Alert data-color={refused.total > 0 ? 'danger' : 'success'}>{result}</Alert>}</div>
      {refused.total > refused.rows.length && <Paragraph data-testid="visit-import-more">{fill(t('visitImportMore'), { shown: refused.rows.length, total: refused.total })}</Paragraph>}
      {refused.rows.length > 0 && <RefusedRows rows={refused.rows} />}
    </section>
  );
}
