/**
 * Letters: the decision letter in bokmål and nynorsk with everything the law requires in it
 * (read back from the PDF with pdf.js), stored with the case as PDF/A; the provisional reply and the
 * advance notice.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { longDate } from '../../src/letters/content.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, decisionAction, type DecisionOverrides } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { pdfaMarks, pdfText } from '../helpers/pdf.ts';

let db: Database;
let server: TestServer;
let caseworker: Client;
const today = norwegianDate();

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 17, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
  caseworker = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function fetchPdf(path: string, init: RequestInit = {}): Promise<Uint8Array> {
  const r = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${caseworker.token}`, ...(init.headers ?? {}) } });
  expect(r.status, await r.clone().text()).toBe(200);
  expect(r.headers.get('content-type')).toContain('application/pdf');
  return new Uint8Array(await r.arrayBuffer());
}

/** A practical-help case decided on a completed assessment; the decision is lawful (test/helpers/decisions.ts) with `decision` overriding. */
async function decidedCase(language: 'nb' | 'nn', decision: DecisionOverrides, serviceCode: 'practical_help' | 'care_flat' = 'practical_help'): Promise<any> {
  const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1937-03-03'), givenName: 'Brevmottaker', familyName: 'Hansen', language, addressLine: 'Storgata 1', postalCode: '2690', postalPlace: 'Bladal' })).body;
  let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode, channel: 'self', receivedOn: today, description: 'Søknad' })).body;
  c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
  await completeAssessment(caseworker, person.id, { caseId: c.id });
  const r = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction(serviceCode, { validFrom: today, ...decision }) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

describe('the decision letter', () => {
  it('in bokmål: what is granted, the reasons, the right to complain and to see the documents; stored as PDF/A', async () => {
    const c = await decidedCase('nb', { outcome: 'partly_granted', hoursPerWeek: 2, form: 'time_fixed', reevaluateBy: addDays(today, 180), considerations: 'Innkjøp dekkes av nettbutikk med levering' });
    const issued = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body).toMatchObject({ lang: 'nb', title: 'Vedtak om praktisk bistand' });
    const pdf = await fetchPdf(issued.body.url);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(issued.body.sha256);
    expect(pdfaMarks(pdf)).toEqual({ part2: true, conformanceB: true, outputIntent: true, embeddedFonts: true });
    const text = await pdfText(pdf);
    for (const part of [
      'Bladal kommune',
      'Brevmottaker Hansen',
      'Storgata 1',
      c.caseNumber,
      'Vedtak om praktisk bistand',
      'Søknaden din er delvis innvilget. Du får praktisk bistand, 2 timer i uka',
      `fra ${longDate(today)} inntil videre`,
      `Vi vurderer vedtaket på nytt innen ${longDate(addDays(today, 180))}`,
      'Begrunnelse',
      'hol § 3-2 første ledd nr. 6 bokstav b',
      'Innkjøp dekkes av nettbutikk med levering',
      'Fristen for å klage er fire uker',
      'pasient- og brukerrettighetsloven § 7-5',
      'Send klagen til oss',
      'Statsforvalteren',
      'Du har rett til å se dokumentene i saken din (forvaltningsloven §§ 18 og 19)',
    ]) {
      expect(text, part).toContain(part);
    }
    expect(c.decision.complaintBody).toBe('statsforvalteren');
    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history.at(-1)).toMatchObject({ type: 'letter_issued', payload: { kind: 'decision', letterId: issued.body.id, sha256: issued.body.sha256 } });
  });

  it('gives a care flat, a decision under forvaltningsloven alone, three weeks to complain to the municipality’s complaints board (fvl §§ 28–29)', async () => {
    const c = await decidedCase('nb', { outcome: 'refused', considerations: 'Behovet dekkes i egen bolig med hjemmetjenester' }, 'care_flat');
    const text = await pdfText(await fetchPdf(`/api/v1/cases/${c.id}/letters/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'decision' }) }));
    for (const part of ['Fristen for å klage er tre uker', 'forvaltningsloven § 29', 'kommunens klagenemnd', 'forvaltningsloven § 28 annet ledd']) expect(text, part).toContain(part);
    expect(text).not.toContain('fire uker');
    expect(text).not.toContain('Statsforvalteren');
    // Its reasons rest on the housing duty, not on a right under pbrl § 2-1 a.
    expect(text).toContain('helse- og omsorgstjenesteloven § 3-7');
    expect(text).not.toContain('§ 2-1 a');
    // The case file and the catalogue say the same: the complaint body is the municipal board.
    expect(c.decision.complaintBody).toBe('municipal_board');
    expect((await caseworker.get(`/api/v1/cases/${c.id}`)).body.decision.complaintBody).toBe('municipal_board');
    const services = (await fetch(`${server.url}/api/v1/services`).then((r) => r.json())) as { code: string; complaintBody: string }[];
    expect(Object.fromEntries(services.map((s) => [s.code, s.complaintBody]))).toMatchObject({ care_flat: 'municipal_board', practical_help: 'statsforvalteren', long_term_stay: 'statsforvalteren' });
  });

  it('in nynorsk for a person who reads nynorsk, and a refusal says so', async () => {
    const c = await decidedCase('nn', { outcome: 'refused', considerations: 'Husstanden kan dekkje behovet sjølv' });
    const text = await pdfText(await fetchPdf(`/api/v1/cases/${c.id}/letters/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'decision' }) }));
    for (const part of ['Søknaden din er avslått', 'Grunngiving', 'Husstanden kan dekkje behovet sjølv', 'Fristen for å klage er fire veker', 'pasient- og brukarrettslova § 7-5', 'Du har rett til å sjå dokumenta i saka di (forvaltningslova §§ 18 og 19)', 'Med venleg helsing']) {
      expect(text, part).toContain(part);
    }
    expect(text).not.toContain('Begrunnelse');
    // A preview is not stored.
    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history.some((a: any) => a.type === 'letter_issued')).toBe(false);
  });
});

describe('issuing a decision letter under a policy', () => {
  // The no-policy path (default role table) and the once-per-decision rule are in pipeline.test.ts.
  it('is for those with a need and the authority to decide: provider staff without an order are refused, and told of emergency access', async () => {
    const c = await decidedCase('nb', { outcome: 'granted', hoursPerWeek: 3 });
    const provider = await Client.login(server.url, 'bladal', 'utforer', 'demo');
    const byProvider = await provider.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(byProvider.status, JSON.stringify(byProvider.body)).toBe(403);
    expect(byProvider.body).toMatchObject({ rule: 'no_need', detail: expect.stringContaining('emergency access') });
    const issued = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const letters = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body.filter((a: any) => a.type === 'letter_issued');
    expect(letters).toEqual([expect.objectContaining({ actorStaffId: expect.any(String), payload: expect.objectContaining({ letterId: issued.body.id, decisionSeq: expect.any(Number) }) })]);
  });
});

describe('other letters', () => {
  it('gives a provisional reply with the reason and the expected date (fvl § 11 a), once recorded', async () => {
    const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Ventende', familyName: 'Svar' })).body;
    let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'gp', receivedOn: today, description: 'Søknad' })).body;
    const missing = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'provisional_reply' });
    expect(missing.status).toBe(409);
    const expectedBy = addDays(today, 45);
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'provisional_reply_sent', payload: { sentOn: today, reason: 'Vi venter på epikrise fra sykehuset.', expectedBy } } })).body;
    const issued = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'provisional_reply' });
    expect(issued.status).toBe(201);
    const text = await pdfText(await fetchPdf(issued.body.url));
    expect(text).toContain('Foreløpig svar på søknaden din');
    expect(text).toContain('vi venter på epikrise fra sykehuset');
    expect(text).toContain(`Du kan vente svar innen ${longDate(expectedBy)}`);
    expect(text).toContain('forvaltningsloven § 11 a');
  });

  it('gives an advance notice before a reduction (fvl § 16)', async () => {
    const c = await decidedCase('nb', { outcome: 'granted', hoursPerWeek: 4, form: 'time_fixed', reevaluateBy: addDays(today, 90) });
    const commentsBy = addDays(today, 14);
    const text = await pdfText(
      await fetchPdf(`/api/v1/cases/${c.id}/letters/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'advance_notice', advanceNotice: { change: 'reduction', description: 'fra 4 til 2 timer i uka, fordi du nå klarer matlagingen selv.', commentsBy } }),
      }),
    );
    expect(text).toContain('Forhåndsvarsel: praktisk bistand');
    expect(text).toContain('Vi vurderer å redusere tjenesten din: fra 4 til 2 timer i uka');
    expect(text).toContain(`Gi oss beskjed innen ${longDate(commentsBy)}`);
    expect(text).toContain('forvaltningsloven § 16');
  });
});
