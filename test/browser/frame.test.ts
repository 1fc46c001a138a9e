/**
 * A frame decision in the browser (Granvik, trust model): the team leader decides home nursing as a
 * frame with its maximum and goals (the form asks for both before sending), and the team page shows
 * the frame's maximum and goals on the user's row; an adjustment beyond the frame is refused in the
 * user's language by the rule's own words (outside_frame), not the server's English. The team page's
 * deadlines are the team's reminders read a page at a time (GET /reminders/page), as the API gives them.
 */
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { raiseDueDeadlinesEverywhere } from '../../src/jobs/runner.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { inBrowser } from './suite.ts';

const run = available || required;

describe.skipIf(!run)('a frame decision in the browser', () => {
  // The demo, with the deadlines of the coming year raised as the job runner would raise them as they fall due.
  const { server, page, expectAccessible } = inBrowser(async (db) => {
    await loadDemo(db, { seed: 43, asOf: new Date(), scale: 0.2 });
    await raiseDueDeadlinesEverywhere(db, addDays(norwegianDate(), 365));
  });

  it('lets the team leader decide a frame with its maximum and goals, and shows them on the team page', async () => {
    const api = await Client.login(server.url, 'granvik', 'saksbehandler', 'demo');
    const org = (await api.get('/api/v1/organisation')).body;
    const district = org.districts.find((d: { name: string }) => d.name === 'Granvik nord').id;
    const person = (await api.command('/api/v1/persons', { nationalId: nationalId('1936-06-06'), givenName: 'Ragnhild', familyName: 'Rammevedtak', districtId: district })).body;
    const c = (await api.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'gp', receivedOn: norwegianDate(), description: 'Hjemmesykepleie etter utskrivning' })).body;
    expect((await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).status).toBe(200);
    await completeAssessment(api, person.id, { caseId: c.id });

    const p = await page();
    await logIn(p, server.url, 'granvik', 'teamleder');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const decision = p.getByTestId('decision');
    await decision.getByLabel('Ramme med mål').check();
    const frame = decision.getByTestId('frame');
    await frame.waitFor();
    await decision.getByLabel('Hva vedtaket gir (med ord personen forstår)').fill('Du får hjemmesykepleie innenfor en ramme på fire timer i uka.');
    // The form asks for the frame's maximum and goals before sending.
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => decision.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('Oppgi høyeste omfang i timer per uke.');
    expect(await decision.getByRole('alert').textContent()).toContain('Et rammevedtak må ha minst ett mål.');
    await frame.getByLabel('Høyeste omfang (timer per uke)').fill('4');
    await frame.getByLabel('Mål satt sammen med personen (ett per linje)').fill('Klare morgenstellet selv\nTa medisinene til riktig tid');
    await frame.getByLabel('Timer per uke i tiltaksplanen ved oppstart (valgfritt, høyst rammen)').fill('3');
    await expectAccessible(p, 'case-frame-decision');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => p.getByTestId('case-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('decided');

    // The case's decisions (case/DecisionRead.tsx) read the frame's maximum and goals.
    await expect.poll(() => p.getByTestId('decisions-read').textContent(), { timeout: 10_000 }).toContain('Ta medisinene til riktig tid');
    const decided = (await api.get(`/api/v1/cases/${c.id}`)).body.decision;
    expect(decided).toMatchObject({ form: 'frame', hoursPerWeek: 3, frame: { maxHoursPerWeek: 4, goals: ['Klare morgenstellet selv', 'Ta medisinene til riktig tid'] } });

    await p.getByRole('link', { name: 'Team', exact: true }).click();
    const row = p.getByTestId(`team-user-${c.caseNumber}`);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toContain('4');
    expect(cells).toContain('Klare morgenstellet selv; Ta medisinene til riktig tid');
    await expectAccessible(p, 'team-frame');

    // Arranged and started, the team adjusts within the frame; beyond it the refusal names the rule in words.
    const team = org.units.find((u: { name: string }) => u.name === 'Team Nord').id;
    let version = (await api.get(`/api/v1/cases/${c.id}`)).body.version;
    for (const action of [{ type: 'service_arranged', payload: { providerUnitId: team, startOn: norwegianDate() } }, { type: 'service_started', payload: { startedOn: norwegianDate() } }]) {
      const r = await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: version, action });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version;
    }
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const adjust = p.getByTestId('adjust');
    await adjust.getByLabel('Timer per uke').fill('6');
    await adjust.getByLabel('Hva endres').fill('Daglig dusj');
    await adjust.getByRole('button', { name: 'Juster' }).click();
    const refusal = adjust.getByTestId('problem');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('Endringen går utenfor rammen i vedtaket.');
    expect(await refusal.textContent()).not.toMatch(/outside|frame|hours/i);
    await p.getByLabel('Språk').selectOption('en');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('The change goes beyond the decision’s frame.');
  });

  it("shows the team's deadlines a page at a time, as the API gives them", async () => {
    const api = await Client.login(server.url, 'granvik', 'teamleder', 'demo');
    const first = (await api.get('/api/v1/reminders/page?owner=my_units&limit=50')).body;
    expect(first.items.length, 'the demo raises reminders for the team').toBeGreaterThan(0);
    const p = await page();
    await logIn(p, server.url, 'granvik', 'teamleder');
    await p.getByRole('link', { name: 'Team', exact: true }).click();
    const due = p.getByTestId('team-due');
    await expect.poll(() => due.getByRole('listitem').count(), { timeout: 10_000 }).toBe(first.items.length);
    const shown = await due.getByRole('link').allTextContents();
    expect(shown).toEqual(first.items.map((r: { caseNumber: string }) => r.caseNumber));
    // Ten a page: the team has more than ten.
    const ten = (await api.get('/api/v1/reminders/page?owner=my_units&limit=10')).body;
    expect(ten.nextCursor, `the team has more than a page of ten reminders (${first.items.length})`).not.toBeNull();
    const second = (await api.get(`/api/v1/reminders/page?owner=my_units&limit=10&cursor=${ten.nextCursor}`)).body;
    await due.getByTestId('due-page-size').selectOption('10');
    await expect.poll(() => due.getByRole('listitem').count(), { timeout: 10_000 }).toBe(10);
    // "Vis flere" reads the next page after the first's last reminder.
    await due.getByTestId('queue-load-more').click();
    await expect.poll(() => due.getByRole('listitem').count(), { timeout: 10_000 }).toBe(10 + second.items.length);
    expect(await due.getByRole('link').allTextContents()).toEqual([...ten.items, ...second.items].map((r: { caseNumber: string }) => r.caseNumber));
    await expectAccessible(p, 'team-due');
  });
});
