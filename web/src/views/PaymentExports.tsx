/**
 * The month's files for the municipality's finance system: the invoice basis of user payments and
 * the provider settlement, as CSV or JSON (GET /reports/payment-basis, GET /reports/settlement/export;
 * the session cookie authenticates the download). The rows are those the leader's access allows.
 */
import { Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { osloMonth } from '../dates.ts';
import { useI18n } from '../i18n.tsx';

export function PaymentExports() {
  const { t } = useI18n();
  const [month, setMonth] = useState(osloMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const file = (path: string, format: 'csv' | 'json') => `/api/v1/${path}?month=${month}&format=${format}`;
  return (
    <section className="panel stack" aria-labelledby="payment-exports-title" data-testid="payment-exports">
      <Heading level={2} data-size="sm" id="payment-exports-title">
        {t('payExportTitle')}
      </Heading>
      <Paragraph>{t('payExportHelp')}</Paragraph>
      <Textfield label={t('payMonth')} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
      {valid && (
        <ul>
          <li>
            <Link href={file('reports/payment-basis', 'csv')} download>
              {t('payExportBasisCsv')}
            </Link>
          </li>
          <li>
            <Link href={file('reports/payment-basis', 'json')} download>
              {t('payExportBasisJson')}
            </Link>
          </li>
          <li>
            <Link href={file('reports/settlement/export', 'csv')} download>
              {t('payExportSettlementCsv')}
            </Link>
          </li>
          <li>
            <Link href={file('reports/settlement/export', 'json')} download>
              {t('payExportSettlementJson')}
            </Link>
          </li>
        </ul>
      )}
    </section>
  );
}
