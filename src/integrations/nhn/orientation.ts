/**
 * Orientering om tjenestetilbud to the GP after a decision (issue 21): the cause that queues it when a
 * decision letter is issued, and the channel that sends it over Norsk Helsenett and polls the GP
 * system's application receipt.
 *
 * The payload is a snapshot made in the decision letter's transaction: who the patient is (identity
 * number and name, which the GP's system needs to file it), the GP, the municipality, and per service
 * decided its name, outcome, period and hours. No assessment, diagnosis or reasons: the GP is told
 * which services the patient has, not why.
 */
import { z } from 'zod';
import type { Caused, MessageCause } from '../../app/messageCauses.ts';
import { osloDate } from '../../domain/law/deadlines.ts';
import { findCatalogueEntry } from '../../domain/services/catalogue.ts';
import { enabledSettings } from '../../store/integrationConfig.ts';
import { findMunicipality } from '../../store/org.ts';
import { queueMessage } from '../../store/outbox.ts';
import { findPerson } from '../../store/persons.ts';
import { gpOn } from '../../store/personGp.ts';
import type { Tx } from '../../store/tx.ts';
import type { Channel, ChannelContext, OutboxMessage, ReceiptUpdate, SendOutcome } from '../channel.ts';
import { SETTINGS } from '../settings.ts';
import { NhnError } from './helseid.ts';
import { orientationXml } from './ploBuild.ts';
import { mshClientFor } from './client.ts';
import { validatePloXml } from './xsd.ts';

export const ORIENTATION_KIND = 'plo_orientation';

const OUTCOME_WORDS = { granted: 'Innvilget', partly_granted: 'Delvis innvilget' } as const;

const service = z.object({ code: z.string(), name: z.string().min(1), outcome: z.string(), hoursPerWeek: z.number().nullable(), from: z.iso.date(), to: z.iso.date().nullable() });

export const orientationPayload = z.object({
  decisionSeq: z.int().positive(),
  decidedOn: z.iso.date(),
  municipality: z.object({ name: z.string().min(1), herId: z.string().min(1) }),
  gp: z.object({ name: z.string().min(1), practice: z.string().nullable(), herId: z.string().min(1) }),
  patient: z.object({ nationalId: z.string().regex(/^\d{11}$/), kind: z.enum(['FNR', 'DNR']), givenName: z.string().min(1), familyName: z.string().min(1) }),
  services: z.array(service).min(1),
});
export type OrientationPayload = z.infer<typeof orientationPayload>;

function serviceName(code: string): string {
  const entry = findCatalogueEntry(code);
  return entry?.iplosServiceType ?? entry?.name.nb ?? code;
}

/** A decision letter for a grant: the decision the GP is told about, or null. */
function grantNotified(caused: Caused): NonNullable<Caused['state']['decision']> | null {
  const { action, state } = caused;
  if (action.type !== 'letter_issued' || action.payload.kind !== 'decision') return null;
  const d = state.decision;
  return d && (d.outcome === 'granted' || d.outcome === 'partly_granted') ? d : null;
}

/** Queues the orientation when a decision letter is issued for a grant, NHN is configured and the GP has a HER-id. */
async function queueOrientation(tx: Tx, caused: Caused): Promise<void> {
  const d = grantNotified(caused);
  if (!d) return;
  const { action, state } = caused;
  const nhn = SETTINGS.nhn.safeParse(await enabledSettings(tx, 'nhn'));
  if (!nhn.success || !(await enabledSettings(tx, 'helseid'))) return;
  const gp = await gpOn(tx, state.personId, osloDate(action.occurredAt));
  const person = await findPerson(tx, state.personId);
  if (!gp?.her_id || !person) return;
  const municipality = await tx.query<{ id: string }>('SELECT current_municipality() AS id');
  const m = await findMunicipality(tx, municipality.rows[0]?.id ?? '');
  const payload: OrientationPayload = {
    decisionSeq: d.seq,
    decidedOn: d.decidedOn,
    municipality: { name: m?.name ?? 'Kommunen', herId: nhn.data.herId },
    gp: { name: gp.name, practice: gp.practice, herId: gp.her_id },
    patient: { nationalId: person.national_id, kind: person.national_id_kind === 'dnr' ? 'DNR' : 'FNR', givenName: person.given_name, familyName: person.family_name },
    services: [{ code: d.serviceCode, name: serviceName(d.serviceCode), outcome: d.outcome, hoursPerWeek: d.hoursPerWeek, from: d.validFrom, to: d.validTo }],
  };
  await queueMessage(tx, { caseId: caused.caseId, channel: 'nhn', kind: ORIENTATION_KIND, dedupeKey: `nhn:orientation:${caused.caseId}:${d.seq}`, payload });
}

/** The orientation to the GP, looked at for every letter issued. */
export const orientationCause: MessageCause = { on: ['letter_issued'], queue: queueOrientation };

/** The MsgHead document for a queued orientation; its MsgId is the outbox message's id (the idempotency key). */
export function orientationDocument(message: OutboxMessage, at: Date): string {
  const p = orientationPayload.parse(message.payload);
  return orientationXml({
    msgId: message.id,
    at,
    municipality: p.municipality,
    gp: p.gp,
    patient: p.patient,
    services: p.services.map((s) => ({ name: s.name, note: `${OUTCOME_WORDS[s.outcome as keyof typeof OUTCOME_WORDS] ?? s.outcome} ved vedtak ${p.decidedOn}`, hoursPerWeek: s.hoursPerWeek, from: s.from, to: s.to })),
  });
}

function failure(e: unknown): SendOutcome {
  const message = e instanceof Error ? e.message : String(e);
  return e instanceof NhnError && e.transient ? { result: 'retry', error: message } : { result: 'rejected', error: message };
}

async function send(message: OutboxMessage, ctx: ChannelContext): Promise<SendOutcome> {
  if (message.kind !== ORIENTATION_KIND) return { result: 'rejected', error: `The NHN channel does not send messages of the kind ${message.kind}` };
  const configured = await mshClientFor(ctx);
  if (!configured) return { result: 'rejected', error: 'Norsk Helsenett (nhn and helseid) is not configured or not enabled for the municipality' };
  let xml: string;
  try {
    xml = orientationDocument(message, ctx.now());
  } catch (e) {
    return { result: 'rejected', error: `The queued orientation is not well formed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const check = await validatePloXml(xml);
  if (!check.valid) return { result: 'rejected', error: `The orientation does not validate against the PLO schema: ${check.errors.slice(0, 3).join(' | ')}` };
  try {
    return { result: 'sent', reference: await configured.client.postMessage(xml), detail: 'Sent to the GP over Norsk Helsenett; waiting for the GP system’s receipt' };
  } catch (e) {
    return failure(e);
  }
}

function update(m: OutboxMessage, info: { appRecStatus?: string | null | undefined; appRecErrorList?: readonly { errorCode: string | null; details: string | null }[] | null | undefined }): ReceiptUpdate | null {
  if (!info.appRecStatus) return null;
  const errors = (info.appRecErrorList ?? []).map((e) => `${e.errorCode ?? '?'}: ${e.details ?? ''}`.trim()).join('; ');
  if (info.appRecStatus === 'Rejected') return { messageId: m.id, outcome: 'failed', detail: `The GP's system rejected the orientation: ${errors || 'no reason given'}` };
  return { messageId: m.id, outcome: 'delivered', ...(m.reference ? { reference: m.reference } : {}), ...(errors ? { detail: errors } : {}) };
}

/** Asks the message service for the GP system's AppRec of each sent orientation. */
async function pollReceipts(sent: readonly OutboxMessage[], ctx: ChannelContext): Promise<ReceiptUpdate[]> {
  const configured = await mshClientFor(ctx);
  if (!configured) return [];
  const out: ReceiptUpdate[] = [];
  for (const m of sent) {
    if (!m.reference) continue;
    const herId = (orientationPayload.safeParse(m.payload).data?.gp.herId ?? '');
    const infos = await configured.client.appRecInfo(m.reference);
    const info = infos.find((i) => String(i.receiverHerId) === herId) ?? infos[0];
    const u = info ? update(m, info) : null;
    if (u) out.push(u);
  }
  return out;
}

export const nhnChannel: Channel = { name: 'nhn', send, pollReceipts };
