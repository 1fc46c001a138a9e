/**
 * The job runner on PostgreSQL: a deadline that has fallen due is raised as a reminder in the owner's
 * queue; one that fell due while the runner was stopped is raised as soon as it starts again; an
 * action that satisfies the deadline removes the reminder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { raiseDueDeadlinesEverywhere, startJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let caseworker: Client;
let runner: JobRunner | null = null;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  caseworker = await Client.login(env.server.url, m.id, 'caseworker');
});

afterAll(async () => {
  await runner?.stop();
});

async function requestReceived(daysAgo: number): Promise<any> {
  const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Frist', familyName: 'Passert' })).body;
  const r = await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'gp', receivedOn: addDays(norwegianDate(), -daysAgo), description: 'Søknad' });
  expect(r.status).toBe(201);
  const assigned = await caseworker.command(`/api/v1/cases/${r.body.id}/actions`, { expectedVersion: r.body.version, action: { type: 'owner_assigned', payload: { ownerStaffId: m.staff.caseworker } } });
  return { ...assigned.body, person };
}

async function reminderFor(caseId: string, timeoutMs = 15_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = (await caseworker.get('/api/v1/reminders?owner=me')).body.find((r: any) => r.caseId === caseId);
    if (hit || Date.now() > deadline) return hit ?? null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('deadline reminders', () => {
  it('raises a provisional-reply deadline that has fallen due into the owner’s queue', async () => {
    const due = await requestReceived(40);
    const fresh = await requestReceived(2);
    runner = await startJobRunner(env.db, { pollIntervalMs: 200 });
    const reminder = await reminderFor(due.id);
    expect(reminder).toMatchObject({ kind: 'provisional_reply', citation: 'forvaltningsloven § 11 a tredje ledd', owner: { id: m.staff.caseworker } });
    expect(await reminderFor(fresh.id, 500)).toBeNull();
  });

  it('raises at start a deadline that fell due while the runner was down', async () => {
    await runner?.stop();
    runner = null;
    const whileDown = await requestReceived(35);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await reminderFor(whileDown.id, 200)).toBeNull();
    runner = await startJobRunner(env.db, { pollIntervalMs: 200 });
    expect(await reminderFor(whileDown.id)).toMatchObject({ kind: 'provisional_reply' });
  });

  it('removes the reminder when a provisional reply is sent', async () => {
    const c = await requestReceived(45);
    // The runner's periodic pass (every minute) would raise it; run the same task now.
    expect(await raiseDueDeadlinesEverywhere(env.db)).toBeGreaterThanOrEqual(1);
    expect(await reminderFor(c.id, 200)).not.toBeNull();
    const sent = await caseworker.command(`/api/v1/cases/${c.id}/actions`, {
      expectedVersion: c.version,
      action: { type: 'provisional_reply_sent', payload: { sentOn: norwegianDate(), reason: 'Venter på epikrise fra sykehuset', expectedBy: addDays(norwegianDate(), 21) } },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(await reminderFor(c.id, 200)).toBeNull();
  });
});

describe('goal follow-up and escalation', () => {
  it('raises the follow-up of an assessment goal, and escalates a reminder left for more than a week', async () => {
    const c = await requestReceived(1);
    const assessed = await caseworker.command(`/api/v1/persons/${c.person.id}/assessments`, {
      caseId: c.id,
      complete: true,
      assessedOn: addDays(norwegianDate(), -20),
      whatMatters: 'Gå tur med hunden',
      goals: [{ text: 'Gå til postkassen selv', followUpOn: addDays(norwegianDate(), -3) }, { text: 'Handle selv', followUpOn: addDays(norwegianDate(), 30) }],
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(201);
    await raiseDueDeadlinesEverywhere(env.db);
    const reminder = await reminderFor(c.id, 200);
    expect(reminder).toMatchObject({ kind: 'goal_follow_up', dueOn: addDays(norwegianDate(), -3) });

    const leader = await Client.login(env.server.url, m.id, 'leader');
    expect((await leader.request('GET', '/api/v1/reports/queue-health', undefined, { 'tildel-purpose': 'quality_assurance' })).body.escalatedReminders.map((r: any) => r.caseId)).not.toContain(c.id);
    await env.db.owner.query(`UPDATE case_deadline SET raised_at = now() - interval '8 days' WHERE case_id = $1 AND kind = 'goal_follow_up'`, [c.id]);
    const report = (await leader.request('GET', '/api/v1/reports/queue-health', undefined, { 'tildel-purpose': 'quality_assurance' })).body;
    expect(report.escalatedReminders).toEqual([expect.objectContaining({ caseId: c.id, kind: 'goal_follow_up' })]);
  });
});
