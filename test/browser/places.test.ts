/**
 * Scarce places in real Chromium against the real server with the demo loaded (Solstad keeps a
 * priority list, as Trondheim does): a caseworker opens Venteliste, offers a vacated place to
 * someone who is not first, is asked why each one ahead was passed over, gives the reasons and sees
 * the rank; on the case, the offer is an open item and the person's answer is recorded. axe-core
 * checks the views for serious or critical WCAG 2.1 AA violations.
 */
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;

describe.skipIf(!run)('scarce places in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(37);

  it('offers a vacated place to someone not first on the waiting list, asking why each one ahead was passed over, and records the answer (Solstad)', async () => {
    const office = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    // The demo puts no one on a waiting list: three decisions place people on Solstad's priority list, most severe first.
    const waitingFor = async (givenName: string, severity: number) => {
      const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1932-02-02'), givenName, familyName: 'Venteliste' })).body;
      let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'long_term_stay', channel: 'relative', receivedOn: norwegianDate(), description: 'Søknad om sykehjemsplass' })).body;
      c = (await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
      await completeAssessment(office, person.id, { caseId: c.id, scores: { memory: 4, everyday_decisions: 4, personal_hygiene: 4, toilet: 4 } });
      const waitingList = { placeType: 'long_term_stay', assessedNeed: 'Heldøgns omsorg; demens med uro om natten', recommendedLevel: 'Skjermet enhet', severity, benefit: 3, resourceUse: 2, urgent: false };
      const r = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('long_term_stay', { waitingList: waitingList as never }) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    await waitingFor('Astrid', 4);
    await waitingFor('Bernt', 3);
    const chosen = await waitingFor('Cecilie', 2);
    const waiting = (await office.get('/api/v1/waiting-lists?placeType=long_term_stay')).body.waiting;
    const rank = waiting.findIndex((e: any) => e.caseId === chosen.id) + 1;
    expect(rank).toBeGreaterThan(1);
    const ahead = waiting.slice(0, rank - 1).map((e: any) => e.caseNumber);

    const p = await page();
    await logIn(p, server.url, 'solstad', 'saksbehandler');
    await p.getByRole('link', { name: 'Venteliste' }).click();
    await p.getByRole('heading', { name: 'Venteliste for plasser' }).waitFor();
    expect(await p.getByLabel('Type plass').inputValue()).toBe('long_term_stay');
    const entry = p.getByTestId(`waiting-${chosen.caseNumber}`);
    await entry.waitFor();
    // Priority order on the page as the API gives it; each entry with its group, reason, need and level.
    expect(await p.locator('[data-testid="waiting-list"] > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(waiting.map((e: any) => `waiting-${e.caseNumber}`));
    expect(await entry.getByRole('heading', { level: 3 }).textContent()).toBe(`${rank}. ${chosen.caseNumber} Cecilie Venteliste`);
    expect(await entry.textContent()).toContain('Prioritetsgruppe C Moderat behov');
    expect(await entry.textContent()).toContain('Anbefalt nivå: Skjermet enhet');
    await entry.locator('summary', { hasText: 'Slik er prioriteten regnet ut' }).click();
    await entry.getByRole('cell', { name: 'Alvorlighet' }).waitFor();
    await p.getByTestId('watch-list').getByText('Ingen er til oppfølging.').waitFor();
    await expectAccessible(p, 'waiting-list');

    // Offered without reasons for those ahead: the server names them, and each reason field asks for one.
    await entry.getByRole('button', { name: 'Tilby ledig plass' }).click();
    const form = p.getByTestId(`offer-${chosen.caseNumber}`);
    await form.getByLabel('Hvorfor personen får tilbudet').fill('Plassen er på skjermet enhet, som passer behovet');
    await form.getByRole('button', { name: 'Send tilbudet' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('De som står foran i prioriteringen: er ikke gyldig');
    const reasons = form.getByLabel(/^Hvorfor ikke tilbudt: /);
    expect(await reasons.count()).toBe(rank - 1);
    expect(await reasons.first().getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('Skriv hvorfor personen ikke får tilbudet.');
    await expectAccessible(p, 'waiting-list-offer');
    for (let i = 0; i < rank - 1; i++) await reasons.nth(i).fill('Innlagt på sykehus; kan ikke flytte nå');
    await form.getByRole('button', { name: 'Send tilbudet' }).click();
    await expect.poll(() => p.getByTestId('offer-result').textContent()).toContain(`Plass i prioriteringen: ${rank}`);
    await entry.getByText('Har fått tilbud om plass').waitFor();
    expect(await entry.getByRole('button', { name: 'Tilby ledig plass' }).count()).toBe(0);

    // On the case: the offer as an open item, and the answer recorded (declined: stays on the list).
    await entry.getByRole('link', { name: chosen.caseNumber }).click();
    const offerItem = p.getByTestId('work-items').getByRole('listitem').filter({ hasText: 'Tilbud om ledig plass' });
    await expect.poll(() => offerItem.textContent()).toContain(`Plass i prioriteringen: ${rank} (Prioritetsgruppe C)`);
    const answer = p.getByTestId('place-offer-answer');
    await answer.getByRole('button', { name: 'Registrer svaret' }).click();
    await expect.poll(() => answer.getByRole('alert').textContent()).toContain('Velg om personen takket ja eller nei.');
    await answer.getByLabel('Takket nei – blir stående på ventelisten').check();
    await answer.getByLabel('Merknad (valgfritt)').fill('Ønsker å vente på plass nærmere familien');
    await expectAccessible(p, 'case-place-offer');
    await answer.getByRole('button', { name: 'Registrer svaret' }).click();
    await answer.waitFor({ state: 'detached' });
    await p.getByText('Takket nei – blir stående på ventelisten («Ønsker å vente på plass nærmere familien»)').waitFor();
    expect(await p.locator('.timeline').textContent()).toContain(`Forbigått: ${ahead[0]} («Innlagt på sykehus; kan ikke flytte nå»)`);
    const history = (await office.get(`/api/v1/cases/${chosen.id}/actions`)).body;
    expect(history.at(-1)).toMatchObject({ type: 'place_offer_answered', payload: { accepted: false } });
    expect(history.at(-2)).toMatchObject({ type: 'place_offered', payload: { rank, reason: 'Plassen er på skjermet enhet, som passer behovet' } });

    // The leader reads the list in the same order, and offers nothing from it (the allocators do).
    const leader = await page();
    await logIn(leader, server.url, 'solstad', 'leder');
    await leader.getByRole('link', { name: 'Venteliste' }).click();
    await leader.getByTestId(`waiting-${chosen.caseNumber}`).waitFor();
    expect(await leader.getByRole('button', { name: 'Tilby ledig plass' }).count()).toBe(0);
  });
});
