import { describe, expect, it } from 'vitest';
import { iplosStatus } from './completeness.ts';
import { IPLOS_CODES, IPLOS_CURRENT, IPLOS_SCORES } from './iplos.ts';

describe('the IPLOS variables and score texts', () => {
  it('has the 17 function variables of the standard in its five groups (domain reference §4)', () => {
    expect(IPLOS_CODES).toHaveLength(17);
    expect(new Set(IPLOS_CODES).size).toBe(17);
    expect(new Set(IPLOS_CURRENT.variables.map((v) => v.group))).toEqual(new Set(['social', 'household', 'personal_care', 'mobility', 'senses']));
  });

  it('says every variable and every score in bokmål, nynorsk and English, and names its source', () => {
    for (const v of IPLOS_CURRENT.variables) for (const lang of ['nb', 'nn', 'en'] as const) expect(v.name[lang].trim(), `${v.code} ${lang}`).not.toBe('');
    for (const s of IPLOS_SCORES) for (const lang of ['nb', 'nn', 'en'] as const) expect(IPLOS_CURRENT.scores[String(s) as '1'][lang].trim(), `${s} ${lang}`).not.toBe('');
    expect(IPLOS_CURRENT.source).toContain('Helsedirektoratet');
  });

  it('keeps a variable left "not assessed" out of the scores: the record is then to be validated, naming it', () => {
    const scores = Object.fromEntries(IPLOS_CODES.filter((c) => c !== 'vision').map((c) => [c, 1]));
    const status = iplosStatus([{ id: '00000000-0000-4000-8000-000000000001', status: 'completed', assessedOn: '2026-11-01', scores, createdAt: '2026-11-01T10:00:00Z' }], '2026-12-01');
    expect(status).toMatchObject({ status: 'to_be_validated', unscored: ['vision'] });
  });
});
