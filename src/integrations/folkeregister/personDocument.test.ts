import { describe, expect, it } from 'vitest';
import { readPersonDocument, writePersonDocument, type RegisterPerson } from './personDocument.ts';
import { validatePersonXml } from './xsd.ts';

const kari: RegisterPerson = {
  nationalId: '01017012345',
  givenName: 'Kari',
  familyName: 'Nordmann',
  address: { line: 'Storgata 12B', postalCode: '0150', postalPlace: 'OSLO', municipalityNumber: '0301', grunnkrets: '03010105', movedOn: '2020-01-02' },
  grading: 'fortrolig',
  diedOn: '2026-01-01',
  status: 'doed',
};

describe('the person document', () => {
  it('is written valid against the published schema and read back to the same person', async () => {
    const xml = writePersonDocument(kari);
    expect(await validatePersonXml(xml)).toEqual({ valid: true, errors: [] });
    expect(readPersonDocument(xml)).toEqual(kari);
  });

  it('accepts a strictly confidential address abroad and withholds the address of a strictly confidential one', async () => {
    const xml = writePersonDocument({ ...kari, grading: 'strengtFortroligUtland' });
    expect((await validatePersonXml(xml)).valid).toBe(true);
    expect(readPersonDocument(xml)).toMatchObject({ grading: 'strengtFortroligUtland', address: null });
  });

  it('refuses a document the schema does not allow', async () => {
    const bad = writePersonDocument(kari).replace('<fornavn>Kari</fornavn>', '<kallenavn>Kari</kallenavn>');
    const result = await validatePersonXml(bad);
    expect(result.valid).toBe(false);
    expect(result.errors.join(' ')).toContain('kallenavn');
  });
});
