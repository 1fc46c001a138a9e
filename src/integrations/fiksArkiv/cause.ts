/**
 * The archive's cause (issue 21 part 4): where the municipality has Fiks Arkiv configured, the
 * incoming application (request_received) and every issued letter (letter_issued: decision letters,
 * provisional replies, advance notices) queue an arkivmelding in the same transaction as the action.
 * The payload names the document only; the PDF and the person are read when it is sent (record.ts).
 */
import type { MessageCause } from '../../app/messageCauses.ts';
import { enabledSettings } from '../../store/integrationConfig.ts';
import { queueMessage } from '../../store/outbox.ts';
import type { ArchivePayload } from './record.ts';

export const ARCHIVE_KIND = 'arkivmelding';

export const archiveCause: MessageCause = {
  on: ['request_received', 'letter_issued'],
  async queue(tx, { caseId, action }) {
    if (action.type !== 'request_received' && action.type !== 'letter_issued') return;
    if (!(await enabledSettings(tx, 'fiks_arkiv'))) return;
    const payload: ArchivePayload =
      action.type === 'letter_issued' ? { document: 'letter', letterId: action.payload.letterId, letterKind: action.payload.kind } : { document: 'request' };
    const dedupeKey = payload.document === 'letter' ? `fiks_arkiv:letter:${payload.letterId}` : `fiks_arkiv:request:${caseId}`;
    await queueMessage(tx, { caseId, channel: 'fiks_arkiv', kind: ARCHIVE_KIND, dedupeKey, payload: { ...payload } });
  },
};
