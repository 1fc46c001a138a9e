/**
 * The applicant's own access log (innsynslogg, pasientjournalloven § 18) in real Chromium against
 * the real server on a real PostgreSQL with the demo loaded (Granvik): before anyone has seen the
 * applicant, the log says so; after they apply, the staff member who handles persons without a
 * district (Jonas Haugen, Innsatsteamet) finds them and reads the case, and a caseworker without a
 * need opens it with emergency access; the applicant sees both, in plain words, the emergency access
 * with its reason. A failed load says so and can be tried again; nynorsk and English too.
 * axe-core checks each state for serious or critical WCAG 2.1 AA violations.
 */
import { describe, expect, it } from 'vitest';
import { Client } from '../helpers/api.ts';
import { available, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;
const REASON = 'Hjemmesykepleien fant henne forvirret, og Innsatsteamet var ikke å nå';

describe.skipIf(!run)('the applicant’s access log in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(37);

  /** The staff side: finds the applicant by national identity number and reads the case history. */
  async function staffReadsTheCase(nationalId: string): Promise<string> {
    const nurse = await Client.login(server.url, 'granvik', 'sykepleier', 'demo');
    const found = await nurse.post('/api/v1/persons/search', { nationalId });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const cases = await nurse.get(`/api/v1/cases?personId=${found.body[0].id}`);
    expect(cases.status, JSON.stringify(cases.body)).toBe(200);
    const caseId: string = cases.body.items[0].id;
    const history = await nurse.get(`/api/v1/cases/${caseId}/actions`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    return caseId;
  }

  it('shows the applicant who has seen their information, when and why, emergency access with its reason', async () => {
    const p = await page();
    await p.goto(`${server.url}/`);
    await p.getByRole('link', { name: 'Søk om helse- og omsorgstjenester (for innbyggere)' }).click();
    await p.getByLabel('Kommune').selectOption('granvik');
    await p.getByRole('button', { name: 'Lag en testperson' }).click();
    const idField = p.getByLabel('Fødselsnummer (11 siffer)');
    await expect.poll(() => idField.inputValue()).toMatch(/^\d{11}$/);
    const nationalId = await idField.inputValue();
    await p.getByLabel('Fornavn').fill('Sigrid');
    await p.getByLabel('Etternavn').fill('Innsyn');
    await p.getByRole('button', { name: 'Logg inn' }).click();
    await p.getByText('Logget inn som Sigrid Innsyn').waitFor();

    // No one has seen a person the municipality does not know yet.
    const log = p.getByRole('region', { name: 'Hvem har sett opplysningene dine' });
    await log.getByText('Ingen har sett opplysningene dine ennå.').waitFor();
    await expectAccessible(p, 'citizen-access-log-empty');

    await p.getByLabel('Tjeneste').selectOption('practical_help');
    await p.getByLabel('Hva trenger du hjelp til?').fill('Jeg klarer ikke å handle og vaske selv lenger');
    await p.getByRole('button', { name: 'Send søknaden' }).click();
    const caseNumber = (await p.getByTestId('citizen-case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^\d{4}\/\d{5}$/);

    const caseId = await staffReadsTheCase(nationalId);
    // A caseworker in another district has no need for the case, and opens it with emergency access.
    const other = await Client.login(server.url, 'granvik', 'saksbehandler', 'demo');
    const emergency = await other.command(`/api/v1/cases/${caseId}/emergency-access`, { reason: REASON });
    expect(emergency.status, JSON.stringify(emergency.body)).toBe(201);

    await p.reload();
    const table = p.getByTestId('citizen-access-log');
    await table.waitFor();
    const readRow = table.getByRole('row').filter({ hasText: 'Jonas Haugen' }).filter({ hasText: 'Så på opplysningene dine' });
    await expect.poll(() => readRow.count()).toBeGreaterThan(0);
    expect(await readRow.first().textContent()).toContain('For å behandle saken din');
    expect(await readRow.first().getByRole('cell').first().textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    await table.getByRole('row').filter({ hasText: 'Jonas Haugen' }).filter({ hasText: 'Fant deg i et søk' }).first().waitFor();

    const emergencyRow = table.locator('tr[data-operation="emergency"]');
    expect(await emergencyRow.count()).toBe(1);
    expect(await emergencyRow.textContent()).toContain('Kari Nordmo');
    expect(await emergencyRow.textContent()).toContain('Akuttilgang');
    expect(await emergencyRow.getByTestId('emergency-reason').textContent()).toBe(`Begrunnelse: «${REASON}»`);
    // Newest first: the emergency access came last.
    expect(await table.locator('tbody tr').first().getAttribute('data-operation')).toBe('emergency');
    await expectAccessible(p, 'citizen-access-log');

    await p.getByLabel('Språk').selectOption('nn');
    await p.getByRole('heading', { name: 'Kven har sett opplysningane dine' }).waitFor();
    expect(await readRow.count()).toBe(0);
    await table.getByRole('row').filter({ hasText: 'Såg på opplysningane dine' }).first().waitFor();
    expect(await emergencyRow.getByTestId('emergency-reason').textContent()).toBe(`Grunngiving: «${REASON}»`);
    await p.getByLabel('Språk').selectOption('en');
    await p.getByRole('heading', { name: 'Who has seen your information' }).waitFor();
    expect(await emergencyRow.textContent()).toContain('Emergency access');
    expect(await table.textContent()).toContain('To handle your case');
    await expectAccessible(p, 'citizen-access-log-en');
  });

  it('says so when the log cannot be fetched, and fetches it again on request', async () => {
    const p = await page();
    await p.goto(`${server.url}/#/innbygger`);
    await p.getByLabel('Kommune').selectOption('granvik');
    await p.getByRole('button', { name: 'Lag en testperson' }).click();
    await expect.poll(() => p.getByLabel('Fødselsnummer (11 siffer)').inputValue()).toMatch(/^\d{11}$/);
    await p.getByLabel('Fornavn').fill('Feil');
    await p.getByLabel('Etternavn').fill('Henting');
    await p.route('**/api/v1/citizen/access-log', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'urn:tildel:problem:unavailable', title: 'Unavailable', status: 503 }) }));
    await p.getByRole('button', { name: 'Logg inn' }).click();
    const log = p.getByRole('region', { name: 'Hvem har sett opplysningene dine' });
    const alert = log.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Vi fikk ikke hentet oversikten akkurat nå');
    await expectAccessible(p, 'citizen-access-log-error');

    await p.unroute('**/api/v1/citizen/access-log');
    await alert.getByRole('button', { name: 'Prøv igjen' }).click();
    await log.getByText('Ingen har sett opplysningene dine ennå.').waitFor();
    expect(await log.getByRole('alert').count()).toBe(0);
  });
});
