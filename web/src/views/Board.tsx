/**
 * The allocation board (tildelingsråd, e.g. Vindnes): its meetings with the agenda, who was
 * present and the minutes. The board plans a meeting and summons its members, builds the agenda from
 * the cases waiting for a decision, registers who is present when the meeting opens (so the cases
 * can be decided in it: the decision is made in the case view, naming the meeting and minute item),
 * and records the minutes afterwards. Each agenda item summarises the case: the person, the service,
 * what was asked for, and its status or decision.
 */
import { Checkbox, Fieldset, Heading, Link, Paragraph, Spinner, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import { api, commandHeaders, ok } from '../api/client.ts';
import { ActionForm } from '../case/ActionForm.tsx';
import { Pick } from '../case/LifecycleFields.tsx';
import { osloDate } from '../dates.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import type { Reply } from '../session.ts';

type Meeting = Reply<'/api/v1/board-meetings', 'get'>[number];
type Staff = Reply<'/api/v1/organisation', 'get'>['staff'][number];
type Unit = Reply<'/api/v1/organisation', 'get'>['units'][number];
type CaseItem = Reply<'/api/v1/cases', 'get'>['items'][number];
type Done = () => Promise<void>;

/** The members as checkboxes, for those summoned or those present. */
function Members({ legend, members, chosen, set, error }: { legend: string; members: readonly Staff[]; chosen: string[]; set: (ids: string[]) => void; error?: string | undefined }) {
  const toggle = (id: string, on: boolean) => set(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {members.map((m) => (
        <Checkbox key={m.id} label={m.displayName} value={m.id} checked={chosen.includes(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />
      ))}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

/** Plan a meeting of a board: the date and the members summoned (all of the board's members to begin with). */
function PlanMeeting({ boards, staff, onDone }: { boards: readonly Unit[]; staff: readonly Staff[]; onDone: Done }) {
  const { t } = useI18n();
  const [boardUnitId, setBoardUnitId] = useState(boards[0]?.id ?? '');
  const members = staff.filter((s) => s.unitIds.includes(boardUnitId));
  const [meetsOn, setMeetsOn] = useState(osloDate());
  const [summoned, setSummoned] = useState<string[] | null>(null);
  const chosen = summoned ?? members.map((m) => m.id);
  const submit = async () => {
    ok(await api.POST('/api/v1/board-meetings', { params: { header: commandHeaders() }, body: { boardUnitId, meetsOn, memberStaffIds: chosen } }));
    setSummoned(null);
    await onDone();
  };
  return (
    <ActionForm title={t('planMeetingTitle')} submitLabel={t('planMeetingSubmit')} onSubmit={submit} testId="plan-meeting">
      {({ fieldError }) => (
        <>
          {boards.length > 1 && <Pick label={t('boardUnit')} value={boardUnitId} onChange={setBoardUnitId} options={boards} error={fieldError('boardUnitId')} />}
          <Textfield label={t('meetsOn')} type="date" value={meetsOn} onChange={(e) => setMeetsOn(e.target.value)} error={fieldError('meetsOn')} />
          <Members legend={t('summoned')} members={members} chosen={chosen} set={setSummoned} error={fieldError('memberStaffIds')} />
        </>
      )}
    </ActionForm>
  );
}

/** Cases waiting for a decision that the signed-in member may read, for the agenda. */
async function casesAwaitingDecision(): Promise<CaseItem[]> {
  const lists = await Promise.all((['under_assessment', 'under_reevaluation', 'received'] as const).map(async (status) => ok(await api.GET('/api/v1/cases', { params: { query: { status, limit: 200 } } })).items));
  return lists.flat();
}

/** Put a case waiting for a decision on the agenda of a planned meeting. */
function AddToAgenda({ meeting, candidates, onDone }: { meeting: Meeting; candidates: readonly CaseItem[]; onDone: Done }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const [caseId, setCaseId] = useState('');
  const options = candidates.filter((c) => !meeting.agenda.some((a) => a.case_id === c.id)).map((c) => ({ id: c.id, name: `${c.caseNumber} ${c.person.name} · ${serviceName(c.serviceCode)}` }));
  const submit = async () => {
    ok(await api.POST('/api/v1/board-meetings/{id}/agenda', { params: { path: { id: meeting.id }, header: commandHeaders() }, body: { caseId } }));
    setCaseId('');
    await onDone();
  };
  return (
    <ActionForm title={t('agendaAddTitle')} submitLabel={t('agendaAddSubmit')} onSubmit={submit} testId={`agenda-add-${meeting.meetsOn}`} level={3}>
      {({ fieldError }) => <Pick label={t('agendaCase')} value={caseId} onChange={setCaseId} options={options} none={t('pickOne')} error={fieldError('caseId')} />}
    </ActionForm>
  );
}

/**
 * Who is present, and then the minutes. Presence is registered when the meeting opens, so that the
 * cases can be decided in it (a decision needs a quorum present); the minutes close the meeting.
 */
function RecordMeeting({ meeting, members, onDone, withMinutes }: { meeting: Meeting; members: readonly Staff[]; onDone: Done; withMinutes: boolean }) {
  const { t } = useI18n();
  const [present, setPresent] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('');
  const submit = async () => {
    const body = withMinutes ? { presentStaffIds: present, minutes } : { presentStaffIds: present };
    ok(await api.POST('/api/v1/board-meetings/{id}/minutes', { params: { path: { id: meeting.id }, header: commandHeaders() }, body }));
    await onDone();
  };
  const title = withMinutes ? t('recordMinutes') : t('registerAttendance');
  return (
    <ActionForm title={`${title} ${meeting.meetsOn}`} submitLabel={title} onSubmit={submit} testId={`${withMinutes ? 'minutes' : 'attendance'}-${meeting.meetsOn}`} level={3}>
      {({ fieldError }) => (
        <>
          {!withMinutes && <Paragraph>{t('attendanceHelp')}</Paragraph>}
          <Members legend={t('present')} members={members} chosen={present} set={setPresent} error={fieldError('presentStaffIds')} />
          {withMinutes && <Textfield multiline rows={4} label={t('minutes')} value={minutes} onChange={(e) => setMinutes(e.target.value)} error={fieldError('minutes')} />}
        </>
      )}
    </ActionForm>
  );
}

function Agenda({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  return (
    <ol className="stack" data-testid={`agenda-${meeting.meetsOn}`}>
      {meeting.agenda.map((a) => (
        <li key={a.case_id}>
          <Link href={`#/cases/${a.case_id}`}>{a.case_number}</Link> {a.person_name} · {serviceName(a.service_code)} ·{' '}
          <Tag data-color={a.decision_outcome ? 'success' : 'neutral'}>{a.decision_outcome ? t(a.decision_outcome as Key) : t(`state_${a.status}` as Key)}</Tag>
          {a.request && <Paragraph data-size="sm">{a.request}</Paragraph>}
        </li>
      ))}
    </ol>
  );
}

function MeetingCard({ meeting, members, candidates, onDone }: { meeting: Meeting; members: readonly Staff[]; candidates: readonly CaseItem[]; onDone: Done }) {
  const { t } = useI18n();
  const planned = meeting.status === 'planned';
  return (
    <li className="panel stack" data-testid={`meeting-${meeting.meetsOn}`}>
      <Heading level={2} data-size="xs">
        {t('boardMeeting')} {meeting.meetsOn} <Tag data-color={planned ? 'info' : 'success'}>{planned ? t('meetingPlanned') : t('meetingHeld')}</Tag>
      </Heading>
      <Paragraph>
        {t('present')}: {meeting.present} / {meeting.members}
      </Paragraph>
      <Heading level={3} data-size="2xs">
        {t('agenda')}
      </Heading>
      {meeting.agenda.length === 0 && <Paragraph>{t('agendaEmpty')}</Paragraph>}
      <Agenda meeting={meeting} />
      {meeting.minutes && (
        <Paragraph>
          {t('minutes')}: {meeting.minutes}
        </Paragraph>
      )}
      {planned && <AddToAgenda meeting={meeting} candidates={candidates} onDone={onDone} />}
      {planned && meeting.present === 0 && <RecordMeeting meeting={meeting} members={members} onDone={onDone} withMinutes={false} />}
      {planned && <RecordMeeting meeting={meeting} members={members} onDone={onDone} withMinutes />}
    </li>
  );
}

export function Board() {
  const { t } = useI18n();
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [staff, setStaff] = useState<Staff[]>([]);
  const [boards, setBoards] = useState<Unit[]>([]);
  const [candidates, setCandidates] = useState<CaseItem[]>([]);
  const load = useCallback(async () => {
    const [m, org] = await Promise.all([api.GET('/api/v1/board-meetings'), api.GET('/api/v1/organisation')]);
    setStaff(ok(org).staff.filter((s) => s.roles.includes('board_member') && s.active));
    setBoards(ok(org).units.filter((u) => u.kind === 'allocation_board'));
    setMeetings([...ok(m)].sort((a, b) => b.meetsOn.localeCompare(a.meetsOn)));
    setCandidates(await casesAwaitingDecision().catch(() => []));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('boardTitle')}
      </Heading>
      {boards.length > 0 && <PlanMeeting key={boards[0]?.id} boards={boards} staff={staff} onDone={load} />}
      {!meetings && <Spinner aria-label={t('loading')} />}
      {meetings?.length === 0 && <Paragraph>{t('noMeetings')}</Paragraph>}
      <ul className="stack plain-list">
        {meetings?.map((m) => (
          <MeetingCard key={m.id} meeting={m} members={staff.filter((s) => s.unitIds.includes(m.boardUnitId))} candidates={candidates} onDone={load} />
        ))}
      </ul>
    </div>
  );
}
