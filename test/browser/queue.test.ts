/**
 * The work queue (Arbeidsliste) in real Chromium against the real server with the demo loaded
 * (Bladal): the caseworker sees the service, received date, status and due date columns, sorts by
 * due date with the mouse and the keyboard (aria-sort follows), searches a case number, sees no
 * negative age and the overdue count the leader's queue health gives; then registers a paper request
 * received a week ago and finds that received date on the receipt, on the case and in the queue,
 * where its age is 7 days (counted from the received date). With ten rows per page the queue shows
 * "Vis flere" until every item of the count is shown.
 * axe-core checks each state for serious or critical WCAG 2.1 AA violations.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

/** Column positions in the queue table (case, person, task, service, received, status, holder, age, limit, due, owner). */
const COL = { case: 0, service: 3, received: 4, status: 5, age: 7, due: 9 };

const column = (p: Page, index: number) => p.getByTestId('work-queue').locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();

/** The due dates of the rows, in the order shown ('–' for an item without one). */
const dueDates = async (p: Page) => (await column(p, COL.due)).map((c) => c.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null);

describe.skipIf(!run)('the work queue in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(41);

  it('shows service, received date, status and due date, sorts by due date, searches a case number and counts overdue as the leader does (Bladal)', async () => {
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.getByLabel('Vis', { exact: true }).selectOption('');
    const table = p.getByTestId('work-queue');
    await table.waitFor();
    for (const name of ['Saksnummer', 'Tjeneste', 'Mottatt', 'Status', 'Forfaller', 'Alder (dager)']) await table.getByRole('columnheader', { name }).waitFor();
    // The service, received date and status come with each item: every cell is filled.
    expect((await column(p, COL.service)).every((c) => c.trim() !== '' && c !== '–')).toBe(true);
    expect((await column(p, COL.status)).every((c) => c.trim() !== '' && c !== '–')).toBe(true);
    expect((await column(p, COL.received)).every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c))).toBe(true);
    // No age below zero.
    expect((await column(p, COL.age)).map((c) => Number.parseInt(c, 10)).every((n) => n >= 0)).toBe(true);
    await expectAccessible(p, 'queue-columns');

    // The overdue count is the leader's: both count the same items.
    const leader = await Client.login(server.url, 'bladal', 'leder', 'demo');
    const health = (await leader.get('/api/v1/reports/queue-health')).body;
    const leaderOverdue = Object.values(health.overdueByKind as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(await p.getByTestId('queue-overdue-count').textContent()).toBe(String(leaderOverdue));
    expect(await p.getByTestId('queue-open-count').textContent()).toBe(String(health.openItems));

    // Sort by due date: the header is a button, aria-sort follows; earliest first, items without one last.
    const dueHeader = table.getByRole('columnheader', { name: 'Forfaller' });
    expect(await dueHeader.getAttribute('aria-sort')).toBe('none');
    await dueHeader.getByRole('button').click();
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await dueDates(p);
    const dated = ascending.filter((d): d is string => d !== null);
    expect(dated.length).toBeGreaterThan(0);
    expect(dated).toEqual([...dated].sort());
    expect(ascending.slice(0, dated.length)).toEqual(dated);
    expect(await table.getByRole('columnheader', { name: 'Alder (dager)' }).getAttribute('aria-sort')).toBe('none');
    await expectAccessible(p, 'queue-sorted-due');
    // From the keyboard: Enter on the focused header turns the direction.
    await dueHeader.getByRole('button').focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('descending');
    const descending = (await dueDates(p)).filter((d): d is string => d !== null);
    expect(descending).toEqual([...dated].reverse());
    // Sort by received date, newest last.
    const receivedHeader = table.getByRole('columnheader', { name: 'Mottatt' });
    await receivedHeader.getByRole('button').click();
    await expect.poll(() => receivedHeader.getAttribute('aria-sort')).toBe('ascending');
    const received = await column(p, COL.received);
    expect(received).toEqual([...received].sort());

    // Search by case number.
    const caseNumber = ((await column(p, COL.case))[0] ?? '').trim();
    expect(caseNumber).toMatch(/^\d{4}\/\d{5}$/);
    await p.getByLabel('Søk på saksnummer').fill(caseNumber);
    await expect.poll(async () => (await column(p, COL.case)).every((c) => c.includes(caseNumber))).toBe(true);
    expect(await p.getByTestId('queue-shown-count').textContent()).toBe(String((await column(p, COL.case)).length));
    await expectAccessible(p, 'queue-search');
    await p.getByLabel('Søk på saksnummer').fill('0000/00000');
    await p.getByText('Ingen oppgaver har et saksnummer som passer søket.').waitFor();
    await expectAccessible(p, 'queue-search-empty');
  }, 180_000);

  it('reads the queue a page at a time: "Vis flere" loads the next page until every item is shown', async () => {
    // A caseworker whose whole queue is more than one page of ten.
    let who: [string, string] | null = null;
    for (const [m, u] of [['granvik', 'saksbehandler'], ['solstad', 'saksbehandler'], ['sjoglott', 'saksbehandler'], ['vindnes', 'konsulent'], ['bladal', 'saksbehandler']] as const) {
      const counts = (await (await Client.login(server.url, m, u, 'demo')).get('/api/v1/work-queue/counts')).body;
      if (counts.open > 10) {
        who = [m, u];
        break;
      }
    }
    expect(who).not.toBeNull();
    const p = await page();
    await logIn(p, server.url, who![0], who![1]);
    await p.getByLabel('Vis', { exact: true }).selectOption('');
    await p.getByTestId('work-queue').waitFor();
    await p.getByLabel('Oppgaver per side').selectOption('10');
    const open = Number(await p.getByTestId('queue-open-count').textContent());
    // A small page makes more than one page of the demo's queue.
    expect(open).toBeGreaterThan(10);
    const rows = () => p.getByTestId('work-queue').locator('tbody tr').count();
    await expect.poll(rows).toBe(10);
    const more = p.getByRole('button', { name: 'Vis flere' });
    await more.waitFor();
    expect(await p.getByTestId('queue-shown-count').textContent()).toBe('10');
    await expectAccessible(p, 'queue-first-page');
    let shown = 10;
    while (shown < open) {
      await more.click();
      shown = Math.min(open, shown + 10);
      await expect.poll(rows).toBe(shown);
    }
    // All shown: no more pages, and the rows are the count's.
    await expect.poll(() => more.count()).toBe(0);
    expect(await rows()).toBe(open);
  }, 180_000);

  it('registers a paper request received a week ago with that received date (Bladal)', async () => {
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.getByRole('link', { name: 'Registrer søknad' }).click();
    const receivedField = p.getByLabel('Mottatt dato');
    // Today by default, and no later than today.
    expect(await receivedField.inputValue()).toBe(norwegianDate());
    expect(await receivedField.getAttribute('max')).toBe(norwegianDate());
    const weekAgo = norwegianDate(new Date(Date.now() - 7 * 86_400_000));
    await p.getByLabel('Fødselsnummer').fill(nationalId('1938-03-03'));
    await p.getByLabel('Fornavn').fill('Gunnhild');
    await p.getByLabel('Etternavn').fill('Papirsøknad');
    await p.getByLabel('Tjeneste').selectOption('practical_help');
    await receivedField.fill(weekAgo);
    await p.getByLabel('Hva søknaden gjelder').fill('Søknad på papir, kom i posten forrige uke');
    await expectAccessible(p, 'register-received-on');
    await p.getByRole('button', { name: 'Registrer' }).click();
    const receipt = p.getByTestId('receipt');
    await receipt.waitFor();
    expect(await p.getByTestId('receipt-received-on').textContent()).toBe(weekAgo);
    const caseNumber = (await receipt.getByRole('link').textContent()) ?? '';
    await receipt.getByRole('link').click();
    await p.getByTestId('case-status').waitFor();
    await p.getByText(`Mottatt: ${weekAgo}`).first().waitFor();
    await expectAccessible(p, 'case-received-on');

    // In the queue, the new request carries its received date.
    await p.getByRole('link', { name: 'Arbeidsliste' }).click();
    await p.getByLabel('Vis', { exact: true }).selectOption('');
    await p.getByLabel('Søk på saksnummer').fill(caseNumber);
    const row = p.getByTestId(`queue-${caseNumber}-request`);
    await expect.poll(async () => (await row.locator('td').nth(COL.received).textContent()) ?? '', { timeout: 30_000 }).toBe(weekAgo);
    // Its age counts from the received date, not from the day it was registered.
    expect(Number.parseInt((await row.locator('td').nth(COL.age).textContent()) ?? '', 10)).toBe(7);
    await expectAccessible(p, 'queue-new-request');
  }, 180_000);
});
