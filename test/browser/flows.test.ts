/**
 * The main flows in real Chromium against the real server on a real PostgreSQL with the demo loaded:
 * register a request → assess → evaluate → decide → preview the letter (Bladal); the provider accepts
 * the order; a team adjustment within the frame and one refused outside it (Granvik, trust model).
 * an applicant applies for themself and for someone else and follows the case in plain words; a
 * caseworker answers a follow-up with a reasoned "no change" and asks the provider in a consultation,
 * which the provider finds in its work queue and answers, and a re-evaluation that reduces the hours
 * asks why no advance notice was given (Bladal); a request is answered with a low-threshold offer;
 * the team's open items count as the queue counts them (Granvik). Scarce places: places.test.ts.
 * axe-core checks every view for serious or critical WCAG 2.1 AA violations.
 */
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

describe.skipIf(!run)('in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(31);

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
    // The practical-help criteria's questions start unanswered (test/browser/assessment.test.ts).
    const answer = (question: string, choice: string) => p.getByRole('group', { name: question, exact: true }).getByLabel(choice, { exact: true }).check();
    await answer('Husstanden kan ikke dekke behovet selv', 'Ja');
    await answer('Annen voksen i husstanden kan utføre oppgavene', 'Nei');
    await answer('Hjelpemidler og tilrettelegging er ikke prøvd', 'Nei');
    await p.getByRole('button', { name: 'Lagre kartlegging' }).click();
    await p.getByTestId('assessment').getByText('Lagret.').waitFor();
    await p.getByRole('button', { name: 'Vurder mot tildelingskriteriene' }).first().click();
    await expect.poll(() => p.getByTestId('verdict').getAttribute('data-verdict')).toBe('eligible');
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
    await p.getByText('Bestilling godtatt').waitFor();
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
    await p.getByText('Tiltaksplan justert').waitFor();
    const again = p.getByTestId('adjust');
    await again.getByLabel('Timer per uke').fill('6');
    await again.getByLabel('Hva endres').fill('Daglig dusj');
    await again.getByRole('button', { name: 'Juster' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toContain('utenfor rammen');
    await expectAccessible(p, 'team-adjustment');
    const history = (await api.get(`/api/v1/cases/${c.id}/actions`)).body.filter((a: any) => a.type === 'plan_adjusted');
    expect(history.map((a: any) => a.payload.hoursPerWeek)).toEqual([3.5]);
  });

  it('shows the leader queue health, decisions, processing times, request outcomes, change reports by provider and budget use with charts, in nynorsk and English too', async () => {
    const p = await page();
    await logIn(p, server.url, 'solstad', 'leder');
    await p.getByRole('heading', { name: 'Ledelse: køhelse' }).waitFor();
    await expect.poll(() => p.locator('svg.chart rect').count()).toBeGreaterThan(0);
    await p.getByRole('heading', { name: 'Vedtak etter utfall og tjeneste' }).waitFor();
    // Users whose decision has run out or is past re-evaluation, and overdue items by kind, from the same list as the queue.
    await p.getByRole('heading', { name: 'Mangler oppdatert vedtak' }).waitFor();
    await p.getByTestId('overdue-by-kind').getByRole('table').waitFor();
    const processing = p.getByTestId('processing-times');
    await processing.getByRole('table').waitFor();
    expect(await processing.textContent()).toContain('forvaltningsloven § 11 a tredje ledd');
    const budget = p.getByTestId('budget');
    await budget.getByRole('table').waitFor();
    expect(await budget.getByRole('row').count()).toBeGreaterThan(1);
    // The charts are read against their reference lines, named in words too: the frame and the month.
    await budget.getByTestId('chart-reference').getByText('Rammen (100 %)').waitFor();
    expect(await budget.locator('svg.chart title').textContent()).toContain('Rammen (100 %): 100');
    expect(await processing.locator('svg.chart title').textContent()).toContain('Om lag én måned (fvl. § 11 a): 30');
    // How the requests were answered: a row per service and one for all, over the chosen period.
    const outcomes = p.getByTestId('request-outcomes');
    await outcomes.getByRole('heading', { name: 'Hvordan søknadene ble besvart' }).waitFor();
    await outcomes.getByRole('table').waitFor();
    expect(await outcomes.getByRole('row').count()).toBeGreaterThan(2);
    await outcomes.getByRole('row', { name: /Alle tjenester/ }).waitFor();
    await outcomes.getByLabel('Periode').selectOption('90');
    await outcomes.getByRole('table').or(outcomes.getByText('Ingen søknader er mottatt i perioden.')).waitFor();
    // Change reports per provider, asking for more against less: rows when the demo has any, else the empty state.
    const leaderApi = await Client.login(server.url, 'solstad', 'leder', 'demo');
    const balances = (await leaderApi.get('/api/v1/reports/change-reports/by-provider')).body;
    const byProvider = p.getByTestId('change-reports-by-provider');
    await byProvider.getByRole('heading', { name: 'Endringsmeldinger per utfører' }).waitFor();
    if (balances.length > 0) {
      await byProvider.getByRole('table').waitFor();
      expect(await byProvider.getByRole('row').count()).toBe(balances.length + 1);
    } else await byProvider.getByText('Ingen utførere har sendt endringsmeldinger.').waitFor();
    // Queue by kind, decisions by outcome and by service, median days by service, budget used.
    await expect.poll(() => p.locator('svg.chart').count()).toBe(5);
    await expectAccessible(p, 'leader');
    await p.getByLabel('Språk').selectOption('nn');
    await p.getByRole('heading', { name: 'Leiing: køhelse' }).waitFor();
    expect(await p.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('nn');
    await p.getByLabel('Språk').selectOption('en');
    await p.getByRole('heading', { name: 'Leader: queue health' }).waitFor();
    await p.getByRole('heading', { name: 'How the requests were answered' }).waitFor();
    await p.getByRole('heading', { name: 'Change reports by provider' }).waitFor();
  });

  it('lets the leader read the month’s delivery per decision a page at a time, narrowed to one provider, in English too', async () => {
    const p = await page();
    await logIn(p, server.url, 'granvik', 'leder');
    const leaderApi = await Client.login(server.url, 'granvik', 'leder', 'demo');
    const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' }).slice(0, 7);
    const read = async (query: string) => (await leaderApi.request('GET', `/api/v1/reports/delivery/page?month=${month}&${query}`, undefined, { 'tildel-purpose': 'quality_assurance' })).body;
    const first = await read('limit=10');
    expect(first.items.length).toBeGreaterThan(0);
    const delivery = p.getByTestId('delivery-report');
    await delivery.getByRole('heading', { name: 'Utført mot vedtatt tid per vedtak' }).waitFor();
    await delivery.getByTestId('delivery-page-size').selectOption('10');
    const rows = delivery.getByTestId('delivery-rows').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(first.items.length);
    expect(await rows.first().locator('td').first().textContent()).toBe(first.items[0].caseNumber);
    // "Vis flere" reads the next page after the last row shown (the demo's month has more than ten rows).
    expect(first.nextCursor).not.toBeNull();
    const second = await read(`limit=10&cursor=${first.nextCursor}`);
    await delivery.getByRole('button', { name: 'Vis flere' }).click();
    await expect.poll(() => rows.count()).toBe(first.items.length + second.items.length);
    expect(await rows.nth(first.items.length).locator('td').first().textContent()).toBe(second.items[0].caseNumber);
    // One provider: only its rows.
    const providerUnitId = first.items[0].providerUnitId as string;
    const own = await read(`limit=50&providerUnitId=${providerUnitId}`);
    await delivery.getByTestId('delivery-provider').selectOption(providerUnitId);
    await expect.poll(() => rows.count()).toBe(own.items.length);
    const providerName = (await rows.first().locator('td').nth(2).textContent()) ?? '';
    expect([providerName.length > 1, new Set(await rows.locator('td:nth-child(3)').allTextContents())]).toEqual([true, new Set([providerName])]);
    await expectAccessible(p, 'leader-delivery');
    await p.getByLabel('Språk').selectOption('en');
    await delivery.getByRole('heading', { name: 'Performed against decided time per decision' }).waitFor();
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
    // The team's open items are the queue's "Mine enheter": the same items, the same overdue count.
    const teamQueue = (await (await Client.login(server.url, 'granvik', 'teamleder', 'demo')).get('/api/v1/work-queue?owner=my_units')).body;
    expect(teamQueue.length).toBeGreaterThan(0);
    await expect.poll(() => team.getByTestId('team-open-count').textContent()).toBe(String(teamQueue.length));
    expect(await team.getByTestId('team-overdue-count').textContent()).toBe(String(teamQueue.filter((i: any) => i.overdue).length));
    await team.getByTestId('team-items').getByRole('link', { name: teamQueue[0].caseNumber }).first().waitFor();
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
    // Every case of the provider is counted: the rows read so far of all the unit's cases awaiting start or running.
    const utforer = await Client.login(server.url, 'bladal', 'utforer', 'demo');
    const totals = await Promise.all(['service_arranged', 'active'].map(async (status) => (await utforer.request('GET', `/api/v1/cases?status=${status}&limit=1`, undefined, { 'tildel-purpose': 'service_delivery' })).body.total as number));
    const rows = await provider.getByTestId('provider-cases').locator('tbody tr').count();
    expect(await provider.getByTestId('provider-cases-shown').textContent()).toBe(`Viser ${rows} / ${totals.reduce((a, n) => a + n, 0)}`);
    await expectAccessible(provider, 'provider-cases');
  });

  it('answers a follow-up with a reasoned "no change" and asks the provider in a consultation, which the provider answers from its queue (Bladal)', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const providerApi = await Client.login(server.url, 'bladal', 'utforer', 'demo');
    const home = (await office.get('/api/v1/organisation')).body.units.find((u: any) => u.name === 'Hjemmetjenesten Bladal').id;
    const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1938-08-08'), givenName: 'Gunnar', familyName: 'Drøftesen' })).body;
    let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'gp', receivedOn: norwegianDate(), description: 'Praktisk bistand' })).body;
    const step = async (client: Client, action: unknown) => {
      const r = await client.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      c = r.body;
    };
    await step(office, { type: 'assessment_started', payload: {} });
    await completeAssessment(office, person.id, { caseId: c.id });
    await step(office, decisionAction('practical_help'));
    await step(office, { type: 'service_arranged', payload: { providerUnitId: home, startOn: norwegianDate() } });
    await step(providerApi, { type: 'order_accepted', payload: { providerUnitId: home } });
    await step(providerApi, { type: 'service_started', payload: { startedOn: norwegianDate() } });
    // A rule's finding, as the job runner records it: a follow-up for the office, due in two weeks.
    const weeks = [{ weekStart: norwegianDate(), performedHours: 3, changePercent: 50 }];
    const summary = 'Utført tid har ligget 50 % over vedtaket i tre uker';
    await step(office, { type: 'follow_up_opened', payload: { kind: 'sustained_change', key: 'browser-test', dueOn: norwegianDate(new Date(Date.now() + 14 * 86_400_000)), summary, sustainedChange: { direction: 'increase', thresholdPercent: 20, decidedHoursPerWeek: 2, weeks } } });

    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const items = p.getByTestId('work-items');
    await items.getByRole('heading', { name: 'Åpne oppgaver' }).waitFor();
    const followUp = items.getByRole('listitem').filter({ hasText: 'Vedvarende endring i utført tid' });
    expect(await followUp.textContent()).toContain(summary);
    // The re-evaluation the decision set is on the case already, before it enters the queue.
    expect(await items.textContent()).toContain('Revurdering forfaller');
    await followUp.getByLabel('Ingen endring – begrunnelse').fill('Midlertidig økning etter sykehusopphold; ventes å gå tilbake');
    await followUp.getByRole('button', { name: 'Send svar' }).click();
    await followUp.waitFor({ state: 'detached' });
    await p.getByText('Oppfølging besvart').waitFor();

    const ask = p.getByTestId('consultation-request');
    expect(await ask.getByLabel('Hvilken utfører (valgfritt)').inputValue()).toBe(home);
    const question = 'Klarer dere to besøk i uka fra neste måned?';
    await ask.getByLabel('Spørsmål').fill(question);
    await ask.getByRole('button', { name: 'Send spørsmålet' }).click();
    const consultation = p.getByTestId('consultations').getByRole('listitem');
    await consultation.waitFor();
    await expect.poll(() => consultation.getByRole('heading', { level: 3 }).textContent()).toBe('Drøfting med Hjemmetjenesten Bladal Venter på svar');
    await expect.poll(() => items.getByRole('listitem').filter({ hasText: question }).textContent()).toContain('Hvem svarer: Hjemmetjenesten Bladal');
    // The one who asked does not answer their own question.
    expect(await p.getByTestId(/^consultation-answer-/).count()).toBe(0);
    await expectAccessible(p, 'case-consultation');

    // The provider finds the question in its unit's queue, with the date for the answer, and answers it on the case.
    const provider = await page();
    await logIn(provider, server.url, 'bladal', 'utforer');
    await provider.getByRole('link', { name: 'Arbeidsliste' }).click();
    await provider.getByLabel('Vis', { exact: true }).selectOption('my_units');
    await provider.getByLabel('Type oppgave').selectOption('consultation');
    const row = provider.getByTestId(`queue-${c.caseNumber}-consultation`);
    await row.waitFor();
    const answerBy = norwegianDate(new Date(Date.now() + 14 * 86_400_000));
    expect(await row.textContent()).toContain('Drøfting');
    expect(await row.textContent()).toContain('Hjemmetjenesten Bladal');
    expect(await row.textContent()).toContain(answerBy);
    await expectAccessible(provider, 'work-queue-consultation');
    await row.getByRole('link', { name: c.caseNumber }).click();
    const asked = provider.getByTestId('consultations').getByRole('listitem');
    await asked.getByText(question).waitFor();
    const answer = provider.getByTestId(/^consultation-answer-/);
    await answer.getByLabel('Svar').fill('Ja, fra mandag om to uker.');
    await answer.getByRole('button', { name: 'Send svar' }).click();
    await expect.poll(() => asked.getByRole('heading', { level: 3 }).textContent()).toContain('Besvart – venter på konklusjon');

    // The caseworker reads the answer and records what was agreed; the consultation closes.
    await p.reload();
    await expect.poll(() => consultation.textContent()).toContain('Svar: «Ja, fra mandag om to uker.» (Svart av Anne Sæther)');
    const conclude = p.getByTestId(/^consultation-conclude-/);
    await conclude.getByLabel('Ingen endring').check();
    await conclude.getByLabel('Hva dere ble enige om').fill('To besøk i uka innenfor vedtaket.');
    await conclude.getByRole('button', { name: 'Avslutt drøftingen' }).click();
    await p.getByTestId('consultations').getByText('Ingen åpne drøftinger.').waitFor();
    await p.getByText('Drøfting avsluttet').waitFor();

    // A re-evaluation that reduces the hours without an advance notice: the server names the field, and the form shows it there.
    c = (await office.get(`/api/v1/cases/${c.id}`)).body;
    await step(office, { type: 'reevaluation_started', payload: { cause: 'changed_need' } });
    await p.reload();
    const decision = p.getByTestId('decision');
    await decision.getByLabel('Delvis innvilget').check();
    await decision.getByLabel('Timer per uke').fill('1');
    await decision.getByLabel('Hva vedtaket gir (med ord personen forstår)').fill('Du får hjelp til rengjøring én time i uka.');
    await decision.getByLabel('Hovedhensyn i vurderingen').fill('Behovet for innkjøp dekkes av frivillige.');
    await decision.getByLabel('Henvis til').selectOption('voluntary');
    await decision.getByLabel('Navn på tilbudet').fill('Frivilligsentralen');
    await decision.getByLabel('Hva personen rådes til å gjøre').fill('Ta kontakt med Frivilligsentralen om handlehjelp.');
    const waived = decision.getByLabel('Grunn til at forhåndsvarsel ikke er gitt');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => waived.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(p, 'case-reevaluation-advance-notice');
    await waived.fill('Personen ba selv om færre timer i samtalen 1. desember.');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => p.getByTestId('decision-summary').textContent()).toContain('Delvis innvilget · 1 timer per uke');
    const decided = (await office.get(`/api/v1/cases/${c.id}/actions`)).body.filter((a: any) => a.type === 'decision_made').at(-1);
    expect(decided.payload.onwardReferral).toEqual({ to: 'voluntary', name: 'Frivilligsentralen', note: 'Ta kontakt med Frivilligsentralen om handlehjelp.' });
    expect(decided.payload.advanceNoticeWaivedReason).toContain('færre timer');
  });

  it('answers a request with a low-threshold offer the person accepted, without a decision, once both confirmations are ticked', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1985-03-03'), givenName: 'Siv', familyName: 'Lavterskel' })).body;
    let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'psychiatric_home_services', channel: 'self', receivedOn: norwegianDate(), description: 'Ønsker samtaler' })).body;
    const started = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    // Pathway 1 of "Sammen om mestring": the evaluation points to a low-threshold offer.
    const answers = { serious_problem: true, low_threshold_considered: true, help_necessary: true, consents: true, change_or_stability: true, right_provider: true, benefits: true, pathway: 1 };
    await completeAssessment(office, person.id, { caseId: c.id, answers });
    const evaluated = await office.command(`/api/v1/cases/${c.id}/evaluation`, {});
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
    c = (await office.get(`/api/v1/cases/${c.id}`)).body;
    expect(c.lastEvaluation?.lowThreshold, JSON.stringify(evaluated.body.evaluation)).toBe(true);

    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const form = p.getByTestId('low-threshold');
    await form.getByLabel('Tilbudet', { exact: true }).fill('Rask psykisk helsehjelp');
    await form.getByLabel('Personen har takket ja til tilbudet').check();
    await form.getByRole('button', { name: 'Besvar med tilbudet' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Må bekreftes');
    await expectAccessible(p, 'case-low-threshold');
    await form.getByLabel('Personen har fått vite at hen fortsatt kan be om et vedtak som kan påklages').check();
    await form.getByRole('button', { name: 'Besvar med tilbudet' }).click();
    await expect.poll(() => p.getByTestId('case-status').textContent()).toBe('Besvart med lavterskeltilbud');
    await p.getByTestId('work-items').getByText('Ingen åpne oppgaver på saken.').waitFor();
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
    expect(await p.getByRole('alert').textContent()).toContain('Noen opplysninger må rettes');
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
