/**
 * How an issued letter goes out through SvarUt: to the person (digital, with SvarUt's print as
 * fallback), straight to print, or not through SvarUt at all (a person must act). Pure: the caller
 * gives the person, what KRR says (null when KRR is not configured) and the letter.
 *
 * Protected addresses (adressesperre, issue 15): the address must never be revealed. Skatteetaten does
 * not release a "strengt fortrolig" address to anyone; every consumer gets an open postal address for
 * these persons instead (Skatteetaten, folkeregisteret-api-dokumentasjon, src/spm-og-svar/
 * sos-spesreg.md), and the letter must go through that arrangement, not through an address we hold.
 * So for a person with a protected address:
 *   - we never put an address in the forsendelse and never use SvarUt's print endpoint;
 *   - where KRR says the person can be reached digitally (or KRR is not configured), the letter goes
 *     to the person by identity number only, marked `kunDigitalLevering` so SvarUt never prints it
 *     (KS, forsendelse-send-api-v3: "Dersom denne settes til true vil forsendelsen aldri bli printet");
 *   - otherwise it is not sent: the outbox records the refusal and the caseworker sends the letter
 *     through the channel for persons with a protected address (the letter says so; app/letters.ts).
 */
import type { DigitalReach } from '../krr/reach.ts';
import type { Adresse, PersonForsendelse, PrintForsendelse } from './client.ts';

export interface Recipient {
  readonly nationalId: string;
  readonly name: string;
  readonly protectedAddress: boolean;
  readonly addressLine: string | null;
  readonly postalCode: string | null;
  readonly postalPlace: string | null;
}

export interface LetterToSend {
  /** The outbox message id: our external reference in SvarUt, the idempotency key. */
  readonly messageId: string;
  readonly title: string;
  readonly filename: string;
  readonly caseId: string | null;
}

export type Route =
  | { readonly kind: 'person'; readonly forsendelse: PersonForsendelse; readonly detail: string }
  | { readonly kind: 'print'; readonly forsendelse: PrintForsendelse; readonly detail: string }
  | { readonly kind: 'manual'; readonly reason: string };

const REASONS = { reserved: 'reserved against digital post', not_registered: 'not registered in KRR', no_contact: 'no digital mailbox or contact information in KRR' } as const;

/** A postal address SvarUt accepts (adresselinje1 and poststed are required), or null. */
export function postalAddress(r: Recipient): Adresse | null {
  if (!r.addressLine || !r.postalPlace) return null;
  return { adresselinje1: r.addressLine.slice(0, 70), poststed: r.postalPlace.slice(0, 70), ...(r.postalCode ? { postnummer: r.postalCode } : {}) };
}

function common(letter: LetterToSend) {
  return {
    tittel: letter.title.slice(0, 1000),
    avgivendeSystem: 'tildel',
    eksternReferanse: letter.messageId,
    ...(letter.caseId ? { korrelasjonsid: letter.caseId } : {}),
  };
}

function toPerson(r: Recipient, letter: LetterToSend, withAddress: boolean, onlyDigital: boolean): PersonForsendelse {
  const adresse = withAddress ? postalAddress(r) : null;
  const mottaker: PersonForsendelse['mottaker'] = { navn: r.name.slice(0, 100), digitalId: r.nationalId };
  if (adresse) mottaker.adresse = adresse;
  return { ...common(letter), mottaker, kunDigitalLevering: onlyDigital, dokumenter: [{ filnavn: letter.filename, mimeType: 'application/pdf', skalSigneres: false }] };
}

function protectedRoute(r: Recipient, letter: LetterToSend, reach: DigitalReach | null): Route {
  if (reach && !reach.digital) {
    return { kind: 'manual', reason: `Protected address and ${REASONS[reach.reason]}: send the letter through the channel for persons with a protected address (SvarUt is not given the address).` };
  }
  return { kind: 'person', forsendelse: toPerson(r, letter, false, true), detail: 'Protected address: sent for digital delivery only, without an address' };
}

export function routeLetter(r: Recipient, letter: LetterToSend, reach: DigitalReach | null): Route {
  if (r.protectedAddress) return protectedRoute(r, letter, reach);
  if (!reach || reach.digital) {
    const how = reach ? `KRR: digital (${reach.via === 'mailbox' ? 'digital mailbox' : 'notice by e-mail/SMS'})` : 'KRR not configured: SvarUt chooses';
    return { kind: 'person', forsendelse: toPerson(r, letter, true, false), detail: how };
  }
  const adresse = postalAddress(r);
  if (!adresse) return { kind: 'manual', reason: `The person is ${REASONS[reach.reason]} and has no postal address on record: add the address or send the letter by hand.` };
  const forsendelse: PrintForsendelse = { ...common(letter), mottaker: { navn: r.name.slice(0, 100), adresse }, dokumenter: [{ filnavn: letter.filename, mimeType: 'application/pdf' }] };
  return { kind: 'print', forsendelse, detail: `KRR: ${REASONS[reach.reason]}; sent to print` };
}
