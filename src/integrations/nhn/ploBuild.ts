/**
 * Writing PLO messages with fast-xml-parser's builder, in the element order the published schemas
 * require (validated with xsd.ts before anything is sent): the orientation about services to the GP
 * (Orientering om tjenestetilbud, PLO 1.6) in a MsgHead 1.2 envelope; and, for the stand-in and tests,
 * the hospital's messages and the application receipt (AppRec 1.1) the message service writes.
 */
import { XMLBuilder } from 'fast-xml-parser';

const NS = {
  msgHead: 'http://www.kith.no/xmlstds/msghead/2006-05-24',
  po: 'http://www.kith.no/xmlstds/po/poKomponent/2012-04-01',
  fk1: 'http://www.kith.no/xmlstds/felleskomponent1',
  p1: 'http://www.kith.no/xmlstds/po/Pasientlogistikk/2012-04-01',
  p3: 'http://www.kith.no/xmlstds/po/OrienteringOmTjenestetilbud/2012-04-01',
  p5: 'http://www.kith.no/xmlstds/po/HelseopplysningerVedSoknad/2012-04-01',
  epj2: 'http://www.kith.no/xmlstds/epj/epj2/2008-02-20',
  apprec: 'http://www.kith.no/xmlstds/apprec/2012-02-15',
} as const;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

type El = Record<string, unknown>;

const HER = { '@V': 'HER', '@DN': 'HER-id', '@S': '2.16.578.1.12.4.1.1.9051' };

function xml(root: El): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root)}`;
}

export interface Party {
  readonly name: string;
  readonly herId: string;
}

export interface Patient {
  readonly nationalId: string;
  readonly kind: 'FNR' | 'DNR';
  readonly givenName: string;
  readonly familyName: string;
}

function organisation(p: Party, inner?: El): El {
  return { OrganisationName: p.name, Ident: { Id: p.herId, TypeId: HER }, ...(inner ?? {}) };
}

function patient(p: Patient): El {
  const kind = p.kind === 'FNR' ? { '@V': 'FNR', '@DN': 'Fødselsnummer' } : { '@V': 'DNR', '@DN': 'D-nummer' };
  return { FamilyName: p.familyName, GivenName: p.givenName, Ident: { Id: p.nationalId, TypeId: { ...kind, '@S': '2.16.578.1.12.4.1.1.8116' } } };
}

/** Local date-time without offset, as the PLO examples write GenDate. */
function localTime(at: Date): string {
  return at.toISOString().slice(0, 19);
}

interface Envelope {
  readonly type: { readonly V: string; readonly DN: string };
  readonly msgId: string;
  readonly at: Date;
  readonly sender: El;
  readonly receiver: El;
  readonly patient: Patient;
  readonly content: El;
}

function msgHead(e: Envelope): string {
  return xml({
    MsgHead: {
      '@xmlns': NS.msgHead,
      MsgInfo: {
        Type: { '@V': e.type.V, '@DN': e.type.DN },
        MIGversion: 'v1.2 2006-05-24',
        GenDate: localTime(e.at),
        MsgId: e.msgId,
        Sender: { Organisation: e.sender },
        Receiver: { Organisation: e.receiver },
        Patient: patient(e.patient),
      },
      Document: { RefDoc: { IssueDate: { '@V': localTime(e.at) }, MsgType: { '@V': 'XML', '@DN': 'XML-instans' }, Content: e.content } },
    },
  });
}

const NEW = { InformasjonOmForsendelsen: { Forsendelsesstatus: { '@V': 'N', '@DN': 'Ny' } } };

/** What the GP is told about a service decided (a snapshot made when the decision letter was issued). */
export interface OrientationInput {
  readonly msgId: string;
  readonly at: Date;
  readonly municipality: Party;
  readonly gp: { readonly name: string; readonly practice: string | null; readonly herId: string };
  readonly patient: Patient;
  readonly services: readonly { readonly name: string; readonly note: string; readonly hoursPerWeek: number | null; readonly from: string; readonly to: string | null }[];
}

function splitName(name: string): { FamilyName: string; GivenName: string } {
  const parts = name.trim().split(/\s+/);
  const family = parts.length > 1 ? (parts.pop() as string) : name;
  return { FamilyName: family, GivenName: parts.join(' ') || name };
}

/** Orientering om tjenestetilbud to the GP: the services decided, with their start, end and hours. */
export function orientationXml(o: OrientationInput): string {
  const services = o.services.map((s) => ({
    BetegnelseTjeneste: s.name,
    PrivatTjeneste: false,
    OpplysningerOmTjenesten: s.note,
    ...(s.hoursPerWeek !== null ? { AntallEnheter: s.hoursPerWeek, Enhet: 'timer per uke' } : {}),
    Startdato: s.from,
    ...(s.to ? { Sluttdato: s.to } : {}),
  }));
  const gp = { HealthcareProfessional: { ...splitName(o.gp.name), Ident: { Id: o.gp.herId, TypeId: HER } } };
  return msgHead({
    type: { V: 'ORIENTERING_TJENESTETILBUD', DN: 'Orientering om tjenestetilbud' },
    msgId: o.msgId,
    at: o.at,
    sender: organisation(o.municipality),
    // person_gp holds one HER-id (the GP's in the address register): it routes the message and names the GP.
    receiver: { OrganisationName: o.gp.practice ?? o.gp.name, Ident: { Id: o.gp.herId, TypeId: HER }, ...gp },
    patient: o.patient,
    content: {
      'p3:OrienteringOmTjenestetilbud': {
        '@xmlns': NS.po,
        '@xmlns:p3': NS.p3,
        '@xmlns:fk1': NS.fk1,
        ...NEW,
        EksisterendeTjeneste: services,
      },
    },
  });
}

/** A hospital's message, as the stand-in and tests post it (the hospital's side of the exchange). */
export interface HospitalMessageInput {
  readonly kind: 'discharge_ready' | 'health_information';
  readonly msgId: string;
  readonly at: Date;
  readonly hospital: Party;
  readonly department?: Party;
  readonly municipality: Party;
  readonly patient: Patient;
  readonly admittedAt?: string;
  readonly dischargeReadyOn?: string;
  readonly note?: string;
  readonly serviceWanted?: string;
}

function event(code: '1' | '3', when: string, estimated: boolean, description?: string): El {
  const name = code === '1' ? 'Pasient innlagt' : 'Pasient utskrivningsklar';
  return { Hendelsekode: { '@V': code, '@DN': name, '@S': '2.16.578.1.12.4.1.1.9121' }, ...(description ? { BeskrivelseAvHendelse: description } : {}), TidspunktForHendelse: { '@V': when }, Anslag: estimated };
}

function events(m: HospitalMessageInput): El[] {
  return [
    ...(m.admittedAt ? [event('1', m.admittedAt, false, m.kind === 'discharge_ready' ? m.note : undefined)] : []),
    ...(m.dischargeReadyOn ? [event('3', m.dischargeReadyOn, m.kind !== 'discharge_ready')] : []),
  ];
}

function dischargeContent(m: HospitalMessageInput): El {
  return { 'p1:Pasientlogistikk': { '@xmlns': NS.po, '@xmlns:p1': NS.p1, '@xmlns:fk1': NS.fk1, ...NEW, 'p1:MeldingUtskrivningsklarPasient': { TidsfestetHendelse: events(m) } } };
}

function healthInformationContent(m: HospitalMessageInput): El {
  const note = {
    '@komponentID': `${m.msgId}-1`,
    '@m1:komponenttype': '2.16.578.1.12.4.1.6.13.11009.0',
    '@m1:basiskomponenttype': 'EPJ dokument',
    'epj2:Journaltekst': { 'epj2:Notat': m.note },
  };
  const notes = m.note ? { MedisinskfagligeOpplysninger: { 'epj2:GenereltJournalnotat': note } } : {};
  return {
    'p5:HelseopplysningerVedSoknad': {
      '@xmlns': NS.po,
      '@xmlns:p5': NS.p5,
      '@xmlns:epj2': NS.epj2,
      '@xmlns:m1': 'http://www.kith.no/xmlstds/epj/meta/2008-02-20',
      ...NEW,
      TypeInnholdIMelding: { TypeInnhold: { '@V': '1', '@DN': 'Varsel om innlagt pasient', '@S': '2.16.578.1.12.4.1.1.9140' } },
      // One event per OpplysningOpphold (the element repeats; its event does not).
      OpplysningOpphold: events(m).map((e) => ({ TidsfestetHendelse: e })),
      ...notes,
      ...(m.serviceWanted ? { TjenesteBehov: { BetegnelseTjeneste: m.serviceWanted } } : {}),
    },
  };
}

export function hospitalMessageXml(m: HospitalMessageInput): string {
  const discharge = m.kind === 'discharge_ready';
  return msgHead({
    type: discharge ? { V: 'LOG_UTSKRIVNINGSKLAR', DN: 'Melding om utskrivningsklar pasient' } : { V: 'HELSEOPPL_SOKNAD', DN: 'Helseopplysninger' },
    msgId: m.msgId,
    at: m.at,
    sender: organisation(m.hospital, m.department ? { Organisation: organisation(m.department) } : undefined),
    receiver: organisation(m.municipality),
    patient: m.patient,
    content: discharge ? dischargeContent(m) : healthInformationContent(m),
  });
}

/** An application receipt (AppRec 1.1) as the message service writes it from a PostAppRecRequest. */
export interface AppRecInput {
  readonly id: string;
  readonly at: Date;
  readonly sender: Party;
  readonly receiver: Party;
  readonly status: 'Ok' | 'Rejected' | 'OkErrorInMessagePart';
  readonly errors: readonly { readonly code: string; readonly details: string }[];
  readonly original: { readonly msgType: string; readonly issueDate: string; readonly id: string };
}

const STATUS = { Ok: { '@V': '1', '@DN': 'OK' }, Rejected: { '@V': '2', '@DN': 'Avvist' }, OkErrorInMessagePart: { '@V': '3', '@DN': 'OK, feil i delmelding' } } as const;

function hcp(p: Party): El {
  return { HCP: { Inst: { Name: p.name, Id: p.herId, TypeId: { '@V': 'HER', '@DN': 'HER-id' } } } };
}

export function appRecXml(a: AppRecInput): string {
  return xml({
    AppRec: {
      '@xmlns': NS.apprec,
      MsgType: { '@V': 'APPREC' },
      MIGversion: 'v1.1 2012-02-15',
      GenDate: a.at.toISOString(),
      Id: a.id,
      Sender: hcp(a.sender),
      Receiver: hcp(a.receiver),
      Status: STATUS[a.status],
      Error: a.errors.map((e) => ({ '@V': e.code, '@DN': e.details.slice(0, 200), '@S': '2.16.578.1.12.4.1.1.8221' })),
      OriginalMsgId: { MsgType: { '@V': a.original.msgType }, IssueDate: a.original.issueDate, Id: a.original.id },
    },
  });
}
