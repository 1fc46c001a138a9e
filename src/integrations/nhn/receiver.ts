/**
 * The receiver of Norsk Helsenett messages (issue 21): polls the message service for the municipality's
 * HER-id, takes each new PLO message in once (inbox_message by the message's MsgId), and answers every
 * message with an application receipt (AppRec): OK, or rejected with the error code and reason.
 *
 * Why the AppRec goes straight from here and not through the outbox: it answers the message service's
 * own message id, and it is sent only after the handling has committed. If the process stops between
 * the commit and the AppRec, the message is still unread at the service, so the next poll finds it,
 * sees it recorded, and sends the AppRec from the recorded outcome before marking it read. Nothing is
 * taken in twice, and no message goes unanswered.
 */
import type { ChannelContext, Receiver } from '../channel.ts';
import { loadAuthorityContext } from '../../app/authority.ts';
import { AppError } from '../../app/errors.ts';
import { ensureSystemStaff } from '../../store/org.ts';
import { recordReceived } from '../../store/outbox.ts';
import { inTenant, type Tx } from '../../store/tx.ts';
import type { Settings } from '../settings.ts';
import { mshClientFor } from './client.ts';
import { MessageRefused, takeIn } from './intake.ts';
import type { MshClient, MshMessage, PostAppRecRequest } from './msh.ts';
import { parsePloMessage, type PloMessage } from './ploParse.ts';
import { validatePloXml } from './xsd.ts';

/** The outcome of one message, as recorded in the inbox and told to the sender in the AppRec. */
interface Outcome {
  readonly outcome: 'handled' | 'rejected';
  /** For a rejection: "CODE: reason" (kodeverk 8221). */
  readonly detail: string | null;
}

async function recorded(tx: Tx, externalId: string): Promise<Outcome | null> {
  const { rows } = await tx.query<Outcome>(
    `SELECT outcome, detail FROM inbox_message WHERE municipality_id = current_municipality() AND channel = 'nhn' AND external_id = $1`,
    [externalId],
  );
  return rows[0] ?? null;
}

export function appRecFor(o: Outcome): PostAppRecRequest {
  if (o.outcome === 'handled') return { appRecStatus: 'Ok' };
  const match = /^([A-Z]\d{2}): (.*)$/s.exec(o.detail ?? '');
  return { appRecStatus: 'Rejected', appRecErrorList: [{ errorCode: match?.[1] ?? 'X99', details: (match?.[2] ?? o.detail ?? 'Annen feil').slice(0, 1000) }] };
}

function refusal(code: string, reason: string): Outcome {
  return { outcome: 'rejected', detail: `${code}: ${reason}`.slice(0, 2000) };
}

interface Run {
  readonly ctx: ChannelContext;
  readonly client: MshClient;
  readonly nhn: Settings<'nhn'>;
  readonly systemId: string;
}

/** Records a refusal in its own transaction (the handling's transaction was rolled back). */
async function recordRefusal(run: Run, externalId: string, kind: string, o: Outcome): Promise<Outcome> {
  return inTenant(run.ctx.db.app, { municipalityId: run.ctx.municipalityId, staffId: run.systemId }, async (tx) => {
    const fresh = await recordReceived(tx, { channel: 'nhn', externalId, kind, outcome: 'rejected', detail: o.detail });
    return fresh ? o : ((await recorded(tx, externalId)) ?? o);
  });
}

/** Validates and reads the business document; a refusal when it is not a valid PLO message. */
async function read(xml: string): Promise<PloMessage | Outcome> {
  const check = await validatePloXml(xml);
  if (!check.valid) {
    const malformed = check.errors.some((e) => /parser error|not well-formed|Start tag expected|Document is empty/i.test(e));
    return malformed ? refusal('T01', "Ikke XML / ikke 'well formed' / uleselig") : refusal('T02', `XML validerer ikke: ${check.errors.slice(0, 3).join(' | ')}`);
  }
  try {
    return parsePloMessage(xml);
  } catch (e) {
    return refusal('T99', `Annen feil på format: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Takes the message in and records it, in one transaction; a refusal rolls the handling back and is recorded alone. */
async function handle(run: Run, externalId: string, xml: string): Promise<Outcome> {
  const message = await read(xml);
  if ('outcome' in message) return recordRefusal(run, externalId, 'invalid', message);
  const tenant = { municipalityId: run.ctx.municipalityId, staffId: run.systemId };
  try {
    return await inTenant(run.ctx.db.app, tenant, async (tx) => {
      const authority = await loadAuthorityContext(tx, { staffId: run.systemId, roles: ['system'], unitIds: [] });
      const intake = await takeIn(tx, authority, run.ctx.now(), message, run.nhn);
      const detail = intake.personCreated ? 'The person was unknown and was registered from the message (not from the population register).' : null;
      const fresh = await recordReceived(tx, { channel: 'nhn', externalId, kind: message.type, caseId: intake.caseId, personId: intake.personId, outcome: 'handled', detail });
      if (!fresh) throw new AlreadyReceived();
      return { outcome: 'handled' as const, detail };
    });
  } catch (e) {
    if (e instanceof AlreadyReceived) return { outcome: 'handled', detail: null };
    if (e instanceof MessageRefused) return recordRefusal(run, externalId, message.type || 'unknown', refusal(e.code, e.message));
    if (e instanceof AppError) return recordRefusal(run, externalId, message.type || 'unknown', refusal('X99', `Annen feil: ${e.message}`));
    throw e;
  }
}

class AlreadyReceived extends Error {}

/** One message: handled once, answered with an AppRec, then marked read. Returns whether it was taken in now. */
async function receiveOne(run: Run, m: MshMessage): Promise<boolean> {
  const { client, nhn } = run;
  if (m.isAppRec) {
    // Receipts for the messages we sent are read per message by the channel's pollReceipts.
    await client.markRead(m.id, nhn.herId);
    return false;
  }
  const externalId = m.businessDocumentId ?? m.id;
  const tenant = { municipalityId: run.ctx.municipalityId, staffId: run.systemId };
  const before = await inTenant(run.ctx.db.app, tenant, (tx) => recorded(tx, externalId));
  const outcome = before ?? (await handle(run, externalId, await client.businessDocument(m.id)));
  await client.postAppRec(m.id, nhn.herId, appRecFor(outcome));
  await client.markRead(m.id, nhn.herId);
  if (!before) run.ctx.log(`nhn: message ${m.id} ${outcome.outcome}${outcome.outcome === 'rejected' ? ` (${outcome.detail ?? ''})` : ''}`);
  return before === null && outcome.outcome === 'handled';
}

async function receive(ctx: ChannelContext): Promise<number> {
  const configured = await mshClientFor(ctx);
  if (!configured) return 0;
  const systemId = await inTenant(ctx.db.app, { municipalityId: ctx.municipalityId, staffId: null }, (tx) => ensureSystemStaff(tx));
  const run: Run = { ctx, ...configured, systemId };
  let handled = 0;
  for (const m of await configured.client.listMessages(configured.nhn.herId)) {
    try {
      if (await receiveOne(run, m)) handled += 1;
    } catch (e) {
      // One message's trouble (the service not answering) leaves it unread for the next poll; the others go on.
      ctx.log(`nhn: message ${m.id} not finished, tried again at the next poll: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return handled;
}

export const nhnReceiver: Receiver = { name: 'nhn', receive };
