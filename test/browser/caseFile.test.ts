/**
 * The case file in real Chromium against the real server with the demo loaded (Bladal): a
 * caseworker opens a decided and ordered case and reads the person card, the request, the latest
 * assessment, the decision with its hours and goals and its reasons, the order, the letters (opens
 * one) and the timeline in bokmål, then in English and nynorsk with dates in that language; a case
 * without a decision or letters shows the empty states, and a protected address only to those who
 * handle the case; an unknown case id shows the error; the provider the case is ordered from sees
 * what the order needs (person, decision, its order with the practical details) and no history,
 * letters, request or assessment. The GP is recorded from the person card, refused by field first.
 * axe-core checks each state for serious or critical WCAG 2.1 AA violations.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;
/** Each test first builds its case over the API (one with a PDF letter): more than the default 30 s on a loaded machine. */
const SLOW = 90_000;

/** The short month name of today in Oslo in a locale, as the timeline writes it. */
const month = (locale: string) => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'Europe/Oslo' }).format(new Date());

const text = async (p: Page, testId: string) => (await p.getByTestId(testId).textContent()) ?? '';

describe.skipIf(!run)('the case file in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(43);

  /** A practical-help case in Bladal: assessed, decided (3 hours, a goal), its letter issued, ordered from Hjemmetjenesten Bladal, with a note. */
  async function decidedCase(office: Client, withGp = false) {
    const home = (await office.get('/api/v1/organisation')).body.units.find((u: any) => u.name === 'Hjemmetjenesten Bladal').id as string;
    const person = (
      await office.command('/api/v1/persons', { nationalId: nationalId('1936-06-06'), givenName: 'Signe', familyName: 'Saksmappe', addressLine: 'Storgata 2', postalCode: '2690', postalPlace: 'Bladal' })
    ).body;
    expect((await office.command(`/api/v1/persons/${person.id}/contacts`, { name: 'Tor Saksmappe', relation: 'relative', phone: '99887766' })).status).toBe(201);
    if (withGp) expect((await office.command(`/api/v1/persons/${person.id}/gp`, { name: 'Dr. Ola Fastlege', validFrom: '2020-01-01' })).status).toBe(201);
    let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'relative', receivedOn: norwegianDate(), description: 'Trenger hjelp med innkjøp og rengjøring' })).body;
    const step = async (action: unknown) => {
      const r = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      c = r.body;
    };
    await step({ type: 'assessment_started', payload: {} });
    await completeAssessment(office, person.id, { caseId: c.id });
    await step(decisionAction('practical_help', { hoursPerWeek: 3, goals: ['Handle selv med følge'], summary: 'Praktisk bistand til innkjøp og rengjøring' }));
    const letter = await office.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    c = (await office.get(`/api/v1/cases/${c.id}`)).body;
    await step({ type: 'service_arranged', payload: { providerUnitId: home, startOn: norwegianDate(), order: { tasks: [{ text: 'Rengjøring av bad og kjøkken' }], goals: [], practical: 'Nøkkel i nøkkelboks ved døra' } } });
    await step({ type: 'note_added', payload: { text: 'Sønnen ringte og bekreftet avtalen' } });
    return c;
  }

  it('lets the caseworker read the case file, open a letter, and read the timeline in bokmål, English and nynorsk', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = await decidedCase(office);
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    await p.getByTestId('case-file').waitFor();

    await expect.poll(() => text(p, 'person-card')).toContain('Storgata 2, 2690 Bladal');
    const person = await text(p, 'person-card');
    for (const part of ['Signe Saksmappe', ' år', 'Tor Saksmappe', 'pårørende', '99887766']) expect(person).toContain(part);
    expect(await p.getByTestId('protected-address').count()).toBe(0);

    // The GP: none yet; recorded from the card (a HER-id with letters is refused by field, in words), then shown.
    expect(await text(p, 'person-gp')).toContain('Ingen fastlege er registrert.');
    const gp = p.getByTestId('record-gp');
    await gp.getByText('Registrer fastlege').first().click();
    await gp.getByLabel('Fastlegens navn').fill('Dr. Lise Lege');
    await gp.getByLabel('Legekontor').fill('Bladal legesenter');
    await gp.getByLabel('HER-id').fill('HER1');
    await gp.getByRole('button', { name: 'Lagre fastlege' }).click();
    await gp.getByTestId('problem').waitFor();
    expect(await gp.getByTestId('problem').textContent()).toContain('HER-id');
    await gp.getByLabel('HER-id').fill('8123456');
    await gp.getByRole('button', { name: 'Lagre fastlege' }).click();
    await expect.poll(() => text(p, 'person-gp'), { timeout: 15_000 }).toContain('Dr. Lise Lege, Bladal legesenter, HER-id 8123456');

    const request = await text(p, 'request-panel');
    for (const part of ['Trenger hjelp med innkjøp og rengjøring', 'Pårørende', 'Camilla Ødegård', 'Praktisk bistand']) expect(request).toContain(part);

    await expect.poll(() => text(p, 'assessment-summary')).toContain('Å bo hjemme så lenge som mulig');
    expect(await text(p, 'assessment-summary')).toContain('Kari Kartlegger');

    const decisions = await text(p, 'decisions-read');
    for (const part of ['Innvilget', '3 timer per uke', 'Handle selv med følge', 'Praktisk bistand til innkjøp og rengjøring', 'Gjeldende', 'Vedtaksbrev sendt', 'Klageinstans', 'Statsforvalteren (pbrl. § 7-2)']) expect(decisions).toContain(part);
    // The letter is the notice the complaint deadline runs from: its day is shown, not "not sent yet".
    expect(decisions).not.toContain('Ikke sendt ennå');
    await expect.poll(() => text(p, 'decision-reasons')).toContain('hol §');

    await expect.poll(() => text(p, 'case-orders')).toContain('Venter på svar');
    const orders = await text(p, 'case-orders');
    for (const part of ['Hjemmetjenesten Bladal', 'Venter på svar', 'Rengjøring av bad og kjøkken', 'Nøkkel i nøkkelboks ved døra']) expect(orders).toContain(part);
    expect(await text(p, 'notes')).toContain('Sønnen ringte og bekreftet avtalen');
    await expect.poll(() => text(p, 'other-cases')).toContain(c.caseNumber);

    // Letters: the decision letter, opened as the stored PDF.
    const letters = p.getByTestId('letters');
    expect(await letters.textContent()).toContain('Vedtaksbrev');
    await expectAccessible(p, 'case-file');
    await letters.getByRole('button', { name: 'Åpne brevet' }).click();
    await p.getByTestId('letter-frame').waitFor();
    await letters.getByRole('button', { name: 'Lukk brevet' }).click();
    await p.getByTestId('letter-frame').waitFor({ state: 'detached' });

    // The timeline in bokmål: action words, dates with Norwegian month names, details in words.
    const timeline = p.getByTestId('timeline');
    const nb = (await timeline.textContent()) ?? '';
    for (const part of ['Historikk', 'Søknad mottatt', 'Vedtak fattet', 'Brev sendt', 'Vedtaksbrev', month('nb-NO'), 'Hjemmetjenesten Bladal', 'Innvilget: Praktisk bistand']) expect(nb).toContain(part);
    expect(nb).not.toMatch(/practical_help|decision_made|[0-9a-f]{8}-[0-9a-f]{4}-/);

    // English, then nynorsk: the same timeline in their words and dates.
    await p.getByLabel('Språk').selectOption('en');
    await p.getByRole('heading', { name: 'History' }).waitFor();
    const en = (await timeline.textContent()) ?? '';
    for (const part of ['Request received', 'Decision made', 'Letter issued', 'Decision letter', month('en-GB'), 'Granted']) expect(en).toContain(part);
    expect(await text(p, 'decisions-read')).toContain('3 hours per week');
    expect(await text(p, 'decisions-read')).toContain('Decision letter sent');
    expect(await text(p, 'decisions-read')).toContain('Complaint body');
    await expectAccessible(p, 'case-file-en');
    await p.getByLabel('Language').selectOption('nn');
    await p.getByRole('heading', { name: 'Historikk' }).waitFor();
    const nn = (await timeline.textContent()) ?? '';
    for (const part of ['Søknad motteken', 'Vedtak gjort', 'Innvilga', month('nn-NO')]) expect(nn).toContain(part);
    await expectAccessible(p, 'case-file-nn');
    await p.getByLabel('Språk').selectOption('nb');
  }, SLOW);

  it('shows the empty states of a case without decision or letters, a protected address only to who handles the case, and the error of an unknown case', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1941-04-04'), givenName: 'Tom', familyName: 'Tomsen', protectedAddress: true, addressLine: 'Hemmelig vei 1' })).body;
    const c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'safety_alarm', channel: 'self', receivedOn: norwegianDate(), description: 'Ønsker trygghetsalarm' })).body;
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    await p.getByTestId('case-file').waitFor();
    await p.getByTestId('letters').getByText('Ingen brev er sendt i saken.').waitFor();
    expect(await text(p, 'decisions-read')).toContain('Det er ikke fattet vedtak ennå.');
    await p.getByTestId('case-orders').getByText('Ingen bestillinger er sendt.').waitFor();
    await p.getByTestId('assessment-summary').getByText('Personen er ikke kartlagt ennå.').waitFor();
    await p.getByTestId('protected-address').waitFor();
    await p.getByTestId('other-cases').getByText('Personen har ingen andre saker du har tjenstlig behov for.').waitFor();
    expect(await p.getByTestId('decision-reasons').count()).toBe(0);
    // The caseworker handles the case, so the server gives the address; a leader reading for quality assurance does not, and is told it is protected.
    expect(await text(p, 'person-address')).toContain('Hemmelig vei 1');
    await expectAccessible(p, 'case-file-empty');
    const leader = await page();
    await logIn(leader, server.url, 'bladal', 'leder');
    await leader.goto(`${server.url}/#/cases/${c.id}`);
    await leader.getByTestId('protected-address').waitFor();
    expect(await text(leader, 'person-address')).toContain('Adressen er beskyttet');
    expect(await text(leader, 'case-file')).not.toContain('Hemmelig vei 1');

    await p.goto(`${server.url}/#/cases/00000000-0000-4000-8000-000000000000`);
    await p.getByRole('alert').getByText('Saken finnes ikke.').waitFor();
    await expectAccessible(p, 'case-file-unknown');
  }, SLOW);

  it('shows the provider what the order needs, and no history, letters, request or assessment', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = await decidedCase(office, true);
    const p = await page();
    await logIn(p, server.url, 'bladal', 'utforer');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    await p.getByRole('heading', { name: 'Du ser det bestillingen trenger' }).waitFor();
    await expect.poll(() => text(p, 'person-card')).toContain('Signe Saksmappe');
    expect(await text(p, 'person-card')).toContain('99887766');
    // The provider reads the GP (home nursing needs the doctor) but records none: that is the office's.
    expect(await text(p, 'person-gp')).toContain('Dr. Ola Fastlege');
    expect(await p.getByTestId('record-gp').count()).toBe(0);
    expect(await text(p, 'decisions-read')).toContain('3 timer per uke');
    await expect.poll(() => text(p, 'case-orders')).toContain('Nøkkel i nøkkelboks ved døra');
    for (const hidden of ['timeline', 'letters', 'request-panel', 'assessment-summary', 'decision-reasons', 'case-records', 'other-cases']) {
      expect(await p.getByTestId(hidden).count(), hidden).toBe(0);
    }
    expect(await p.getByRole('heading', { name: 'Historikk' }).count()).toBe(0);
    await expectAccessible(p, 'case-file-order');
  }, SLOW);
});
