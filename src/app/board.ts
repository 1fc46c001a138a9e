/**
 * Allocation boards (tildelingsnemnd/-råd): meetings with members, agenda, attendance and minutes.
 * Under the board model a decision names the meeting and minute item it was made in, and a meeting
 * without quorum cannot decide.
 */
import type { PolicyVersion } from '../domain/organisation/policy.ts';
import { findMeeting } from '../store/board.ts';
import type { Tx } from '../store/tx.ts';
import { AppError, invalidField } from './errors.ts';

export async function checkBoardDecision(
  tx: Tx,
  policy: PolicyVersion,
  boardMeeting: { meetingId: string; minuteRef: string } | undefined,
): Promise<void> {
  if (!boardMeeting) {
    throw new AppError(
      'forbidden',
      'Under the allocation board model, decisions are made by the board in a meeting: name the meeting and the minute item (boardMeeting).',
      { rule: 'board_meeting', mayInstead: policy.rules.grants.decide.map((g) => g.label) },
    );
  }
  const meeting = await findMeeting(tx, boardMeeting.meetingId);
  if (!meeting) throw invalidField('action.payload.boardMeeting.meetingId', 'no board meeting with this id');
  const quorum = policy.rules.boardQuorum ?? 1;
  if (meeting.present < quorum) {
    throw new AppError(
      'forbidden',
      `The board meeting on ${meeting.meets_on} had ${meeting.present} of the ${quorum} members needed present; a meeting without quorum cannot decide.`,
      { rule: 'board_quorum', mayInstead: [] },
    );
  }
}
