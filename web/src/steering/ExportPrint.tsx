/** The steering views' own buttons: download what is shown as CSV, and print it (the print stylesheet hides the controls). */
import { Button } from '@digdir/designsystemet-react';
import { useI18n } from '../i18n.tsx';

export function ExportPrint({ onExport }: { onExport: () => void }) {
  const { t } = useI18n();
  return (
    <div className="steering-controls no-print">
      <Button variant="secondary" data-size="sm" onClick={onExport}>
        {t('steeringExport')}
      </Button>
      <Button variant="secondary" data-size="sm" onClick={() => window.print()}>
        {t('steeringPrint')}
      </Button>
    </div>
  );
}
