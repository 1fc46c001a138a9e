/**
 * The team (trust model, e.g. Granvik): the team's open work items (TeamItems), the users the team
 * decided for or delivers to (read a page of each status at a time with "Vis flere", useCasePages.ts) with their frame (the most hours a week and the goals) and plan, who is service-responsible and primary contact, how many
 * employees visited each this month (continuity), deadlines and goals due (a page at a time, TeamDue.tsx), and recent adjustments
 * within the frame. Adjusting is done in the case, where the server checks the frame.
 */
import { Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { LoadState, useLoad } from '../useLoad.tsx';
import { useServiceName } from '../services.ts';
import { osloMonth } from '../dates.ts';
import type { Me, Reply } from '../session.ts';
import { TeamItems } from './TeamItems.tsx';
import { TeamDue } from './TeamDue.tsx';
import { useCasePages, type CaseItem } from './useCasePages.ts';
import { FirstPageError, MorePages } from './queuePages.tsx';

type Adjustment = Reply<'/api/v1/plan-adjustments', 'get'>[number];

interface TeamData {
  readonly staff: Map<string, string>;
  readonly adjustments: Adjustment[];
  /** Distinct employees who visited each user this month (case id → count). */
  readonly continuity: Map<string, number>;
}

async function loadTeam(me: Me): Promise<TeamData> {
  const month = osloMonth();
  const [org, adjustments, continuity] = await Promise.all([
    api.GET('/api/v1/organisation'),
    api.GET('/api/v1/plan-adjustments'),
    api.GET('/api/v1/reports/continuity', { params: { query: { month } } }),
  ]);
  return {
    staff: new Map(ok(org).staff.map((s) => [s.id, s.displayName])),
    adjustments: adjustments.response.ok ? (adjustments.data ?? []) : [],
    continuity: new Map((continuity.data?.perUser ?? []).filter((u) => me.unitIds.includes(u.unitId)).map((u) => [u.caseId, u.distinctEmployees])),
  };
}

const CASES_WORDS = { loading: 'casesLoadingMore', failed: 'casesMoreFailed' } as const;
/** The team's users: running, awaiting start, and decided and not yet arranged (a frame just decided is the team's to start). */
const USER_STATUSES = ['active', 'service_arranged', 'decided'] as const;

function UsersTable({ users, data }: { users: readonly CaseItem[]; data: TeamData }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const name = (id: string | null) => (id ? (data.staff.get(id) ?? '–') : '–');
  return (
    <Table zebra data-testid="team-users">
      <caption>{t('teamTitle')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
          <Table.HeaderCell>{t('person')}</Table.HeaderCell>
          <Table.HeaderCell>{t('service')}</Table.HeaderCell>
          <Table.HeaderCell>{t('frame')}</Table.HeaderCell>
          <Table.HeaderCell>{t('frameSummaryGoals')}</Table.HeaderCell>
          <Table.HeaderCell>{t('planHours')}</Table.HeaderCell>
          <Table.HeaderCell>{t('serviceResponsible')}</Table.HeaderCell>
          <Table.HeaderCell>{t('primaryContact')}</Table.HeaderCell>
          <Table.HeaderCell>{t('continuityThisMonth')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {users.map((c) => (
          <Table.Row key={c.id} data-testid={`team-user-${c.caseNumber}`}>
            <Table.Cell>
              <Link href={`#/cases/${c.id}`}>{c.caseNumber}</Link>
            </Table.Cell>
            <Table.Cell>{c.person.name}</Table.Cell>
            <Table.Cell>{serviceName(c.serviceCode)}</Table.Cell>
            <Table.Cell>{c.decision?.frame?.maxHoursPerWeek ?? '–'}</Table.Cell>
            <Table.Cell>{c.decision?.frame?.goals.length ? c.decision.frame.goals.join('; ') : '–'}</Table.Cell>
            <Table.Cell>{c.planHoursPerWeek ?? c.decision?.hoursPerWeek ?? '–'}</Table.Cell>
            <Table.Cell>{name(c.serviceResponsibleStaffId)}</Table.Cell>
            <Table.Cell>{name(c.primaryContactStaffId)}</Table.Cell>
            <Table.Cell>{data.continuity.get(c.id) ?? '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function AdjustmentList({ adjustments }: { adjustments: readonly Adjustment[] }) {
  const { t } = useI18n();
  return (
    <section className="panel stack" aria-labelledby="adjustments-title">
      <Heading level={2} data-size="sm" id="adjustments-title">
        {t('recentAdjustments')}
      </Heading>
      {adjustments.length === 0 && <Paragraph>{t('noAdjustments')}</Paragraph>}
      <ul className="plain-list">
        {adjustments.map((a) => (
          <li key={`${a.caseId}-${a.seq}`}>
            <Link href={`#/cases/${a.caseId}`}>{a.caseNumber}</Link> {a.personName}: {a.hoursPerWeek} {t('hoursPerWeek').toLowerCase()} — {a.change} ({a.by})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The team's users read so far, with "Vis flere" while there are more (no count: a refused decision is read but is no user). */
function TeamUsers({ me, data }: { me: Me; data: TeamData }) {
  const { t } = useI18n();
  // The cases of the team's units; a refused decision is no user.
  const mine = (c: CaseItem) => [c.providerUnitId, c.ownerUnitId].some((u) => u !== null && me.unitIds.includes(u)) && c.decision?.outcome !== 'refused';
  const { pages, cases: users } = useCasePages([me.staffId], USER_STATUSES, mine);
  return (
    <>
      {pages.isPending && <Spinner aria-label={t('loading')} />}
      {pages.isError && !pages.isFetchNextPageError && <FirstPageError pages={pages} />}
      {users && <UsersTable users={users} data={data} />}
      <MorePages pages={pages} words={CASES_WORDS} />
    </>
  );
}

export function Team({ me }: { me: Me }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => loadTeam(me), [me.staffId]);
  const data = loaded.data;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('teamTitle')}
      </Heading>
      <Paragraph>{t('teamHelp')}</Paragraph>
      <TeamItems />
      <LoadState loaded={loaded} />
      {data && (
        <>
          <TeamUsers me={me} data={data} />
          <TeamDue />
          <AdjustmentList adjustments={data.adjustments} />
        </>
      )}
    </div>
  );
}
