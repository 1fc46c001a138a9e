/**
 * The main flows in real Chromium against the real server on a real PostgreSQL with the demo loaded:
 * register a request → assess → evaluate → decide → preview the letter (Bladal); the provider accepts
 * the order; a team adjustment within the frame and one refused outside it (Granvik, trust model).
 * an applicant applies for themself and for someone else and follows the case in plain words.
 * axe-core checks every view for serious or critical WCAG 2.1 AA violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { norwegianDate } from '../../src/app/clock.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, launch, logIn, required, screenshot, seriousViolations } from './browser.ts';

const run = available || required;

describe.skipIf(!run)('in the browser', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 31, asOf: new Date(), scale: 0.05 });
    server = await startServer(db);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  async function page(): Promise<Page> {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } });
    return context.newPage();
  }

  async function expectAccessible(p: Page, view: string): Promise<void> {
    await screenshot(p, view);
    expect(await seriousViolations(p), `axe on ${view}`).toEqual([]);
  }

  it('takes a request from registration to decision and letter preview, and the provider accepts the order', async () => {
    const p = await page();
    await p.goto(`${server.url}/`);
    await expectAccessible(p, 'login');
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await expectAccessible(p, 'work-queue');

    await p.getByRole('link', { name: 'Registrer søknad' }).click();
    await p.getByLabel('Fødselsnummer').fill(nationalId('1941-05-05'));
    await p.getByLabel('Fornavn').fill('Astri');
    await p.getByLabel('Etternavn').fill('Nettleser');
    await p.getByLabel('Tjeneste').selectOption('practical_help');
    await p.getByLabel('Hva søknaden gjelder').fill('Trenger hjelp til rengjøring og innkjøp');
    await expectAccessible(p, 'register');
    await p.getByRole('button', { name: 'Registrer' }).click();
    const receipt = p.getByTestId('receipt');
    await receipt.waitFor();
    const caseNumber = (await receipt.getByRole('link').textContent()) ?? '';
    expect(caseNumber).toMatch(/^\d{4}\/\d{5}$/);

    await receipt.getByRole('link').click();
    await p.getByRole('button', { name: 'Start kartlegging' }).click();
    await p.getByTestId('assessment').waitFor();
    await p.getByLabel('Alminnelig husarbeid').selectOption('4');
    await p.getByLabel('Skaffe seg varer og tjenester').selectOption('4');
    await p.getByLabel('Hva er viktig for deg?').fill('Å bo hjemme og ha det rent rundt meg');
    await p.getByRole('button', { name: 'Lagre kartlegging' }).click();
    await p.getByTestId('assessment').getByText('Lagret.').waitFor();
    await p.getByRole('button', { name: 'Vurder mot tildelingskriteriene' }).first().click();
    await expect.poll(() => p.getByTestId('verdict').textContent()).toBe('eligible');
    await expectAccessible(p, 'case-assessment');

    // The form rule applies before sending: practical help needs hours.
    const decision = p.getByTestId('decision');
    await decision.getByLabel('Hva vedtaket gir (med ord personen forstår)').fill('Du får hjelp til rengjøring og innkjøp to timer i uka.');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => decision.getByRole('alert').textContent()).toContain('Timer per uke må oppgis');
    await decision.getByLabel('Timer per uke').fill('2');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => p.getByTestId('case-status').getAttribute('data-state')).toBe('decided');

    await p.getByRole('button', { name: 'Forhåndsvis vedtaksbrev' }).click();
    const preview = p.locator('iframe[title="Forhåndsvisning av vedtaksbrev"]');
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    await expectAccessible(p, 'case-decision');

    // Headless Chromium's PDF viewer keeps the pointer while it is open; the caseworker closes the preview first.
    await p.getByRole('button', { name: 'Lukk forhåndsvisningen' }).click();
    await preview.waitFor({ state: 'detached' });
    await p.getByTestId('arrange').getByLabel('Utfører').selectOption({ label: 'Hjemmetjenesten Bladal' });
    await p.getByTestId('arrange').getByRole('button', { name: 'Send bestilling' }).click();
    await expect.poll(() => p.getByTestId('case-status').getAttribute('data-state')).toBe('service_arranged');
    expect(await p.getByTestId('case-status').textContent()).toBe('Tjenesten er bestilt');

    const provider = await page();
    await logIn(provider, server.url, 'bladal', 'utforer');
    await provider.getByRole('link', { name: 'Bestillinger' }).click();
    const card = provider.getByTestId(`order-${caseNumber}`);
    await card.waitFor();
    await expectAccessible(provider, 'orders');
    await card.getByRole('button', { name: 'Godta' }).click();
    await card.waitFor({ state: 'detached' });
    await p.reload();
    await p.getByText('order accepted').waitFor();
  });

  it('lets the team adjust within the frame and refuses an adjustment outside it (Granvik)', async () => {
    const api = await Client.login(server.url, 'granvik', 'saksbehandler', 'demo');
    const org = (await api.get('/api/v1/organisation')).body;
    const team = org.units.find((u: any) => u.name === 'Team Nord').id;
    const district = org.districts.find((d: any) => d.name === 'Granvik nord').id;
    const person = (await api.command('/api/v1/persons', { nationalId: nationalId('1937-07-07'), givenName: 'Olav', familyName: 'Ramme', districtId: district })).body;
    let c = (await api.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'gp', receivedOn: norwegianDate(), description: 'Hjemmesykepleie' })).body;
    const step = async (action: unknown) => {
      const r = await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      c = r.body;
    };
    await step({ type: 'assessment_started', payload: {} });
    await completeAssessment(api, person.id, { caseId: c.id });
    // A lawful frame decision (test/helpers/decisions.ts): the frame and its goals, until further notice, re-evaluated.
    await step(decisionAction('home_nursing', { form: 'frame', hoursPerWeek: 3, frame: { maxHoursPerWeek: 4, goals: ['Klare morgenstell selv'] }, validFrom: norwegianDate(), reevaluateBy: '2027-06-01', summary: 'Hjemmesykepleie innenfor en ramme' }));
    await step({ type: 'service_arranged', payload: { providerUnitId: team, startOn: norwegianDate() } });
    await step({ type: 'service_started', payload: { startedOn: norwegianDate() } });

    const p = await page();
    await logIn(p, server.url, 'granvik', 'ergoterapeut');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const adjust = p.getByTestId('adjust');
    await adjust.waitFor();
    await adjust.getByLabel('Timer per uke').fill('3.5');
    await adjust.getByLabel('Hva endres').fill('Ekstra kveldsbesøk i to uker');
    await adjust.getByRole('button', { name: 'Juster' }).click();
    await p.getByText('plan adjusted').waitFor();
    const again = p.getByTestId('adjust');
    await again.getByLabel('Timer per uke').fill('6');
    await again.getByLabel('Hva endres').fill('Daglig dusj');
    await again.getByRole('button', { name: 'Juster' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toContain('outside the frame');
    await expectAccessible(p, 'team-adjustment');
    const history = (await api.get(`/api/v1/cases/${c.id}/actions`)).body.filter((a: any) => a.type === 'plan_adjusted');
    expect(history.map((a: any) => a.payload.hoursPerWeek)).toEqual([3.5]);
  });

  it('shows the leader queue health, decisions, processing times and budget use with charts, in nynorsk and English too', async () => {
    const p = await page();
    await logIn(p, server.url, 'solstad', 'leder');
    await p.getByRole('heading', { name: 'Ledelse: køhelse' }).waitFor();
    expect(await p.locator('svg.chart rect').count()).toBeGreaterThan(0);
    await p.getByRole('heading', { name: 'Vedtak etter utfall og tjeneste' }).waitFor();
    const processing = p.getByTestId('processing-times');
    await processing.getByRole('table').waitFor();
    expect(await processing.textContent()).toContain('forvaltningsloven § 11 a annet ledd');
    const budget = p.getByTestId('budget');
    await budget.getByRole('table').waitFor();
    expect(await budget.getByRole('row').count()).toBeGreaterThan(1);
    // Queue by kind, decisions by outcome and by service, median days by service, budget used.
    await expect.poll(() => p.locator('svg.chart').count()).toBe(5);
    await expectAccessible(p, 'leader');
    await p.getByLabel('Språk').selectOption('nn');
    await p.getByRole('heading', { name: 'Leiing: køhelse' }).waitFor();
    expect(await p.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('nn');
    await p.getByLabel('Språk').selectOption('en');
    await p.getByRole('heading', { name: 'Leader: queue health' }).waitFor();
  });

  it('shows the search, team, board and provider views, each without serious axe violations', async () => {
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    // A saved view of the work queue: a filter under a name, applied again with one click.
    await p.getByLabel('Type oppgave').selectOption('assessment');
    await p.getByLabel('Navn på visningen').fill('Mine kartlegginger');
    await p.getByRole('button', { name: 'Lagre visning' }).click();
    await p.getByLabel('Type oppgave').selectOption('');
    await p.getByTestId('saved-views').getByRole('button', { name: 'Mine kartlegginger', exact: true }).click();
    expect(await p.getByLabel('Type oppgave').inputValue()).toBe('assessment');
    await p.reload();
    await p.getByTestId('saved-views').waitFor();
    await expectAccessible(p, 'work-queue-saved-view');
    await p.getByRole('link', { name: 'Søk', exact: true }).click();
    // A person of its own to search for, so this test does not lean on another's data.
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const person = await api.command('/api/v1/persons', { nationalId: nationalId('1947-04-04'), givenName: 'Sigve', familyName: 'Søkbar' });
    expect(person.status).toBe(201);
    await p.getByLabel('Navn eller fødselsnummer').fill('Søkbar');
    await p.getByRole('button', { name: 'Søk' }).click();
    await p.getByText('Sigve Søkbar').waitFor();
    await expectAccessible(p, 'search');

    const team = await page();
    await logIn(team, server.url, 'granvik', 'teamleder');
    await team.getByRole('link', { name: 'Team' }).click();
    await team.getByTestId('team-users').waitFor();
    // The team's users, each with the service-responsible person and primary contact columns.
    expect(await team.getByTestId('team-users').getByRole('row').count()).toBeGreaterThan(1);
    await team.getByTestId('team-users').getByRole('columnheader', { name: 'Tjenesteansvarlig' }).waitFor();
    // Continuity per user: Granvik's teams record their visits, so some user has a count this month.
    await expect.poll(async () => (await team.getByTestId('team-users').locator('tbody tr td:last-child').allTextContents()).some((c) => /^\d+$/.test(c))).toBe(true);
    await team.getByRole('heading', { name: 'Frister og mål som forfaller' }).waitFor();
    await expectAccessible(team, 'team');

    const board = await page();
    await logIn(board, server.url, 'vindnes', 'konsulent');
    await board.getByRole('link', { name: 'Tildelingsråd' }).click();
    await board.getByRole('heading', { name: 'Tildelingsrådet: møter, saksliste og protokoll' }).waitFor();
    await expect.poll(() => board.getByRole('heading', { name: /^Rådsmøte / }).count()).toBeGreaterThan(0);
    // Each agenda item summarises the case: number, person, service, status or decision.
    await expect.poll(async () => (await board.locator('ol[data-testid^="agenda-"] li').count()) > 0).toBe(true);
    expect(await board.locator('ol[data-testid^="agenda-"] li').first().textContent()).toMatch(/^\d{4}\/\d{5} \S+ .+ · .+ · /);
    await expectAccessible(board, 'board');

    const provider = await page();
    await logIn(provider, server.url, 'bladal', 'utforer');
    await provider.getByRole('link', { name: 'Utførers saker' }).click();
    await provider.getByTestId('provider-cases').waitFor();
    // Deliveries: performed against decided hours this month, from the visits the provider recorded.
    await expect.poll(async () => (await provider.getByTestId('provider-cases').locator('tbody tr td:nth-child(6)').allTextContents()).some((c) => /%\)$/.test(c))).toBe(true);
    await expectAccessible(provider, 'provider-cases');
  });

  it('lets an applicant apply for themself and for someone else, with a receipt and the status in plain words as the case moves', async () => {
    const p = await page();
    await p.goto(`${server.url}/`);
    await p.getByRole('link', { name: 'Søk om helse- og omsorgstjenester (for innbyggere)' }).click();
    await p.getByLabel('Kommune').selectOption('bladal');
    await p.getByRole('button', { name: 'Lag en testperson' }).click();
    await expect.poll(() => p.getByLabel('Fødselsnummer (11 siffer)').inputValue()).toMatch(/^\d{11}$/);
    await p.getByLabel('Fornavn').fill('Eli');
    await p.getByLabel('Etternavn').fill('Innbygger');
    await expectAccessible(p, 'citizen-login');
    await p.getByRole('button', { name: 'Logg inn' }).click();
    await p.getByText('Logget inn som Eli Innbygger').waitFor();

    await p.getByLabel('Tjeneste').selectOption('practical_help');
    await p.getByLabel('Hva trenger du hjelp til?').fill('Jeg klarer ikke å vaske og handle selv lenger');
    await p.getByLabel('Hva er viktig for deg i hverdagen?').fill('Å bo hjemme med hagen min');
    await p.getByRole('button', { name: 'Send søknaden' }).click();
    const caseNumber = (await p.getByTestId('citizen-case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^\d{4}\/\d{5}$/);
    const mine = p.getByTestId(`citizen-case-${caseNumber}`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Vi har fått søknaden');

    // For someone else: the authority is asked for, and a wrong identity number is named.
    await p.getByLabel('En annen som jeg har fullmakt for eller er verge for').check();
    await p.getByLabel('Fødselsnummer (11 siffer)').fill('12345678901');
    await p.getByLabel('Fornavn').fill('Jon');
    await p.getByLabel('Etternavn').fill('Far');
    await p.getByLabel('Grunnlag for å opptre på vegne av personen').selectOption('guardian');
    await p.getByLabel('Hva trenger du hjelp til?').fill('Far trenger trygghetsalarm');
    await p.getByLabel('Tjeneste').selectOption('safety_alarm');
    await expectAccessible(p, 'citizen-apply');
    await p.getByRole('button', { name: 'Send søknaden' }).click();
    await p.getByRole('alert').waitFor();
    expect(await p.getByRole('alert').textContent()).toContain('person.nationalId');
    await p.getByLabel('Fødselsnummer (11 siffer)').fill(nationalId('1936-01-20'));
    await p.getByRole('button', { name: 'Send søknaden' }).click();
    await expect.poll(() => p.getByTestId('citizen-cases').getByRole('listitem').count()).toBe(2);
    expect(await p.getByTestId('citizen-cases').textContent()).toContain('Søkt for Jon');
    await expectAccessible(p, 'citizen-cases');

    // The caseworker finds the application and starts the assessment; the applicant sees it in plain words.
    const caseworker = await page();
    await logIn(caseworker, server.url, 'bladal', 'saksbehandler');
    await caseworker.getByRole('link', { name: 'Søk', exact: true }).click();
    await caseworker.getByLabel('Navn eller fødselsnummer').fill('Innbygger');
    await caseworker.getByRole('button', { name: 'Søk' }).click();
    await caseworker.getByRole('link', { name: caseNumber }).click();
    await caseworker.getByText('Digital søknad (innbygger)').first().waitFor();
    await caseworker.getByRole('button', { name: 'Start kartlegging' }).click();
    await expect.poll(() => caseworker.getByTestId('case-status').getAttribute('data-state')).toBe('under_assessment');
    await p.reload();
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Vi kartlegger hva du trenger hjelp til');
  });
});
