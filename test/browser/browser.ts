/**
 * Real Chromium for browser tests, driven by playwright-core (Debian's chromium, never a downloaded
 * browser), and axe-core injected into the page. With TILDEL_BROWSER_TESTS=required (CI) a missing
 * Chromium fails the run; elsewhere the browser tests are skipped with a message saying how to install it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.TILDEL_CHROMIUM ?? '/usr/bin/chromium';
export const required = process.env.TILDEL_BROWSER_TESTS === 'required';
export const available = existsSync(CHROMIUM);

if (!available && !required) {
  console.warn(`\n*** Browser tests SKIPPED: no Chromium at ${CHROMIUM}. Install it (Debian: apt-get install chromium) or set TILDEL_CHROMIUM. CI sets TILDEL_BROWSER_TESTS=required. ***\n`);
}

export async function launch(): Promise<Browser> {
  if (!available) throw new Error(`No Chromium at ${CHROMIUM} (TILDEL_BROWSER_TESTS=required): install Debian's chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page as a Norwegian caseworker sees it, with reduced motion. The design system opens a <details>
 * with a 0.4 s height transition, and its content box (overflow hidden) is a scroll container while it
 * grows: a click aimed at a button inside it right after opening could press on the button and release
 * on the field above it, as the box scrolled back, so no form was sent (CI's failures of the user
 * payments test: mousedown on "Lagre inntekten", mouseup on an input, click on the form). A person does
 * not click within the transition; a test does, so tests run without it.
 */
export const CONTEXT: BrowserContextOptions = { locale: 'nb-NO', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' };

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: number;
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol rather than as a script tag: the page's CSP (script-src
  // 'self') refuses inline scripts, and the test must not weaken it to audit the page.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const w = globalThis as unknown as { document: unknown; axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }> } };
    const r = await w.axe.run(w.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a screenshot under docs/screenshots when TILDEL_SCREENSHOTS=1 (npm run screenshots). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.TILDEL_SCREENSHOTS !== '1') return;
  await mkdir('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

export async function logIn(page: Page, baseUrl: string, municipality: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Kommune').selectOption(municipality);
  await page.getByLabel('Brukernavn').fill(username);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('button', { name: 'Logg ut' }).waitFor();
}

/** Clicks a download button and reads the file the browser saved. */
export async function download(p: Page, button: Locator): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([p.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), body: await readFile(await file.path()) };
}
