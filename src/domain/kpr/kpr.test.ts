import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateKprExtract } from '../../app/kpr.ts';
import { nationalId } from '../../../test/helpers/fixtures.ts';
import { IPLOS_CODES } from '../assessment/iplos.ts';
import { countFindings, findingsOf, KPR_EXTRACT_CLOSING, kprExtract, kprExtractOpening, kprFindings, kprPeriod, kprPersonElements, reportedPersons, type KprCase, type KprPerson } from './index.ts';

const TODAY = '2026-11-20';
const POLICY = { allowSynthetic: true };
const YEAR = kprPeriod({ year: 2026 }, TODAY);
const ALL_SCORES = Object.fromEntries(IPLOS_CODES.map((c) => [c, 2]));

const decision = (over: Record<string, unknown> = {}) => ({
  seq: 4,
  decidedOn: '2026-03-01',
  outcome: 'granted',
  serviceCode: 'home_nursing',
  form: 'time_fixed',
  hoursPerWeek: 4.5,
  frame: null,
  onWaitingList: false,
  approvedByStaffId: null,
  criteria: null,
  validFrom: '2026-03-02',
  validTo: null,
  untilFurtherNotice: true,
  reevaluateBy: null,
  requestOutcome: 'granted',
  ...over,
});

function aCase(id: string, over: Record<string, unknown> = {}, d: Record<string, unknown> | null = {}): KprCase {
  return {
    caseId: id,
    caseNumber: `2026/${id}`,
    state: { status: 'active', serviceCode: 'home_nursing', serviceEndedOn: null, orders: [], decision: d === null ? null : decision(d), ...over } as unknown as KprCase['state'],
  };
}

function aPerson(id: string, over: Partial<KprPerson> = {}): KprPerson {
  return {
    personId: id,
    name: `Person ${id}`,
    nationalId: over.nationalId ?? nationalId('1940-02-02'),
    birthDate: '1940-02-02',
    diedOn: null,
    assessments: [{ id: '00000000-0000-4000-8000-000000000001', status: 'completed', assessedOn: '2026-06-01', scores: ALL_SCORES, createdAt: '2026-06-01T10:00:00Z' }],
    cases: [aCase(`c-${id}`)],
    ...over,
  };
}

const kinds = (persons: KprPerson[]) => kprFindings(persons, YEAR, TODAY, POLICY).findings.map((f) => `${f.kind}:${f.personId}:${f.caseId ?? '-'}`);

const born = (day: number) => new Date(Date.UTC(1925, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** A person in one of the shapes the report distinguishes: scores missing, outdated or complete; a service decided, refused, run out or ended. */
const aShapedPerson = fc
  .record({
    id: fc.uuid(),
    bornDay: fc.integer({ min: 0, max: 25_000 }),
    assessments: fc.constantFrom('none', 'old', 'complete'),
    badId: fc.boolean(),
    cases: fc.array(fc.constantFrom('granted', 'refused', 'none', 'expired', 'ended', 'applied'), { maxLength: 3 }),
  })
  .map(({ id, bornDay, assessments, badId, cases }) =>
    aPerson(id, {
      nationalId: badId ? '12345678901' : nationalId(born(bornDay)),
      assessments: assessments === 'none' ? [] : [{ id: '00000000-0000-4000-8000-000000000002', status: 'completed', assessedOn: assessments === 'old' ? '2024-01-01' : '2026-06-01', scores: ALL_SCORES, createdAt: '2026-06-01T10:00:00Z' }],
      cases: cases.map((k, i) =>
        k === 'refused' ? aCase(`${id}-${i}`, {}, { outcome: 'refused' })
        : k === 'none' ? aCase(`${id}-${i}`, {}, null)
        : k === 'expired' ? aCase(`${id}-${i}`, {}, { validTo: '2026-05-01', untilFurtherNotice: false })
        : k === 'ended' ? aCase(`${id}-${i}`, { status: 'closed', serviceEndedOn: '2026-05-01' })
        : k === 'applied' ? aCase(`${id}-${i}`, { status: 'received' }, null)
        : aCase(`${id}-${i}`),
      ),
    }),
  );

describe('the KPR validation report', () => {
  it('finds the same about persons taken in slices as about all of them at once (the server computes it in slices)', () => {
    fc.assert(
      fc.property(fc.array(aShapedPerson, { maxLength: 12 }), fc.nat(), (persons, cut) => {
        const at = persons.length ? cut % (persons.length + 1) : 0;
        const whole = kprFindings(persons, YEAR, TODAY, POLICY);
        const sliced = [...findingsOf(persons.slice(0, at), YEAR, TODAY, POLICY), ...findingsOf(persons.slice(at), YEAR, TODAY, POLICY)];
        expect(sliced).toEqual(whole.findings);
        expect(countFindings(sliced)).toEqual(whole.counts);
        expect(Object.values(whole.counts).reduce((a, b) => a + b, 0)).toBe(whole.findings.length);
      }),
    );
  });

  it('has nothing to say about a person with a decided service and complete scores', () => {
    expect(kinds([aPerson('a')])).toEqual([]);
  });

  it('names a person with a service and no completed assessment (missing scores)', () => {
    expect(kinds([aPerson('a', { assessments: [] })])).toEqual(['iplos_missing:a:-']);
    expect(kinds([aPerson('a', { assessments: [{ id: '00000000-0000-4000-8000-000000000003', status: 'draft', assessedOn: '2026-06-01', scores: {}, createdAt: '2026-06-01T10:00:00Z' }] })])).toEqual(['iplos_missing:a:-']);
  });

  it('names a person whose scores are outdated or incomplete, with the person view’s reason', () => {
    const old = aPerson('a', { assessments: [{ id: '00000000-0000-4000-8000-000000000004', status: 'completed', assessedOn: '2025-06-01', scores: ALL_SCORES, createdAt: '2025-06-01T10:00:00Z' }] });
    const partial = aPerson('b', { assessments: [{ id: '00000000-0000-4000-8000-000000000005', status: 'completed', assessedOn: '2026-06-01', scores: { eating: 3 }, createdAt: '2026-06-01T10:00:00Z' }] });
    const { findings } = kprFindings([old, partial], YEAR, TODAY, POLICY);
    expect(findings.map((f) => `${f.kind}:${f.personId}`)).toEqual(['iplos_to_be_validated:a', 'iplos_to_be_validated:b']);
    expect(findings[0]?.detail).toContain('more than 12 months old');
    expect(findings[1]?.detail).toContain('16 IPLOS variables are not scored');
  });

  it('does not ask for scores from a person without a service in the period', () => {
    expect(kinds([aPerson('a', { assessments: [], cases: [aCase('c', { status: 'decided' }, { outcome: 'refused' })] })])).toEqual([]);
    expect(kinds([aPerson('a', { assessments: [], cases: [aCase('c', { status: 'ended' }, { validTo: '2025-06-30' })] })])).toEqual([]);
  });

  it('names a service delivered without a decision granting it', () => {
    expect(kinds([aPerson('a', { cases: [aCase('c', { status: 'service_arranged' }, null)] })])).toEqual(['service_without_decision:a:c']);
    expect(kinds([aPerson('a', { cases: [aCase('c', { status: 'active' }, { outcome: 'refused' })] })])).toEqual(['service_without_decision:a:c']);
  });

  it('names a service that runs on after its decision ended', () => {
    const p = aPerson('a', { cases: [aCase('c', { status: 'active' }, { validTo: '2026-10-31', untilFurtherNotice: false })] });
    expect(kinds([p])).toEqual(['decision_expired:a:c']);
  });

  it('names a person with a service whose identity number is not valid, and leaves them out of the extract', () => {
    const bad = aPerson('a', { nationalId: '12345678901' });
    expect(kinds([bad])).toEqual(['invalid_national_id:a:-']);
    const { personIds } = kprExtract([bad, aPerson('b')], YEAR, { messageId: '6f1c1c1e-1d5b-4f7e-9b1a-2a3b4c5d6e7f', municipalityNumber: '4601', createdAt: `${TODAY}T08:00:00Z`, iplosVersion: 'IPLOS-2024' }, TODAY, POLICY);
    expect(personIds).toEqual(['b']);
  });

  it('counts every finding by kind', () => {
    const { counts } = kprFindings([aPerson('a', { assessments: [] }), aPerson('b', { assessments: [] })], YEAR, TODAY, POLICY);
    expect(counts.iplos_missing).toBe(2);
    expect(counts.service_without_decision).toBe(0);
  });
});

describe('the KPR extract', () => {
  const header = { messageId: '6f1c1c1e-1d5b-4f7e-9b1a-2a3b4c5d6e7f', municipalityNumber: '4601', createdAt: `${TODAY}T08:00:00.000Z`, iplosVersion: 'IPLOS-2024' };

  it('validates against the schema, with scores, services and hours', async () => {
    const persons = [aPerson('a'), aPerson('b', { assessments: [], cases: [aCase('x', { serviceCode: 'long_term_stay' }, { serviceCode: 'long_term_stay', hoursPerWeek: null, form: 'place' })] })];
    const { xml, personIds } = kprExtract(persons, YEAR, header, TODAY, POLICY);
    expect(personIds.sort()).toEqual(['a', 'b']);
    const verdict = await validateKprExtract(xml);
    expect(verdict.errors).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(xml).toContain('<Meldingstype>B</Meldingstype>');
    expect(xml).toContain('<TimerPerUke>4.50</TimerPerUke>');
    expect(xml).toContain('kode9151="21"');
    expect(xml).toContain('kode="eating" skaar="2"');
    expect(xml).not.toContain('Person a');
  });

  it('is refused by the schema when it breaks it (the check can fail)', async () => {
    const { xml } = kprExtract([aPerson('a')], YEAR, header, TODAY, POLICY);
    expect((await validateKprExtract(xml.replace('skaar="2"', 'skaar="7"'))).valid).toBe(false);
    expect((await validateKprExtract(xml.replace('<Kommunenummer>4601', '<Kommunenummer>46'))).valid).toBe(false);
  });

  it('is the same document when its persons are written in slices, as the server writes it', () => {
    fc.assert(
      fc.property(fc.array(aShapedPerson, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (persons, size) => {
        const whole = kprExtract(persons, YEAR, header, TODAY, POLICY);
        const reported = reportedPersons(persons, YEAR, POLICY);
        let xml = kprExtractOpening(YEAR, header, reported.length);
        for (let at = 0; at < reported.length; at += size) xml += kprPersonElements(reported.slice(at, at + size), YEAR, TODAY, POLICY);
        expect(xml + KPR_EXTRACT_CLOSING).toBe(whole.xml);
        expect(whole.xml.split('<Bruker>').length - 1).toBe(reported.length);
      }),
    );
  });

  it('validates an Oslo-size extract, and refuses one broken at its very end (the validator reads it as a stream)', async () => {
    // 6,000 persons make about 5 MB of XML; the whole tree of it does not fit in the validator's 32 MiB (Oslo's is 33 MB).
    const persons: KprPerson[] = Array.from({ length: 6_000 }, (_, i) => ({
      personId: `p${i}`,
      name: `Person ${i}`,
      nationalId: nationalId(born(i)),
      birthDate: born(i),
      diedOn: null,
      assessments: [{ id: '00000000-0000-4000-8000-000000000006', status: 'completed', assessedOn: '2026-06-01', scores: ALL_SCORES, createdAt: '2026-06-01T10:00:00Z' }],
      cases: [aCase(`c${i}`)],
    }));
    const { xml, personIds } = kprExtract(persons, YEAR, header, TODAY, POLICY);
    expect(personIds).toHaveLength(6_000);
    expect(xml.length).toBeGreaterThan(4_000_000);
    // As the server hands it over: UTF-8 bytes.
    const verdict = await validateKprExtract(Buffer.from(xml, 'utf8'));
    expect(verdict.errors).toEqual([]);
    expect(verdict.valid).toBe(true);
    const last = xml.lastIndexOf('skaar="2"');
    expect((await validateKprExtract(`${xml.slice(0, last)}skaar="7"${xml.slice(last + 'skaar="2"'.length)}`)).valid).toBe(false);
  }, 60_000);

  it('is continuous (K) from a date, and leaves out services that ended before it', async () => {
    const from = kprPeriod({ from: '2026-10-01' }, TODAY);
    const ended = aPerson('e', { cases: [aCase('e', { status: 'ended', serviceEndedOn: '2026-09-15' })] });
    const { xml, personIds } = kprExtract([aPerson('a'), ended], from, header, TODAY, POLICY);
    expect(personIds).toEqual(['a']);
    expect(xml).toContain('<Meldingstype>K</Meldingstype>');
    expect((await validateKprExtract(xml)).valid).toBe(true);
  });
});
