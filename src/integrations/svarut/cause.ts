/**
 * The message cause of digital post (issue 21): an issued letter is queued for SvarUt in the
 * transaction of its `letter_issued` action, when SvarUt is configured and enabled for the
 * municipality. One letter is queued once (the dedupe key is the letter id).
 */
import type { MessageCause } from '../../app/messageCauses.ts';
import { enabledSettings } from '../../store/integrationConfig.ts';
import { queueMessage } from '../../store/outbox.ts';

export const svarutCause: MessageCause = {
  on: ['letter_issued'],
  async queue(tx, { caseId, action }) {
    if (action.type !== 'letter_issued') return;
    if (!(await enabledSettings(tx, 'svarut'))) return;
    const p = action.payload;
    await queueMessage(tx, { caseId, channel: 'svarut', kind: 'letter', dedupeKey: `svarut:letter:${p.letterId}`, payload: { letterId: p.letterId, letterKind: p.kind } });
  },
};
