/**
 * The archive behind the stand-in: what a Fiks Arkiv archive system does with an arkivmelding. It
 * checks the payload (an ASiC-E container with arkivmelding.xml valid against the XSD, every file the
 * arkivmelding names present, checksums as stated), registers the saksmappe and the journalpost by
 * their external keys (a key seen before answers "Eksisterende" with what was registered then), and
 * answers as the protocol documents: mottatt then kvittering, or ugyldigforespoersel for an invalid
 * message (spec/fiks-arkiv/meldingstyper.json; Dokumentasjon/V1/Meldinger/…opprett/*.puml).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readAsice, type ZipFile } from './asice.ts';
import { MESSAGE_TYPES, PAYLOAD_FILES } from './messageTypes.ts';
import { buildFeilmelding, buildKvittering, parser, text, type Registered } from './receipts.ts';
import { validateFiksArkiv } from './xsd.ts';

type Node = Record<string, unknown>;
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const kode = (v: unknown): string | undefined => text(node(v)['kode']);
const externalKey = (v: unknown): string | undefined => text(node(v)['noekkel']);

/** One journalpost as the archive registered it, for tests to inspect. */
export interface ArchivedRecord {
  readonly journalpostSystemID: string;
  readonly reference: string;
  readonly caseKey: string;
  readonly journalpostKey: string;
  readonly journalposttype: string;
  readonly title: string;
  readonly publicTitle: string | undefined;
  readonly mappeTitle: string;
  readonly restriction: { readonly code: string | undefined; readonly authority: string | undefined };
  readonly party: { readonly type: string | undefined; readonly name: string | undefined; readonly personid: string | undefined; readonly address: readonly string[]; readonly screened: boolean };
  readonly classes: readonly { readonly system: string | undefined; readonly id: string | undefined }[];
  readonly documentType: string | undefined;
  readonly format: string | undefined;
  readonly fileName: string;
  readonly file: Buffer;
  readonly xml: string;
}

export interface Answer {
  readonly meldingType: string;
  /** The payload file (name and XML) or none (mottatt). */
  readonly file: ZipFile | null;
}

class Invalid extends Error {}

interface Mappe {
  readonly systemID: string;
  readonly saksaar: number;
  readonly sakssekvensnummer: number;
  journalposter: number;
}

type Summary = Omit<ArchivedRecord, 'journalpostSystemID' | 'reference'> & { sha256: string | undefined };

/** The external keys of the saksmappe and the journalpost, and that the journalpost is placed in that saksmappe. */
function keysOf(mappe: Node, reg: Node): { caseKey: string; journalpostKey: string } {
  if (mappe['@_type'] !== 'saksmappe' || reg['@_type'] !== 'journalpost') throw new Invalid('The stand-in archives a saksmappe with a journalpost');
  const caseKey = externalKey(mappe['referanseEksternNoekkel']);
  const journalpostKey = externalKey(reg['referanseEksternNoekkel']);
  if (!caseKey || !journalpostKey) throw new Invalid('The saksmappe and the journalpost each need an external key (referanseEksternNoekkel)');
  if (externalKey(node(reg['referanseForelderMappe'])['referanseEksternNoekkel']) !== caseKey) throw new Invalid('The journalpost must be placed in the saksmappe of the message (referanseForelderMappe)');
  return { caseKey, journalpostKey };
}

/** The file of the (first) dokumentobjekt, which must be in the container; antallFiler must count the dokumentobjekt. */
function fileOf(root: Node, docs: readonly Node[], files: readonly ZipFile[]): { object: Node; fileName: string; file: Buffer } {
  const objects = docs.flatMap((d) => list(d['dokumentobjekt']).map(node));
  if (Number(text(root['antallFiler'])) !== objects.length) throw new Invalid(`antallFiler is ${text(root['antallFiler'])}, but ${objects.length} dokumentobjekt name a file`);
  const object = objects[0] ?? {};
  const fileName = text(object['referanseDokumentfil']) ?? '';
  const file = files.find((f) => f.name === fileName);
  if (!file) throw new Invalid(`The file ${fileName || '(none)'} named by referanseDokumentfil is not in the message`);
  return { object, fileName, file: file.data };
}

function partyOf(reg: Node): ArchivedRecord['party'] {
  const party = node(list(reg['korrespondansepart'])[0]);
  return { type: kode(party['korrespondanseparttype']), name: text(party['korrespondansepartNavn']), personid: text(party['personid']), address: list(party['postadresse']).map((a) => text(a) ?? ''), screened: text(party['erSkjermet']) === 'true' };
}

/** Reads what the stand-in keeps of a valid arkivmelding; throws Invalid for content the schema allows but an archive refuses. */
function summarise(xml: string, files: readonly ZipFile[]): Summary {
  const root = node(parser.parse(xml)['arkivmelding']);
  const mappe = node(root['mappe']);
  const reg = node(root['registrering']);
  const keys = keysOf(mappe, reg);
  const docs = list(reg['dokumentbeskrivelse']).map(node);
  const { object, fileName, file } = fileOf(root, docs, files);
  const skjerming = node(reg['skjerming']);
  return {
    ...keys,
    journalposttype: kode(reg['journalposttype']) ?? '',
    title: text(reg['tittel']) ?? '',
    publicTitle: text(reg['offentligTittel']),
    mappeTitle: text(mappe['tittel']) ?? '',
    restriction: { code: kode(skjerming['tilgangsrestriksjon']), authority: text(skjerming['skjermingshjemmel']) },
    party: partyOf(reg),
    classes: list(mappe['klassifikasjon']).map(node).map((c) => ({ system: text(c['klassifikasjonssystemID']), id: text(c['klasseID']) })),
    documentType: kode(docs[0]?.['dokumenttype']),
    format: kode(object['format']),
    fileName,
    file,
    xml,
    sha256: text(object['sjekksumAlgoritme']) === 'SHA256' ? text(object['sjekksum']) : undefined,
  };
}

/** The archive: its registrations by external key, and the answers it gives. */
export class StandInArchive {
  private readonly mapper = new Map<string, Mappe>();
  private readonly journalposter = new Map<string, ArchivedRecord & { registered: Registered }>();
  private caseSeq = 0;
  private journalSeq = 0;
  readonly refusals: { readonly feilId: string; readonly message: string }[] = [];

  constructor(private readonly year: () => number) {}

  archived(): ArchivedRecord[] {
    return [...this.journalposter.values()];
  }

  private refuse(message: string): Answer[] {
    const feilId = randomUUID();
    this.refusals.push({ feilId, message });
    return [{ meldingType: MESSAGE_TYPES.invalidRequest, file: { name: PAYLOAD_FILES.error, data: Buffer.from(buildFeilmelding('ugyldigforespoersel', feilId, message), 'utf8') } }];
  }

  /** Handles one incoming Fiks IO message; returns the answers in order. */
  async receive(meldingType: string, data: Buffer | null): Promise<Answer[]> {
    if (meldingType !== MESSAGE_TYPES.create) return this.refuse(`The stand-in archive does not handle the message type ${meldingType}`);
    let files: ZipFile[];
    try {
      files = readAsice(data ?? Buffer.alloc(0));
    } catch (e) {
      return this.refuse(`The payload is not an ASiC-E container: ${(e as Error).message}`);
    }
    const xml = files.find((f) => f.name === PAYLOAD_FILES.arkivmelding)?.data.toString('utf8');
    if (!xml) return this.refuse(`The message has no ${PAYLOAD_FILES.arkivmelding}`);
    const verdict = await validateFiksArkiv(xml, 'arkivmelding');
    if (!verdict.valid) return this.refuse(`arkivmelding.xml does not validate against no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd: ${verdict.errors.join(' ')}`);
    try {
      const summary = summarise(xml, files);
      if (summary.sha256 && createHash('sha256').update(summary.file).digest('hex') !== summary.sha256.toLowerCase()) throw new Invalid(`The checksum (sjekksum) of ${summary.fileName} does not match the file`);
      const receipt = buildKvittering(this.register(summary));
      return [
        { meldingType: MESSAGE_TYPES.received, file: null },
        { meldingType: MESSAGE_TYPES.receipt, file: { name: PAYLOAD_FILES.receipt, data: Buffer.from(receipt, 'utf8') } },
      ];
    } catch (e) {
      if (e instanceof Invalid) return this.refuse(e.message);
      throw e;
    }
  }

  private register(s: Summary): Registered {
    const seen = this.journalposter.get(s.journalpostKey);
    if (seen) return { mappe: { ...seen.registered.mappe, existing: true }, journalpost: { ...seen.registered.journalpost, existing: true } };
    const existingMappe = this.mapper.get(s.caseKey);
    const mappe = existingMappe ?? { systemID: randomUUID(), saksaar: this.year(), sakssekvensnummer: ++this.caseSeq, journalposter: 0 };
    this.mapper.set(s.caseKey, mappe);
    mappe.journalposter += 1;
    const journalsekvensnummer = ++this.journalSeq;
    const registered: Registered = {
      mappe: { systemID: mappe.systemID, saksaar: mappe.saksaar, sakssekvensnummer: mappe.sakssekvensnummer, caseKey: s.caseKey, existing: existingMappe !== undefined },
      journalpost: { systemID: randomUUID(), journalaar: this.year(), journalsekvensnummer, journalpostnummer: mappe.journalposter, type: s.journalposttype, key: s.journalpostKey, existing: false, documentSystemIDs: [randomUUID()] },
    };
    const { sha256: _sha, ...kept } = s;
    this.journalposter.set(s.journalpostKey, { ...kept, journalpostSystemID: registered.journalpost.systemID, reference: `${this.year()}/${journalsekvensnummer}`, registered });
    return registered;
  }
}
