/**
 * The timeline of the case (historikk): every action, oldest first, with its date and time in the
 * chosen language, who took it, the reason they gave, and what it adds in words.
 */
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { actionKey } from '../labels.ts';
import { useServiceName } from '../services.ts';
import { useLoad } from '../useLoad.tsx';
import type { HistoryEntry } from './useCase.ts';
import { dateTimeIn } from './caseFileFormat.ts';
import { Empty, Panel } from './Panel.tsx';
import { entryDetail, type DetailWords } from './timelineDetail.ts';

export function Timeline({ history }: { history: readonly HistoryEntry[] }) {
  const { t, lang } = useI18n();
  const service = useServiceName();
  // Units and staff by name; until they are there (or if they cannot be read) a neutral word stands in.
  const org = useLoad(async () => ok(await api.GET('/api/v1/organisation')), []).data;
  const words: DetailWords = {
    t,
    lang,
    service,
    history,
    unit: (id) => org?.units.find((u) => u.id === id)?.name ?? t('cfAUnit'),
    staff: (id) => org?.staff.find((s) => s.id === id)?.displayName ?? t('cfAStaffMember'),
  };
  return (
    <Panel title={t('timeline')} testId="timeline">
      {history.length === 0 ? (
        <Empty>{t('cfNoHistory')}</Empty>
      ) : (
        <ol className="timeline">
          {history.map((a) => {
            const detail = entryDetail(a, words);
            return (
              <li key={a.seq} data-type={a.type}>
                <strong>{t(actionKey(a.type))}</strong> — <time dateTime={a.occurredAt}>{dateTimeIn(lang, a.occurredAt)}</time> {t('by')} {a.actorName}
                {a.reason ? ` («${a.reason}»)` : ''}
                {detail ? `: ${detail}` : ''}
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
