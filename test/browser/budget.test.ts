/**
 * Budgets over the year in real Chromium (Solstad, purchaser–provider): the administrator sees the
 * budget section empty, sets a yearly frame for practical help with monthly phasing and a carry-over
 * rule, and finds it month by month and in the log of changes; a caseworker drafting a decision sees
 * the unit's forecast with and without the hours typed, as information only, and saves the decision.
 * axe-core checks the empty state, the frames, the forecast and the error state.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;
const year = Number(norwegianDate().slice(0, 4));

async function section(p: Page, name: string): Promise<void> {
  const button = p.getByTestId('admin-sections').getByRole('button', { name });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBe('true');
}

describe.skipIf(!run)('budgets over the year in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(61);

  it('lets the administrator set a yearly frame with phasing and carry-over, shown month by month and in the log', async () => {
    const p = await page();
    await logIn(p, server.url, 'solstad', 'admin');
    await p.getByRole('heading', { name: 'Organisasjon', level: 1 }).waitFor();
    await section(p, 'Budsjett');
    await p.getByTestId('budget-no-frames').waitFor({ timeout: 15_000 });
    await expectAccessible(p, 'admin-budget-empty');

    const add = p.getByTestId('budget-add-frame');
    await add.getByLabel('Enhet', { exact: true }).selectOption({ label: 'Tildelingskontoret' });
    await add.getByLabel('Tjeneste', { exact: true }).selectOption({ label: 'Praktisk bistand' });
    await add.getByLabel('Beløp for året (kr)').fill('1200000');
    await add.getByLabel('Egne andeler per måned').check();
    const shares = add.getByTestId('budget-shares');
    const percents = [10, 10, 10, 10, 10, 5, 5, 5, 10, 10, 10, 5];
    const months = ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'];
    for (const [i, m] of months.entries()) await shares.getByLabel(`${m} (%)`).fill(String(percents[i]));
    await add.getByLabel('Overføring ved årsslutt').selectOption({ label: 'Bare mindreforbruk' });
    await add.getByRole('button', { name: 'Sett ramme' }).click();

    const row = p.getByTestId('budget-frame-Tildelingskontoret');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Bare mindreforbruk');
    const monthly = await p.getByTestId('budget-months').getByRole('row').nth(1).textContent();
    expect(monthly?.replace(/\s/g, '')).toContain('60000kr');
    await expectAccessible(p, 'admin-budget');

    await section(p, 'Endringslogg');
    await p.getByTestId('change-budget_frame_set').first().waitFor({ timeout: 15_000 });
  }, 90_000);

  it('shows the caseworker the forecast with and without the hours typed, and saves the decision', async () => {
    const api = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    const person = (await api.command('/api/v1/persons', { nationalId: nationalId('1939-09-09'), givenName: 'Bodil', familyName: 'Budsjett' })).body;
    const c = (await api.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: norwegianDate(), description: 'Søknad om praktisk bistand' })).body;
    expect((await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).status).toBe(200);
    await completeAssessment(api, person.id, { caseId: c.id });

    const p = await page();
    await logIn(p, server.url, 'solstad', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const decision = p.getByTestId('decision');
    await decision.getByLabel('Timefestet').check();
    await decision.getByLabel('Timer per uke', { exact: true }).fill('5');
    const forecast = decision.getByTestId('budget-forecast');
    await expect.poll(() => forecast.textContent(), { timeout: 15_000 }).toContain('Prognose med dette vedtaket');
    expect(await forecast.textContent()).toContain(`Budsjett for enheten ${year}`);
    expect(await forecast.textContent()).toContain('Kun til informasjon');
    await expectAccessible(p, 'decision-budget-forecast');

    await decision.getByLabel('Hva vedtaket gir (med ord personen forstår)').fill('Du får praktisk bistand fem timer i uka.');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => p.getByTestId('case-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('decided');
  }, 90_000);

  it('shows an error when the year cannot be read, with a way to try again', async () => {
    const p = await page();
    await logIn(p, server.url, 'solstad', 'admin');
    await p.route(
      (url) => url.pathname === '/api/v1/budget',
      (route) => route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ type: 'urn:tildel:problem:internal', title: 'Internal error', status: 500, requestId: 'req-budget' }) }),
    );
    await p.getByRole('heading', { name: 'Organisasjon', level: 1 }).waitFor();
    await section(p, 'Budsjett');
    const alert = p.getByTestId('admin-budget').getByRole('alert').first();
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('req-budget');
    expect(await alert.getByRole('button', { name: 'Prøv igjen' }).count()).toBe(1);
    await expectAccessible(p, 'admin-budget-error');
  }, 90_000);
});
