/**
 * The case's lifecycle through the UI alone, in real Chromium against the real server with the demo
 * loaded (issue 16 §2: every action the API allows the signed-in role is reachable). The API sets a
 * case up and looks things up; each step under test is taken on the page:
 * - a caseworker takes a decided case through a complaint: registers it, the own review upholds the
 *   decision and forwards it to Statsforvalteren, and Statsforvalteren's outcome is registered; a
 *   refused case's own review reverses it with the new decision stated in full (Bladal);
 * - a provider records the start of the service on an accepted order (Bladal);
 * - the board plans a meeting, puts a case on the agenda, registers who is present, decides the case
 *   in the meeting and writes the minutes after (Vindnes);
 * - the person's choice of provider under user choice is recorded, the professional leader approves
 *   the decision, then the responsibles and a new owner are named (Solstad);
 * - a refused case is closed; the provider answers a complaint about the delivery; a running service
 *   is re-evaluated and ended (Bladal);
 * - a provisional reply is sent and the request is withdrawn (Bladal).
 * axe-core checks the states visited for serious or critical WCAG 2.1 AA violations.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;
/** How long a step may take to show on two busy cores (the default poll gives up after one second). */
const POLL = { timeout: 30_000 };
/** Each flow takes several pages and logins; on a busy machine it needs more than the default 30 seconds. */
const SLOW = 90_000;

/** A case set up over the API: registered, and taken through the given actions. */
async function caseWith(api: Client, born: string, givenName: string, serviceCode: string, steps: (c: any) => unknown[], assessed = true): Promise<any> {
  const person = (await api.command('/api/v1/persons', { nationalId: nationalId(born), givenName, familyName: 'Livsløp' })).body;
  let c = (await api.command('/api/v1/cases', { personId: person.id, serviceCode, channel: 'relative', receivedOn: norwegianDate(), description: 'Søknad om hjelp i hjemmet' })).body;
  if (assessed) {
    c = (await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    await completeAssessment(api, person.id, { caseId: c.id });
  }
  for (const action of steps(c)) {
    const r = await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    c = r.body;
  }
  return c;
}

const stateOf = (p: Page) => p.getByTestId('case-status').getAttribute('data-state');
/** The case's state once a form was sent, or the refusal the form shows (so a failed step says why). */
const stateAfter = async (p: Page, form: string) => {
  const problems = await p.getByTestId(form).getByTestId('problem').allTextContents();
  return problems.length > 0 ? `refused: ${problems.join(' | ')}` : stateOf(p);
};

describe.skipIf(!run)('the case lifecycle in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(41);

  it('takes a decided case through a complaint: registered, forwarded by the own review, resolved by Statsforvalteren (Bladal)', async () => {
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = await caseWith(api, '1940-03-03', 'Klara', 'practical_help', () => [decisionAction('practical_help')]);
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    await expect.poll(() => stateOf(p), POLL).toBe('decided');

    const complaint = p.getByTestId('complaint');
    await complaint.getByLabel('Hva klagen gjelder').fill('Klager på at det bare er innvilget to timer i uka');
    // It came by post: the postmark is recorded, since one posted by the deadline is in time (fvl § 30).
    const received = await complaint.getByLabel('Mottatt dato').inputValue();
    await complaint.getByLabel('Postlagt').fill(received);
    await complaint.getByRole('button', { name: 'Registrer klage' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('complaint_own_review');
    const registered = (await api.get(`/api/v1/cases/${c.id}/actions`)).body.find((a: { type: string }) => a.type === 'complaint_received');
    expect(registered.payload).toMatchObject({ receivedOn: received, postedOn: received });
    // Own review: both ways are offered, a reversal and forwarding to Statsforvalteren.
    await p.getByTestId('complaint-review').waitFor();
    const forward = p.getByTestId('complaint-forward');
    await expectAccessible(p, 'case-complaint-own-review');
    await forward.getByRole('button', { name: 'Send til Statsforvalteren' }).click();
    await expect.poll(() => forward.getByRole('alert').textContent(), POLL).toBeTruthy();
    expect(await stateOf(p)).toBe('complaint_own_review');
    await forward.getByLabel('Vurderingen og hvorfor vedtaket opprettholdes').fill('Behovet er dekket med to timer; vedtaket opprettholdes');
    await forward.getByRole('button', { name: 'Send til Statsforvalteren' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('complaint_with_statsforvalteren');

    const resolve = p.getByTestId('complaint-resolve');
    await resolve.getByLabel('Omgjort').check();
    await resolve.getByRole('group', { name: 'Nytt utfall' }).getByLabel('Delvis innvilget').check();
    await resolve.getByLabel('Hva Statsforvalteren kom fram til').fill('Statsforvalteren omgjør vedtaket delvis');
    await expectAccessible(p, 'case-complaint-statsforvalteren');
    await resolve.getByLabel('Stadfestet').check();
    await resolve.getByLabel('Hva Statsforvalteren kom fram til').fill('Statsforvalteren stadfester vedtaket');
    await resolve.getByRole('button', { name: 'Registrer avgjørelsen' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('decided');
    const types = (await api.get(`/api/v1/cases/${c.id}/actions`)).body.map((a: any) => a.type);
    expect(types.slice(-3)).toEqual(['complaint_received', 'complaint_forwarded', 'complaint_resolved']);
  }, SLOW);

  it("reverses a refusal on the own review with the new decision stated in full (Bladal)", async () => {
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = await caseWith(api, '1938-04-04', 'Rolf', 'practical_help', () => [
      decisionAction('practical_help', { outcome: 'refused', considerations: 'Behovet dekkes av husstanden' }),
      { type: 'complaint_received', payload: { complainant: 'person', receivedOn: norwegianDate(), summary: 'Klager på avslaget' } },
    ]);
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const review = p.getByTestId('complaint-review');
    await review.waitFor();
    await review.getByLabel('Hva som endres, og hvorfor').fill('Ny opplysning om helsen; behovet er større enn lagt til grunn');
    // Granting what was refused is a new decision: the form asks for it in full.
    await review.getByRole('region', { name: 'Det nye vedtaket' }).waitFor();
    await review.getByLabel('Timer per uke').fill('2');
    await review.getByLabel('Revurderes innen').fill(addDays(norwegianDate(), 180));
    await review.getByLabel('Hva som innvilges, med enkle ord for brevet').fill('Du får praktisk bistand to timer i uka.');
    await expectAccessible(p, 'case-complaint-reversal');
    await review.getByRole('button', { name: 'Endre vedtaket' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('decided');
    expect(await p.getByTestId('decision-summary').textContent()).toContain('Innvilget');
  }, SLOW);

  it('lets the provider record the start of the service on an accepted order (Bladal)', async () => {
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const org = (await api.get('/api/v1/organisation')).body;
    const provider = org.units.find((u: any) => u.name === 'Hjemmetjenesten Bladal').id;
    const c = await caseWith(api, '1936-05-05', 'Signe', 'practical_help', () => [decisionAction('practical_help'), { type: 'service_arranged', payload: { providerUnitId: provider, startOn: norwegianDate() } }]);
    const providerApi = await Client.login(server.url, 'bladal', 'utforer', 'demo');
    const accepted = await providerApi.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'order_accepted', payload: { providerUnitId: provider } } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const p = await page();
    await logIn(p, server.url, 'bladal', 'utforer');
    await p.getByRole('link', { name: 'Utførers saker' }).click();
    const start = p.getByTestId(`service-started-${c.caseNumber}`);
    await start.waitFor();
    await expectAccessible(p, 'provider-starts');
    await start.getByLabel('Dato tjenesten startet').fill(norwegianDate());
    await start.getByRole('button', { name: 'Registrer oppstart' }).click();
    await start.waitFor({ state: 'detached' });
    expect((await api.get(`/api/v1/cases/${c.id}`)).body.status).toBe('active');
  }, SLOW);

  it('lets the board plan a meeting, put a case on the agenda, decide it in the meeting and write the minutes after (Vindnes)', async () => {
    const api = await Client.login(server.url, 'vindnes', 'konsulent', 'demo');
    const c = await caseWith(api, '1935-06-06', 'Ragnar', 'practical_help', () => []);
    // A day no demo meeting has (the demo holds its meetings on the first of the month).
    const day = addDays(norwegianDate(), 9);
    const meetsOn = day.endsWith('-01') ? addDays(day, 1) : day;

    const p = await page();
    await logIn(p, server.url, 'vindnes', 'konsulent');
    await p.getByRole('link', { name: 'Tildelingsråd' }).click();
    const plan = p.getByTestId('plan-meeting');
    await plan.waitFor();
    await plan.getByLabel('Møtedato').fill(meetsOn);
    await plan.getByRole('button', { name: 'Planlegg møtet' }).click();
    const meeting = p.getByTestId(`meeting-${meetsOn}`);
    await meeting.waitFor();
    expect(await meeting.textContent()).toContain('Til stede: 0 / 3');

    const add = meeting.getByTestId(`agenda-add-${meetsOn}`);
    await add.getByLabel('Sak som venter på vedtak').selectOption({ label: `${c.caseNumber} Ragnar Livsløp · Praktisk bistand` });
    await add.getByRole('button', { name: 'Sett på sakslista' }).click();
    await meeting.getByTestId(`agenda-${meetsOn}`).getByRole('link', { name: c.caseNumber }).waitFor();
    await expectAccessible(p, 'board-planned');

    // The meeting opens: who is present; then the case can be decided in it.
    const attendance = meeting.getByTestId(`attendance-${meetsOn}`);
    for (const name of ['Torill Bakke', 'Arne Olsen', 'Mona Kristiansen']) await attendance.getByLabel(name).check();
    await attendance.getByRole('button', { name: 'Registrer hvem som er til stede' }).click();
    await expect.poll(() => meeting.textContent(), POLL).toContain('Til stede: 3 / 3');
    expect(await meeting.getByText('Planlagt').count()).toBeGreaterThan(0);

    await meeting.getByTestId(`agenda-${meetsOn}`).getByRole('link', { name: c.caseNumber }).click();
    const decision = p.getByTestId('decision');
    await decision.getByText(`Rådsmøte: ${meetsOn}`).waitFor();
    await decision.getByLabel('Protokollpunkt').fill('Sak 1');
    await decision.getByLabel('Timer per uke').fill('2');
    await decision.getByLabel('Hva vedtaket gir (med ord personen forstår)').fill('Du får praktisk bistand to timer i uka.');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('decided');

    await p.getByRole('link', { name: 'Tildelingsråd' }).click();
    const minutes = p.getByTestId(`minutes-${meetsOn}`);
    await minutes.waitFor();
    for (const name of ['Torill Bakke', 'Arne Olsen', 'Mona Kristiansen']) await minutes.getByLabel(name).check();
    await minutes.getByLabel('Protokoll').fill(`Sak 1: ${c.caseNumber} innvilget praktisk bistand to timer i uka.`);
    await minutes.getByRole('button', { name: 'Før protokoll' }).click();
    const held = p.getByTestId(`meeting-${meetsOn}`);
    await held.getByText('Holdt').waitFor();
    expect(await held.textContent()).toContain(`Protokoll: Sak 1: ${c.caseNumber}`);
    await expectAccessible(p, 'board-held');
    const decided = (await api.get(`/api/v1/cases/${c.id}`)).body;
    expect(decided.decision.outcome).toBe('granted');
  }, SLOW);

  it("records the person's choice of provider under user choice, the approval, the responsibles and a new owner (Solstad)", async () => {
    const api = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    const c = await caseWith(api, '1937-08-08', 'Brita', 'practical_help', () => [decisionAction('practical_help')]);
    const p = await page();
    await logIn(p, server.url, 'solstad', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);

    // Practical help is under user choice in Solstad: the approved providers are presented, and the person chooses one.
    const choice = p.getByTestId('provider-choice');
    await choice.getByLabel('Omsorg Privat AS').waitFor();
    expect(await choice.getByLabel('Omsorg Privat AS').isChecked()).toBe(true);
    await choice.getByLabel('Valgt leverandør').selectOption({ label: 'Omsorg Privat AS' });
    await expectAccessible(p, 'case-provider-choice');
    await choice.getByRole('button', { name: 'Registrer valget' }).click();
    await expect.poll(async () => (await api.get(`/api/v1/cases/${c.id}`)).body.providerChoice?.choice, POLL).toBe('provider');

    // A second, senior person approves the decision (Solstad's policy has the professional leader approve).
    const leader = await page();
    await logIn(leader, server.url, 'solstad', 'fagleder');
    await leader.goto(`${server.url}/#/cases/${c.id}`);
    const approve = leader.getByTestId('approve');
    await approve.getByLabel('Merknad (valgfri)').fill('Godkjent; i tråd med kriteriene');
    await approve.getByRole('button', { name: 'Godkjenn vedtaket' }).click();
    await approve.waitFor({ state: 'detached' });
    expect((await api.get(`/api/v1/cases/${c.id}`)).body.decision.approvedByStaffId).toBeTruthy();

    await p.reload();
    // The providers are loaded before one is chosen (the first is chosen when they come).
    await p.getByTestId('arrange').getByRole('option', { name: 'Omsorg Privat AS' }).waitFor({ state: 'attached' });
    await p.getByTestId('arrange').getByLabel('Utfører').selectOption({ label: 'Omsorg Privat AS' });
    await p.getByTestId('arrange').getByRole('button', { name: 'Send bestilling' }).click();
    await expect.poll(() => stateAfter(p, 'arrange'), POLL).toBe('service_arranged');

    const responsibles = p.getByTestId('responsibles');
    await responsibles.getByLabel('Tjenesteansvarlig').selectOption({ label: 'Trond Eide (Sykepleier)' });
    await responsibles.getByLabel('Primærkontakt').selectOption({ label: 'Geir Aas (Daglig leder)' });
    await responsibles.getByRole('button', { name: 'Lagre ansvarlige' }).click();
    await expect.poll(async () => (await api.get(`/api/v1/cases/${c.id}`)).body.serviceResponsibleStaffId, POLL).toBeTruthy();

    await p.getByText('Flere handlinger: saksbehandler, videresending og retting').click();
    const owner = p.getByTestId('owner');
    await owner.getByLabel('Saksbehandler', { exact: true }).selectOption({ label: 'Anders Vik (Sosionom)' });
    await expectAccessible(p, 'case-housekeeping');
    await owner.getByRole('button', { name: 'Lagre saksbehandler' }).click();
    await expect.poll(async () => (await api.get(`/api/v1/cases/${c.id}`)).body.owner?.name, POLL).toBe('Anders Vik');
  }, SLOW);

  it('closes a refused case; the provider answers a complaint about the delivery; a running service is re-evaluated and ended (Bladal)', async () => {
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const refused = await caseWith(api, '1934-09-09', 'Olga', 'practical_help', () => [decisionAction('practical_help', { outcome: 'refused', considerations: 'Behovet dekkes av husstanden' })]);
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${refused.id}`);
    const close = p.getByTestId('case-closed');
    await close.getByRole('button', { name: 'Avslutt saken' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('ended');

    const org = (await api.get('/api/v1/organisation')).body;
    const provider = org.units.find((u: any) => u.name === 'Hjemmetjenesten Bladal').id;
    const providerApi = await Client.login(server.url, 'bladal', 'utforer', 'demo');
    let running = await caseWith(api, '1933-10-10', 'Petter', 'practical_help', () => [decisionAction('practical_help'), { type: 'service_arranged', payload: { providerUnitId: provider, startOn: norwegianDate() } }]);
    for (const [client, action] of [
      [providerApi, { type: 'order_accepted', payload: { providerUnitId: provider } }],
      [providerApi, { type: 'service_started', payload: { startedOn: norwegianDate() } }],
      [api, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: norwegianDate(), summary: 'Hjelperne kommer for sent', concerns: 'delivery' } }],
    ] as const) {
      const r = await client.command(`/api/v1/cases/${running.id}/actions`, { expectedVersion: running.version, action });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      running = r.body;
    }
    // The complaint about the delivery goes to the provider, who answers it on the case.
    const q = await page();
    await logIn(q, server.url, 'bladal', 'utforer');
    await q.goto(`${server.url}/#/cases/${running.id}`);
    const answer = q.getByTestId('delivery-complaint-answer');
    await answer.getByLabel('Svaret til den som klaget').fill('Vi har endret ruten; besøkene kommer nå til avtalt tid');
    await expectAccessible(q, 'case-delivery-complaint');
    await answer.getByRole('button', { name: 'Registrer svaret' }).click();
    await answer.waitFor({ state: 'detached' });

    await p.goto(`${server.url}/#/cases/${running.id}`);
    await expect.poll(() => stateOf(p), POLL).toBe('active');
    const reevaluation = p.getByTestId('reevaluation');
    await reevaluation.getByLabel('Endret behov').check();
    await reevaluation.getByRole('button', { name: 'Start revurdering' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('under_reevaluation');
    const end = p.getByTestId('service-ended');
    await end.getByLabel('Flyttet').check();
    await expectAccessible(p, 'case-reevaluation');
    await end.getByRole('button', { name: 'Avslutt tjenesten' }).click();
    await expect.poll(async () => (await api.get(`/api/v1/cases/${running.id}/actions`)).body.map((a: any) => a.type), POLL).toContain('service_ended');
    const types = (await api.get(`/api/v1/cases/${running.id}/actions`)).body.map((a: any) => a.type);
    expect(types).toEqual(expect.arrayContaining(['delivery_complaint_answered', 'reevaluation_started', 'service_ended']));
  }, SLOW);

  it('sends a provisional reply and records that the request is withdrawn (Bladal)', async () => {
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = await caseWith(api, '1939-07-07', 'Vilde', 'practical_help', () => [], false);
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const reply = p.getByTestId('provisional-reply');
    await reply.waitFor();
    await reply.getByLabel('Vedtak kan ventes innen').fill(addDays(norwegianDate(), 45));
    await reply.getByLabel('Hvorfor søknaden ikke kan besvares ennå').fill('Vi venter på opplysninger fra fastlegen');
    await expectAccessible(p, 'case-provisional-reply');
    await reply.getByRole('button', { name: 'Registrer foreløpig svar' }).click();
    await expect.poll(async () => (await api.get(`/api/v1/cases/${c.id}/actions`)).body.map((a: any) => a.type), POLL).toContain('provisional_reply_sent');

    const withdraw = p.getByTestId('withdraw');
    await withdraw.getByLabel('Søkeren selv').check();
    await withdraw.getByLabel('Begrunnelse (valgfri)').fill('Søkeren ringte og trakk søknaden');
    await withdraw.getByRole('button', { name: 'Registrer at søknaden er trukket' }).click();
    await expect.poll(() => stateOf(p), POLL).toBe('withdrawn');
    await expect.poll(() => p.getByTestId('withdraw').count(), POLL).toBe(0);
    await expectAccessible(p, 'case-withdrawn');
  }, SLOW);
});
