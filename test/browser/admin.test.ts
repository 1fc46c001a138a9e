/**
 * The administrator's view (issue 17 §6) in real Chromium against the real server with the demo
 * loaded (Granvik): through the UI alone the administrator adds a unit, a staff member in it, an area
 * with postcodes, street address ranges and a grunnkrets, and a routing rule to a pool of caseworkers; is refused ending a unit that still
 * holds cases and pointed to merging; previews a merge of two teams, sees what moves, confirms it and
 * finds it in the log of changes. A CSV import with a bad row lists the refused rows and stores
 * nothing; the corrected file is checked and imported. Only the administrator has the view. axe-core
 * checks each section, an empty state and an error state.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

async function section(p: Page, name: string): Promise<void> {
  const button = p.getByTestId('admin-sections').getByRole('button', { name });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBe('true');
}

describe.skipIf(!run)('the administrator’s view in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(53);

  it('adds a unit, a staff member, an area and a routing rule, merges two teams and finds it in the log', async () => {
    const p = await page();
    await logIn(p, server.url, 'granvik', 'admin');
    await p.getByRole('heading', { name: 'Organisasjon', level: 1 }).waitFor();
    expect(await p.getByRole('navigation', { name: 'Tildel' }).getByRole('link').allTextContents()).toEqual(['Organisasjon']);
    await p.getByTestId('admin-unit-Team Nord').waitFor();
    await expectAccessible(p, 'admin-units');

    const addUnit = p.getByTestId('admin-add-unit');
    await addUnit.getByLabel('Navn').fill('Team Vest');
    await addUnit.getByLabel('Type enhet').selectOption({ label: 'Tverrfaglig team' });
    await addUnit.getByLabel('Distrikt').selectOption({ label: 'Granvik nord' });
    await addUnit.getByRole('button', { name: 'Legg til enhet' }).click();
    const row = p.getByTestId('admin-unit-Team Vest');
    await row.waitFor();
    expect(await row.textContent()).toContain('Tverrfaglig team');

    // A unit with cases and members is not ended: the refusal says so and points to merging.
    const endUnit = p.getByTestId('admin-end-unit');
    await endUnit.getByLabel('Enhet').selectOption({ label: 'Team Nord' });
    await endUnit.getByLabel('Begrunnelse').fill('Omorganisering');
    await endUnit.getByRole('button', { name: 'Avslutt enhet' }).click();
    await expect.poll(() => endUnit.getByRole('alert').textContent()).toContain('Slå den sammen med en annen enhet');
    await endUnit.getByRole('button', { name: 'Gå til sammenslåing' }).click();
    // Merging starts with the unit chosen; back to the units for now.
    const chosen = p.getByTestId('merge-choose').getByLabel('Enheten som avsluttes');
    expect(await chosen.locator('option:checked').textContent()).toBe('Team Nord (Tverrfaglig team)');
    await section(p, 'Enheter og distrikter');

    await section(p, 'Ansatte');
    await expectAccessible(p, 'admin-staff');
    const addStaff = p.getByTestId('admin-add-staff');
    await addStaff.getByLabel('Navn', { exact: true }).fill('Vera Vest');
    await addStaff.getByLabel('Brukernavn').fill('vera');
    await addStaff.getByTestId('admin-staff-roles').getByLabel('Saksbehandler').check();
    await addStaff.getByTestId('admin-staff-units').getByLabel('Team Vest').check();
    await addStaff.getByRole('button', { name: 'Legg til ansatt' }).click();
    const vera = p.getByTestId('admin-staff-vera');
    await vera.waitFor();
    expect(await vera.textContent()).toContain('Team Vest');
    expect(await vera.textContent()).toContain('Saksbehandler');
    const change = p.getByTestId('admin-change-staff');
    await change.getByLabel('Ansatt', { exact: true }).selectOption({ label: 'Vera Vest' });
    await change.getByRole('group', { name: 'Roller' }).getByLabel('Teammedlem').check();
    await change.getByRole('button', { name: 'Endre ansatt' }).click();
    await expect.poll(() => vera.textContent()).toContain('Teammedlem');

    await section(p, 'Geografiske områder');
    await p.getByTestId('admin-areas-empty').waitFor();
    await expectAccessible(p, 'admin-areas-empty');
    const addArea = p.getByTestId('admin-add-area');
    await addArea.getByLabel('Navn').fill('Vestsida');
    await addArea.getByLabel('Distrikt').selectOption({ label: 'Granvik nord' });
    await addArea.getByLabel('Team som dekker området (valgfritt)').selectOption({ label: 'Team Vest' });
    await addArea.getByLabel('Postnumre').fill('0150, 0160-0199');
    // A street line the form cannot read is named by its line number, in words, before anything is sent.
    await addArea.getByLabel('Gateadresser (valgfritt)').fill('Vestgata 1-99 oddetall\nTorget 5 til 9');
    await addArea.getByRole('button', { name: 'Legg til område' }).click();
    await expect.poll(() => addArea.getByTestId('problem').textContent()).toContain('Linje 2 kan ikke leses');
    await addArea.getByLabel('Gateadresser (valgfritt)').fill('Vestgata 1-99 oddetall\nTorget 5-9 (0201)');
    await addArea.getByLabel('Grunnkretser (valgfritt)').fill('46990101');
    await addArea.getByRole('button', { name: 'Legg til område' }).click();
    const area = p.getByTestId('admin-area-Vestsida');
    await area.waitFor();
    expect(await area.textContent()).toContain('0150, 0160-0199, Vestgata 1–99 oddetall, Torget 5–9 (0201), 46990101');

    await section(p, 'Rutingsregler');
    await p.getByTestId('admin-rules-empty').waitFor();
    const addRule = p.getByTestId('admin-add-rule');
    await addRule.getByLabel('Navn').fill('Vestsida til pool');
    await addRule.getByLabel('Prioritet').fill('10');
    await addRule.getByRole('group', { name: 'Områder' }).getByLabel('Vestsida').check();
    await addRule.getByRole('group', { name: 'Tjenester' }).getByLabel('Praktisk bistand').check();
    await addRule.getByRole('group', { name: 'Diagnosegrupper' }).getByLabel('Demens').check();
    await addRule.getByLabel('Saksbehandlere i en enhet').check();
    await addRule.getByLabel('Enhet søknaden går til').selectOption({ label: 'Team Vest' });
    await addRule.getByTestId('admin-rule-pool').getByLabel('Vera Vest').check();
    await addRule.getByRole('button', { name: 'Legg til regel' }).click();
    const rule = p.getByTestId('admin-rule-Vestsida til pool');
    await rule.waitFor();
    const ruleText = await rule.textContent();
    expect(ruleText).toContain('Områder: Vestsida');
    expect(ruleText).toContain('Tjenester: Praktisk bistand');
    expect(ruleText).toContain('Diagnosegrupper: Demens');
    expect(ruleText).toContain('Saksbehandlere i en enhet: Team Vest (Vera Vest)');
    await expectAccessible(p, 'admin-rules');

    await section(p, 'Slå sammen enheter');
    const choose = p.getByTestId('merge-choose');
    await choose.getByLabel('Enheten som avsluttes').selectOption({ label: 'Team Sentrum (Tverrfaglig team)' });
    await choose.getByLabel('Slås sammen med').selectOption({ label: 'Team Vest' });
    await choose.getByRole('button', { name: 'Se hva som flyttes' }).click();
    const preview = p.getByTestId('merge-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('merge-staff').textContent()).toContain('Jonas Haugen');
    expect(await preview.getByTestId('merge-counts').textContent()).toMatch(/Åpne saker som flyttes: \d+/);
    await expectAccessible(p, 'admin-merge-preview');
    const confirm = p.getByTestId('merge-confirm');
    await confirm.getByLabel('Begrunnelse').fill('Team Sentrum og Team Vest blir ett team');
    await confirm.getByRole('button', { name: 'Slå sammen' }).click();
    await expect.poll(() => p.getByTestId('merge-done').textContent()).toContain('Enhetene er slått sammen.');

    await section(p, 'Endringslogg');
    const log = p.getByTestId('admin-log');
    await log.waitFor();
    const logText = await log.textContent();
    for (const kind of ['Enheter slått sammen', 'Ny rutingsregel', 'Nytt område', 'Ny ansatt', 'Ny enhet']) expect(logText).toContain(kind);
    expect(await p.getByTestId('change-unit_merged').textContent()).toContain('Team Sentrum og Team Vest blir ett team');
    await expectAccessible(p, 'admin-log');

    await section(p, 'Enheter og distrikter');
    await p.getByLabel('Vis også avsluttede enheter').check();
    expect(await p.getByTestId('admin-unit-Team Sentrum').textContent()).toContain('Slått sammen med Team Vest');
    // The staff moved: Team Vest today, Team Sentrum as an ended period.
    await section(p, 'Ansatte');
    const jonas = p.getByTestId('admin-staff-sykepleier');
    expect(await jonas.textContent()).toContain('Team Vest');
    expect(await jonas.textContent()).toMatch(/Team Sentrum \(01\.01\.\d{4}–\d{2}\.\d{2}\.\d{4}\)/);
  }, 180_000);

  it('lists the refused rows of a CSV file and stores nothing, then imports the corrected file', async () => {
    const p = await page();
    await logIn(p, server.url, 'granvik', 'admin');
    await section(p, 'Import fra CSV');
    await expectAccessible(p, 'admin-import');
    const form = p.getByTestId('admin-import');
    const header = 'username;displayName;profession;roles;units;validFrom';
    const bad = [header, 'lise.lund;Lise Lund;Sykepleier;caseworker;Team Nord;', 'per.pan;Per Pan;;sjef;Ukjent team;'].join('\n');
    await form.getByLabel('CSV-fil').setInputFiles({ name: 'ansatte.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await form.getByRole('button', { name: 'Importer' }).click();
    const refused = form.getByTestId('import-refused');
    await refused.waitFor();
    const refusedText = await refused.textContent();
    expect(refusedText).toContain('Roller');
    expect(refusedText).toContain('sjef');
    expect(await refused.locator('tbody tr').first().locator('td').first().textContent()).toBe('3');
    expect(await form.getByRole('alert').textContent()).toContain('Ingenting ble importert');
    await expectAccessible(p, 'admin-import-refused');

    // Nothing was stored: the good row is not among the staff.
    await section(p, 'Ansatte');
    await p.getByTestId('admin-staff').waitFor();
    expect(await p.getByTestId('admin-staff-lise.lund').count()).toBe(0);

    await section(p, 'Import fra CSV');
    const good = [header, 'lise.lund;Lise Lund;Sykepleier;caseworker;Team Nord;', 'per.pan;Per Pan;;team_member|caseworker;Team Sør;'].join('\n');
    await form.getByLabel('CSV-fil').setInputFiles({ name: 'ansatte.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await form.getByRole('button', { name: 'Bare kontroller' }).click();
    await expect.poll(() => form.getByTestId('import-result').textContent()).toContain('Alle 2 radene kan importeres. Ingenting er lagret.');
    await form.getByRole('button', { name: 'Importer' }).click();
    await expect.poll(() => form.getByTestId('import-result').textContent()).toContain('2 rader er importert.');
    await section(p, 'Ansatte');
    expect(await p.getByTestId('admin-staff-per.pan').textContent()).toContain('Team Sør');

    // Areas come the same way, with districts and teams by name.
    await section(p, 'Import fra CSV');
    await form.getByLabel('Geografiske områder').check();
    const areas = ['name;district;team;postalCodes;validFrom', 'Nordsida;Granvik nord;Team Nord;0200|0210-0219;'].join('\n');
    await form.getByLabel('CSV-fil').setInputFiles({ name: 'omrader.csv', mimeType: 'text/csv', buffer: Buffer.from(areas) });
    await form.getByRole('button', { name: 'Importer' }).click();
    await expect.poll(() => form.getByTestId('import-result').textContent()).toContain('1 rad er importert.');
    await section(p, 'Geografiske områder');
    expect(await p.getByTestId('admin-area-Nordsida').textContent()).toContain('0200, 0210-0219');
  }, 180_000);

  it('records payment rates and a national service’s settings, each refusal naming its field', async () => {
    const p = await page();
    await logIn(p, server.url, 'granvik', 'admin');
    await section(p, 'Egenandeler');
    await p.getByTestId('admin-payment-rates').getByRole('heading', { name: 'Satser for egenandel' }).waitFor();
    const rates = p.getByTestId('payment-rates-form');
    await rates.getByLabel('År').fill('2031');
    await rates.getByLabel('Selvkost per time praktisk bistand (kr)').fill('560');
    await rates.getByLabel('Inntektsintervaller').fill('0 0 0\n2 to -');
    await rates.getByLabel('Vedtatt i').fill('Kommunestyret 10.12.2030 sak 90/30');
    await rates.getByRole('button', { name: 'Lagre satsene' }).click();
    await expect.poll(() => rates.textContent()).toContain('Linje 2 kan ikke leses');
    await rates.getByLabel('Inntektsintervaller').fill('0 0 0\n2 215 -\n3 250 -');
    await rates.getByRole('button', { name: 'Lagre satsene' }).click();
    await expect.poll(() => p.getByTestId('payment-rates').textContent()).toContain('Kommunestyret 10.12.2030 sak 90/30');
    await expectAccessible(p, 'admin-payment-rates');

    await section(p, 'Nasjonale tjenester');
    const svarut = p.getByTestId('integration-svarut');
    await svarut.getByText('Ikke satt opp').waitFor();
    await svarut.getByLabel('Adresse til tjenesten').fill('ikke en adresse');
    await svarut.getByLabel('Organisasjonsnummer').fill('123');
    await svarut.getByRole('button', { name: 'Lagre innstillinger' }).click();
    await expect.poll(() => svarut.getByTestId('problem').textContent()).toContain('Organisasjonsnummer');
    await svarut.getByLabel('Adresse til tjenesten').fill('https://svarut.test.example');
    await svarut.getByLabel('Organisasjonsnummer').fill('964965137');
    await svarut.getByLabel('Konto-id').fill('6b8b2f0a-0c43-4a4e-9b2b-2f1f1d6a8e11');
    await svarut.getByRole('button', { name: 'Lagre innstillinger' }).click();
    await svarut.getByText('Satt opp', { exact: true }).waitFor();
    await expectAccessible(p, 'admin-integrations');
  }, 120_000);

  it('shows an error when the log cannot be read, and only the administrator has the view', async () => {
    const p = await page();
    await logIn(p, server.url, 'granvik', 'admin');
    await p.route('**/api/v1/organisation/changes**', (route) =>
      route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ type: 'urn:tildel:problem:internal', title: 'Internal error', status: 500, requestId: 'req-1' }) }),
    );
    await section(p, 'Endringslogg');
    await expect.poll(() => p.getByRole('alert').textContent()).toContain('req-1');
    await expectAccessible(p, 'admin-log-error');
    // In nynorsk, the sections and the codes have their own words.
    await p.getByLabel('Språk').selectOption('nn');
    await section(p, 'Tilsette');
    expect(await p.getByTestId('admin-staff-saksbehandler').textContent()).toContain('Sakshandsamar');

    const caseworker = await page();
    await logIn(caseworker, server.url, 'granvik', 'saksbehandler');
    expect(await caseworker.getByRole('link', { name: 'Organisasjon' }).count()).toBe(0);
    await caseworker.goto(`${server.url}/#/admin`);
    await caseworker.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await caseworker.getByRole('heading', { name: 'Organisasjon', level: 1 }).count()).toBe(0);
  }, 120_000);
});
