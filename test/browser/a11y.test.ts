/**
 * Accessibility across views in real Chromium against the real server with the demo loaded: each
 * page's title in the user's language and focus on its main heading after navigating; a polite live
 * region that announces a saved message; the applicant on a 390×844 phone, whose receipt is scrolled
 * into view and focused after sending; provider staff without "Registrer søknad"; an unknown route's
 * "not found" page; and an expired session that returns the user to the login page with a message.
 * axe-core checks each state for serious or critical WCAG 2.1 AA violations.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

/** The focused element's tag and text. */
function focused(p: Page): Promise<{ tag: string; text: string; testId: string | null }> {
  return p.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', text: el?.textContent?.trim() ?? '', testId: el?.getAttribute('data-testid') ?? null };
  });
}

/** The page's full width: wider than the viewport means sideways scrolling. */
function pageWidth(p: Page): Promise<number> {
  return p.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
}

describe.skipIf(!run)('accessibility in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(41);

  it('titles each page in the user’s language and moves focus to its main heading after navigating', async () => {
    const p = await page();
    await p.goto(`${server.url}/`);
    await expect.poll(() => p.title()).toBe('Logg inn – tildel');
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await expect.poll(() => p.title()).toBe('Arbeidsliste – tildel');
    // Logging in is a navigation too: focus lands on the first page's heading.
    await expect.poll(() => focused(p)).toEqual({ tag: 'h1', text: 'Arbeidsliste', testId: null });

    await p.getByRole('link', { name: 'Søk', exact: true }).click();
    await expect.poll(() => p.title()).toBe('Søk – tildel');
    await expect.poll(() => focused(p)).toEqual({ tag: 'h1', text: 'Søk etter person', testId: null });
    expect(await p.getByRole('link', { name: 'Søk', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await p.getByRole('link', { name: 'Arbeidsliste' }).getAttribute('aria-current')).toBeNull();
    await expectAccessible(p, 'a11y-search-focused');

    await p.getByRole('link', { name: 'Arbeidsliste' }).click();
    await expect.poll(() => p.title()).toBe('Arbeidsliste – tildel');
    await expect.poll(() => focused(p)).toEqual({ tag: 'h1', text: 'Arbeidsliste', testId: null });
    await expectAccessible(p, 'a11y-queue-focused');

    await p.getByLabel('Språk').selectOption('en');
    await expect.poll(() => p.title()).toBe('Work queue – tildel');
    await p.getByLabel('Language').selectOption('nn');
    await expect.poll(() => p.title()).toBe('Arbeidsliste – tildel');
    await p.getByLabel('Språk').selectOption('nb');
  });

  it('announces a saved message in a polite live region', async () => {
    const office = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1939-09-09'), givenName: 'Live', familyName: 'Region' })).body;
    const c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'gp', receivedOn: norwegianDate(), description: 'Praktisk bistand' })).body;
    expect(c.id, JSON.stringify(c)).toBeTruthy();

    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    await expect.poll(() => p.title()).toBe('Sak – tildel');
    const note = p.getByRole('region', { name: 'Notat' });
    await note.getByLabel('Notat').fill('Ringte datteren, hun kommer på kartleggingen');
    const announcer = p.getByTestId('announcer');
    expect(await announcer.getAttribute('role')).toBe('status');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    expect((await announcer.textContent()) ?? '').toBe('');
    await note.getByRole('button', { name: 'Legg til notat' }).click();
    await expect.poll(() => announcer.textContent()).toBe('Lagret.');
    await expectAccessible(p, 'a11y-saved-announced');
  });

  it('lets the applicant apply on a 390 px wide phone, with the receipt in view and focused', async () => {
    const p = await page();
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`${server.url}/#/innbygger`);
    await expect.poll(() => p.title()).toBe('Søk om helse- og omsorgstjenester – tildel');
    await p.getByLabel('Kommune').selectOption('granvik');
    await p.getByRole('button', { name: 'Lag en testperson' }).click();
    await expect.poll(() => p.getByLabel('Fødselsnummer (11 siffer)').inputValue()).toMatch(/^\d{11}$/);
    await p.getByLabel('Fornavn').fill('Mobil');
    await p.getByLabel('Etternavn').fill('Søker');
    await expectAccessible(p, 'a11y-citizen-phone-login');
    await p.getByRole('button', { name: 'Logg inn' }).click();
    await p.getByText('Logget inn som Mobil Søker').waitFor();
    // Nothing wider than the phone: no sideways scrolling.
    expect(await pageWidth(p)).toBeLessThanOrEqual(390);
    await expectAccessible(p, 'a11y-citizen-phone-form');

    await p.getByLabel('Tjeneste').selectOption('practical_help');
    await p.getByLabel('Hva trenger du hjelp til?').fill('Jeg trenger hjelp til å handle');
    await p.getByRole('button', { name: 'Send søknaden' }).click();
    const receipt = p.getByTestId('citizen-receipt');
    await receipt.waitFor();
    await expect.poll(() => focused(p).then((f) => f.testId)).toBe('citizen-receipt');
    const box = await receipt.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + Math.min(box!.height, 200)).toBeLessThanOrEqual(844);
    // The receipt is inside a live region that was there before it came.
    expect(await receipt.evaluate((el) => el.parentElement?.getAttribute('role'))).toBe('status');
    expect(await pageWidth(p)).toBeLessThanOrEqual(390);
    await expectAccessible(p, 'a11y-citizen-phone-receipt');

    // The applicant's session runs out too: the next call lands them on the login with the message.
    await p.context().clearCookies();
    await p.context().addCookies([{ name: 'tildel_citizen', value: 'expired-or-invalid', url: `${server.url}/api/v1/citizen` }]);
    await p.getByLabel('Hva trenger du hjelp til?').fill('Enda en søknad');
    await p.getByRole('button', { name: 'Send søknaden' }).click();
    await expect.poll(() => p.getByTestId('login-notice').textContent()).toBe('Økten er utløpt, logg inn igjen.');
    expect(await p.getByText('Logget inn som Mobil Søker').count()).toBe(0);
    await expectAccessible(p, 'a11y-citizen-session-expired');
  });

  it('shows provider staff no "Registrer søknad", and an unknown route a "not found" page', async () => {
    const p = await page();
    await logIn(p, server.url, 'bladal', 'utforer');
    await p.getByRole('link', { name: 'Bestillinger' }).waitFor();
    expect(await p.getByRole('link', { name: 'Registrer søknad' }).count()).toBe(0);
    await expectAccessible(p, 'a11y-provider-nav');

    await p.goto(`${server.url}/#/register`);
    await p.getByRole('heading', { level: 1, name: 'Fant ikke siden' }).waitFor();
    await p.goto(`${server.url}/#/finnes-ikke`);
    await p.getByTestId('not-found').waitFor();
    await expect.poll(() => p.title()).toBe('Fant ikke siden – tildel');
    await expectAccessible(p, 'a11y-not-found');
    await p.getByRole('link', { name: 'Gå til startsiden' }).click();
    await p.getByRole('heading', { level: 1, name: 'Innkomne bestillinger' }).waitFor();
  });

  it('returns a user whose session has expired to the login page with a message', async () => {
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.getByRole('link', { name: 'Søk', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Søk etter person' }).waitFor();
    // The session token is no longer valid (expired, or revoked by the server).
    await p.context().clearCookies();
    await p.context().addCookies([{ name: 'tildel_session', value: 'expired-or-invalid', url: server.url }]);
    await p.getByRole('link', { name: 'Arbeidsliste' }).click();
    const notice = p.getByTestId('login-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('Økten er utløpt, logg inn igjen.');
    expect(await p.getByRole('button', { name: 'Logg ut' }).count()).toBe(0);
    await p.getByRole('heading', { level: 1, name: 'tildel: Logg inn' }).waitFor();
    await expect.poll(() => focused(p).then((f) => f.tag)).toBe('h1');
    await expect.poll(() => p.title()).toBe('Logg inn – tildel');
    await expectAccessible(p, 'a11y-session-expired');

    // Logging in again clears the message and brings the user back.
    await p.getByLabel('Kommune').selectOption('bladal');
    await p.getByLabel('Brukernavn').fill('saksbehandler');
    await p.getByLabel('Passord').fill('demo');
    await p.getByRole('button', { name: 'Logg inn' }).click();
    await p.getByRole('button', { name: 'Logg ut' }).waitFor();
    expect(await p.getByTestId('login-notice').count()).toBe(0);
  });
});
