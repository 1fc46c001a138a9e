/**
 * The allocation board (tildelingsråd, e.g. Vindnes): its meetings with the agenda, who was
 * present and the minutes. Each agenda item summarises the case: the person, the service, what was
 * asked for, and its status or decision. A planned meeting's minutes are recorded here; the cases on the agenda
 * are decided in the case view, where the decision names the meeting and minute item.
 */
import { Checkbox, Fieldset, Heading, Link, Paragraph, Spinner, Tag, Textfield } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import { api, commandHeaders, ok } from '../api/client.ts';
import { ActionForm } from '../case/ActionForm.tsx';
import { useI18n, type Key } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import type { Reply } from '../session.ts';

type Meeting = Reply<'/api/v1/board-meetings', 'get'>[number];
type Staff = Reply<'/api/v1/organisation', 'get'>['staff'][number];

function RecordMinutes({ meeting, members, onDone }: { meeting: Meeting; members: readonly Staff[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [present, setPresent] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('');
  const toggle = (id: string, on: boolean) => setPresent((p) => (on ? [...p, id] : p.filter((x) => x !== id)));
  const submit = async () => {
    ok(await api.POST('/api/v1/board-meetings/{id}/minutes', { params: { path: { id: meeting.id }, header: commandHeaders() }, body: { presentStaffIds: present, minutes } }));
    await onDone();
  };
  return (
    <ActionForm title={`${t('recordMinutes')} ${meeting.meetsOn}`} submitLabel={t('recordMinutes')} onSubmit={submit} testId={`minutes-${meeting.meetsOn}`}>
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('present')}</Fieldset.Legend>
            {members.map((m) => (
              <Checkbox key={m.id} label={m.displayName} value={m.id} checked={present.includes(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />
            ))}
          </Fieldset>
          <Textfield multiline rows={4} label={t('minutes')} value={minutes} onChange={(e) => setMinutes(e.target.value)} error={fieldError('minutes')} />
        </>
      )}
    </ActionForm>
  );
}

function MeetingCard({ meeting, members, onDone }: { meeting: Meeting; members: readonly Staff[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  return (
    <li className="panel stack">
      <Heading level={2} data-size="xs">
        {t('boardMeeting')} {meeting.meetsOn} <Tag data-color={meeting.status === 'held' ? 'success' : 'info'}>{meeting.status === 'held' ? t('meetingHeld') : t('meetingPlanned')}</Tag>
      </Heading>
      <Paragraph>
        {t('present')}: {meeting.present} / {meeting.members}
      </Paragraph>
      <Heading level={3} data-size="2xs">
        {t('agenda')}
      </Heading>
      <ol className="stack" data-testid={`agenda-${meeting.meetsOn}`}>
        {meeting.agenda.map((a) => (
          <li key={a.case_id}>
            <Link href={`#/cases/${a.case_id}`}>{a.case_number}</Link> {a.person_name} · {serviceName(a.service_code)} ·{' '}
            <Tag data-color={a.decision_outcome ? 'success' : 'neutral'}>{a.decision_outcome ? t(a.decision_outcome as Key) : t(`state_${a.status}` as Key)}</Tag>
            {a.request && <Paragraph data-size="sm">{a.request}</Paragraph>}
          </li>
        ))}
      </ol>
      {meeting.minutes && (
        <Paragraph>
          {t('minutes')}: {meeting.minutes}
        </Paragraph>
      )}
      {meeting.status === 'planned' && <RecordMinutes meeting={meeting} members={members} onDone={onDone} />}
    </li>
  );
}

export function Board() {
  const { t } = useI18n();
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [staff, setStaff] = useState<Staff[]>([]);
  const load = useCallback(async () => {
    const [m, org] = await Promise.all([api.GET('/api/v1/board-meetings'), api.GET('/api/v1/organisation')]);
    setStaff(ok(org).staff.filter((s) => s.roles.includes('board_member')));
    setMeetings([...ok(m)].sort((a, b) => b.meetsOn.localeCompare(a.meetsOn)));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('boardTitle')}
      </Heading>
      {!meetings && <Spinner aria-label={t('loading')} />}
      {meetings?.length === 0 && <Paragraph>{t('noMeetings')}</Paragraph>}
      <ul className="stack plain-list">
        {meetings?.map((m) => (
          <MeetingCard key={m.id} meeting={m} members={staff.filter((s) => s.unitIds.includes(m.boardUnitId))} onDone={load} />
        ))}
      </ul>
    </div>
  );
}
