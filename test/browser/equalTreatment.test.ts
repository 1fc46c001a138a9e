/**
 * Equal treatment in the browser (issue 20, Solstad): six users assessed alike are granted practical
 * help through the API; the leader finds their comparable-need group in the equal-treatment panel
 * with the API's figures, each figure's definition written out, and the cases behind a caseworker's
 * row (groups too small in all are one line); the caseworker drafting a decision for a seventh such
 * user reads the range the others were granted, as the API gives it, with a note when the hours
 * typed lie outside it; a user whose need too few share reads that there are too few to show. axe on
 * each state.
 */
import { describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment, lawfulDecision } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { demoInBrowser } from './suite.ts';

const run = available || required;
const GROUP = 'practical_help|medium|none';
const nb = (x: number) => x.toLocaleString('nb-NO');

/** A person with a practical-help case, assessed (medium need), and decided with `hours` when given. */
async function assessedCase(api: Client, hours: number | null, scores?: Record<string, number>): Promise<string> {
  const person = (await api.command('/api/v1/persons', { nationalId: nationalId('1937-07-07'), givenName: 'Like', familyName: 'Behov' })).body;
  let c = (await api.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: norwegianDate(), description: 'Søknad om praktisk bistand' })).body;
  c = (await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
  await completeAssessment(api, person.id, { caseId: c.id, ...(scores ? { scores } : {}) });
  if (hours !== null) {
    const r = await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'decision_made', payload: lawfulDecision('practical_help', { hoursPerWeek: hours }) } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  return c.id;
}

describe.skipIf(!run)('equal treatment in the browser', () => {
  const { server, page, expectAccessible } = demoInBrowser(43);

  it('shows the leader the spread for comparable need with definitions and the cases behind a row, and the caseworker the comparable range', async () => {
    const api = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    for (const h of [2, 3, 4, 5, 6, 7]) await assessedCase(api, h);
    const open = await assessedCase(api, null);

    const leaderApi = await Client.login(server.url, 'solstad', 'leder', 'demo');
    const report = (await leaderApi.request('GET', '/api/v1/reports/equal-treatment?by=caseworker', undefined, { 'tildel-purpose': 'quality_assurance' })).body;
    const group = report.groups.find((g: { key: string }) => g.key === GROUP);
    expect(group.municipality.n).toBeGreaterThanOrEqual(6);

    const p = await page();
    await logIn(p, server.url, 'solstad', 'leder');
    const panel = p.getByTestId('equal-treatment');
    const table = panel.locator(`[data-group="${GROUP}"]`);
    await table.waitFor({ timeout: 20_000 });
    // The municipality's row is the API's: n, mean, the interval.
    const municipality = table.locator('tr[data-unit="municipality"] td');
    await expect(municipality.nth(0).textContent()).resolves.toBe(String(group.municipality.n));
    await expect(municipality.nth(1).textContent()).resolves.toBe(nb(group.municipality.mean));
    await expect(municipality.nth(4).textContent()).resolves.toBe(`${nb(group.municipality.ciLow)}–${nb(group.municipality.ciHigh)}`);
    // Each figure's definition is written out beside the tables, the no-cause rule with the flag.
    const definitions = panel.getByTestId('equal-treatment-definitions');
    await expect(definitions.locator('[data-definition="ci95"]').textContent()).resolves.toContain('t-intervall');
    await expect(definitions.locator('[data-definition="flag"]').textContent()).resolves.toContain('ikke en påstand om årsak');
    // Flagged rows are marked as the API flags them.
    const flagged = group.units.filter((u: { flag: string | null }) => u.flag !== null).length;
    expect(await table.locator('tr[data-flag]').count()).toBe(flagged);
    // Groups too small in all are one line, not empty tables.
    const small = report.groups.filter((g: { municipality: { suppressed: boolean } }) => g.municipality.suppressed).length;
    expect(await panel.locator('[data-group]').count()).toBe(report.groups.length - small);
    if (small > 0) await expect(panel.getByTestId('equal-treatment-hidden').textContent()).resolves.toBe(`${small} grupper med færre enn 5 vedtak i alt vises ikke.`);
    await expectAccessible(p, 'leader-equal-treatment');

    // The cases behind the caseworker's row, as the gate shows them to the leader reading for quality assurance.
    const me = (await api.get('/api/v1/me')).body;
    const row = table.locator(`tr[data-unit="${me.staffId}"]`);
    await row.getByRole('button', { name: /Vis sakene/ }).click();
    const cases = (await leaderApi.request('GET', `/api/v1/reports/equal-treatment/cases?by=caseworker&group=${encodeURIComponent(GROUP)}&unit=${me.staffId}`, undefined, { 'tildel-purpose': 'quality_assurance' })).body;
    expect(cases.cases.length).toBeGreaterThanOrEqual(6);
    const list = panel.getByTestId('equal-treatment-cases');
    await list.getByRole('link').first().waitFor({ timeout: 15_000 });
    expect((await list.getByRole('link').allTextContents()).sort()).toEqual(cases.cases.map((c: { caseNumber: string }) => c.caseNumber).sort());
    await expectAccessible(p, 'leader-equal-treatment-cases');

    // The decision form of the seventh user: the comparable range, as the API gives it.
    const range = (await api.get(`/api/v1/cases/${open}/comparable-grants`)).body.range;
    expect(range.suppressed).toBe(false);
    const cp = await page();
    await logIn(cp, server.url, 'solstad', 'saksbehandler');
    await cp.goto(`${server.url}/#/cases/${open}`);
    const line = cp.getByTestId('decision').getByTestId('comparable-grants');
    await expect
      .poll(() => line.textContent(), { timeout: 15_000 })
      .toContain(`Sammenlignbare brukere fikk ${nb(range.p10)}–${nb(range.p90)} timer per uke (median ${nb(range.median)}, n ${range.n}).`);
    // Hours typed outside the range: a note, not a refusal.
    const decision = cp.getByTestId('decision');
    await decision.getByLabel('Timer per uke', { exact: true }).fill(String((range.p90 as number) + 10));
    await line.getByTestId('comparable-outside').waitFor({ timeout: 10_000 });
    await decision.getByLabel('Timer per uke', { exact: true }).fill(String(range.median));
    await expect.poll(() => line.getByTestId('comparable-outside').count()).toBe(0);
    await expectAccessible(cp, 'decision-comparable-grants');

    // A user whose need no five others share: too few to show.
    const alone = await assessedCase(api, null, { household_tasks: 5, shopping: 5, own_health: 5, cooking: 5, dressing: 5 });
    expect((await api.get(`/api/v1/cases/${alone}/comparable-grants`)).body.range.suppressed).toBe(true);
    await cp.goto(`${server.url}/#/cases/${alone}`);
    await expect
      .poll(() => cp.getByTestId('decision').getByTestId('comparable-grants').textContent(), { timeout: 15_000 })
      .toContain('For få sammenlignbare brukere til å vise (n < 5).');
  }, 180_000);
});
