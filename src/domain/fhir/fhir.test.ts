import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../case/state.ts';
import { DNR_SYSTEM, everything, FNR_SYSTEM, patientOf, searchset, type FhirCaseInput, type FhirPersonInput } from './index.ts';
import { fhirValidator } from './schema.ts';

const validate = fhirValidator(JSON.parse(readFileSync(new URL('../../../spec/fhir/fhir.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>);

const person: FhirPersonInput = {
  id: '11111111-1111-4111-8111-111111111111',
  nationalId: '13097248022',
  nationalIdKind: 'fnr',
  givenName: 'Kari',
  familyName: 'Nordmann',
  birthDate: '1972-09-13',
  addressLine: 'Storgata 1',
  postalCode: '0155',
  postalPlace: 'Oslo',
  protectedAddress: false,
  diedOn: null,
};

const state = {
  status: 'active',
  serviceCode: 'home_nursing',
  receivedOn: '2026-10-01',
  providerUnitId: 'p1',
  serviceEndedOn: null,
  orders: [{ providerUnitId: 'p1', revision: 1, kind: 'new', status: 'accepted', sentSeq: 6, sentAt: '2026-10-10T10:00:00.000Z', hoursPerWeek: 3, visitsPerWeek: null, part: false }],
  decision: {
    seq: 5,
    decidedOn: '2026-10-09',
    outcome: 'granted',
    serviceCode: 'home_nursing',
    form: 'time_fixed',
    hoursPerWeek: 3,
    frame: null,
    onWaitingList: false,
    approvedByStaffId: null,
    criteria: null,
    validFrom: '2026-10-10',
    validTo: null,
    untilFurtherNotice: true,
    reevaluateBy: '2027-04-01',
    requestOutcome: 'granted',
  },
} as unknown as CaseState;

const decided: FhirCaseInput = {
  caseId: '22222222-2222-4222-8222-222222222222',
  caseNumber: '2026/00001',
  state,
  level: 'full',
  request: { receivedOn: '2026-10-01', description: 'Trenger hjelp med medisiner', channel: 'self' },
  decision: { summary: 'Hjemmesykepleie 3 timer i uka', goals: ['Klare medisinene selv'] },
  unitNames: { p1: 'Hjemmetjenesten Nord' },
};

const authority = { name: 'Testkommune', number: '0301' };

describe('the FHIR projection', () => {
  it('gives a decided case resources that validate against HL7’s R4 schema, linked request → goal → care plan → task', () => {
    const resources = everything(person, [decided], [{ id: '33333333-3333-4333-8333-333333333333', assessedOn: '2026-10-05', status: 'completed', scores: { eating: 2, memory: 4 }, diagnoses: [{ system: 'ICD-10', code: 'F03' }] }], authority);
    expect(resources.map((r) => r.resourceType).sort()).toEqual(['CarePlan', 'Condition', 'Goal', 'Observation', 'Patient', 'ServiceRequest', 'Task']);
    expect((resources.find((r) => r.resourceType === 'Condition') as Record<string, any>).code.coding[0]).toEqual({ system: 'urn:oid:2.16.578.1.12.4.1.1.7110', code: 'F03' });
    for (const r of resources) expect(validate(r), r.resourceType).toEqual([]);
    const bundle = searchset('https://tildel.example/api/v1/fhir', resources);
    expect(validate(bundle)).toEqual([]);
    const plan = resources.find((r) => r.resourceType === 'CarePlan') as Record<string, any>;
    expect(plan.author.display).toBe('Testkommune');
    expect(plan.activity[0].detail.performer[0].display).toBe('Hjemmetjenesten Nord');
    expect(plan.activity[0].detail.quantity).toMatchObject({ value: 3, code: 'h/wk' });
    expect(plan.goal).toEqual([{ reference: `Goal/${decided.caseId}-g1` }]);
    const task = resources.find((r) => r.resourceType === 'Task') as Record<string, any>;
    expect(task.basedOn).toEqual([{ reference: `CarePlan/${plan.id}` }]);
    expect(task.owner.display).toBe('Hjemmetjenesten Nord');
  });

  it('is caught by the validator when a resource breaks the schema (the check can fail)', () => {
    expect(validate({ resourceType: 'Patient', birthDate: '13.09.1972' } as never).length).toBeGreaterThan(0);
    expect(validate({ resourceType: 'Task', status: 'bogus', intent: 'order' } as never).join()).toContain('/status');
    expect(validate({ resourceType: 'CarePlan', status: 'active', intent: 'order', subject: { reference: 'Patient/x' }, extent: 3 } as never).join()).toContain('additional');
  });

  it('names the identity number by the no-basis system of its kind', () => {
    expect(patientOf(person).identifier).toEqual([{ use: 'official', system: FNR_SYSTEM, value: '13097248022' }]);
    expect(FNR_SYSTEM).toBe('urn:oid:2.16.578.1.12.4.1.4.1');
    expect(patientOf({ ...person, nationalId: '53097248016', nationalIdKind: 'dnr' }).identifier?.[0]?.system).toBe(DNR_SYSTEM);
    expect(DNR_SYSTEM).toBe('urn:oid:2.16.578.1.12.4.1.4.2');
  });

  it('leaves a protected address out and marks the record restricted', () => {
    const p = patientOf({ ...person, protectedAddress: true });
    expect(p.address).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain('Storgata');
    expect(p.meta?.security?.[0]?.code).toBe('R');
    expect(validate(p)).toEqual([]);
    expect(patientOf(person).address?.[0]?.line).toEqual(['Storgata 1']);
  });

  it('gives a provider that sees the case through its order the decision and the order, not the request or the diagnoses', () => {
    const types = everything(person, [{ ...decided, level: 'order' }], [{ id: '33333333-3333-4333-8333-333333333333', assessedOn: '2026-10-05', status: 'completed', scores: {}, diagnoses: [{ system: 'ICD-10', code: 'F03' }] }], authority).map((r) => r.resourceType);
    expect(types).not.toContain('ServiceRequest');
    expect(types).not.toContain('Condition');
    expect(types).toContain('CarePlan');
    expect(types).toContain('Task');
  });
});
