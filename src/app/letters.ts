/**
 * Letters: a preview before signing, and issuing, which stores the PDF/A with the case and records
 * a letter_issued action in its history. The letter is in the person's written language (målform)
 * unless another is asked for.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ActionPayload } from '../domain/case/index.ts';
import { advanceNoticeLetter, decisionLetter, provisionalReplyLetter, type LetterContent, type LetterContext } from '../letters/content.ts';
import { renderLetter } from '../letters/pdf.ts';
import { findCase, listActions, lockCase, type CaseRow } from '../store/cases.ts';
import { findLetter, insertLetter } from '../store/letters.ts';
import { findMunicipality } from '../store/org.ts';
import { findPerson } from '../store/persons.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gatedCase, gateOf, levelOfRow, loadGate, requireCase, requireLevel } from './gate.ts';
import { loadAuthorityContext } from './authority.ts';
import { appendToCase, writerAt } from './casePipeline.ts';
import { now, today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import { enqueueOutbox } from '../jobs/enqueue.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { reasonsOf } from './decisions.ts';
import { statementFor } from './payments.ts';
import { AppError, notFound } from './errors.ts';
import type { Principal } from './principal.ts';

export const letterRequest = z.object({
  kind: z.enum(['decision', 'provisional_reply', 'advance_notice']),
  lang: z.enum(['nb', 'nn']).optional().describe("Default: the person's written language"),
  advanceNotice: z
    .object({ change: z.enum(['reduction', 'end']), description: z.string().trim().min(1).max(2000), commentsBy: z.iso.date() })
    .optional()
    .describe('Required for an advance notice (fvl § 16)'),
  reissueReason: z.string().trim().min(1).max(2000).optional().describe('Why a decision letter already issued for this decision is issued again'),
});
export type LetterRequest = z.infer<typeof letterRequest>;

/** Where a letter to a person with a protected address goes instead: never the address itself (issue 15). */
const PROTECTED_CHANNEL = {
  nb: 'Adressen er skjermet. Brevet sendes gjennom kanalen for personer med adressesperre.',
  nn: 'Adressa er skjerma. Brevet blir sendt gjennom kanalen for personar med adressesperre.',
} as const;

/** The name and address on the letter; for a person with a protected address the name only, and how the letter is sent. */
function recipientOf(person: NonNullable<Awaited<ReturnType<typeof findPerson>>>, lang: 'nb' | 'nn'): string[] {
  const name = `${person.given_name} ${person.family_name}`;
  if (person.protected_address) return [name, PROTECTED_CHANNEL[lang]];
  return [name, person.address_line ?? '', `${person.postal_code ?? ''} ${person.postal_place ?? ''}`.trim()].filter(Boolean);
}

async function context(tx: Tx, principal: Principal, row: CaseRow, lang: 'nb' | 'nn', date: string): Promise<LetterContext> {
  const person = await findPerson(tx, row.person_id);
  const municipality = await findMunicipality(tx, principal.municipalityId);
  const lh = (municipality?.letterhead ?? {}) as LetterContext['letterhead'];
  return {
    lang,
    letterhead: { ...lh, name: lh.name ?? municipality?.name ?? '' },
    recipient: person ? recipientOf(person, lang) : [],
    caseNumber: row.case_number,
    date,
    caseworker: principal.displayName,
  };
}

async function compose(tx: Tx, principal: Principal, row: CaseRow, req: LetterRequest, date: string): Promise<LetterContent> {
  const lang = req.lang ?? (await findPerson(tx, row.person_id))?.language ?? 'nb';
  const ctx = await context(tx, principal, row, lang, date);
  if (req.kind === 'decision') {
    const { decision, reasons } = await reasonsOf(tx, row, lang);
    const payment = await statementFor(tx, row, decision, { date });
    return decisionLetter(ctx, decision, reasons, row.received_on, row.service_code, payment);
  }
  if (req.kind === 'provisional_reply') {
    const sent = (await listActions(tx, row.id)).filter((a) => a.type === 'provisional_reply_sent').at(-1);
    if (!sent) throw new AppError('conflict', 'Record the provisional reply (provisional_reply_sent: reason and expected date) before its letter.');
    const p = sent.payload as ActionPayload<'provisional_reply_sent'>;
    return provisionalReplyLetter(ctx, { serviceCode: row.service_code, receivedOn: row.received_on, reason: p.reason, expectedBy: p.expectedBy });
  }
  if (!req.advanceNotice) throw new AppError('validation', 'An advance notice needs what is planned and the date for comments.', { fields: [{ field: 'advanceNotice', message: 'required for an advance notice' }] });
  return advanceNoticeLetter(ctx, { serviceCode: row.service_code, ...req.advanceNotice });
}

/** The letter as it would be issued, not stored (a preview before signing). */
export async function previewLetter(ctx: AppContext, principal: Principal, meta: RequestMeta, caseId: string, req: LetterRequest): Promise<Buffer> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const { row } = await gatedCase(tx, gate, caseId, 'full', 'the case’s letters');
    await audit(tx, principal, meta, 'read', `letter preview ${req.kind}`, [row.person_id]);
    return renderLetter(await compose(tx, principal, row, req, todayIn(ctx)));
  });
}

/** Issues the letter: stores the PDF/A with the case and records it in the case history. */
export async function issueLetter(ctx: AppContext, principal: Principal, meta: CommandMeta, caseId: string, req: LetterRequest): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  const result = await runCommand(ctx, principal, meta, async (tx) => {
    const writer = writerAt(await loadAuthorityContext(tx, principal), meta.requestId, now(ctx), meta.purpose);
    // The row lock only: the pipeline derives the state from the log once, when it appends.
    const row = (await lockCase(tx, caseId)) ? await findCase(tx, caseId) : null;
    if (!row) throw notFound('The case');
    // The gate first: nothing about the case (not even why no letter can be written) to one without a need for it.
    requireCase(await loadGate(tx, writer.authority, writer.purpose, writer.at, writer.onDate), caseId, row.state, 'full', 'the case’s letters');
    const content = await compose(tx, principal, row, req, writer.onDate);
    const pdf = await renderLetter(content);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const letterId = randomUUID();
    const payload = { letterId, kind: req.kind, sha256, ...(req.reissueReason ? { reissueReason: req.reissueReason } : {}) };
    await appendToCase(tx, writer, { caseId, body: { type: 'letter_issued', payload } });
    await insertLetter(tx, { id: letterId, caseId, kind: req.kind, lang: content.lang, title: content.title, pdf, sha256, createdBy: principal.staffId });
    await audit(tx, principal, meta, 'write', `letter ${req.kind}`, [row.person_id]);
    return { statusCode: 201, body: { id: letterId, kind: req.kind, lang: content.lang, title: content.title, sha256, url: `/api/v1/letters/${letterId}` } };
  });
  // The letter's messages (digital post, archive, the GP) were queued with it; send them now rather than at the next minute.
  if (!result.replayed) await enqueueOutbox(ctx.db, principal.municipalityId);
  return result;
}

export async function letterPdf(ctx: AppContext, principal: Principal, meta: RequestMeta, id: string): Promise<{ pdf: Buffer; title: string }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const letter = await findLetter(tx, id);
    if (!letter) throw notFound('The letter');
    const { gate } = await gateOf(tx, ctx, principal, meta);
    requireLevel(levelOfRow(gate, letter), 'full', 'the case’s letters');
    await audit(tx, principal, meta, 'read', `letter ${letter.kind}`, [letter.person_id]);
    return { pdf: letter.pdf, title: letter.title };
  });
}
