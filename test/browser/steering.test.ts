/**
 * The leader's steering information in the browser (issue 20): the leader of a demo municipality
 * sees the outcome figures for the last three months with their definitions and n, changes the
 * period and the breakdown (month as a trend), and finds the team steering card; the figures shown
 * are the API's; axe on each state.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { available, download, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

describe.skipIf(!run)('steering information in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(41);

  it('shows outcome figures by period and breakdown, and the steering card (Granvik)', async () => {
    const p = await page();
    await logIn(p, server.url, 'granvik', 'leder');
    const outcomes = p.getByTestId('steering-outcomes');
    await outcomes.getByTestId('outcome-figures').waitFor();
    // Each figure has its definition beside it.
    const decisions = outcomes.locator('tr[data-figure="decisions"]');
    await expect(decisions.locator('th').textContent()).resolves.toContain('Alle vedtak fattet i perioden');
    await expectAccessible(p, 'leader-steering-outcomes');

    // A year back, by month: the columns are the months that had events, and the total is the API's.
    const today = norwegianDate();
    const yearBack = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
    await outcomes.getByLabel('Fra og med').fill(yearBack);
    await outcomes.getByLabel('Fordel etter').selectOption('month');
    await outcomes.getByText(`${yearBack} – ${today} · Fordel etter: Måned (utvikling)`).waitFor();
    const api = await Client.login(server.url, 'granvik', 'leder', 'demo');
    const report = (await api.get(`/api/v1/reports/outcomes?from=${yearBack}&to=${today}&groupBy=month`)).body;
    expect(report.total.decisions.n).toBeGreaterThan(0);
    const headers = await outcomes.locator('thead th').allTextContents();
    expect(headers.slice(3)).toEqual(report.groups.map((g: { key: string }) => g.key));
    await expect(decisions.locator('td').first().textContent()).resolves.toBe(String(report.total.decisions.n));
    await expectAccessible(p, 'leader-steering-by-month');

    // The same table as CSV and as XLSX: the total of decisions is the API's in both files.
    const decisionsName = report.definitions.find((d: { id: string }) => d.id === 'decisions').name.nb;
    const csv = await download(p, outcomes.getByRole('button', { name: 'Last ned som CSV' }));
    expect(csv.name).toBe(`utfall-${yearBack}-${today}-month.csv`);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\ufefffigure;name;group;n;of;rate;mean;definition\r\n')).toBe(true);
    expect(text).toContain(`\r\ndecisions;${decisionsName};Alle;${report.total.decisions.n};`);
    const xlsx = await download(p, outcomes.getByRole('button', { name: 'Last ned som Excel (XLSX)' }));
    expect(xlsx.name).toBe(`utfall-${yearBack}-${today}-month.xlsx`);
    const book = unzipSync(new Uint8Array(xlsx.body));
    const cells = `${strFromU8(book['xl/worksheets/sheet1.xml'] ?? new Uint8Array())}`;
    const strings = strFromU8(book['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(strings).toContain('decisions');
    // The rows are the CSV's: the decisions total sits in column D of the same row, as a number
    // cell (no t="s"), so a spreadsheet can sum it.
    const row = text.split('\r\n').findIndex((l) => l.startsWith(`decisions;${decisionsName};Alle;`)) + 1;
    expect(cells).toMatch(new RegExp(`<c r="D${row}"(?![^>]*t="s")[^>]*><v>${report.total.decisions.n}</v></c>`));

    // The steering card: a team's figures with n and definitions.
    const card = p.getByTestId('steering-card');
    await card.getByTestId('steering-card-figures').waitFor();
    expect(await card.locator('tr[data-figure]').count()).toBe(15);
    await expect(card.locator('tr[data-figure="continuityMean"] th').textContent()).resolves.toContain('en bruker som bytter team');
    await card.getByTestId('steering-card-alerts').waitFor();
    await expectAccessible(p, 'leader-steering-card');
  });
});
