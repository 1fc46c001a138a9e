/**
 * The national figures in the browser (issue 20 part 5): the administrator of a demo municipality
 * (Granvik) finds no population yet, is told what is wrong with a line it cannot read and with a
 * missing source, and records the inhabitants by age; the leader then finds the KOSTRA panel with
 * the population it divides by, the service profile per 1,000 inhabitants as the API computes it,
 * and each indicator's definition and source. axe on each state.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { decided, newPerson } from '../helpers/kostra.ts';
import { available, download, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;
const year = Number(norwegianDate().slice(0, 4));
const GROUPS = { young: 4200, middle: 600, old: 200 };

async function section(p: Page, name: string): Promise<void> {
  const button = p.getByTestId('admin-sections').getByRole('button', { name });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBe('true');
}

describe.skipIf(!run)('the national figures (KOSTRA) in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(61);

  it('lets the administrator record the population by age, and shows the leader the figures with their definitions (Granvik)', async () => {
    const p = await page();
    await logIn(p, server.url, 'granvik', 'admin');
    await p.getByRole('heading', { name: 'Organisasjon', level: 1 }).waitFor();
    await section(p, 'Innbyggere');
    const admin = p.getByTestId('admin-population');
    await admin.getByTestId('population-empty').waitFor();
    await expectAccessible(p, 'admin-population-empty');

    const form = p.getByTestId('population-form');
    await form.getByLabel('År (per 1. januar)').fill(String(year));
    await form.getByLabel('Innbyggere 0–66 år').fill(String(GROUPS.young));
    await form.getByLabel('Innbyggere 67–79 år').fill(String(GROUPS.middle));
    await form.getByLabel('Innbyggere 80 år og over').fill(String(GROUPS.old));
    // A line that cannot be read is named before anything is sent.
    await form.getByLabel(/Eller ettårige aldre/).fill('0 50\nfemti');
    await form.getByRole('button', { name: 'Registrer innbyggertall' }).click();
    await form.getByText('Linje 2 kan ikke leses').waitFor();
    await form.getByLabel(/Eller ettårige aldre/).fill('');
    // Without a source the server refuses and the form names the field.
    await form.getByRole('button', { name: 'Registrer innbyggertall' }).click();
    const problem = form.getByTestId('problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('Kilde');
    await expectAccessible(p, 'admin-population-refused');
    await form.getByLabel('Kilde', { exact: true }).fill(`SSB 07459, 1.1.${year}`);
    await form.getByRole('button', { name: 'Registrer innbyggertall' }).click();
    const list = admin.getByTestId('population-list');
    const total = GROUPS.young + GROUPS.middle + GROUPS.old;
    await list.getByText(total.toLocaleString('nb-NO')).waitFor();
    await expect(list.textContent()).resolves.toContain(`SSB 07459, 1.1.${year}`);
    await expectAccessible(p, 'admin-population');

    // Five safety alarms granted through the API: a row with enough recipients to be shown.
    const office = await Client.login(server.url, 'granvik', 'saksbehandler', 'demo');
    const me = (await office.get('/api/v1/me')).body.staffId as string;
    const north = (await office.get('/api/v1/organisation')).body.districts.find((d: { name: string }) => d.name === 'Granvik nord').id as string;
    for (let i = 0; i < 5; i += 1) await decided(office, me, await newPerson(office, '1938-04-04', `Alarm${i}`, north), 'safety_alarm');

    // The leader: the panel divides by the population entered, and shows the API's figures.
    const leader = await page();
    await logIn(leader, server.url, 'granvik', 'leder');
    const panel = leader.getByTestId('kostra-panel');
    await panel.getByTestId('kostra-profile').waitFor();
    await expect(panel.getByTestId('kostra-basis').textContent()).resolves.toContain(`${total} (kilde: SSB 07459, 1.1.${year})`);
    const api = await Client.login(server.url, 'granvik', 'leder', 'demo');
    const report = (await api.get(`/api/v1/reports/kostra?year=${year}`)).body;
    // A row the API could compute shows the API's figure; a row over too few recipients says it is hidden.
    type Row = { id: string; per1000: Record<string, { n: number | null; of: number | null; value: number | null; reason: string | null }> };
    const rows = report.serviceRows as Row[];
    const shown = rows.find((r) => r.per1000.total!.value !== null && r.per1000.total!.n! > 0);
    expect(shown, JSON.stringify(rows.map((r) => [r.id, r.per1000.total]))).toBeDefined();
    expect(shown!.per1000.total!.of).toBe(total);
    const cells = await panel.locator(`tr[data-row="${shown!.id}"] td`).allTextContents();
    expect(cells[3]).toBe(shown!.per1000.total!.value!.toLocaleString('nb-NO', { maximumFractionDigits: 2 }));
    const hidden = rows.find((r) => r.per1000.total!.reason === 'suppressed');
    if (hidden) await expect(panel.locator(`tr[data-row="${hidden.id}"] td`).nth(3).textContent()).resolves.toContain('skjult, under 5');
    // What cannot be computed says why, and every indicator carries its definition and source.
    await expect(panel.locator('tr[data-row="meal_delivery"] td').first().textContent()).resolves.toContain('registreres ikke');
    const definitions = panel.getByTestId('kostra-definitions');
    expect(await definitions.locator('dt').count()).toBe(report.indicators.length);
    await expect(definitions.textContent()).resolves.toContain('KOSPr1000innbyge0000');
    // The tables as shown, as a file: the row's figure is a number in the CSV (decimal comma, no spaces).
    const csv = (await download(leader, panel.getByRole('button', { name: 'Last ned som CSV' }))).body.toString('utf8');
    const figure = cells[3]!.replace(/\s/g, '');
    expect(csv.split('\r\n').some((l) => l.split(';').includes(figure)), `${figure} in ${csv.slice(0, 600)}`).toBe(true);
    await panel.scrollIntoViewIfNeeded();
    await expectAccessible(leader, 'leader-kostra');
  });
});
