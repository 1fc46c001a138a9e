/**
 * The workforce in the browser (issue 20 part 7): the administrator of a demo municipality records a
 * staff member's position from the staff page; the leader finds it in the workforce panel (seed 003
 * Table 5.1) with the definitions, and the continuity table's weighted mean is the API's. axe on each.
 */
import { describe, expect, it } from 'vitest';
import { Client } from '../helpers/api.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

describe.skipIf(!run)('the workforce in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(67);

  it('records a position as administrator and shows it to the leader in Table 5.1', async () => {
    const admin = await page();
    await logIn(admin, server.url, 'granvik', 'admin');
    const staffButton = admin.getByTestId('admin-sections').getByRole('button', { name: 'Ansatte' });
    await staffButton.click();
    const section = admin.getByTestId('admin-staff-positions');
    await section.getByLabel('Ansatt').selectOption({ index: 1 });
    await section.getByText('Ingen stillinger er registrert.').waitFor();
    const form = section.getByTestId('admin-record-position');
    await form.getByLabel('Enhet').selectOption({ index: 1 });
    await form.getByLabel('Yrkeskategori (tabell 5.1)').selectOption({ label: 'Helsefagarbeider' });
    await form.getByLabel('Stillingsprosent').fill('80');
    await form.getByLabel('Gjelder fra').fill('2024-03-01');
    await form.getByRole('button', { name: 'Registrer stilling' }).click();
    const row = section.getByTestId('admin-positions').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Helsefagarbeider');
    expect(await row.textContent()).toContain('80 %');
    await expectAccessible(admin, 'admin-staff-positions');

    const leader = await page();
    await logIn(leader, server.url, 'granvik', 'leder');
    const panel = leader.getByTestId('workforce-panel');
    await panel.getByLabel('Fra år').fill('2024');
    await panel.getByLabel('Til år').fill('2026');
    const fte = panel.getByTestId('workforce-fte');
    await fte.waitFor();
    const nurse = fte.locator('tbody tr', { hasText: 'Helsefagarbeider' });
    // The position holds on 1 December 2024, 2025 and 2026: 0.8 FTE each, no change.
    expect(await nurse.locator('td').allTextContents()).toEqual(['0,8', '0,8', '0,8', '0 %']);
    await panel.getByText('Definisjoner').click();
    await expect(panel.getByTestId('workforce-definitions').textContent()).resolves.toContain('L933–956');

    const api = await Client.login(server.url, 'granvik', 'leder', 'demo');
    const report = (await api.get('/api/v1/reports/workforce?from=2024&to=2026')).body;
    const weighted = panel.getByTestId('workforce-continuity').locator('tbody tr', { hasText: 'Snitt vektet etter brukere' });
    const shown = await weighted.locator('td').allTextContents();
    expect(shown).toEqual(report.continuity.map((y: { weightedByUsers: number | null }) => (y.weightedByUsers === null ? '–' : y.weightedByUsers.toLocaleString('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))));
    await expectAccessible(leader, 'leader-workforce');
  });
});
