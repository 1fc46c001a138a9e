/**
 * The provider's day, continued (Solstad, purchaser–provider): the home care unit records a performed
 * visit under an active case and sees it in the month's performed time, then imports the care
 * system's CSV: a file with a bad row is refused whole with the row listed by line and column, and
 * nothing is stored; the corrected file is checked, then imported. axe on each state.
 */
import { describe, expect, it } from 'vitest';
import { Client } from '../helpers/api.ts';
import { norwegianDate } from '../../src/app/clock.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

describe.skipIf(!run)('visits in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(43);

  it('records a visit, and imports the care system’s file every row or none (Solstad)', async () => {
    const p = await page();
    await logIn(p, server.url, 'solstad', 'utforer');
    await p.goto(`${server.url}/#/provider`);
    const form = p.getByTestId('record-visit');
    await form.waitFor();
    const caseId = await form.getByRole('combobox').first().inputValue();
    const api = await Client.login(server.url, 'solstad', 'utforer', 'demo');
    const performed = async () => {
      const report = (await api.request('GET', `/api/v1/reports/delivery?month=${norwegianDate().slice(0, 7)}`, undefined, { 'tildel-purpose': 'service_delivery' })).body;
      return (report.rows as { caseId: string; performedHours: number }[]).filter((r) => r.caseId === caseId).reduce((a, r) => a + r.performedHours, 0);
    };
    const before = await performed();
    await form.getByLabel('Ansattnummer').fill('A-4711');
    await form.getByLabel('Minutter').fill('90');
    await form.getByRole('button', { name: 'Lagre besøket' }).click();
    await form.getByText('Lagret.').waitFor();
    expect(await performed()).toBeCloseTo(before + 1.5, 5);
    await expectAccessible(p, 'provider-visit-recorded');

    const caseNumber = (await api.get(`/api/v1/cases/${caseId}`)).body.caseNumber as string;
    const header = 'case_number;employee;date;minutes;status;cancel_reason';
    const today = norwegianDate();
    const importer = p.getByTestId('visit-import');
    const choose = (rows: string[]) => importer.getByLabel('Fil').setInputFiles({ name: 'besok.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
    await choose([`${caseNumber};A-4711;${today};30;performed;`, `${caseNumber};A-4711;${today};mange;performed;`]);
    // The file is sent as it is (text/csv) to the streaming import, which takes files of a million rows.
    const [sent] = await Promise.all([p.waitForRequest((r) => r.url().includes('/api/v1/visits/import/stream')), importer.getByRole('button', { name: 'Bare kontroller' }).click()]);
    expect(sent.headers()['content-type']).toBe('text/csv');
    expect(new URL(sent.url()).searchParams.get('dryRun')).toBe('true');
    const refused = p.getByTestId('visit-import-refused');
    await refused.waitFor();
    expect(await refused.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['3']);
    expect(await refused.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['minutes']);
    await expectAccessible(p, 'provider-visit-import-refused');
    await importer.getByRole('button', { name: 'Importer', exact: true }).click();
    await importer.getByText('Ingenting er importert').waitFor();
    expect(await performed()).toBeCloseTo(before + 1.5, 5);

    await choose([`${caseNumber};A-4711;${today};30;performed;`, `${caseNumber};B-1;${today};0;cancelled;Brukeren var på sykehus`]);
    await importer.getByRole('button', { name: 'Bare kontroller' }).click();
    await importer.getByText('Alle 2 radene kan importeres').waitFor();
    expect(await performed()).toBeCloseTo(before + 1.5, 5);
    await importer.getByRole('button', { name: 'Importer', exact: true }).click();
    await importer.getByText('2 besøk er importert').waitFor();
    expect(await performed()).toBeCloseTo(before + 2, 5);
    await expectAccessible(p, 'provider-visit-imported');
  }, 120_000);
});
