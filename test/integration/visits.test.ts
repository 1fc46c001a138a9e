/**
 * The rules of visits over HTTP on a real PostgreSQL (issue 13: "Visits dated decades before the
 * decision are accepted"): a visit is accepted only under an order the provider has accepted and
 * within the decision's period, up to today; a refused visit answers 400 naming the field and stores
 * nothing, and a CSV with such a row imports nothing and names the row and the column.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let office: Client;
let provider: Client;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  office = await Client.login(env.server.url, m.id, 'caseworker');
  provider = await Client.login(env.server.url, m.id, 'provider');
});

const today = norwegianDate();
const validFrom = addDays(today, -20);

async function act(who: Client, c: { id: string; version: number }, action: unknown): Promise<any> {
  const r = await who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** A case granted from 20 days ago, with an order sent to the municipality's provider. */
async function ordered(): Promise<any> {
  const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1939-04-04'), givenName: 'Olav', familyName: 'Besøk' })).body;
  let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: addDays(today, -30), description: 'Søknad' })).body;
  c = await act(office, c, { type: 'assessment_started', payload: {} });
  const decision = { outcome: 'granted', serviceCode: 'home_nursing', form: 'time_fixed', hoursPerWeek: 2, validFrom, untilFurtherNotice: true, reevaluateBy: addDays(today, 180), summary: 'Innvilget' };
  c = await act(office, c, { type: 'decision_made', payload: { ...decision, withoutAssessmentReason: 'Utskrivningsklar pasient; kartlegging etter hjemkomst' } });
  return act(office, c, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: validFrom } });
}

async function accepted(): Promise<any> {
  const c = await ordered();
  return act(provider, await act(provider, c, { type: 'order_accepted', payload: { providerUnitId: m.providerId } }), { type: 'service_started', payload: { startedOn: validFrom } });
}

async function storedVisits(caseId: string): Promise<number> {
  return (await env.db.owner.query('SELECT count(*)::int AS n FROM visit WHERE case_id = $1', [caseId])).rows[0].n;
}

const visit = (caseId: string, visitDate: string) => ({ caseId, employeeRef: 'P7', visitDate, minutes: 45 });
const csvOf = (rows: string[]) => ['case_number;employee;date;start;minutes;status;cancel_reason;visit_id', ...rows].join('\n');

describe('visits only within an accepted order and the decision period', () => {
  it('answers a visit dated decades before the decision with 400 naming the field, and stores nothing', async () => {
    const c = await accepted();
    const r = await provider.command('/api/v1/visits', visit(c.id, '1986-03-04'));
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ type: 'urn:tildel:problem:validation', rule: 'before_decision', detail: expect.stringContaining('§ 2-7') });
    expect(r.body.errors).toEqual([{ field: 'visitDate', message: `1986-03-04 is before the decision's period, which begins on ${validFrom}`, code: 'invalid' }]);
    expect(await storedVisits(c.id)).toBe(0);
    expect((await provider.command('/api/v1/visits', visit(c.id, validFrom))).status).toBe(201);
    expect((await provider.command('/api/v1/visits', visit(c.id, today))).status).toBe(201);
    expect(await storedVisits(c.id)).toBe(2);
  });

  it('refuses a visit the day before the decision begins, and one in the future', async () => {
    const c = await accepted();
    const before = await provider.command('/api/v1/visits', visit(c.id, addDays(validFrom, -1)));
    expect([before.status, before.body.errors?.[0]?.field]).toEqual([400, 'visitDate']);
    const future = await provider.command('/api/v1/visits', visit(c.id, addDays(today, 1)));
    expect([future.status, future.body.rule, future.body.errors?.[0]?.field]).toEqual([400, 'in_the_future', 'visitDate']);
    expect(await storedVisits(c.id)).toBe(0);
  });

  it('refuses visits under an order the provider has not accepted yet', async () => {
    const c = await ordered();
    const r = await provider.command('/api/v1/visits', visit(c.id, today));
    expect([r.status, r.body.rule, r.body.errors?.[0]?.field]).toEqual([400, 'order_not_accepted', 'caseId']);
    expect(await storedVisits(c.id)).toBe(0);
  });

  it('takes visits up to the service end after the provider acknowledged the end, and none after it', async () => {
    const started = await accepted();
    const ended = await act(office, started, { type: 'service_ended', payload: { endedOn: addDays(today, -5), cause: 'moved' } });
    await act(provider, ended, { type: 'order_accepted', payload: { providerUnitId: m.providerId } });
    expect((await provider.command('/api/v1/visits', visit(started.id, addDays(today, -6)))).status).toBe(201);
    const after = await provider.command('/api/v1/visits', visit(started.id, addDays(today, -4)));
    expect(after.status, JSON.stringify(after.body)).toBe(400);
    expect(after.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['visitDate']));
    expect(await storedVisits(started.id)).toBe(1);
  });

  it('imports nothing from a file with a row dated before the decision, naming the row and the column', async () => {
    const c = await accepted();
    const r = await provider.command('/api/v1/visits/import', {
      providerUnitId: m.providerId,
      fileName: 'profil.csv',
      csv: csvOf([`${c.caseNumber};P1;${validFrom};08:00;60;;;v1`, `${c.caseNumber};P2;1979-11-30;09:00;30;;;v2`, `${c.caseNumber};P3;${addDays(today, 2)};;30;;;v3`]),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ imported: false, importId: null, accepted: 1 });
    expect(r.body.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'date', message: `1979-11-30 is before the decision's period, which begins on ${validFrom}` }),
      expect.objectContaining({ line: 4, field: 'date', message: expect.stringContaining('in the future') }),
    ]);
    expect(await storedVisits(c.id)).toBe(0);
    const good = await provider.command('/api/v1/visits/import', { providerUnitId: m.providerId, fileName: 'profil.csv', csv: csvOf([`${c.caseNumber};P1;${validFrom};08:00;60;;;v1`]) });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(await storedVisits(c.id)).toBe(1);
  });
});
