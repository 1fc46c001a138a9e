import { describe, expect, it } from 'vitest';
import { birthDateOf, checkNationalId, maskNationalId } from './nationalId.ts';

// Numbers from the library's own documentation and test suite (all generated, none real).
const TNR = '10915596784';

describe('checkNationalId', () => {
  it('accepts a synthetic Test Norge number only where allowed, with its birth date', () => {
    expect(checkNationalId(TNR, { allowSynthetic: true })).toEqual({ valid: true, kind: 'tnr', birthDate: '1955-11-10' });
    const refused = checkNationalId(TNR, { allowSynthetic: false });
    expect(refused.valid).toBe(false);
  });

  it('explains a wrong control digit and a wrong length in plain words', () => {
    const wrong = checkNationalId('10915596785', { allowSynthetic: true });
    expect(wrong).toMatchObject({ valid: false });
    if (!wrong.valid) expect(wrong.reason).toContain('control digits');
    const short = checkNationalId('1091559678', { allowSynthetic: true });
    if (!short.valid) expect(short.reason).toContain('11 digits');
    expect(short.valid).toBe(false);
  });
});

describe('birthDateOf', () => {
  it('subtracts 40 from the day of a D-number and finds the century from the individual number', () => {
    expect(birthDateOf('41014012345', 'dnr')).toBe('1940-01-01');
    expect(birthDateOf('01010550012', 'fnr')).toBe('2005-01-01');
    expect(birthDateOf('01019990012', 'fnr')).toBe('1999-01-01');
  });
});

describe('maskNationalId', () => {
  it('keeps the birth date digits and hides the personal number', () => {
    expect(maskNationalId(TNR)).toBe('109155*****');
  });
});
