/**
 * A municipality from nothing to its first decided case in real Chromium (issue 17, "done when"):
 * the installation creates the tenant (as `tildel municipality create` does) and gives its
 * administrator a one-time password; through the admin view alone the administrator adds a district,
 * an allocation office, a caseworker with a password and a geographic area, and finds each change in
 * the log; the caseworker logs in, registers a person whose postcode places them in the district,
 * assesses and decides practical help through the case page. axe-core checks each state.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createMunicipality } from '../../src/app/onboarding.ts';
import { norwegianDate } from '../../src/app/clock.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { inBrowser } from './suite.ts';

const run = available || required;
const POLL = { timeout: 15_000 };
const PASSWORD = 'et-langt-passord-for-kari';

async function section(p: Page, name: string): Promise<void> {
  const button = p.getByTestId('admin-sections').getByRole('button', { name });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBe('true');
}

describe.skipIf(!run)('a new municipality in the browser', () => {
  let adminPassword = '';
  const { server, page, expectAccessible } = inBrowser(async (db) => {
    const created = await createMunicipality(db, { id: 'nyby', name: 'Nyby kommune', number: '4698', template: 'purchaser_provider', writtenStandard: 'nb', admin: 'admin' }, norwegianDate());
    adminPassword = created.admin.oneTimePassword;
  });

  it('is configured through the admin view alone and reaches its first decided case', async () => {
    const admin = await page();
    await logIn(admin, server.url, 'nyby', 'admin', adminPassword);
    await admin.getByRole('heading', { name: 'Organisasjon', level: 1 }).waitFor();
    await admin.getByTestId('admin-unit-Administrasjon').waitFor();
    await expectAccessible(admin, 'onboarding-empty');

    const district = admin.getByTestId('admin-add-district');
    await district.getByLabel('Navn').fill('Sentrum');
    await district.getByRole('button', { name: 'Legg til distrikt' }).click();
    await expect.poll(() => admin.getByTestId('admin-districts').textContent(), POLL).toContain('Sentrum');

    const unit = admin.getByTestId('admin-add-unit');
    await unit.getByLabel('Navn').fill('Tildelingskontoret');
    await unit.getByLabel('Type enhet').selectOption({ label: 'Tildelingskontor' });
    await unit.getByRole('button', { name: 'Legg til enhet' }).click();
    await admin.getByTestId('admin-unit-Tildelingskontoret').waitFor();

    await section(admin, 'Ansatte');
    const staff = admin.getByTestId('admin-add-staff');
    await staff.getByLabel('Navn', { exact: true }).fill('Kari Nyby');
    await staff.getByLabel('Brukernavn').fill('kari');
    await staff.getByTestId('admin-staff-roles').getByLabel('Saksbehandler').check();
    await staff.getByTestId('admin-staff-units').getByLabel('Tildelingskontoret').check();
    await staff.getByLabel('Passord (valgfritt)').fill(PASSWORD);
    await staff.getByRole('button', { name: 'Legg til ansatt' }).click();
    await admin.getByTestId('admin-staff-kari').waitFor();

    await section(admin, 'Geografiske områder');
    const area = admin.getByTestId('admin-add-area');
    await area.getByLabel('Navn').fill('Sentrum nord');
    await area.getByLabel('Distrikt').selectOption({ label: 'Sentrum' });
    await area.getByLabel('Postnumre').fill('0150-0199');
    await area.getByRole('button', { name: 'Legg til område' }).click();
    await admin.getByTestId('admin-area-Sentrum nord').waitFor();

    await section(admin, 'Endringslogg');
    const log = admin.getByTestId('admin-log');
    await log.waitFor();
    for (const kind of ['Nytt distrikt', 'Ny enhet', 'Ny ansatt', 'Nytt område']) await expect.poll(() => log.textContent(), POLL).toContain(kind);
    await expectAccessible(admin, 'onboarding-log');

    // The caseworker the administrator created: registers, assesses and decides.
    const p = await page();
    await logIn(p, server.url, 'nyby', 'kari', PASSWORD);
    await p.getByRole('link', { name: 'Registrer søknad' }).click();
    await p.getByLabel('Fødselsnummer').fill(nationalId('1942-02-02'));
    await p.getByLabel('Fornavn').fill('Nils');
    await p.getByLabel('Etternavn').fill('Nyby');
    await p.getByLabel('Postnummer').fill('0155');
    await p.getByLabel('Tjeneste').selectOption('practical_help');
    await p.getByLabel('Hva søknaden gjelder').fill('Trenger hjelp til rengjøring');
    await p.getByRole('button', { name: 'Registrer' }).click();
    const receipt = p.getByTestId('receipt');
    await receipt.waitFor();
    await receipt.getByRole('link').click();

    await p.getByRole('button', { name: 'Start kartlegging' }).click();
    await p.getByTestId('assessment').waitFor();
    await p.getByLabel('Alminnelig husarbeid').selectOption('4');
    await p.getByLabel('Hva er viktig for deg?').fill('Å klare meg hjemme');
    await p.getByRole('button', { name: 'Lagre kartlegging' }).click();
    // Kari was created without a profession: the form names the missing field of the participant, in words.
    await expect.poll(() => p.getByTestId('assessment').getByTestId('problem').textContent(), POLL).toContain('Profesjon eller rolle');
    await p.getByTestId('participants').getByLabel('Profesjon eller rolle (1)').fill('Sykepleier');
    await p.getByRole('button', { name: 'Lagre kartlegging' }).click();
    await p.getByTestId('assessment').getByText('Lagret.').waitFor();

    const decision = p.getByTestId('decision');
    await decision.getByLabel('Hva vedtaket gir (med ord personen forstår)').fill('Du får hjelp til rengjøring to timer i uka.');
    await decision.getByLabel('Timer per uke').fill('2');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    await expect.poll(() => p.getByTestId('case-status').getAttribute('data-state'), POLL).toBe('decided');
    expect(await p.getByTestId('decision-summary').textContent()).toContain('Innvilget · 2 timer per uke');
    // The person was placed in the district by the area their postcode lies in.
    const caseId = /#\/cases\/([0-9a-f-]{36})/.exec(p.url())?.[1];
    const placed = await p.evaluate(async (id) => {
      const read = async (path: string): Promise<any> => (await fetch(path)).json();
      const c = await read(`/api/v1/cases/${id}`);
      const person = await read(`/api/v1/persons/${c.person.id}`);
      const org = await read('/api/v1/organisation');
      return { district: org.districts.find((d: { id: string }) => d.id === person.districtId)?.name, owner: org.units.find((u: { id: string }) => u.id === c.ownerUnitId)?.name };
    }, caseId);
    expect(placed).toEqual({ district: 'Sentrum', owner: 'Tildelingskontoret' });
    await expectAccessible(p, 'onboarding-first-decision');
  }, 180_000);
});
