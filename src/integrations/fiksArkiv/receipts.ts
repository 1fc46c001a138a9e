/**
 * The archive's answers to an arkivmelding (Fiks Arkiv V1): the receipt
 * (no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering, arkivmelding-kvittering.xml) with
 * the saksmappe and journalpost the archive created or already had, and the error messages
 * (…feilmelding.ugyldigforespoersel / …serverfeil, feilmelding.xml). Built here for the stand-in,
 * read here by the channel; both sides validate against the XSDs (xsd.ts).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { code, key, METADATAKATALOG_NS, XSI_NS } from './arkivmelding.ts';

export const KVITTERING_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/kvittering/v1';
export const FEILMELDING_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/feilmelding/v1';
export const ERROR_NS = {
  ugyldigforespoersel: 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/ugyldigforespoersel/v1',
  serverfeil: 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/serverfeil/v1',
} as const;
export type ErrorKind = keyof typeof ERROR_NS;

/** What the archive registered: the saksmappe and the journalpost, each new or already there. */
export interface Registered {
  readonly mappe: { readonly systemID: string; readonly saksaar: number; readonly sakssekvensnummer: number; readonly caseKey: string; readonly existing: boolean };
  readonly journalpost: {
    readonly systemID: string;
    readonly journalaar: number;
    readonly journalsekvensnummer: number;
    readonly journalpostnummer: number;
    readonly type: string;
    readonly key: string;
    readonly existing: boolean;
    readonly documentSystemIDs: readonly string[];
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true });
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const made = (existing: boolean) => (existing ? 'Eksisterende' : 'Opprettet');

/** arkivmelding-kvittering.xml for what was registered. */
export function buildKvittering(r: Registered): string {
  const { mappe: m, journalpost: j } = r;
  const doc = {
    arkivmeldingKvittering: {
      '@_xmlns': KVITTERING_NS,
      '@_xmlns:xsi': XSI_NS,
      '@_xmlns:n5mdk': METADATAKATALOG_NS,
      mappeKvittering: {
        '@_xsi:type': 'saksmappeKvittering',
        systemID: m.systemID,
        referanseEksternNoekkel: key(m.caseKey),
        opprettetEllerEksisterende: made(m.existing),
        saksaar: m.saksaar,
        sakssekvensnummer: m.sakssekvensnummer,
      },
      registreringKvittering: {
        '@_xsi:type': 'journalpostKvittering',
        systemID: j.systemID,
        dokumentbeskrivelseKvittering: j.documentSystemIDs.map((id, i) => ({ systemID: id, dokumentnummer: i + 1 })),
        referanseEksternNoekkel: key(j.key),
        opprettetEllerEksisterende: made(j.existing),
        journalaar: j.journalaar,
        journalsekvensnummer: j.journalsekvensnummer,
        journalpostnummer: j.journalpostnummer,
        journalposttype: code(j.type),
      },
    },
  };
  return XML_HEAD + (builder.build(doc) as string);
}

/** feilmelding.xml: the error's id and what is wrong. */
export function buildFeilmelding(kind: ErrorKind, feilId: string, message: string): string {
  const doc = { [kind]: { '@_xmlns': ERROR_NS[kind], '@_xmlns:f': FEILMELDING_NS, 'f:feilId': feilId, 'f:feilmelding': message } };
  return XML_HEAD + (builder.build(doc) as string);
}

export const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, trimValues: true });

type Node = Record<string, unknown>;
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
/** The text of an element (also one carrying attributes, as systemID may). */
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof node(v)['#text'] === 'string' ? (node(v)['#text'] as string) : undefined);

/** What the channel records from a receipt: the archive's reference to the journalpost and a line for the case. */
export interface ReceiptReading {
  readonly reference: string;
  readonly detail: string;
}

/** "2026/17" from journalaar and journalsekvensnummer, else the registreringsID or the systemID. */
function journalReference(j: Node, systemID: string): string {
  const year = text(j['journalaar']);
  const seq = text(j['journalsekvensnummer']);
  return year && seq ? `${year}/${seq}` : (text(j['registreringsID']) ?? systemID);
}

function placement(m: Node, j: Node): string {
  const year = text(m['saksaar']);
  const seq = text(m['sakssekvensnummer']);
  const post = text(j['journalpostnummer']);
  return `${year && seq ? ` in saksmappe ${year}/${seq}` : ''}${post ? ` as journalpost ${post}` : ''}`;
}

/** Reads a (schema-valid) receipt; throws when it reports that the mappe or the registrering failed. */
export function readKvittering(xml: string): ReceiptReading {
  const root = node(parser.parse(xml)['arkivmeldingKvittering']);
  const failed = node(root['registreringFeilet'] ?? root['mappeFeilet']);
  if (Object.keys(failed).length > 0) throw new Error(`The archive could not register the document: ${text(failed['feilmelding']) ?? 'no reason given'} (feilId ${text(failed['feilId']) ?? '?'})`);
  const j = node(root['registreringKvittering']);
  const systemID = text(j['systemID']);
  if (!systemID) throw new Error('The receipt names no registrering');
  const reference = journalReference(j, systemID);
  const how = text(j['opprettetEllerEksisterende']) === 'Eksisterende' ? 'already registered' : 'registered';
  return { reference, detail: `Journalpost ${reference} (systemID ${systemID}) ${how}${placement(node(root['mappeKvittering']), j)}.` };
}

/** Reads an error message: its id and text. */
export function readFeilmelding(xml: string, kind: ErrorKind): { feilId: string; message: string } {
  const root = node(parser.parse(xml)[kind]);
  return { feilId: text(root['feilId']) ?? '?', message: text(root['feilmelding']) ?? 'no reason given' };
}
