/**
 * One browser suite's world: a fresh database with the demo loaded, the real server on it, and
 * Chromium; pages in Norwegian bokmål, and axe on each view (with a screenshot for the docs), where
 * the page must also have run without a Content-Security-Policy refusal.
 * Call inside a describe block: the hooks set it up before its tests and take it down after.
 */
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { CONTEXT, launch, screenshot, seriousViolations } from './browser.ts';

export interface BrowserSuite {
  /** The running server (its url is there once the suite has started). */
  readonly server: { readonly url: string };
  /** A new page in its own context (own cookies), in bokmål. */
  page(): Promise<Page>;
  /** No serious or critical WCAG 2.1 AA violations on the page as it is. */
  expectAccessible(p: Page, view: string): Promise<void>;
}

const cspViolations = new WeakMap<Page, string[]>();
/** Each page's requests not yet finished, for the report on a failed test. */
const pending = new WeakMap<Page, Set<string>>();

export function demoInBrowser(seed: number): BrowserSuite {
  return inBrowser(async (db) => {
    await loadDemo(db, { seed, asOf: new Date(), scale: 0.05 });
  });
}

/**
 * A browser test walks a whole flow (several logins, forms, axe on each view): 10–15 s on a quiet
 * machine, and up to twice that when CI's two workers each drive a Chromium. The test's limit is 90 s;
 * each wait for an element keeps Playwright's own 30 s, so a step that hangs fails with its locator
 * named instead of as a bare test timeout.
 */
const BROWSER_TEST_TIMEOUT_MS = 90_000;
const ELEMENT_WAIT_MS = 30_000;

/** The same world on a database that `prepare` fills (an empty installation with one new municipality, say). */
export function inBrowser(prepare: (db: Database) => Promise<void>): BrowserSuite {
  vi.setConfig({ testTimeout: BROWSER_TEST_TIMEOUT_MS });
  let db: Database | undefined;
  let running: TestServer | undefined;
  let browser: Browser | undefined;
  // The contexts a test opened: when it fails, each of its pages is probed (reportPages). They stay open
  // until the browser closes, as before.
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await prepare(db);
    running = await startServer(db);
    browser = await launch();
  }, 180_000);

  afterEach(async (ctx) => {
    const opened = contexts.splice(0);
    if (ctx.task.result?.state === 'fail') await reportPages(opened.flatMap((c) => c.pages()));
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await db?.close();
  });

  return {
    server: {
      get url(): string {
        if (!running) throw new Error('the browser suite has not started');
        return running.url;
      },
    },
    async page() {
      if (!browser) throw new Error('the browser suite has not started');
      const context = await browser.newContext(CONTEXT);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(ELEMENT_WAIT_MS);
      const open = new Set<string>();
      pending.set(page, open);
      page.on('request', (r) => open.add(`${r.method()} ${r.url()}`));
      page.on('requestfinished', (r) => open.delete(`${r.method()} ${r.url()}`));
      page.on('requestfailed', (r) => open.delete(`${r.method()} ${r.url()}`));
      // The app must run under the server's Content-Security-Policy: every refusal it reports is kept.
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.set(page, [...(cspViolations.get(page) ?? []), m.text()]);
      });
      return page;
    },
    async expectAccessible(p, view) {
      await screenshot(p, view);
      expect(await seriousViolations(p), `axe on ${view}`).toEqual([]);
      expect(cspViolations.get(p) ?? [], `CSP on ${view}`).toEqual([]);
    },
  };
}

/**
 * After a failed test, what each of its pages was doing: its address, whether it answers a script and
 * whether it still draws frames (Playwright's wait for a stable element counts animation frames, so a
 * page that draws none makes a click wait without a word in its log).
 */
async function reportPages(pages: readonly Page[]): Promise<void> {
  const within = <T>(ms: number, work: Promise<T>): Promise<T | 'no answer'> =>
    Promise.race([work, new Promise<'no answer'>((done) => setTimeout(() => done('no answer'), ms))]);
  for (const [i, page] of pages.entries()) {
    const state = await within(5_000, page.evaluate('({ visibility: document.visibilityState, focus: document.hasFocus() })').catch((e: unknown) => String(e)));
    const frame = await within(5_000, page.evaluate('new Promise((done) => requestAnimationFrame(() => done("drawn")))').catch((e: unknown) => String(e)));
    const text = await within(5_000, page.evaluate('document.body.innerText.replace(/\\s+/g, " ").slice(0, 300)')).catch((e: unknown) => String(e));
    console.error(`page ${i + 1} of the failed test: ${page.url()} · script: ${JSON.stringify(state)} · next animation frame: ${frame} · text: ${String(text)} · requests in flight: ${[...(pending.get(page) ?? [])].join(', ') || 'none'}`);
  }
}
