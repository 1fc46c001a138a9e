/**
 * The steering views' own buttons: download what is shown as CSV or XLSX (the same rows), and print it
 * (the print stylesheet hides the controls).
 */
import { Button } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { downloadCsv, type CsvCell } from './csv.ts';
import { downloadXlsx } from './xlsx.ts';

/** What a view exports: the file's name without its extension, and its rows (the first is the header). */
export interface ExportTable {
  readonly name: string;
  readonly rows: readonly (readonly CsvCell[])[];
}

export function ExportPrint({ table }: { table: () => ExportTable }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const xlsx = async () => {
    setFailed(false);
    const { name, rows } = table();
    await downloadXlsx(`${name}.xlsx`, rows).catch(() => setFailed(true));
  };
  return (
    <div className="steering-controls no-print">
      <Button
        variant="secondary"
        data-size="sm"
        onClick={() => {
          const { name, rows } = table();
          downloadCsv(`${name}.csv`, rows);
        }}
      >
        {t('steeringExport')}
      </Button>
      <Button variant="secondary" data-size="sm" onClick={() => void xlsx()}>
        {t('steeringExportXlsx')}
      </Button>
      <Button variant="secondary" data-size="sm" onClick={() => window.print()}>
        {t('steeringPrint')}
      </Button>
      {failed && (
        <span role="alert" className="steering-export-failed">
          {t('steeringExportFailed')}
        </span>
      )}
    </div>
  );
}
