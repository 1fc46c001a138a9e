/**
 * CSV import of staff or of geographic areas: every row or none. The file is read in the browser and
 * sent as text; "check only" runs every row and stores nothing. A refused file lists each refused
 * row by line and column (the header is line 1), with the value the file has there.
 */
import { Alert, Button, Heading, Input, Label, Field, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, commandHeaders, ok, type Problem } from '../../api/client.ts';
import { ProblemAlert } from '../../case/ActionForm.tsx';
import { Choice } from '../../case/LifecycleFields.tsx';
import { useI18n, type Key } from '../../i18n.tsx';
import { fieldText, type FieldError } from '../../problems.ts';
import { ROLE_CODES, roleKey } from './adminData.ts';

type What = 'staff' | 'areas';
const WHATS: readonly What[] = ['staff', 'areas'];
const COLUMNS: Readonly<Record<What, readonly string[]>> = {
  staff: ['username', 'displayName', 'profession', 'roles', 'units', 'validFrom'],
  areas: ['name', 'district', 'team', 'postalCodes', 'validFrom'],
};
const COLUMN_KEYS: Readonly<Record<string, Key>> = {
  username: 'adminUsername',
  displayName: 'adminName',
  profession: 'adminProfession',
  roles: 'adminRoles',
  units: 'adminUnits',
  validFrom: 'adminValidFrom',
  name: 'adminName',
  district: 'adminDistrict',
  team: 'adminTeam',
  postalCodes: 'adminPostalCodes',
};

interface RefusedRow {
  readonly line: number;
  readonly column: string;
  readonly error: FieldError;
}

/** The refused rows of a problem: its field errors named csv.<line>.<column>. */
export function refusedRows(p: Problem): RefusedRow[] {
  return (p.errors ?? []).flatMap((e) => {
    const [root, line, column] = e.field.split('.');
    return root === 'csv' && line && /^\d+$/.test(line) ? [{ line: Number(line), column: column ?? '', error: e }] : [];
  });
}

/** The value the file has at a line and column (the header is line 1; ; or , separates). */
function cellOf(csv: string, line: number, column: string): string {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (l: string) => l.split(/[;,]/).map((c) => c.trim());
  const header = split(lines[0] ?? '');
  const index = header.indexOf(column);
  return index < 0 ? '' : (split(lines[line - 1] ?? '')[index] ?? '');
}

function RefusedTable({ rows, csv }: { rows: readonly RefusedRow[]; csv: string }) {
  const { t, lang } = useI18n();
  return (
    <Table zebra data-testid="import-refused">
      <caption>{t('adminImportRefusedRows')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('adminImportLine')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminImportColumn')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminImportValue')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminImportProblem')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((r, i) => {
          const key = COLUMN_KEYS[r.column];
          return (
            <Table.Row key={`${r.line}-${r.column}-${i}`}>
              <Table.Cell>{r.line}</Table.Cell>
              <Table.Cell>{key ? t(key) : t('adminImportWholeRow')}</Table.Cell>
              <Table.Cell>{cellOf(csv, r.line, r.column) || '–'}</Table.Cell>
              <Table.Cell>{fieldText(lang, r.error)}</Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table>
  );
}

/** The roles as the file names them, each with its words. */
function RoleCodes() {
  const { t } = useI18n();
  return (
    <Paragraph data-size="sm">
      {t('adminImportRoleCodes')}:{' '}
      {ROLE_CODES.map((r, i) => (
        <span key={r}>
          {i > 0 && ', '}
          <code>{r}</code> ({t(roleKey(r))})
        </span>
      ))}
    </Paragraph>
  );
}

/** The columns the file needs, and how lists and names are written. */
function ColumnsHelp({ what }: { what: What }) {
  const { t } = useI18n();
  return (
    <>
      <Paragraph data-size="sm" data-testid="import-columns">
        {t('adminImportColumns')}: <code>{COLUMNS[what].join(';')}</code>. {what === 'staff' ? t('adminImportStaffHelp') : t('adminImportAreasHelp')}
      </Paragraph>
      {what === 'staff' && <RoleCodes />}
    </>
  );
}

type Result = { readonly rows: number; readonly imported: boolean };

function useImport(what: What, onImported: () => Promise<void>) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (dryRun: boolean, missing: string) => {
    setBusy(true);
    setResult(null);
    try {
      if (!file) throw new ApiProblem({ status: 400, detail: missing, errors: [{ field: 'file', message: missing }] });
      const body = { fileName: file.name, csv: file.text, dryRun };
      const params = { header: commandHeaders() };
      const r = what === 'staff' ? await api.POST('/api/v1/organisation/staff/import', { params, body }) : await api.POST('/api/v1/organisation/areas/import', { params, body });
      const result = ok(r);
      setResult(result);
      setProblem(null);
      if (result.imported) await onImported();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (f: File | undefined) => {
    setResult(null);
    setProblem(null);
    setFile(f ? { name: f.name, text: await f.text() } : null);
  };
  return { file, result, problem, busy, send, choose };
}

function ImportResult({ result }: { result: Result }) {
  const { t } = useI18n();
  const one = result.rows === 1;
  const words = result.imported ? t(one ? 'adminImportDoneOne' : 'adminImportDone') : t(one ? 'adminImportCheckedOne' : 'adminImportChecked');
  return (
    <Alert data-color="success" data-testid="import-result">
      {words.replace('{n}', String(result.rows))}
    </Alert>
  );
}

/** `onImported` reads the organisation again once rows are stored. */
export function ImportSection({ onImported }: { onImported: () => Promise<void> }) {
  const { t } = useI18n();
  const [what, setWhat] = useState<What>('staff');
  const { file, result, problem, busy, send, choose } = useImport(what, onImported);
  const refused = problem ? refusedRows(problem.problem) : [];
  // The refused rows are in the table; the alert says the rest (the message, and any error of the file as a whole).
  const rest = problem && refused.length > 0 ? new ApiProblem({ ...problem.problem, errors: (problem.problem.errors ?? []).filter((e) => !refusedRows({ status: 400, errors: [e] }).length) }) : problem;
  const pick = (w: What) => {
    setWhat(w);
    void choose(undefined);
  };
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('adminImport')}
      </Heading>
      <Paragraph data-size="sm">{t('adminImportHelp')}</Paragraph>
      <section className="panel stack" aria-label={t('adminImport')} data-testid="admin-import">
        <Choice legend={t('adminImportWhat')} name="import-what" options={WHATS} value={what} onChange={pick} words={(w) => (w === 'staff' ? 'adminImportStaff' : 'adminImportAreas')} />
        <ColumnsHelp what={what} />
        <Field>
          <Label>{t('adminImportFile')}</Label>
          <Input key={what} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void choose(e.target.files?.[0])} aria-invalid={problem?.fieldError('file') ? true : undefined} />
        </Field>
        {rest && <ProblemAlert problem={rest} labels={{ csv: t('adminImportFile'), file: t('adminImportFile') }} />}
        {refused.length > 0 && file && <RefusedTable rows={refused} csv={file.text} />}
        {result && <ImportResult result={result} />}
        <div className="row">
          <Button variant="secondary" disabled={busy} onClick={() => void send(true, t('adminImportChooseFile'))}>
            {t('adminImportCheck')}
          </Button>
          <Button disabled={busy} onClick={() => void send(false, t('adminImportChooseFile'))}>
            {t('adminImportRun')}
          </Button>
        </div>
      </section>
    </div>
  );
}
