/**
 * Recipients for the KOSTRA tests, made over the API the way a caseworker makes them: a person (born
 * on the day given), a case for the service, an IPLOS assessment where scores are given, and a
 * granted decision in force from today.
 */
import { expect } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { IPLOS_CODES } from '../../src/domain/assessment/iplos.ts';
import type { Client } from './api.ts';
import { lawfulDecision } from './decisions.ts';
import { nationalId } from './fixtures.ts';

/** The same score on every IPLOS variable. */
export const scoresOf = (score: number) => Object.fromEntries(IPLOS_CODES.map((v) => [v, score]));

async function act(client: Client, c: { id: string; version: number }, type: string, payload: unknown): Promise<{ id: string; version: number }> {
  const r = await client.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type, payload } });
  expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

export async function newPerson(client: Client, birthDate: string, name = 'Kostra', districtId?: string): Promise<string> {
  const p = await client.command('/api/v1/persons', { nationalId: nationalId(birthDate), givenName: name, familyName: 'Mottaker', ...(districtId ? { districtId } : {}) });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  return p.body.id;
}

export async function assessed(client: Client, personId: string, score: number, assessedOn: string): Promise<void> {
  const r = await client.command(`/api/v1/persons/${personId}/assessments`, { complete: true, assessedOn, scores: scoresOf(score), whatMatters: 'Å bo hjemme', participants: [{ name: 'Kari', profession: 'Sykepleier' }] });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/** A case for the service decided (granted unless the overrides say otherwise) by the caseworker. */
export async function decided(client: Client, ownerStaffId: string, personId: string, serviceCode: string, overrides: Parameters<typeof lawfulDecision>[1] = {}): Promise<void> {
  const r = await client.command('/api/v1/cases', { personId, serviceCode, channel: 'self', receivedOn: norwegianDate(), description: 'Søknad' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  let c = await act(client, r.body, 'owner_assigned', { ownerStaffId });
  c = await act(client, c, 'assessment_started', {});
  await act(client, c, 'decision_made', { ...lawfulDecision(serviceCode, overrides), withoutAssessmentReason: 'Testen' });
}

/** Runs the tasks `width` at a time (the server handles each in its own transaction). */
export async function inParallel(tasks: readonly (() => Promise<void>)[], width = 6): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      await (tasks[i] as () => Promise<void>)();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}
