/**
 * Under the allocation board model a decision names the meeting and the minute item it was made
 * in. The meeting is the one whose agenda holds the case; without one the field says so.
 */
import { Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import type { Reply } from '../session.ts';

type Meeting = Reply<'/api/v1/board-meetings', 'get'>[number];

export function useAgendaMeeting(caseId: string): Meeting | null {
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/board-meetings').then((r) => setMeeting((r.response.ok ? r.data : [])?.find((m) => m.agenda.some((a) => a.case_id === caseId)) ?? null));
  }, [caseId]);
  return meeting;
}

export function BoardMeetingField({ meeting, minuteRef, onChange }: { meeting: Meeting; minuteRef: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Paragraph>
        {t('boardMeeting')}: {meeting.meetsOn}
      </Paragraph>
      <Textfield label={t('minuteRef')} value={minuteRef} onChange={(e) => onChange(e.target.value)} />
    </>
  );
}
