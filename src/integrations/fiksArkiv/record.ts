/**
 * What an archive message carries, read when it is sent (the outbox payload names the document; the
 * PDF and the person are read from the database then, so no personal data waits in the outbox): the
 * case, the person and the document, as an ArchiveEntry and the PDF/A file.
 */
import { createHash } from 'node:crypto';
import type { ActionPayload } from '../../domain/case/index.ts';
import { osloDate } from '../../domain/law/deadlines.ts';
import type { LetterContent } from '../../letters/content.ts';
import { renderLetter } from '../../letters/pdf.ts';
import { caseHistory, findCase, type CaseRow } from '../../store/cases.ts';
import { findLetter } from '../../store/letters.ts';
import { findMunicipality } from '../../store/org.ts';
import { findPerson, type PersonRow } from '../../store/persons.ts';
import { inTenant, type Tx } from '../../store/tx.ts';
import type { ChannelContext, OutboxMessage } from '../channel.ts';
import type { Settings } from '../settings.ts';
import type { ArchiveEntry, ArchiveParty, DocumentType } from './arkivmelding.ts';
import { requestRecord, requestTitle, senderOf, serviceNameOf } from './requestRecord.ts';

/** The outbox payload of an archive message: which document. */
export type ArchivePayload = { readonly document: 'request' } | { readonly document: 'letter'; readonly letterId: string; readonly letterKind: string };

export interface ArchiveDocument {
  readonly entry: ArchiveEntry;
  readonly fileName: string;
  readonly pdf: Buffer;
}

/** Thrown when what the message names is gone (not transient: a person must look). */
export class MissingDocumentError extends Error {}

const LETTER_TYPES: Record<string, DocumentType> = { decision: 'VEDTAK', provisional_reply: 'KORR', advance_notice: 'KORR' };

function personParty(p: PersonRow): ArchiveParty {
  const name = `${p.given_name} ${p.family_name}`;
  // A protected address (adressesperre) is never sent anywhere, the archive included.
  if (p.protected_address || !p.address_line) return { name, nationalId: p.national_id, address: [] };
  return { name, nationalId: p.national_id, address: [p.address_line], ...(p.postal_code ? { postalCode: p.postal_code } : {}), ...(p.postal_place ? { postalPlace: p.postal_place } : {}) };
}

function caseOf(row: CaseRow, person: PersonRow, request: ActionPayload<'request_received'>, s: Settings<'fiks_arkiv'>): ArchiveEntry['case'] {
  return {
    id: row.id,
    caseNumber: row.case_number,
    serviceName: serviceNameOf(request.serviceCode, 'nb'),
    receivedOn: request.receivedOn,
    personName: `${person.given_name} ${person.family_name}`,
    personNationalId: person.national_id,
    subjectClass: s.subjectClassSystem && s.subjectClass ? { systemId: s.subjectClassSystem, classId: s.subjectClass } : undefined,
    administrativeUnit: s.administrativeUnit,
  };
}

async function letterDocument(tx: Tx, key: string, kase: ArchiveEntry['case'], person: PersonRow, letterId: string): Promise<ArchiveDocument> {
  const letter = await findLetter(tx, letterId);
  if (!letter) throw new MissingDocumentError(`The letter ${letterId} is not stored`);
  const fileName = `${letter.kind.replace(/_/g, '-')}-${letter.id}.pdf`;
  const documentDate = osloDate(letter.created_at);
  return {
    fileName,
    pdf: letter.pdf,
    entry: {
      case: kase,
      journalpost: { key, type: 'U', title: letter.title, documentDate, party: personParty(person) },
      document: { type: LETTER_TYPES[letter.kind] ?? 'KORR', title: letter.title, fileName, sha256: letter.sha256, size: letter.pdf.length },
    },
  };
}

async function requestDocument(tx: Tx, municipalityId: string, key: string, kase: ArchiveEntry['case'], row: CaseRow, person: PersonRow, opened: { payload: ActionPayload<'request_received'>; occurredAt: string }): Promise<ArchiveDocument> {
  const r = opened.payload;
  const lang = person.language;
  const municipality = await findMunicipality(tx, municipalityId);
  const lh = (municipality?.letterhead ?? {}) as LetterContent['letterhead'];
  const pdf = await renderLetter(requestRecord({ lang, letterhead: { ...lh, name: lh.name ?? municipality?.name ?? '' }, caseNumber: row.case_number, person: { name: kase.personName, birthDate: person.birth_date }, request: r }));
  const fileName = `soknad-${row.id}.pdf`;
  const sender = senderOf(r, lang);
  const party: ArchiveParty = sender ? { name: sender.name, address: [], isPerson: sender.isPerson } : personParty(person);
  const title = requestTitle(r.serviceCode, 'nb');
  return {
    fileName,
    pdf,
    entry: {
      case: kase,
      journalpost: { key, type: 'I', title, documentDate: r.receivedOn, receivedAt: opened.occurredAt, party },
      document: { type: 'SØKNAD', title, fileName, sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.length },
    },
  };
}

/** Reads the case, the person and the document the message names. */
export async function archiveDocument(ctx: ChannelContext, message: OutboxMessage, s: Settings<'fiks_arkiv'>): Promise<ArchiveDocument> {
  const payload = message.payload as ArchivePayload;
  if (!message.caseId) throw new MissingDocumentError('An archive message names no case');
  const caseId = message.caseId;
  return inTenant(ctx.db.app, { municipalityId: ctx.municipalityId, staffId: null }, async (tx) => {
    const row = await findCase(tx, caseId);
    const person = row ? await findPerson(tx, row.person_id) : null;
    const opened = (await caseHistory(tx, caseId))[0];
    if (!row || !person || opened?.type !== 'request_received') throw new MissingDocumentError(`The case ${caseId} or its person is not found`);
    const kase = caseOf(row, person, opened.payload, s);
    if (payload.document === 'letter') return letterDocument(tx, message.id, kase, person, payload.letterId);
    return requestDocument(tx, ctx.municipalityId, message.id, kase, row, person, opened);
  });
}
