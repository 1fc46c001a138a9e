/**
 * The person's services now and their other cases, from the cases the staff member may see
 * (GET /cases?personId=…, scoped by need on the server): each with its service, status and decision,
 * linked to its own case file.
 */
import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { caseStateWords } from '../complaintBody.ts';
import { useServiceName } from '../services.ts';
import { useLoad } from '../useLoad.tsx';
import type { CaseData } from './useCase.ts';
import { dateIn } from './caseFileFormat.ts';
import { Empty, Panel, useReloadOn } from './Panel.tsx';

/** A case whose service is arranged or running: the person has that service now. */
const RUNNING = new Set<CaseData['status']>(['service_arranged', 'active', 'under_reevaluation']);

function CaseLine({ c, here }: { c: CaseData; here: boolean }) {
  const { t, lang } = useI18n();
  const serviceName = useServiceName();
  const decision = c.decision ? ` · ${t(c.decision.outcome)}${c.decision.hoursPerWeek !== null ? `, ${c.decision.hoursPerWeek} ${t('hoursPerWeek').toLowerCase()}` : ''}` : '';
  return (
    <li>
      {here ? <strong>{c.caseNumber}</strong> : <Link href={`#/cases/${c.id}`}>{c.caseNumber}</Link>} · {serviceName(c.serviceCode)} · {caseStateWords(t, c)}
      {decision} · {t('received').toLowerCase()} {dateIn(lang, c.receivedOn)}
      {here ? ` (${t('cfThisCase')})` : ''}
    </li>
  );
}

export function OtherCases({ c }: { c: CaseData }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/cases', { params: { query: { personId: c.person.id, limit: 100 } } })), [c.person.id]);
  useReloadOn(loaded.reload, c.version);
  const all = loaded.data?.items ?? [];
  const services = all.filter((x) => RUNNING.has(x.status) && x.decision?.outcome !== 'refused');
  const others = all.filter((x) => x.id !== c.id);
  return (
    <Panel title={t('cfOtherCases')} testId="other-cases" loaded={loaded}>
      <Heading level={3} data-size="xs">
        {t('cfServicesNow')}
      </Heading>
      {services.length === 0 ? (
        <Empty>{t('cfNoServices')}</Empty>
      ) : (
        <ul data-testid="services-now">
          {services.map((x) => (
            <CaseLine key={x.id} c={x} here={x.id === c.id} />
          ))}
        </ul>
      )}
      <Heading level={3} data-size="xs">
        {t('cfOtherCasesList')}
      </Heading>
      {others.length === 0 ? (
        <Empty>{t('cfNoOtherCases')}</Empty>
      ) : (
        <ul data-testid="other-cases-list">
          {others.map((x) => (
            <CaseLine key={x.id} c={x} here={false} />
          ))}
        </ul>
      )}
      {loaded.data && loaded.data.total > all.length && <Paragraph data-size="sm">{t('cfMoreCases')}</Paragraph>}
    </Panel>
  );
}
