/**
 * The population register's event feed, read by the job runner for each municipality that has
 * connected the register (Receiver 'folkeregister'). It reads from where the municipality left off
 * (folkeregister_feed_position), and for each event about a person we hold (others are skipped): reads
 * the person document the event points to, updates the person's record (the values replaced are kept,
 * store/persons.ts applyRegisterChange), and for a death or a move records a `register_event` action on
 * each of the person's open cases, which is a work item for the office. Each event is handled once
 * (inbox_message, channel 'folkeregister', by its sequence number), so a page read twice changes nothing.
 */
import { osloDate } from '../../domain/law/deadlines.ts';
import { loadAuthorityContext, type AuthorityContext } from '../../app/authority.ts';
import { appendToCase, writerAt } from '../../app/casePipeline.ts';
import { AppError } from '../../app/errors.ts';
import { ensureSystemStaff } from '../../store/org.ts';
import { recordReceived, wasReceived } from '../../store/outbox.ts';
import { applyRegisterChange, findPersonByNationalId } from '../../store/persons.ts';
import { inTenant, type Tx } from '../../store/tx.ts';
import type { ChannelContext, Receiver } from '../channel.ts';
import { folkeregisterClient, FolkeregisterError, type FeedEntry, type FolkeregisterClient } from './client.ts';
import { isRelevant, meaningOf, type EventMeaning } from './events.ts';
import type { RegisterPerson } from './personDocument.ts';

/** Pages (of up to 1000 events) read in one run; the next run goes on from there. */
const PAGES_PER_RUN = 10;

async function position(tx: Tx): Promise<number | null> {
  const { rows } = await tx.query<{ next_sequence: string }>('SELECT next_sequence FROM folkeregister_feed_position WHERE municipality_id = current_municipality()');
  return rows[0] ? Number(rows[0].next_sequence) : null;
}

async function savePosition(tx: Tx, next: number): Promise<void> {
  await tx.query(
    `INSERT INTO folkeregister_feed_position (municipality_id, next_sequence) VALUES (current_municipality(), $1)
     ON CONFLICT (municipality_id) DO UPDATE SET next_sequence = GREATEST(folkeregister_feed_position.next_sequence, EXCLUDED.next_sequence), updated_at = now()`,
    [next],
  );
}

async function openCases(tx: Tx, personId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM case_file WHERE municipality_id = current_municipality() AND person_id = $1
        AND status NOT IN ('ended', 'withdrawn', 'answered_low_threshold') ORDER BY case_number`,
    [personId],
  );
  return rows.map((r) => r.id);
}

/** The register's person after the event: the document the event points to, else the person now. */
async function personAfter(client: FolkeregisterClient, entry: FeedEntry): Promise<RegisterPerson | null> {
  const doc = entry.hendelse.persondokument;
  return doc ? client.personDocument(doc) : client.person(entry.hendelse.folkeregisteridentifikator);
}

/** Records the event on each of the person's open cases (a case that refuses it is logged and left). */
async function recordOnCases(tx: Tx, ctx: ChannelContext, authority: AuthorityContext, caseIds: readonly string[], entry: FeedEntry, work: NonNullable<EventMeaning['work']>): Promise<void> {
  for (const caseId of caseIds) {
    const payload = { event: work.event, eventType: entry.hendelse.hendelsetype, sequence: entry.sekvensnummer, summary: work.summary, ...(work.occurredOn ? { occurredOn: work.occurredOn } : {}) };
    try {
      await appendToCase(tx, writerAt(authority, null, ctx.now()), { caseId, body: { type: 'register_event', payload }, reason: 'Recorded by the job runner from the population register’s event feed (Folkeregisteret).' });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.log(`population register event ${entry.sekvensnummer} on case ${caseId} in ${ctx.municipalityId} refused: ${error.message}`);
    }
  }
}

interface Run {
  readonly ctx: ChannelContext;
  readonly client: FolkeregisterClient;
  readonly systemId: string;
}

/** Handles one event; returns 1 when it was handled now, 0 when skipped or handled before. */
async function handle(run: Run, entry: FeedEntry): Promise<number> {
  const { ctx } = run;
  const tenant = { municipalityId: ctx.municipalityId, staffId: run.systemId };
  const externalId = `seq:${entry.sekvensnummer}`;
  const held = isRelevant(entry.hendelse.hendelsetype)
    ? await inTenant(ctx.db.app, tenant, async (tx) => ((await wasReceived(tx, 'folkeregister', externalId)) ? null : findPersonByNationalId(tx, entry.hendelse.folkeregisteridentifikator)))
    : null;
  if (!held) return 0;
  let after: RegisterPerson | null;
  try {
    after = await personAfter(run.client, entry);
  } catch (e) {
    if (e instanceof FolkeregisterError && !e.transient) after = null;
    else throw e;
  }
  return inTenant(ctx.db.app, tenant, async (tx) => {
    const kind = entry.hendelse.hendelsetype;
    const person = await findPersonByNationalId(tx, entry.hendelse.folkeregisteridentifikator);
    if (!person || (await wasReceived(tx, 'folkeregister', externalId))) return 0;
    if (!after) {
      const recorded = await recordReceived(tx, { channel: 'folkeregister', externalId, kind, personId: person.id, outcome: 'rejected', detail: 'The person document of the event could not be read' });
      return recorded ? 1 : 0;
    }
    const meaning = meaningOf(kind, person, after, run.client.settings.municipalityNumber, osloDate(entry.hendelse.ajourholdstidspunkt));
    const cases = meaning.work ? await openCases(tx, person.id) : [];
    // Recorded first: a second runner handling the same event at once waits here, then finds it taken and writes nothing.
    if (!(await recordReceived(tx, { channel: 'folkeregister', externalId, kind, personId: person.id, caseId: cases[0] ?? null, outcome: 'handled', detail: meaning.work?.event ?? null }))) return 0;
    if (Object.keys(meaning.change).length > 0) await applyRegisterChange(tx, person, meaning.change, { sequence: entry.sekvensnummer, eventType: kind, at: ctx.now() });
    if (meaning.work) await recordOnCases(tx, ctx, await loadAuthorityContext(tx, { staffId: run.systemId, roles: ['system'], unitIds: [] }), cases, entry, meaning.work);
    return 1;
  });
}

/** Reads the feed from where the municipality left off (the first run only marks where that is); returns how many events about our persons were handled. */
export async function receiveRegisterEvents(ctx: ChannelContext): Promise<number> {
  const client = await folkeregisterClient(ctx);
  if (!client) return 0;
  const base = { municipalityId: ctx.municipalityId, staffId: null };
  const systemId = await inTenant(ctx.db.app, base, (tx) => ensureSystemStaff(tx));
  const run: Run = { ctx, client, systemId };
  if ((await inTenant(ctx.db.app, base, position)) === null) {
    // A municipality follows the feed from when it connects (persons registered before were entered by hand), not from the register's first event.
    const latest = await client.latestSequence();
    await inTenant(ctx.db.app, base, (tx) => savePosition(tx, latest + 1));
    return 0;
  }
  let handled = 0;
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const entries = await client.feed((await inTenant(ctx.db.app, base, position)) ?? 1);
    for (const entry of entries) {
      handled += await handle(run, entry);
      await inTenant(ctx.db.app, base, (tx) => savePosition(tx, entry.sekvensnummer + 1));
    }
    if (entries.length < 1000) break;
  }
  return handled;
}

export const folkeregisterReceiver: Receiver = { name: 'folkeregister', receive: receiveRegisterEvents };
