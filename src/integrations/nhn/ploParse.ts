/**
 * Reading PLO messages from the hospital (PLO 1.6, in a MsgHead 1.2 envelope) with fast-xml-parser,
 * after they have been validated against the published schemas (xsd.ts). Only what tildel acts on is
 * read: the message's id and type, the sender, the patient, and for each kind its own few facts.
 *
 * Message types (MsgHead MsgInfo/Type, kodeverk 8279): LOG_UTSKRIVNINGSKLAR (melding om
 * utskrivningsklar pasient, content p1:Pasientlogistikk) and HELSEOPPL_SOKNAD (helseopplysninger ved
 * søknad, content p5:HelseopplysningerVedSoknad). Event codes (kodeverk 9121): 1 admitted, 3 ready for discharge.
 */
import { XMLParser } from 'fast-xml-parser';

export const PLO_TYPES = { discharge: 'LOG_UTSKRIVNINGSKLAR', healthInformation: 'HELSEOPPL_SOKNAD', orientation: 'ORIENTERING_TJENESTETILBUD' } as const;

const ARRAYS = new Set(['Ident', 'TidsfestetHendelse', 'OpplysningOpphold', 'TjenesteBehov', 'Journaltekst', 'Document', 'GenereltJournalnotat']);

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, isArray: (name) => ARRAYS.has(name) });

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The node at a path; arrays on the way are read at their first element. */
export function at(v: unknown, ...path: string[]): unknown {
  let here: unknown = v;
  for (const step of path) {
    if (Array.isArray(here)) here = here[0];
    here = isNode(here) ? here[step] : undefined;
  }
  return here;
}

export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A text node, or the text of an element with attributes. */
export function text(v: unknown): string | undefined {
  const value = Array.isArray(v) ? v[0] : v;
  if (typeof value === 'string') return value.trim() || undefined;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'].trim() || undefined;
  return undefined;
}

export function attr(v: unknown, name: string): string | undefined {
  const value = at(v, `@${name}`);
  return typeof value === 'string' ? value : undefined;
}

export interface PloParty {
  readonly name: string;
  readonly herId: string | null;
}

export interface PloPatient {
  readonly nationalId: string | null;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly birthDate: string | null;
  readonly address: { readonly street: string | null; readonly postalCode: string | null; readonly city: string | null } | null;
}

export interface PloMessage {
  readonly msgId: string;
  readonly type: string;
  readonly genDate: string | null;
  /** The sender: the organisation and, where given, its department (name "Hospital, department"; the HER-id the most specific). */
  readonly sender: PloParty;
  readonly patient: PloPatient;
  readonly admittedAt: string | null;
  readonly dischargeReadyOn: string | null;
  readonly dischargeEstimated: boolean | null;
  /** Services the hospital asks for (TjenesteBehov: BetegnelseTjeneste or the IPLOS service type's name). */
  readonly servicesWanted: readonly string[];
  /** The hospital's words: the event descriptions and journal notes, in order. */
  readonly notes: readonly string[];
}

function herIdOf(org: unknown): string | null {
  const ident = list(at(org, 'Ident')).find((i) => attr(at(i, 'TypeId'), 'V') === 'HER');
  return text(at(ident, 'Id')) ?? null;
}

function party(org: unknown): PloParty {
  const inner = at(org, 'Organisation');
  const name = [text(at(org, 'OrganisationName')), text(at(inner, 'OrganisationName'))].filter(Boolean).join(', ');
  return { name: name || 'Ukjent avsender', herId: herIdOf(inner) ?? herIdOf(org) };
}

function patientOf(p: unknown): PloPatient {
  const ident = list(at(p, 'Ident')).find((i) => ['FNR', 'DNR'].includes(attr(at(i, 'TypeId'), 'V') ?? ''));
  const address = at(p, 'Address');
  return {
    nationalId: text(at(ident, 'Id')) ?? null,
    givenName: [text(at(p, 'GivenName')), text(at(p, 'MiddleName'))].filter(Boolean).join(' ') || null,
    familyName: text(at(p, 'FamilyName')) ?? null,
    birthDate: text(at(p, 'DateOfBirth')) ?? null,
    address: address ? { street: text(at(address, 'StreetAdr')) ?? null, postalCode: text(at(address, 'PostalCode')) ?? null, city: text(at(address, 'City')) ?? null } : null,
  };
}

/** The events of the stay (TidsfestetHendelse), wherever the content carries them. */
function eventsOf(content: unknown): unknown[] {
  const direct = list(at(content, 'MeldingUtskrivningsklarPasient', 'TidsfestetHendelse'));
  const stays = list(at(content, 'OpplysningOpphold')).flatMap((o) => list(at(o, 'TidsfestetHendelse')));
  return [...direct, ...stays];
}

function eventTime(events: unknown[], code: string): unknown {
  return events.find((e) => attr(at(e, 'Hendelsekode'), 'V') === code);
}

function notesOf(content: unknown, events: unknown[]): string[] {
  const described = events.map((e) => text(at(e, 'BeskrivelseAvHendelse')));
  const journal = list(at(content, 'MedisinskfagligeOpplysninger', 'GenereltJournalnotat')).flatMap((n) => list(at(n, 'Journaltekst')).map((t) => text(at(t, 'Notat'))));
  return [...described, ...journal].filter((s): s is string => s !== undefined);
}

/** The PLO content element inside the envelope (its name without prefix), e.g. Pasientlogistikk. */
function contentOf(msgHead: unknown): unknown {
  const content = at(msgHead, 'Document', 'RefDoc', 'Content');
  return isNode(content) ? Object.values(content).find(isNode) : undefined;
}

/** Reads a validated MsgHead document; throws when it is not one. */
export function parsePloMessage(xml: string): PloMessage {
  const doc: unknown = parser.parse(xml);
  const head = at(doc, 'MsgHead');
  const info = at(head, 'MsgInfo');
  const msgId = text(at(info, 'MsgId'));
  if (!msgId) throw new Error('The message has no MsgInfo/MsgId');
  const content = contentOf(head);
  const events = eventsOf(content);
  const ready = eventTime(events, '3');
  const admitted = eventTime(events, '1');
  const wanted = list(at(content, 'TjenesteBehov')).map((t) => text(at(t, 'BetegnelseTjeneste')) ?? attr(at(t, 'IPLOStjenestetype'), 'DN'));
  const estimated = text(at(ready, 'Anslag'));
  return {
    msgId,
    type: attr(at(info, 'Type'), 'V') ?? '',
    genDate: text(at(info, 'GenDate')) ?? null,
    sender: party(at(info, 'Sender', 'Organisation')),
    patient: patientOf(at(info, 'Patient')),
    admittedAt: attr(at(admitted, 'TidspunktForHendelse'), 'V') ?? null,
    dischargeReadyOn: attr(at(ready, 'TidspunktForHendelse'), 'V')?.slice(0, 10) ?? null,
    dischargeEstimated: estimated === undefined ? null : estimated === 'true',
    servicesWanted: wanted.filter((s): s is string => s !== undefined),
    notes: notesOf(content, events),
  };
}
