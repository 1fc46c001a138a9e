/**
 * Access by need (tjenstlig behov) in real Chromium against the real server with the demo loaded
 * (Bladal): a provider's staff member opens a case they have no need for, is told so, opens it with
 * emergency access and a reason, and sees the case; a provider sees a case ordered from its unit as
 * the order's view, without the history; a leader reads for a stated purpose (quality assurance by
 * default, shown in the header and on the leader's view), finds the emergency access in
 * Tilgangskontroll and records a verdict. Someone applies for another person through the citizen
 * app, and the caseworker checks their authority (fvl § 12) before the case may be decided
 * (Granvik): a decision before it is refused. axe-core checks each view for serious or critical WCAG 2.1 AA violations.
 */
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

describe.skipIf(!run)('access by need in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(41);

  /** A request registered by the office: no unit but the office's has a need for it. */
  async function registered(office: Client, givenName: string) {
    const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1939-09-09'), givenName, familyName: 'Tilgang' })).body;
    const c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'gp', receivedOn: norwegianDate(), description: 'Praktisk bistand' })).body;
    expect(c.caseNumber, JSON.stringify(c)).toMatch(/^\d{4}\/\d{5}$/);
    return c;
  }

  it('tells a provider without need so, opens the case with emergency access, and a leader reviews it', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = await registered(office, 'Nødvendig');

    // A nursing home's staff member has no order and no other key to the case.
    const p = await page();
    await logIn(p, server.url, 'bladal', 'sykehjem');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    await p.getByRole('heading', { name: 'Du har ikke tjenstlig behov for denne saken' }).waitFor();
    expect(await p.getByRole('heading', { name: /^Sak / }).count()).toBe(0);
    const form = p.getByTestId('emergency-access');
    expect(await form.textContent()).toContain('varer i 4 timer');
    await form.getByLabel('Hvorfor trenger du tilgang nå?').fill('Haster');
    await form.getByRole('button', { name: 'Åpne med akuttilgang' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('minst 10 tegn');
    await expectAccessible(p, 'case-no-need');
    const reason = 'Personen ringte oss om fall i natt; saksbehandler er ikke å få tak i';
    await form.getByLabel('Hvorfor trenger du tilgang nå?').fill(reason);
    await form.getByRole('button', { name: 'Åpne med akuttilgang' }).click();
    await p.getByRole('heading', { name: `Sak ${c.caseNumber}: Nødvendig Tilgang` }).waitFor();
    await p.getByTestId('emergency-until').waitFor();
    await p.getByRole('heading', { name: 'Historikk' }).waitFor();
    await expectAccessible(p, 'case-emergency-access');

    // The leader reads for quality assurance unless they choose otherwise, and sees it said.
    const leader = await page();
    await logIn(leader, server.url, 'bladal', 'leder');
    await leader.getByRole('heading', { name: 'Ledelse: køhelse' }).waitFor();
    expect(await leader.getByLabel('Formål').inputValue()).toBe('quality_assurance');
    expect(await leader.getByTestId('purpose-recorded').textContent()).toContain('Kvalitetssikring');

    await leader.getByRole('link', { name: 'Tilgangskontroll' }).click();
    await leader.getByRole('heading', { name: 'Tilgangskontroll', level: 1 }).waitFor();
    const entry = leader.getByTestId(`emergency-${c.caseNumber}`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain(reason);
    expect(await entry.textContent()).toContain('Ikke gjennomgått');
    await leader.getByTestId('unusual-reading').getByText(/flere enn \d+ personer/).waitFor();
    await expectAccessible(leader, 'access-review');
    await entry.getByLabel('Begrunnet', { exact: true }).check();
    await entry.getByLabel('Hva gjennomgangen fant, og eventuell oppfølging').fill('Akutt behov; saksbehandler informert dagen etter.');
    await entry.getByRole('button', { name: 'Lagre gjennomgangen' }).click();
    await expect.poll(() => entry.textContent()).toContain('Gjennomgått av Kjell Rud');
    expect(await entry.textContent()).not.toContain('Ikke gjennomgått');
    await expectAccessible(leader, 'access-review-done');
    // The leader opens the case from the review, reading it for quality assurance.
    await entry.getByRole('link', { name: c.caseNumber }).click();
    await leader.getByRole('heading', { name: `Sak ${c.caseNumber}: Nødvendig Tilgang` }).waitFor();
    await leader.getByRole('heading', { name: 'Historikk' }).waitFor();
  });

  it('shows a provider the order’s view of a case ordered from its unit, without the history (Bladal)', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const home = (await office.get('/api/v1/organisation')).body.units.find((u: any) => u.name === 'Hjemmetjenesten Bladal').id;
    let c = await registered(office, 'Bestilt');
    const step = async (action: unknown) => {
      const r = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      c = r.body;
    };
    await step({ type: 'assessment_started', payload: {} });
    await completeAssessment(office, c.person.id, { caseId: c.id });
    await step(decisionAction('practical_help'));
    await step({ type: 'service_arranged', payload: { providerUnitId: home, startOn: norwegianDate() } });

    const p = await page();
    await logIn(p, server.url, 'bladal', 'utforer');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    await p.getByRole('heading', { name: `Sak ${c.caseNumber}: Bestilt Tilgang` }).waitFor();
    await p.getByTestId('order-access').getByRole('heading', { name: 'Du ser det bestillingen trenger' }).waitFor();
    await p.getByTestId('work-items').waitFor();
    // What the order does not give is not offered, so nothing is refused on the page.
    expect(await p.getByRole('heading', { name: 'Historikk' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Forhåndsvis vedtaksbrev' }).count()).toBe(0);
    expect(await p.getByRole('alert').count()).toBe(0);
    await expectAccessible(p, 'case-order-view');
  });

  it('lets the leader choose the purpose: persons for quality assurance, counts only for administration (Bladal)', async () => {
    const leaderApi = await Client.login(server.url, 'bladal', 'leder', 'demo');
    const health = (await leaderApi.request('GET', '/api/v1/reports/queue-health', undefined, { 'tildel-purpose': 'quality_assurance' })).body;
    // Without a purpose a leader reads no cases; the view states one on the leader's behalf.
    expect((await leaderApi.get('/api/v1/cases?limit=1')).body.total).toBe(0);
    const p = await page();
    await logIn(p, server.url, 'bladal', 'leder');
    const outdated = p.getByTestId('outdated-decisions');
    await outdated.getByRole('heading', { name: 'Mangler oppdatert vedtak' }).waitFor();
    if (health.outdatedDecisions.length > 0) {
      await outdated.getByRole('table').waitFor();
      expect(await outdated.getByRole('row').count()).toBe(Math.min(health.outdatedDecisions.length, 100) + 1);
    }
    // Decisions are counted from the cases the leader reads, so with the purpose there is something to count.
    const decisions = p.getByTestId('decisions');
    await expect.poll(() => decisions.locator('svg.chart rect').count()).toBeGreaterThan(0);
    await p.getByLabel('Formål').selectOption('administration');
    await expect.poll(() => p.getByTestId('purpose-recorded').textContent()).toContain('Administrasjon');
    await outdated.getByText('Med formålet Administrasjon ser du bare tall').waitFor();
    expect(await outdated.getByRole('table').count()).toBe(0);
    await decisions.getByTestId('decisions-counts-only').waitFor();
    expect(await decisions.locator('svg.chart').count()).toBe(0);
    // The choice lasts the tab's session, and English has words for it.
    await p.reload();
    expect(await p.getByLabel('Formål').inputValue()).toBe('administration');
    await p.getByLabel('Språk').selectOption('en');
    await p.getByTestId('purpose-recorded').getByText('Administration (counts only)').waitFor();
    await p.getByLabel('Purpose').selectOption('quality_assurance');
    await expect.poll(() => p.getByTestId('purpose-recorded').textContent()).toContain('Quality assurance');
  });

  it('asks the caseworker to check the authority of someone who applied for another person, and shows the outcome (Granvik)', async () => {
    const citizen = await page();
    await citizen.goto(`${server.url}/`);
    await citizen.getByRole('link', { name: 'Søk om helse- og omsorgstjenester (for innbyggere)' }).click();
    await citizen.getByLabel('Kommune').selectOption('granvik');
    await citizen.getByRole('button', { name: 'Lag en testperson' }).click();
    await expect.poll(() => citizen.getByLabel('Fødselsnummer (11 siffer)').inputValue()).toMatch(/^\d{11}$/);
    await citizen.getByLabel('Fornavn').fill('Kari');
    await citizen.getByLabel('Etternavn').fill('Verge');
    await citizen.getByRole('button', { name: 'Logg inn' }).click();
    await citizen.getByText('Logget inn som Kari Verge').waitFor();
    await citizen.getByLabel('En annen som jeg har fullmakt for eller er verge for').check();
    await citizen.getByLabel('Fødselsnummer (11 siffer)').fill(nationalId('1931-04-14'));
    await citizen.getByLabel('Fornavn').fill('Ragnhild');
    await citizen.getByLabel('Etternavn').fill('Fullmakt');
    await citizen.getByLabel('Grunnlag for å opptre på vegne av personen').selectOption('guardian');
    await citizen.getByLabel('Tjeneste').selectOption('safety_alarm');
    await citizen.getByLabel('Hva trenger du hjelp til?').fill('Mor faller ofte og trenger trygghetsalarm');
    await citizen.getByRole('button', { name: 'Send søknaden' }).click();
    const caseNumber = (await citizen.getByTestId('citizen-case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^\d{4}\/\d{5}$/);

    // A person without a district is routed to Innsatsteamet; its caseworker finds the check in the queue.
    const p = await page();
    await logIn(p, server.url, 'granvik', 'sykepleier');
    await p.getByLabel('Vis', { exact: true }).selectOption('my_units');
    await p.getByLabel('Type oppgave').selectOption('representative_check');
    const row = p.getByTestId(`queue-${caseNumber}-representative_check`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Fullmakt til kontroll');
    await row.getByRole('link', { name: caseNumber }).click();
    const check = p.getByTestId('representative-check');
    const pending = check.getByTestId('representative-check-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('Søknaden er sendt av en annen på vegne av personen: kontroller fullmakten før saken avgjøres.');
    expect(await pending.textContent()).toContain('Forvaltningsloven § 12');
    expect(await check.getByTestId('representative-sent-by').textContent()).toBe('Sendt av: Kari Verge (Verge)');
    // While the check is pending the decision says so, and the server refuses it naming the check.
    await p.getByRole('button', { name: 'Start kartlegging' }).click();
    const decision = p.getByTestId('decision');
    await decision.getByTestId('representative-check-first').waitFor();
    await decision.getByLabel('Hva vedtaket gir (med ord personen forstår)').fill('Du får trygghetsalarm.');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => decision.getByRole('alert').textContent()).toContain('Kontroll av fullmakt: oppfyller ikke kravet i forvaltningsloven § 12');

    // The outcome is chosen, never assumed; then the check is recorded and the outcome stays on the case.
    const form = check.getByTestId('representative-check-form');
    await form.getByLabel('Hva som ble kontrollert').fill('Vergemål for Ragnhild Fullmakt funnet, omfatter helse og omsorg.');
    await form.getByRole('button', { name: 'Registrer kontrollen' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Velg resultatet av kontrollen.');
    await expectAccessible(p, 'case-representative-check');
    await form.getByLabel('Fullmakten er bekreftet').check();
    await form.getByLabel('Hvordan fullmakten ble kontrollert').selectOption('guardianship_register');
    await form.getByRole('button', { name: 'Registrer kontrollen' }).click();
    const outcome = check.getByTestId('representative-check-outcome');
    await outcome.waitFor();
    expect(await check.getAttribute('data-outcome')).toBe('verified');
    expect(await outcome.textContent()).toContain('Fullmakten er kontrollert og bekreftet. Saken kan avgjøres.');
    expect(await outcome.textContent()).toContain('Oppslag i vergemålsregisteret: «Vergemål for Ragnhild Fullmakt funnet, omfatter helse og omsorg.» (Kontrollert av Jonas Haugen)');
    expect(await check.getByTestId('representative-check-form').count()).toBe(0);
    expect(await p.getByTestId('work-items').textContent()).not.toContain('Fullmakt til kontroll');
    expect(await p.getByTestId('representative-check-first').count()).toBe(0);
    await p.getByText('Fullmakt kontrollert').first().waitFor();
    await expectAccessible(p, 'case-representative-checked');
  });
});
