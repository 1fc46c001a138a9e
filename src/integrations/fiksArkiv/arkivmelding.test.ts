import { describe, expect, it } from 'vitest';
import { buildArkivmelding, type ArchiveEntry } from './arkivmelding.ts';
import { asice, readAsice } from './asice.ts';
import { buildFeilmelding, buildKvittering, readFeilmelding, readKvittering } from './receipts.ts';
import { validateFiksArkiv } from './xsd.ts';

const entry: ArchiveEntry = {
  case: { id: '6f1c1a8e-3b1a-4d8e-9d3c-1a2b3c4d5e6f', caseNumber: '2026-000012', serviceName: 'Praktisk bistand', receivedOn: '2026-12-01', personName: 'Kari <Nordmann>', personNationalId: '15034112345' },
  journalpost: { key: '7a2d2b9f-4c2b-4e9f-8e4d-2b3c4d5e6f70', type: 'U', title: 'Vedtak om praktisk bistand', documentDate: '2026-12-03', party: { name: 'Kari Nordmann', nationalId: '15034112345', address: [] } },
  document: { type: 'VEDTAK', title: 'Vedtak om praktisk bistand', fileName: 'decision.pdf', sha256: 'ab'.repeat(32), size: 1000 },
};

describe('the arkivmelding', () => {
  it('satisfies KS’s XSD, with the name escaped and left out of the public title', async () => {
    const xml = buildArkivmelding(entry);
    expect(await validateFiksArkiv(xml, 'arkivmelding')).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<tittel>Vedtak om praktisk bistand - Kari &lt;Nordmann&gt;</tittel>');
    expect(xml).toContain('<offentligTittel>Vedtak om praktisk bistand - *****</offentligTittel>');
    expect(xml).not.toContain('<postadresse>');
  });

  it('is refused by the XSD when a required element is empty', async () => {
    const verdict = await validateFiksArkiv(buildArkivmelding({ ...entry, document: { ...entry.document, fileName: '' } }), 'arkivmelding');
    expect(verdict.valid).toBe(false);
    expect(verdict.errors.join(' ')).toMatch(/referanseDokumentfil|filnavn/);
  });
});

describe('the archive’s answers', () => {
  it('reads a valid receipt as the journalpost reference', async () => {
    const xml = buildKvittering({
      mappe: { systemID: '0b0f4f2e-1a1a-4b1b-8c1c-1d1d1d1d1d1d', saksaar: 2026, sakssekvensnummer: 4, caseKey: entry.case.id, existing: true },
      journalpost: { systemID: '1b0f4f2e-1a1a-4b1b-8c1c-1d1d1d1d1d1d', journalaar: 2026, journalsekvensnummer: 31, journalpostnummer: 2, type: 'U', key: entry.journalpost.key, existing: false, documentSystemIDs: ['2b0f4f2e-1a1a-4b1b-8c1c-1d1d1d1d1d1d'] },
    });
    expect((await validateFiksArkiv(xml, 'kvittering')).valid).toBe(true);
    expect(readKvittering(xml)).toEqual({ reference: '2026/31', detail: 'Journalpost 2026/31 (systemID 1b0f4f2e-1a1a-4b1b-8c1c-1d1d1d1d1d1d) registered in saksmappe 2026/4 as journalpost 2.' });
  });

  it('reads an error message', async () => {
    const xml = buildFeilmelding('serverfeil', 'f-1', 'Arkivet er nede');
    expect((await validateFiksArkiv(xml, 'serverfeil')).valid).toBe(true);
    expect(readFeilmelding(xml, 'serverfeil')).toEqual({ feilId: 'f-1', message: 'Arkivet er nede' });
  });
});

describe('the ASiC-E container', () => {
  it('keeps the files and puts the mimetype first', () => {
    const files = [{ name: 'arkivmelding.xml', data: Buffer.from('<a>æ</a>') }, { name: 'x.pdf', data: Buffer.from('%PDF-1.7') }];
    const container = asice(files);
    expect(container.subarray(30, 38).toString()).toBe('mimetype');
    expect(readAsice(container)).toEqual(files);
    expect(() => readAsice(Buffer.from('not a zip'))).toThrow(/not a zip/);
  });
});
