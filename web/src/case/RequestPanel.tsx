/**
 * The request (søknaden): what was asked for, when it reached the municipality, through which
 * channel, who sent it (the person, a relative, the GP… or a representative with their authority,
 * fvl § 12) and who registered it, from the history's first entry (request_received).
 */
import { useI18n, type Key } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import type { Entry, HistoryEntry } from './useCase.ts';
import { dateIn } from './caseFileFormat.ts';
import { Empty, Facts, Panel } from './Panel.tsx';
import type { Representative } from './PersonCard.tsx';

type Request = Entry<'request_received'>;

export function requestOf(history: readonly HistoryEntry[]): Request | undefined {
  return history.find((e): e is Request => e.type === 'request_received');
}

/** The representative the request names, with their authority in words. */
export function representativeOf(request: Request | undefined, t: (k: Key) => string): Representative | null {
  const r = request?.payload.representative;
  return r ? { name: r.name, authority: t(`authority_${r.authority}`) } : null;
}

export function RequestPanel({ history }: { history: readonly HistoryEntry[] }) {
  const { t, lang } = useI18n();
  const serviceName = useServiceName();
  const request = requestOf(history);
  // The channel says who sent it (the person, a relative, the GP…); a representative is named with their authority.
  const rep = representativeOf(request, t);
  return (
    <Panel title={t('cfRequest')} testId="request-panel">
      {request ? (
        <Facts
          rows={[
            [t('service'), serviceName(request.payload.serviceCode)],
            [t('received'), dateIn(lang, request.payload.receivedOn)],
            [t('channel'), t(`channel_${request.payload.channel}`)],
            [t('cfSentBy'), rep ? `${rep.name} (${rep.authority})` : null],
            [t('cfRegisteredBy'), request.actorName],
            [t('description'), <span data-testid="request-text">{request.payload.description}</span>],
          ]}
        />
      ) : (
        <Empty>{t('cfNoRequest')}</Empty>
      )}
    </Panel>
  );
}
