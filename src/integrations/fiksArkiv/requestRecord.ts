/**
 * The incoming application as a document for the archive. A request registered in tildel (on paper,
 * by phone, from a GP or a hospital, or through the digital application) has no file of its own; what
 * the archive receives is a PDF/A record of the registration, rendered with the letter renderer
 * (letters/pdf.ts, PDF/A-2b): who applied and for whom, for what service, when and through which
 * channel it arrived, and the request in the words registered. That is the document the caseworker
 * registered, so it is the faithful one to journal as incoming ('I'). A scanned or uploaded original,
 * where one exists, would be a second dokumentbeskrivelse (vedlegg); tildel stores none today.
 */
import type { ActionPayload } from '../../domain/case/index.ts';
import { findCatalogueEntry } from '../../domain/services/catalogue.ts';
import { longDate, type LetterContent } from '../../letters/content.ts';

type Lang = 'nb' | 'nn';
type Request = ActionPayload<'request_received'>;

const CHANNELS: Record<Request['channel'], Record<Lang, string>> = {
  self: { nb: 'Personen selv', nn: 'Personen sjølv' },
  relative: { nb: 'Pårørende', nn: 'Pårørande' },
  representative: { nb: 'Fullmektig eller verge', nn: 'Fullmektig eller verje' },
  gp: { nb: 'Fastlegen', nn: 'Fastlegen' },
  hospital: { nb: 'Spesialisthelsetjenesten', nn: 'Spesialisthelsetenesta' },
  municipal_service: { nb: 'Kommunens tjenester', nn: 'Kommunen sine tenester' },
  other: { nb: 'Annet', nn: 'Anna' },
};

const W = {
  title: { nb: 'Søknad om', nn: 'Søknad om' },
  registered: { nb: 'Registrert henvendelse', nn: 'Registrert førespurnad' },
  applicant: { nb: 'Gjelder', nn: 'Gjeld' },
  service: { nb: 'Tjeneste', nn: 'Teneste' },
  received: { nb: 'Mottatt', nn: 'Motteken' },
  channel: { nb: 'Kanal', nn: 'Kanal' },
  representative: { nb: 'Søkt av', nn: 'Søkt av' },
  request: { nb: 'Henvendelsen', nn: 'Førespurnaden' },
  born: { nb: 'født', nn: 'fødd' },
  record: { nb: 'Dokumentet er tildels registrering av henvendelsen, arkivert som inngående.', nn: 'Dokumentet er tildel si registrering av førespurnaden, arkivert som inngåande.' },
} as const;

export function serviceNameOf(code: string, lang: Lang): string {
  return findCatalogueEntry(code)?.name[lang] ?? code;
}

/** "Søknad om praktisk bistand" */
export function requestTitle(serviceCode: string, lang: Lang): string {
  const name = serviceNameOf(serviceCode, lang);
  return `${W.title[lang]} ${name.charAt(0).toLocaleLowerCase('nb')}${name.slice(1)}`;
}

export interface RequestRecordInput {
  readonly lang: Lang;
  readonly letterhead: LetterContent['letterhead'];
  readonly caseNumber: string;
  readonly person: { readonly name: string; readonly birthDate: string };
  readonly request: Request;
}

/** The registration as letter content for the PDF/A renderer. */
export function requestRecord(i: RequestRecordInput): LetterContent {
  const { lang, request: r } = i;
  const rep = r.representative ? [`${W.representative[lang]}: ${r.representative.name}`] : [];
  return {
    lang,
    title: requestTitle(r.serviceCode, lang),
    caseNumber: i.caseNumber,
    letterhead: i.letterhead,
    recipient: [W.registered[lang]],
    reference: [`Saksnr. ${i.caseNumber}`, `${W.received[lang]} ${longDate(r.receivedOn)}`],
    sections: [
      {
        paragraphs: [
          `${W.applicant[lang]}: ${i.person.name}, ${W.born[lang]} ${longDate(i.person.birthDate)}`,
          `${W.service[lang]}: ${serviceNameOf(r.serviceCode, lang)}`,
          `${W.received[lang]}: ${longDate(r.receivedOn)}`,
          `${W.channel[lang]}: ${CHANNELS[r.channel][lang]}`,
          ...rep,
        ],
      },
      { heading: W.request[lang], paragraphs: [r.description] },
    ],
    closing: [W.record[lang]],
  };
}

/** Who sent the request, for the correspondence party: a representative by name, a GP or hospital by its role, else the person. */
export function senderOf(r: Request, lang: Lang): { name: string; isPerson: boolean } | null {
  if (r.representative) return { name: r.representative.name, isPerson: true };
  if (r.channel === 'gp' || r.channel === 'hospital') return { name: CHANNELS[r.channel][lang], isPerson: false };
  return null;
}
