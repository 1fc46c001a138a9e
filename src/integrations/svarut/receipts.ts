/**
 * SvarUt's status of a forsendelse (forsendelse-status-api-v3, ForsendelseStatus.status) as the final
 * word the outbox records on the case, or null while it is still on its way.
 */
import type { ReceiptUpdate } from '../channel.ts';
import type { SvarUtStatus } from './client.ts';

type Outcome = ReceiptUpdate['outcome'];

const FINAL: Partial<Record<SvarUtStatus, { outcome: Outcome; detail: string }>> = {
  LEST: { outcome: 'read', detail: 'Read by the recipient' },
  LEVERT_SDP: { outcome: 'delivered', detail: "Delivered to the recipient's digital mailbox" },
  SENDT_PRINT: { outcome: 'printed', detail: 'Not delivered digitally: sent to print and post' },
  PRINTET: { outcome: 'printed', detail: 'Not delivered digitally: printed and posted' },
  MANUELT_HANDTERT: { outcome: 'printed', detail: 'Handled manually in SvarUt by the sender' },
  IKKE_LEVERT: { outcome: 'failed', detail: 'SvarUt could not deliver the letter' },
  AVVIST: { outcome: 'failed', detail: 'SvarUt refused the forsendelse' },
  FEILET_UNDER_MOTTAK: { outcome: 'failed', detail: 'SvarUt failed to receive the forsendelse' },
  SLETTET: { outcome: 'failed', detail: 'The forsendelse was deleted in SvarUt' },
};

/**
 * Not final: MOTTATT, AKSEPTERT, KLAR_FOR_MOTTAK, SENDT_SDP, and SENDT_DIGITALT/VARSLET (a letter put in
 * the recipient's inbox with a notice goes to print when it is not read in time, so only LEST or a
 * print status settles it); the NHN statuses are not used for letters.
 */
export function receiptOf(status: SvarUtStatus): { outcome: Outcome; detail: string } | null {
  return FINAL[status] ?? null;
}
