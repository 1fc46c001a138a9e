/** The rules that decide how a letter goes out: KRR's digital-or-print, the protected address, SvarUt's statuses. */
import { describe, expect, it } from 'vitest';
import { reachOf } from '../krr/reach.ts';
import { receiptOf } from './receipts.ts';
import { routeLetter, type Recipient } from './route.ts';

const person: Recipient = { nationalId: '13097248022', name: 'Kari Nordmann', protectedAddress: false, addressLine: 'Storgata 1', postalCode: '0155', postalPlace: 'Oslo' };
const letter = { messageId: '6f1c1f7e-7d0b-4a53-9d55-2b3c7e0f0a11', title: 'Vedtak', filename: 'brev.pdf', caseId: null };

describe('reachOf (KRR)', () => {
  it('is digital with a mailbox, or with contact information that may be used for notices', () => {
    expect(reachOf({ personidentifikator: 'x', status: 'AKTIV', reservasjon: 'NEI', digital_post: { postkasseadresse: 'a', postkasseleverandoeradresse: 'b' } })).toEqual({ digital: true, via: 'mailbox' });
    expect(reachOf({ personidentifikator: 'x', status: 'AKTIV', reservasjon: 'NEI', varslingsstatus: 'KAN_VARSLES', kontaktinformasjon: { mobiltelefonnummer: '+4799999999' } })).toEqual({ digital: true, via: 'notice' });
  });

  it('is print when reserved, not registered, or without mailbox and usable contact information', () => {
    expect(reachOf({ personidentifikator: 'x', status: 'AKTIV', reservasjon: 'JA', digital_post: { postkasseadresse: 'a', postkasseleverandoeradresse: 'b' } })).toEqual({ digital: false, reason: 'reserved' });
    expect(reachOf({ personidentifikator: 'x', status: 'IKKE_REGISTRERT' })).toEqual({ digital: false, reason: 'not_registered' });
    expect(reachOf({ personidentifikator: 'x', status: 'SLETTET', reservasjon: 'NEI' })).toEqual({ digital: false, reason: 'not_registered' });
    expect(reachOf({ personidentifikator: 'x', status: 'AKTIV', reservasjon: 'NEI' })).toEqual({ digital: false, reason: 'no_contact' });
    expect(reachOf({ personidentifikator: 'x', status: 'AKTIV', reservasjon: 'NEI', varslingsstatus: 'KAN_IKKE_VARSLES', kontaktinformasjon: { epostadresse: 'a@b.no' } })).toEqual({ digital: false, reason: 'no_contact' });
  });
});

describe('routeLetter', () => {
  it('sends to the person with the address as print fallback when digital, or when KRR is not configured', () => {
    for (const reach of [{ digital: true, via: 'mailbox' } as const, null]) {
      const r = routeLetter(person, letter, reach);
      expect(r.kind).toBe('person');
      if (r.kind !== 'person') continue;
      expect(r.forsendelse).toMatchObject({ eksternReferanse: letter.messageId, kunDigitalLevering: false, mottaker: { digitalId: person.nationalId, adresse: { adresselinje1: 'Storgata 1' } } });
    }
  });

  it('sends to print when not digital, and to a person when there is no address to print to', () => {
    expect(routeLetter(person, letter, { digital: false, reason: 'reserved' })).toMatchObject({ kind: 'print', forsendelse: { mottaker: { navn: 'Kari Nordmann', adresse: { poststed: 'Oslo' } } } });
    expect(routeLetter({ ...person, addressLine: null }, letter, { digital: false, reason: 'no_contact' })).toMatchObject({ kind: 'manual' });
  });

  it('never gives SvarUt a protected address: digital only, or a person sends it through the protected channel', () => {
    const hidden = { ...person, protectedAddress: true };
    for (const reach of [{ digital: true, via: 'notice' } as const, null]) {
      const r = routeLetter(hidden, letter, reach);
      expect(r.kind).toBe('person');
      expect(JSON.stringify(r)).not.toContain('Storgata');
      if (r.kind === 'person') expect(r.forsendelse.kunDigitalLevering).toBe(true);
    }
    const r = routeLetter(hidden, letter, { digital: false, reason: 'reserved' });
    expect(r).toMatchObject({ kind: 'manual', reason: expect.stringContaining('protected address') });
  });
});

describe('receiptOf (SvarUt status)', () => {
  it('maps final statuses and leaves the rest waiting', () => {
    expect(receiptOf('LEST')?.outcome).toBe('read');
    expect(receiptOf('LEVERT_SDP')?.outcome).toBe('delivered');
    expect(receiptOf('SENDT_PRINT')?.outcome).toBe('printed');
    expect(receiptOf('PRINTET')?.outcome).toBe('printed');
    expect(receiptOf('IKKE_LEVERT')?.outcome).toBe('failed');
    expect(receiptOf('AVVIST')?.outcome).toBe('failed');
    for (const waiting of ['MOTTATT', 'AKSEPTERT', 'VARSLET', 'SENDT_DIGITALT', 'SENDT_SDP', 'KLAR_FOR_MOTTAK'] as const) expect(receiptOf(waiting)).toBeNull();
  });
});
