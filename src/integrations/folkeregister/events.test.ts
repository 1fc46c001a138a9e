import { describe, expect, it } from 'vitest';
import { isRelevant, meaningOf } from './events.ts';
import type { RegisterPerson } from './personDocument.ts';

const held = {
  given_name: 'Ola',
  family_name: 'Nordmann',
  address_line: 'Kirkegata 4A',
  postal_code: '7011',
  postal_place: 'TRONDHEIM',
  grunnkrets: '50010203',
  protected_address: false,
  died_on: null,
  moved_out_on: null,
};
const register: RegisterPerson = {
  nationalId: '01017012345',
  givenName: 'Ola',
  familyName: 'Nordmann',
  address: { line: 'Kirkegata 4A', postalCode: '7011', postalPlace: 'TRONDHEIM', municipalityNumber: '5001', grunnkrets: '50010203', movedOn: '2015-04-01' },
  grading: 'ugradert',
  diedOn: null,
  status: 'bosatt',
};

describe('what a register event means', () => {
  it('a death sets the date of death and asks the office to act', () => {
    const m = meaningOf('personErDoed', held, { ...register, diedOn: '2026-11-30' }, '5001', '2026-12-01');
    expect(m.change).toEqual({ diedOn: '2026-11-30' });
    expect(m.work).toMatchObject({ event: 'death', occurredOn: '2026-11-30' });
  });

  it('a move within the municipality changes the address; a move elsewhere is a move out', () => {
    const within = meaningOf('endringIBostedsadresse', held, { ...register, address: { ...register.address!, line: 'Elgeseter gate 10', movedOn: '2026-11-01' } }, '5001', '2026-11-02');
    expect(within.change).toEqual({ addressLine: 'Elgeseter gate 10' });
    expect(within.work).toMatchObject({ event: 'moved', occurredOn: '2026-11-01' });
    const away = meaningOf('endringIBostedsadresse', held, { ...register, address: { ...register.address!, municipalityNumber: '0301', movedOn: '2026-11-01' } }, '5001', '2026-11-02');
    expect(away.change).toEqual({ movedOutOn: '2026-11-01' });
    expect(away.work?.event).toBe('moved_out');
  });

  it('a new address protection is kept without work for the office; events we do not use are not read', () => {
    const m = meaningOf('endringIAdressebeskyttelse', held, { ...register, grading: 'strengtFortrolig', address: null }, '5001', '2026-11-02');
    expect(m).toEqual({ change: { protectedAddress: true }, work: null });
    expect(isRelevant('endringISivilstand')).toBe(false);
  });
});
