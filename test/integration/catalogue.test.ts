/**
 * The service catalogue as versioned data per municipality (issue 13): with the policy it decides
 * which forms a service is decided in and what they demand; a version that breaks the law, or that a
 * policy contradicts, cannot be saved, and the refusal names the field and the rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let leader: Client;
let caseworker: Client;
const today = norwegianDate();

beforeAll(async () => {
  m = await createMunicipality(env.db);
  leader = await Client.login(env.server.url, m.id, 'leader');
  caseworker = await Client.login(env.server.url, m.id, 'caseworker');
});

const fields = (r: { body: any }) => (r.body.errors ?? []).map((e: any) => e.field).sort();

describe('the service catalogue per municipality', () => {
  it('starts as the default catalogue, with no version of its own', async () => {
    const r = await caseworker.get('/api/v1/service-catalogue');
    expect(r.status).toBe(200);
    expect(r.body.versionId).toBeNull();
    expect(r.body.services.find((s: any) => s.code === 'care_flat')).toMatchObject({ decisionForms: ['place'], hoursMandatory: false });
    expect(r.body.services.find((s: any) => s.code === 'psychiatric_home_services')).toMatchObject({ goalsRequired: true });
  });

  it('refuses a version that breaks the law, naming each field and rule', async () => {
    const r = await leader.command('/api/v1/service-catalogue', {
      effectiveFrom: today,
      services: { practical_help: { hoursMandatory: false }, long_term_stay: { decisionForms: ['time_fixed'] }, support_contact: { decisionForms: ['frame'] } },
    });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['services.long_term_stay.decisionForms', 'services.practical_help.hoursMandatory', 'services.support_contact.decisionForms']);
    expect(r.body.errors.find((e: any) => e.field === 'services.practical_help.hoursMandatory').message).toContain('hours_where_money_follows_hours');
    expect((await leader.get('/api/v1/service-catalogue/versions')).body).toEqual([]);
  });

  it('is set by a leader only, and never from a date in the past', async () => {
    expect((await caseworker.command('/api/v1/service-catalogue', { effectiveFrom: today, services: {} })).status).toBe(403);
    const past = await leader.command('/api/v1/service-catalogue', { effectiveFrom: addDays(today, -1), services: {} });
    expect(past.status).toBe(400);
    expect(fields(past)).toEqual(['effectiveFrom']);
  });

  it('decides the forms with the policy: home nursing in norm time only, from today', async () => {
    const saved = await leader.command('/api/v1/service-catalogue', { effectiveFrom: today, services: { home_nursing: { decisionForms: ['norm_time'] } }, note: 'Hjemmesykepleie gis som tjenestebeskrivende vedtak' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect((await caseworker.get('/api/v1/service-catalogue')).body).toMatchObject({ versionId: saved.body.id });
    const personId = (await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Kari', familyName: 'Katalog', language: 'nb' })).body.id;
    const opened = await caseworker.command('/api/v1/cases', { personId, serviceCode: 'home_nursing', channel: 'self', receivedOn: today, description: 'Medisiner' });
    const started = await caseworker.command(`/api/v1/cases/${opened.body.id}/actions`, { expectedVersion: opened.body.version, action: { type: 'assessment_started', payload: {} } });
    await completeAssessment(caseworker, personId, { caseId: opened.body.id });
    const act = (action: unknown) => caseworker.command(`/api/v1/cases/${opened.body.id}/actions`, { expectedVersion: started.body.version, action });
    const timeFixed = await act(decisionAction('home_nursing', { form: 'time_fixed', hoursPerWeek: 3 }));
    expect(timeFixed.status).toBe(400);
    expect(timeFixed.body.errors).toEqual([expect.objectContaining({ field: 'action.payload.form', message: expect.stringContaining('norm_time') })]);
    const normTime = await act(decisionAction('home_nursing', { form: 'norm_time' }));
    expect(normTime.status, JSON.stringify(normTime.body)).toBe(200);
  });

  it('refuses a policy that allows a form the catalogue in force forbids, and a catalogue a policy contradicts', async () => {
    const templates = (await leader.get('/api/v1/policies/templates')).body;
    const rules = { ...templates.purchaser_provider, decisionForms: { ...templates.purchaser_provider.decisionForms, home_nursing: ['time_fixed', 'norm_time'] } };
    const policy = await leader.command('/api/v1/policies', { effectiveFrom: addDays(today, 2), rules });
    expect(policy.status).toBe(400);
    expect(fields(policy)).toEqual(['rules.decisionForms.home_nursing']);
    const agreeing = await leader.command('/api/v1/policies', { effectiveFrom: addDays(today, 2), rules: { ...rules, decisionForms: { ...rules.decisionForms, home_nursing: ['norm_time'] } } });
    expect(agreeing.status, JSON.stringify(agreeing.body)).toBe(201);
    const catalogue = await leader.command('/api/v1/service-catalogue', { effectiveFrom: addDays(today, 3), services: { home_nursing: { decisionForms: ['frame'] } } });
    expect(catalogue.status).toBe(400);
    expect(fields(catalogue)).toEqual(['services.home_nursing']);
  });
});
