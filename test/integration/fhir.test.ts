/**
 * The read-only FHIR R4 view over HTTP on a real PostgreSQL (issue 22): a decided and ordered case
 * gives Patient, ServiceRequest, CarePlan, Goal, Task and Observation, each valid against HL7's R4
 * JSON schema (spec/fhir/) with the Norwegian identifier system; access follows need through the
 * gate (403 without one, 404 in another municipality), reads are logged with their purpose, and a
 * protected address is never shown.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FNR_SYSTEM } from '../../src/domain/fhir/index.ts';
import { fhirValidator } from '../../src/domain/fhir/schema.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
const validate = fhirValidator(JSON.parse(readFileSync(new URL('../../spec/fhir/fhir.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>);
const today = new Date().toISOString().slice(0, 10);

let m: TestMunicipality;
let office: Client;
let provider: Client;
let personId: string;
let otherPersonId: string;
let number: string;

async function act(c: { id: string; version: number }, type: string, payload: unknown, who: Client = office): Promise<any> {
  const r = await who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type, payload } });
  expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function register(address: string): Promise<string> {
  number = nationalId('1944-04-04');
  const r = await office.command('/api/v1/persons', { nationalId: number, givenName: 'Fhir', familyName: 'Testesen', addressLine: address, postalCode: '0155', postalPlace: 'Oslo' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

beforeAll(async () => {
  m = await createMunicipality(env.db);
  office = await Client.login(env.server.url, m.id, 'caseworker', PASSWORD);
  provider = await Client.login(env.server.url, m.id, 'provider', PASSWORD);
  otherPersonId = await register('Annenveien 2');
  await office.command('/api/v1/cases', { personId: otherPersonId, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Ikke bestilt' });
  personId = await register('Storgata 1');
  const assessed = await office.command(`/api/v1/persons/${personId}/assessments`, { complete: true, assessedOn: today, scores: { eating: 2, memory: 4 }, whatMatters: 'Å bo hjemme', diagnoses: [{ system: 'ICPC-2', code: 'P70' }], participants: [{ name: 'Kari', profession: 'Sykepleier' }] });
  expect(assessed.status, JSON.stringify(assessed.body)).toBe(201);
  let c = (await office.command('/api/v1/cases', { personId, serviceCode: 'home_nursing', channel: 'self', receivedOn: today, description: 'Trenger hjelp med medisiner' })).body;
  c = await act(c, 'owner_assigned', { ownerStaffId: m.staff.caseworker });
  c = await act(c, 'assessment_started', {});
  c = await act(c, 'decision_made', {
    outcome: 'granted',
    serviceCode: 'home_nursing',
    validFrom: today,
    summary: 'Hjemmesykepleie tre timer i uka',
    form: 'time_fixed',
    hoursPerWeek: 3,
    untilFurtherNotice: true,
    reevaluateBy: '2030-01-01',
    goals: ['Klare medisinene selv'],
  });
  c = await act(c, 'service_arranged', { providerUnitId: m.providerId, startOn: today });
  await act(c, 'order_accepted', { providerUnitId: m.providerId }, provider);
}, 60_000);

const fhirGet = (who: Client, path: string) => who.get(`/api/v1/fhir/${path}`);

describe('the FHIR view of a decided case', () => {
  it('answers $everything with a searchset Bundle whose every resource validates against the R4 schema', async () => {
    const r = await fhirGet(office, `Patient/${personId}/$everything`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/fhir+json');
    expect(validate(r.body)).toEqual([]);
    const resources = r.body.entry.map((e: any) => e.resource);
    for (const res of resources) expect(validate(res), res.resourceType).toEqual([]);
    expect(resources.map((x: any) => x.resourceType).sort()).toEqual(['CarePlan', 'Condition', 'Goal', 'Observation', 'Patient', 'ServiceRequest', 'Task']);
    expect(resources.find((x: any) => x.resourceType === 'Condition').code.coding[0]).toEqual({ system: 'urn:oid:2.16.578.1.12.4.1.1.7170', code: 'P70' });
    const plan = resources.find((x: any) => x.resourceType === 'CarePlan');
    expect(plan).toMatchObject({ status: 'active', intent: 'order', author: { display: `Test ${m.id}` }, subject: { reference: `Patient/${personId}` } });
    expect(plan.activity[0].detail).toMatchObject({ performer: [{ display: 'Hjemmetjenesten' }], quantity: { value: 3, code: 'h/wk' } });
    expect(resources.find((x: any) => x.resourceType === 'Task')).toMatchObject({ status: 'accepted', owner: { display: 'Hjemmetjenesten' }, basedOn: [{ reference: `CarePlan/${plan.id}` }] });
    expect(resources.find((x: any) => x.resourceType === 'Goal').description.text).toBe('Klare medisinene selv');
    expect(resources.find((x: any) => x.resourceType === 'Observation').component).toHaveLength(2);
  });

  it('gives the Patient with the fødselsnummer system of HL7 Norway’s no-basis and the address', async () => {
    const r = await fhirGet(office, `Patient/${personId}`);
    expect(r.status).toBe(200);
    expect(validate(r.body)).toEqual([]);
    expect(r.body.identifier).toEqual([{ use: 'official', system: FNR_SYSTEM, value: number }]);
    expect(FNR_SYSTEM).toBe('urn:oid:2.16.578.1.12.4.1.4.1');
    expect(r.body.address[0].line).toEqual(['Storgata 1']);
  });

  it('finds the care plans of the patient', async () => {
    const r = await fhirGet(office, `CarePlan?patient=${personId}`);
    expect(r.status).toBe(200);
    expect(validate(r.body)).toEqual([]);
    expect(r.body.total).toBe(1);
    expect(r.body.entry[0].resource.resourceType).toBe('CarePlan');
  });

  it('logs every read with its purpose', async () => {
    await office.request('GET', `/api/v1/fhir/Patient/${personId}`, undefined, { 'tildel-purpose': 'service_delivery' });
    const { rows } = await env.db.owner.query("SELECT purpose FROM audit_event WHERE municipality_id = $1 AND resource = 'fhir Patient' AND $2 = ANY(person_ids)", [m.id, personId]);
    expect(rows.map((x) => x.purpose)).toContain('service_delivery');
  });
});

describe('access to the FHIR view', () => {
  it('gives the provider, through its order, the decision and the order but not the request or the diagnoses', async () => {
    const r = await fhirGet(provider, `Patient/${personId}/$everything`);
    expect(r.status).toBe(200);
    const types = r.body.entry.map((e: any) => e.resource.resourceType);
    expect(types).toContain('CarePlan');
    expect(types).toContain('Task');
    expect(types).not.toContain('ServiceRequest');
    expect(types).not.toContain('Condition');
  });

  it('refuses a staff member without a need (403), and a person of another municipality is not found', async () => {
    expect((await fhirGet(provider, `Patient/${otherPersonId}`)).status).toBe(403);
    expect((await fhirGet(provider, `Patient/${otherPersonId}/$everything`)).status).toBe(403);
    const admin = await Client.login(env.server.url, m.id, 'admin', PASSWORD);
    expect((await fhirGet(admin, `Patient/${personId}`)).status).toBe(403);
    const other = await createMunicipality(env.db);
    const stranger = await Client.login(env.server.url, other.id, 'caseworker', PASSWORD);
    expect((await fhirGet(stranger, `Patient/${personId}`)).status).toBe(404);
    expect((await fhirGet(stranger, `CarePlan?patient=${personId}`)).status).toBe(404);
  });

  it('never shows a protected address', async () => {
    await env.db.owner.query('UPDATE person SET protected_address = true WHERE id = $1', [personId]);
    for (const path of [`Patient/${personId}`, `Patient/${personId}/$everything`]) {
      const r = await fhirGet(office, path);
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain('Storgata');
      expect(validate(r.body)).toEqual([]);
    }
    await env.db.owner.query('UPDATE person SET protected_address = false WHERE id = $1', [personId]);
  });
});
