/**
 * Digital or print: whether a person may be sent a letter digitally, from their entry in the contact
 * and reservation register. Rules: the eForvaltning regulation (forskrift om elektronisk kommunikasjon
 * med og i forvaltningen) §§ 8–9 lets an agency send digitally to a person who has not reserved
 * against it and whose contact information is in KRR, and Digdir's look-up service returns that
 * reservation always, the mailbox for digital post and whether the contact information may be used
 * for notices (felleslosninger/docs, Oppslagstjenesten REST). Anyone else gets the letter on paper.
 */
import type { KrrPerson } from './client.ts';

export type DigitalReach =
  | { readonly digital: true; readonly via: 'mailbox' | 'notice' }
  | { readonly digital: false; readonly reason: 'reserved' | 'not_registered' | 'no_contact' };

export function reachOf(person: KrrPerson): DigitalReach {
  if (person.status !== 'AKTIV') return { digital: false, reason: 'not_registered' };
  if (person.reservasjon !== 'NEI') return { digital: false, reason: 'reserved' };
  if (person.digital_post?.postkasseadresse) return { digital: true, via: 'mailbox' };
  const contact = person.kontaktinformasjon;
  const reachable = Boolean(contact?.epostadresse || contact?.mobiltelefonnummer) && person.varslingsstatus !== 'KAN_IKKE_VARSLES';
  return reachable ? { digital: true, via: 'notice' } : { digital: false, reason: 'no_contact' };
}
