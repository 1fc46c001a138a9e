/**
 * The arkivmelding (Fiks Arkiv V1, no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett): one saksmappe
 * for the case and one journalpost for the document, with Noark 5 metadata as the schema
 * spec/fiks-arkiv/no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd orders it. Built with
 * fast-xml-parser; the caller validates the result against the XSD before it is sent (xsd.ts).
 *
 * Keys (Fiks Arkiv's "ekstern nøkkel", M803): the saksmappe carries the case id and the journalpost
 * the outbox message id, both under fagsystem "tildel", so the archive recognises a message sent again
 * and answers "Eksisterende" instead of registering it twice.
 *
 * Confidentiality: a health and care case is under the duty of confidentiality (taushetsplikt) on
 * personal circumstances, forvaltningsloven § 13; the public record then withholds it under
 * offentleglova § 13. Every saksmappe and journalpost is marked with that restriction, the public
 * titles leave the person's name out, and the correspondence party is marked as screened. For a person
 * with a protected address (adressesperre) the address is never sent.
 */
import { XMLBuilder } from 'fast-xml-parser';

export const ARKIVMELDING_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Our name as fagsystem in every external key. */
export const FAGSYSTEM = 'tildel';

/** Tilgangsrestriksjon and skjermingshjemmel for health and care cases (offl. § 13 with fvl. § 13). */
export const CONFIDENTIALITY = {
  code: '13',
  description: 'Taushetsplikt - offentleglova § 13',
  authority: 'Offl. § 13 jf. fvl. § 13',
} as const;

/** Journalposttype (code list no.ks.fiks.arkiv.v1.kodelister.journalposttype). */
export const JOURNALPOST_TYPES = { I: 'Inngående dokument', U: 'Utgående dokument' } as const;
export type JournalpostType = keyof typeof JOURNALPOST_TYPES;

/** Dokumenttype (code list no.ks.fiks.arkiv.v1.kodelister.dokumenttype). */
export const DOCUMENT_TYPES = { SØKNAD: 'Søknad', VEDTAK: 'Vedtak', KORR: 'Korrespondanse' } as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export interface ArchiveParty {
  readonly name: string;
  /** Fødselsnummer or D-number; left out for a party that is not the person (a representative). */
  readonly nationalId?: string;
  /** Address lines; empty for a protected address (never sent). */
  readonly address: readonly string[];
  readonly postalCode?: string;
  readonly postalPlace?: string;
  /** Whether the name is a person's (erPersonnavn); false for "Fastlegen" and the like. */
  readonly isPerson?: boolean;
}

export interface ArchiveEntry {
  readonly case: {
    readonly id: string;
    readonly caseNumber: string;
    /** The service's name, e.g. "Praktisk bistand". */
    readonly serviceName: string;
    readonly receivedOn: string;
    readonly personName: string;
    readonly personNationalId: string;
    /** The municipality's subject class (K-kode or its own), when it classifies by subject as well as by person. */
    readonly subjectClass?: { readonly systemId: string; readonly classId: string; readonly title?: string } | undefined;
    readonly administrativeUnit?: string | undefined;
  };
  readonly journalpost: {
    /** The outbox message id: the external key the archive recognises a second send by. */
    readonly key: string;
    readonly type: JournalpostType;
    readonly title: string;
    readonly documentDate: string;
    /** When an incoming document was received (mottattDato); for an incoming one only. */
    readonly receivedAt?: string | undefined;
    readonly party: ArchiveParty;
  };
  readonly document: {
    readonly type: DocumentType;
    readonly title: string;
    /** The file's name in the message (referanseDokumentfil): plain characters only. */
    readonly fileName: string;
    readonly sha256: string;
    readonly size: number;
  };
}

/** The metadata catalogue's namespace: its types' own child elements (kode, fagsystem, …) are qualified by it. */
export const METADATAKATALOG_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1';

/** A code (M800: kode and beskrivelse), its children in the metadata catalogue's namespace. */
export const code = (kode: string, beskrivelse?: string) => (beskrivelse ? { 'n5mdk:kode': kode, 'n5mdk:beskrivelse': beskrivelse } : { 'n5mdk:kode': kode });
/** An external key (M803): fagsystem and noekkel. */
export const key = (noekkel: string) => ({ 'n5mdk:fagsystem': FAGSYSTEM, 'n5mdk:noekkel': noekkel });

function restriction() {
  return { tilgangsrestriksjon: code(CONFIDENTIALITY.code, CONFIDENTIALITY.description), skjermingshjemmel: CONFIDENTIALITY.authority };
}

/** "Vedtak – praktisk bistand – Kari Nordmann" in the archive; the public title without the name. */
function titled(title: string, personName: string) {
  return { tittel: `${title} - ${personName}`, offentligTittel: `${title} - *****` };
}

function saksmappe(e: ArchiveEntry) {
  const c = e.case;
  const classes = [
    { klassifikasjonssystemID: 'FNR', klasseID: c.personNationalId, erSkjermet: true },
    ...(c.subjectClass ? [{ klassifikasjonssystemID: c.subjectClass.systemId, klasseID: c.subjectClass.classId, ...(c.subjectClass.title ? { tittel: c.subjectClass.title } : {}) }] : []),
  ];
  return {
    '@_xsi:type': 'saksmappe',
    ...titled(`${c.serviceName} - sak ${c.caseNumber}`, c.personName),
    beskrivelse: `Sak ${c.caseNumber} i ${FAGSYSTEM}`,
    skjerming: restriction(),
    klassifikasjon: classes,
    referanseEksternNoekkel: key(c.id),
    saksdato: c.receivedOn,
    ...(c.administrativeUnit ? { administrativEnhet: c.administrativeUnit } : {}),
    saksstatus: code('B', 'Under behandling'),
  };
}

function correspondenceParty(type: JournalpostType, p: ArchiveParty) {
  return {
    korrespondanseparttype: type === 'I' ? code('EA', 'Avsender') : code('EM', 'Mottaker'),
    korrespondansepartNavn: p.name,
    ...(p.nationalId ? { personid: p.nationalId } : {}),
    ...(p.address.length > 0 ? { postadresse: [...p.address] } : {}),
    ...(p.address.length > 0 && p.postalCode ? { postnummer: p.postalCode } : {}),
    ...(p.address.length > 0 && p.postalPlace ? { poststed: p.postalPlace } : {}),
    erSkjermet: true,
    erPersonnavn: p.isPerson ?? true,
  };
}

function dokumentbeskrivelse(e: ArchiveEntry) {
  const d = e.document;
  return {
    dokumenttype: code(d.type, DOCUMENT_TYPES[d.type]),
    dokumentstatus: code('F', 'Dokumentet er ferdigstilt'),
    tittel: d.title,
    tilknyttetRegistreringSom: code('H', 'Hoveddokument'),
    dokumentnummer: 1,
    dokumentobjekt: {
      versjonsnummer: 1,
      variantformat: code('A', 'Arkivformat'),
      format: code('RA-PDF', 'PDF/A'),
      mimeType: 'application/pdf',
      filnavn: d.fileName,
      referanseDokumentfil: d.fileName,
      sjekksum: d.sha256,
      sjekksumAlgoritme: 'SHA256',
      filstoerrelse: d.size,
    },
  };
}

function journalpost(e: ArchiveEntry) {
  const j = e.journalpost;
  return {
    '@_xsi:type': 'journalpost',
    referanseForelderMappe: { 'n5mdk:referanseEksternNoekkel': key(e.case.id) },
    skjerming: restriction(),
    dokumentbeskrivelse: dokumentbeskrivelse(e),
    ...titled(j.title, e.case.personName),
    korrespondansepart: correspondenceParty(j.type, j.party),
    referanseEksternNoekkel: key(j.key),
    journalposttype: code(j.type, JOURNALPOST_TYPES[j.type]),
    journalstatus: code('J', 'Journalført'),
    dokumentetsDato: j.documentDate,
    ...(j.type === 'I' && j.receivedAt ? { mottattDato: j.receivedAt } : {}),
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

/** The arkivmelding as XML (UTF-8), one file attached. */
export function buildArkivmelding(e: ArchiveEntry): string {
  const doc = {
    arkivmelding: {
      '@_xmlns': ARKIVMELDING_NS,
      '@_xmlns:xsi': XSI_NS,
      '@_xmlns:n5mdk': METADATAKATALOG_NS,
      system: FAGSYSTEM,
      antallFiler: 1,
      mappe: saksmappe(e),
      registrering: journalpost(e),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc) as string}`;
}
