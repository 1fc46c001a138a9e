/**
 * The person document (persondokument, `folkeregisterperson`) of the population register: read into
 * what tildel keeps of a person, and written (by the stand-in) from the same shape. Element names and
 * their order are those of the published schema (spec/folkeregister/PersondokumentMedHistorikk_v1BETA2.xsd).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const PERSON_NAMESPACE = 'folkeregisteret:tilgjengeliggjoering:person:v1';

/** Address grading (adressegradering / graderingsnivaa). */
export const ADDRESS_GRADINGS = ['ugradert', 'klientadresse', 'fortrolig', 'strengtFortrolig', 'strengtFortroligUtland'] as const;
export type AddressGrading = (typeof ADDRESS_GRADINGS)[number];

/** The gradings that make an address protected (fortrolig, strengt fortrolig, strengt fortrolig utland). */
export function isProtected(g: AddressGrading): boolean {
  return g === 'fortrolig' || g === 'strengtFortrolig' || g === 'strengtFortroligUtland';
}

export interface RegisterAddress {
  readonly line: string | null;
  readonly postalCode: string | null;
  readonly postalPlace: string | null;
  /** Kommunenummer of the address (four digits). */
  readonly municipalityNumber: string | null;
  /** Grunnkrets as tildel codes it: the municipality number and the register's grunnkrets, eight digits. */
  readonly grunnkrets: string | null;
  /** The date of moving there (flyttedato). */
  readonly movedOn: string | null;
}

/** What tildel reads from the register about a person. Written language (målform) is not in the register. */
export interface RegisterPerson {
  readonly nationalId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly address: RegisterAddress | null;
  readonly grading: AddressGrading;
  readonly diedOn: string | null;
  /** Personstatus: bosatt, utflyttet, doed, … */
  readonly status: string | null;
}

type Node = Record<string, unknown>;
const REPEATED = new Set(['identifikasjonsnummer', 'status', 'bostedsadresse', 'adressebeskyttelse', 'navn']);
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, isArray: (name, path) => REPEATED.has(name) && String(path).split('.').length === 2 });

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const obj = (v: unknown): Node | null => (v !== null && typeof v === 'object' ? (v as Node) : null);

/** The entry in force of a repeated element: the one marked erGjeldende, else the first one not marked otherwise. */
function current(list: unknown): Node | null {
  const items = (Array.isArray(list) ? list : []).map(obj).filter((x): x is Node => x !== null);
  return items.find((i) => i.erGjeldende === 'true') ?? items.find((i) => i.erGjeldende !== 'false') ?? null;
}

/** The street line: the street name with house number and letter, or a cadastral address's additional name. */
function streetLine(veg: Node | null, matrikkel: Node | null): string | null {
  if (!veg) return str(matrikkel?.adressetilleggsnavn);
  const nr = obj(veg.adressenummer);
  const number = nr ? `${str(nr.husnummer) ?? ''}${str(nr.husbokstav) ?? ''}` : '';
  return [str(veg.adressenavn), number].filter(Boolean).join(' ') || null;
}

/** Grunnkrets as tildel codes it (eight digits): the municipality number and the register's grunnkrets number. */
function grunnkretsCode(municipalityNumber: string | null, krets: string | null): string | null {
  return municipalityNumber && krets && /^\d{1,4}$/.test(krets) ? `${municipalityNumber}${krets.padStart(4, '0')}` : null;
}

function addressOf(b: Node | null): RegisterAddress | null {
  const veg = obj(b?.vegadresse);
  const matrikkel = obj(b?.matrikkeladresse);
  if (!b || !(veg ?? matrikkel)) return null;
  const post = obj((veg ?? matrikkel)?.poststed);
  const municipalityNumber = str(veg?.kommunenummer);
  return {
    line: streetLine(veg, matrikkel),
    postalCode: str(post?.postnummer),
    postalPlace: str(post?.poststedsnavn),
    municipalityNumber,
    grunnkrets: grunnkretsCode(municipalityNumber, str(b.grunnkrets)),
    movedOn: str(b.flyttedato),
  };
}

function gradingOf(p: Node, b: Node | null): AddressGrading {
  const g = str(current(p.adressebeskyttelse)?.graderingsnivaa) ?? str(b?.adressegradering) ?? 'ugradert';
  return (ADDRESS_GRADINGS as readonly string[]).includes(g) ? (g as AddressGrading) : 'strengtFortrolig';
}

/** Reads a person document (already validated against the schema). */
export function readPersonDocument(xml: string): RegisterPerson {
  const p = obj(obj(parser.parse(xml))?.folkeregisterperson);
  if (!p) throw new Error('Not a person document (folkeregisterperson)');
  const id = current(p.identifikasjonsnummer);
  const name = current(p.navn);
  const b = current(p.bostedsadresse);
  const given = [str(name?.fornavn), str(name?.mellomnavn)].filter(Boolean).join(' ');
  return {
    nationalId: str(id?.foedselsEllerDNummer) ?? '',
    givenName: given,
    familyName: str(name?.etternavn) ?? '',
    address: addressOf(b),
    grading: gradingOf(p, b),
    diedOn: str(obj(p.doedsfall)?.doedsdato),
    status: str(current(p.status)?.status),
  };
}

/** A street address line split as the register keeps it: the street name, and the house number with its letter. */
function streetParts(line: string): { adressenavn: string; adressenummer?: { husnummer: string; husbokstav?: string } } {
  const m = /^(.*\S)\s+(\d{1,4})([A-Za-zæøåÆØÅ])?$/.exec(line.trim());
  if (!m?.[1] || !m[2]) return { adressenavn: line.trim() };
  return { adressenavn: m[1], adressenummer: { husnummer: m[2], ...(m[3] ? { husbokstav: m[3] } : {}) } };
}

function addressNode(a: RegisterAddress, grading: AddressGrading): Node {
  const post = a.postalCode || a.postalPlace ? { poststed: { ...(a.postalPlace ? { poststedsnavn: a.postalPlace } : {}), ...(a.postalCode ? { postnummer: a.postalCode } : {}) } } : {};
  const veg = { kommunenummer: a.municipalityNumber ?? '0000', ...streetParts(a.line ?? 'Ukjent'), ...post };
  return {
    erGjeldende: 'true',
    vegadresse: veg,
    adressegradering: grading,
    ...(a.movedOn ? { flyttedato: a.movedOn } : {}),
    ...(a.grunnkrets ? { grunnkrets: String(Number(a.grunnkrets.slice(4))) } : {}),
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/** Writes a person document in the schema's element order (the stand-in serves these). */
export function writePersonDocument(p: RegisterPerson): string {
  const kind = Number(p.nationalId[0]) >= 4 && Number(p.nationalId[0]) <= 7 ? 'dNummer' : 'foedselsnummer';
  const person: Node = {
    '@_xmlns': PERSON_NAMESPACE,
    identifikasjonsnummer: { erGjeldende: 'true', status: 'iBruk', foedselsEllerDNummer: p.nationalId, identifikatortype: kind },
    ...(p.status ? { status: { erGjeldende: 'true', status: p.status } } : {}),
    ...(p.diedOn ? { doedsfall: { doedsdato: p.diedOn } } : {}),
    ...(p.address && p.grading !== 'strengtFortrolig' && p.grading !== 'strengtFortroligUtland' ? { bostedsadresse: addressNode(p.address, p.grading) } : {}),
    ...(p.grading !== 'ugradert' ? { adressebeskyttelse: { erGjeldende: 'true', graderingsnivaa: p.grading } } : {}),
    navn: { erGjeldende: 'true', fornavn: p.givenName, etternavn: p.familyName },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${String(builder.build({ folkeregisterperson: person }))}`;
}
