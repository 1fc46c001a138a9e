/** Allocation board meetings, members, agenda and minutes. */
import type { Tx } from './tx.ts';

export interface MeetingRow {
  id: string;
  board_unit_id: string;
  meets_on: string;
  status: 'planned' | 'held';
  minutes: string | null;
  members: number;
  present: number;
}

const MEETING_SELECT = `
  SELECT m.id, m.board_unit_id, m.meets_on, m.status, m.minutes,
         count(mm.staff_id)::int AS members, count(mm.staff_id) FILTER (WHERE mm.present)::int AS present
    FROM board_meeting m
    LEFT JOIN board_meeting_member mm ON mm.municipality_id = m.municipality_id AND mm.meeting_id = m.id
   WHERE m.municipality_id = current_municipality()`;

export async function findMeeting(tx: Tx, id: string): Promise<MeetingRow | null> {
  const { rows } = await tx.query<MeetingRow>(`${MEETING_SELECT} AND m.id = $1 GROUP BY m.municipality_id, m.id`, [id]);
  return rows[0] ?? null;
}

export async function listMeetings(tx: Tx): Promise<MeetingRow[]> {
  const { rows } = await tx.query<MeetingRow>(`${MEETING_SELECT} GROUP BY m.municipality_id, m.id ORDER BY m.meets_on DESC`);
  return rows;
}

export async function insertMeeting(tx: Tx, m: { boardUnitId: string; meetsOn: string; memberIds: readonly string[] }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO board_meeting (municipality_id, board_unit_id, meets_on) VALUES (current_municipality(), $1, $2) RETURNING id',
    [m.boardUnitId, m.meetsOn],
  );
  const id = (rows[0] as { id: string }).id;
  for (const staffId of m.memberIds) {
    await tx.query('INSERT INTO board_meeting_member (municipality_id, meeting_id, staff_id) VALUES (current_municipality(), $1, $2)', [id, staffId]);
  }
  return id;
}

/** Records who was present and the minutes; the meeting is then held. Without minutes only presence is recorded (the meeting opens). */
export async function holdMeeting(tx: Tx, id: string, presentIds: readonly string[], minutes: string | null): Promise<void> {
  await tx.query(
    `UPDATE board_meeting_member SET present = (staff_id = ANY($2::uuid[]))
      WHERE municipality_id = current_municipality() AND meeting_id = $1`,
    [id, presentIds],
  );
  if (minutes === null) return;
  await tx.query(`UPDATE board_meeting SET status = 'held', minutes = $2 WHERE municipality_id = current_municipality() AND id = $1`, [id, minutes]);
}

export async function addAgendaItem(tx: Tx, meetingId: string, caseId: string): Promise<number> {
  const { rows } = await tx.query<{ position: number }>(
    `INSERT INTO board_agenda_item (municipality_id, meeting_id, case_id, position)
     SELECT current_municipality(), $1, $2, coalesce(max(position), 0) + 1 FROM board_agenda_item
      WHERE municipality_id = current_municipality() AND meeting_id = $1
     ON CONFLICT DO NOTHING RETURNING position`,
    [meetingId, caseId],
  );
  return rows[0]?.position ?? 0;
}

export async function nextPlannedMeeting(tx: Tx, boardUnitId: string, onOrAfter: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM board_meeting WHERE municipality_id = current_municipality() AND board_unit_id = $1
        AND status = 'planned' AND meets_on >= $2 ORDER BY meets_on LIMIT 1`,
    [boardUnitId, onOrAfter],
  );
  return rows[0]?.id ?? null;
}

export interface AgendaItemRow {
  case_id: string;
  position: number;
  case_number: string;
  person_id: string;
  person_name: string;
  service_code: string;
  status: string;
  decision_outcome: string | null;
  request: string;
}

/** The agenda with a summary of each case: the person, the service, where it stands, and what was asked for. */
export async function agendaOf(tx: Tx, meetingId: string): Promise<AgendaItemRow[]> {
  const { rows } = await tx.query<AgendaItemRow>(
    `SELECT a.case_id, a.position, c.case_number, c.person_id, p.given_name || ' ' || p.family_name AS person_name,
            c.service_code, c.status, c.decision_outcome,
            left((SELECT r.payload->>'description' FROM case_action r WHERE r.municipality_id = c.municipality_id AND r.case_id = c.id AND r.seq = 1), 400) AS request
       FROM board_agenda_item a
       JOIN case_file c ON c.municipality_id = a.municipality_id AND c.id = a.case_id
       JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
      WHERE a.municipality_id = current_municipality() AND a.meeting_id = $1 ORDER BY a.position`,
    [meetingId],
  );
  return rows;
}
