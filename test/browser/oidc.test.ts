/**
 * Logins through an identity provider in real Chromium: a staff member chooses the municipality,
 * takes the municipality's sign-in, signs in on the (local, real) OpenID Connect provider's own
 * login form and lands in the app logged in; an applicant does the same through ID-porten's
 * profile. Local passwords are off, as where a provider is configured: the password form is gone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId } from '../helpers/fixtures.ts';
import { startWithIdentityProvider, type AppWithIdentityProvider } from '../helpers/oidcProvider.ts';
import { available, CONTEXT, launch, required, screenshot, seriousViolations } from './browser.ts';

const run = available || required;

describe.skipIf(!run)('logins through an identity provider, in the browser', () => {
  let db: Database | undefined;
  let app: AppWithIdentityProvider | undefined;
  let browser: Browser | undefined;
  const pid = nationalId('1948-09-09');

  beforeAll(async () => {
    db = await createTestDatabase();
    await createMunicipality(db, 'idp-kommune');
    app = await startWithIdentityProvider(db, {
      'entra-ola': { claims: { preferred_username: 'caseworker', name: 'Ola Saksbehandler' } },
      'idporten-ingrid': { claims: { pid }, acr: 'idporten-loa-high', amr: ['BankID'] },
    });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  async function newPage(): Promise<Page> {
    if (!browser) throw new Error('the browser has not started');
    const context = await browser.newContext(CONTEXT);
    return context.newPage();
  }

  async function signInAtProvider(p: Page, account: string): Promise<void> {
    await p.getByRole('heading', { name: /Test identity provider/ }).waitFor();
    expect(new URL(p.url()).origin).toBe(app?.idp.issuer);
    await p.getByLabel('Username').fill(account);
    await p.getByLabel('Password').fill('any password');
    await p.getByRole('button', { name: 'Sign in' }).click();
  }

  it('logs a staff member in through the provider’s login form and lands in the app', async () => {
    const p = await newPage();
    await p.goto(`${app?.url}/`);
    const idpButton = p.getByRole('button', { name: 'Logg inn med kommunens pålogging' });
    await idpButton.waitFor();
    expect(await p.getByLabel('Passord').count()).toBe(0);
    await screenshot(p, 'login-identity-provider');
    expect(await seriousViolations(p), 'axe on the login page').toEqual([]);

    await p.getByLabel('Kommune').selectOption('idp-kommune');
    await idpButton.click();
    await signInAtProvider(p, 'entra-ola');

    await p.getByRole('button', { name: 'Logg ut' }).waitFor();
    expect(new URL(p.url()).origin).toBe(app?.url);
    await expect.poll(() => p.locator('header').textContent()).toContain('caseworker Testesen');
  });

  it('logs an applicant in through ID-porten’s profile and shows the applicant’s side', async () => {
    const p = await newPage();
    await p.goto(`${app?.url}/#/innbygger`);
    await p.getByRole('button', { name: 'Logg inn med ID-porten' }).waitFor();
    expect(await p.getByLabel('Fødselsnummer (11 siffer)').count()).toBe(0);
    await p.getByLabel('Kommune').selectOption('idp-kommune');
    await p.getByRole('button', { name: 'Logg inn med ID-porten' }).click();
    await signInAtProvider(p, 'idporten-ingrid');

    await p.getByRole('button', { name: 'Logg ut' }).waitFor();
    expect(p.url()).toBe(`${app?.url}/#/innbygger`);
    await expect.poll(() => p.locator('header').textContent()).toContain('Logget inn som');
  });
});
