/**
 * The assessment in the browser (Bladal): a caseworker scores a home-nursing case on IPLOS with some
 * functions left "not assessed", answers the home-nursing criteria's questions (not practical
 * help's), records the date, who took part and what matters; after a reload the form starts from
 * what was saved, and the evaluation finds the person eligible. A refused decision shows its field
 * errors in bokmål with the fields' labels, and in English after a change of language. An
 * assessment dated after today is refused with the reason in bokmål, and nothing is saved.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

/** The radio of an answer to one criteria question. */
function answer(p: Page, question: string, choice: 'Ja' | 'Nei') {
  return p.getByRole('group', { name: question, exact: true }).getByLabel(choice, { exact: true });
}

describe.skipIf(!run)('the assessment in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(41);
  let caseId = '';

  it('scores IPLOS with some functions not assessed, answers the service’s questions, keeps them after a reload and evaluates eligible', async () => {
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const person = (await api.command('/api/v1/persons', { nationalId: nationalId('1939-03-03'), givenName: 'Gunvor', familyName: 'Kartlagt' })).body;
    const c = (await api.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'gp', receivedOn: norwegianDate(), description: 'Sårstell og medisiner' })).body;
    caseId = c.id;
    expect((await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).status).toBe(200);

    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const form = p.getByTestId('assessment');
    await form.getByTestId('criteria-questions').getByRole('group').first().waitFor();
    // Every IPLOS variable the API defines, each "not assessed" until scored, with the score texts.
    expect(await form.getByTestId('iplos').locator('select').count()).toBe(17);
    expect(await form.getByLabel('Syn', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('Ivareta egen helse').locator('option').allTextContents()).toContain('3 – Middels behov for bistand – klarer deler av aktiviteten selv, trenger personbistand til andre deler (hjelperen kan gå til og fra)');
    // The home-nursing criteria's questions, not practical help's.
    expect(await form.textContent()).not.toContain('Husstanden kan ikke dekke behovet selv');

    await form.getByLabel('Dato for kartlegging').fill(norwegianDate());
    await form.getByLabel('Hva er viktig for deg?').fill('Å klare morgenstellet selv og bo hjemme');
    await form.getByLabel('Ivareta egen helse').selectOption('4');
    await form.getByLabel('Personlig hygiene').selectOption('3');
    await form.getByLabel('Hørsel').selectOption('9');
    await form.getByLabel('Profesjon eller rolle (1)').fill('Sykepleier');
    await form.getByRole('button', { name: 'Legg til deltaker' }).click();
    await form.getByLabel('Navn (2)').fill('Eva Ergo');
    await form.getByLabel('Profesjon eller rolle (2)').fill('Ergoterapeut');
    await answer(p, 'Behov for helsehjelp som krever helsefaglig kompetanse', 'Ja').check();
    await answer(p, 'Kan benytte fastlege, legevakt eller poliklinikk', 'Nei').check();
    await answer(p, 'Velferdsteknologi (f.eks. medisindispenser) kan dekke behovet', 'Nei').check();
    await expectAccessible(p, 'case-assessment-form');
    await form.getByRole('button', { name: 'Lagre kartlegging' }).click();
    await form.getByText('Lagret.').waitFor();

    const saved = (await api.get(`/api/v1/persons/${person.id}/assessments`)).body.assessments.at(-1);
    expect(saved).toMatchObject({ caseId: c.id, status: 'completed', scores: { own_health: 4, personal_hygiene: 3, hearing: 9 }, whatMatters: 'Å klare morgenstellet selv og bo hjemme', jointVisit: true });
    expect(Object.keys(saved.scores)).toHaveLength(3);
    expect(saved.answers).toEqual({ needs_health_care: true, can_attend_clinic: false, welfare_technology_suitable: false });

    // A reload starts from what was saved, not from all 1s.
    await p.reload();
    const again = p.getByTestId('assessment');
    await again.getByTestId('assessment-prefilled').waitFor();
    expect(await again.getByLabel('Ivareta egen helse').inputValue()).toBe('4');
    expect(await again.getByLabel('Hørsel').inputValue()).toBe('9');
    expect(await again.getByLabel('Syn', { exact: true }).inputValue()).toBe('');
    expect(await again.getByLabel('Hva er viktig for deg?').inputValue()).toBe('Å klare morgenstellet selv og bo hjemme');
    expect(await again.getByLabel('Navn (2)').inputValue()).toBe('Eva Ergo');
    // The service's questions load after the assessment: wait for the saved answer rather than read it at once.
    await expect.poll(() => answer(p, 'Behov for helsehjelp som krever helsefaglig kompetanse', 'Ja').isChecked()).toBe(true);

    await p.getByRole('button', { name: 'Vurder mot tildelingskriteriene' }).first().click();
    await expect.poll(() => p.getByTestId('verdict').getAttribute('data-verdict'), { timeout: 10_000 }).toBe('eligible');
  });

  it('shows a refused decision’s field errors in bokmål with their labels, and in English after switching language', async () => {
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${caseId}`);
    const decision = p.getByTestId('decision');
    await decision.getByLabel('Timefestet').check();
    await decision.getByLabel('Timer per uke').fill('500');
    await decision.getByRole('button', { name: 'Fatt vedtak' }).click();
    const alert = decision.getByTestId('problem');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('Timer per uke: kan være høyst 168');
    const nb = (await alert.textContent()) ?? '';
    expect(nb).toContain('Noen opplysninger må rettes');
    expect(nb).toContain('Hva vedtaket gir (med ord personen forstår): må fylles ut');
    expect(nb).not.toMatch(/\b(Too|expected|Invalid|payload|hoursPerWeek|summary|number|string|seed|domain reference)\b/);
    expect(await decision.textContent()).toContain('Kan være høyst 168');
    await expectAccessible(p, 'case-decision-refused');

    await p.getByLabel('Språk').selectOption('en');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('Hours per week: can be at most 168');
    expect(await alert.textContent()).toContain('Some details need correcting');
  });

  it('refuses an assessment dated after today with the reason in bokmål beside the date, and saves nothing', async () => {
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const personId = (await api.get(`/api/v1/cases/${caseId}`)).body.person.id as string;
    const before = (await api.get(`/api/v1/persons/${personId}/assessments`)).body.assessments.length;
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${caseId}`);
    const form = p.getByTestId('assessment');
    await form.getByTestId('assessment-prefilled').waitFor();
    expect(await form.getByLabel('Dato for kartlegging').getAttribute('max')).toBe(norwegianDate());
    await form.getByLabel('Dato for kartlegging').fill(norwegianDate(new Date(Date.now() + 2 * 86_400_000)));
    await form.getByRole('button', { name: 'Lagre kartlegging' }).click();
    const alert = form.getByTestId('problem');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('Datoen kan ikke ligge fram i tid');
    expect(await alert.textContent()).toContain('Dato for kartlegging');
    expect(await alert.textContent()).not.toMatch(/\b(after today|assessedOn)\b/);
    expect((await api.get(`/api/v1/persons/${personId}/assessments`)).body.assessments).toHaveLength(before);
  });
});
