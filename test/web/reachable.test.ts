/**
 * Every action the API allows a person to take has a way in the web app (issue 16 §2). The action
 * types come from the one transition table (src/domain/case/transitions.ts); the web app appends an
 * action as `appendAction(c, { type: '<action>', payload })` (or posts the same body), so each type
 * must appear as a `type: '<action>'` literal in a source file the app actually loads: reachable by
 * imports from web/src/main.tsx. Removing a panel (its file, or the import that renders it) fails
 * here. The few actions no person appends in the UI are listed below with the reason, and where a
 * dedicated endpoint writes them, the web app must call that endpoint.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, followUpActionSchema, type ActionType } from '../../src/domain/case/actions.ts';
import { TRANSITIONS } from '../../src/domain/case/transitions.ts';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/src');
const ENTRY = resolve(WEB, 'main.tsx');

/**
 * Actions written by the system or by a dedicated endpoint, not appended by a person through
 * POST /cases/{id}/actions. `endpoint` is the path the web app must call for it, or null when no
 * person takes the action in the UI at all.
 */
const NOT_APPENDED: Partial<Record<ActionType, { readonly why: string; readonly endpoint: string | null }>> = {
  request_received: { why: 'opens the case: the registration form posts the request (POST /cases)', endpoint: '/api/v1/cases' },
  letter_issued: { why: 'written when a letter is issued and stored (POST /cases/{id}/letters)', endpoint: '/api/v1/cases/{id}/letters' },
  criteria_evaluated: { why: 'written by the criteria evaluation (POST /cases/{id}/evaluation)', endpoint: '/api/v1/cases/{id}/evaluation' },
  place_offered: { why: 'written by the waiting-list offer, which reads the list (POST /waiting-lists/offers)', endpoint: '/api/v1/waiting-lists/offers' },
  follow_up_opened: { why: "opened by the rules' job runner (src/jobs) when it finds something; staff answer it with follow_up_answered", endpoint: null },
  message_receipt: { why: 'recorded by the outbox (src/app/outbox.ts) from what a national service answered; no person takes it; the case view lists the messages (GET /cases/{id}/messages) and a failure is a work item answered with follow_up_answered', endpoint: null },
  hospital_notice_received: { why: 'recorded by the job runner from a PLO message from the hospital (src/integrations/nhn/receiver.ts); staff answer its work item with follow_up_answered', endpoint: null },
  register_event: { why: "recorded by the job runner from the population register's event feed (src/integrations/folkeregister/receiver.ts); staff answer it with follow_up_answered", endpoint: null },
};

/** The relative imports of a source file, resolved to files. */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.filter((s) => /\.tsx?$/.test(s)).map((s) => resolve(dirname(file), s));
}

/** The web app's source files reachable from its entry, with their text; `edit` changes a file's text as read (to show the test bites). */
function reachableSources(edit: (file: string, text: string) => string = (_f, t) => t): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [ENTRY];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const text = edit(file, readFileSync(file, 'utf8'));
    seen.set(file, text);
    queue.push(...importsOf(file, text));
  }
  return seen;
}

/** Action type → the files (relative to web/src) that append it. */
function appendedBy(files: Map<string, string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [file, text] of files) {
    for (const m of text.matchAll(/\btype:\s*'([a-z_]+)'/g)) {
      const type = m[1] as string;
      found.set(type, [...new Set([...(found.get(type) ?? []), file.slice(WEB.length + 1)])]);
    }
  }
  return found;
}

/** The actions (outside the exceptions) no reachable file appends. */
const withoutWay = (appended: Map<string, string[]>) => (Object.keys(TRANSITIONS) as ActionType[]).filter((type) => !NOT_APPENDED[type] && !appended.has(type));

const sources = reachableSources();
const code = [...sources.values()].join('\n');
const appendedIn = appendedBy(sources);

describe('every action the API allows is reachable in the web app', () => {
  it('reads the app from its entry, through the case view and its panels', () => {
    const files = [...sources.keys()].map((f) => f.slice(WEB.length + 1));
    expect(files).toEqual(expect.arrayContaining(['App.tsx', 'views/CaseView.tsx', 'case/Lifecycle.tsx', 'case/Complaints.tsx', 'views/Board.tsx', 'views/Orders.tsx', 'views/ProviderCases.tsx']));
  });

  it('the transition table and the payload schemas name the same actions', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTION_TYPES].sort());
  });

  it.each(Object.keys(TRANSITIONS) as ActionType[])('%s has a way in the UI', (type) => {
    const exception = NOT_APPENDED[type];
    if (exception) {
      expect(appendedIn.get(type), `${type} is appended in the UI; take it off the exception list`).toBeUndefined();
      if (exception.endpoint) expect(code, `${type}: ${exception.why}`).toContain(`api.POST('${exception.endpoint}'`);
      return;
    }
    expect(appendedIn.get(type), `no panel appends ${type}: no UI path for an action the API allows`).toBeDefined();
  });

  it('fails when a panel is taken out of the case view', () => {
    const caseView = resolve(WEB, 'views/CaseView.tsx');
    const withoutLifecycle = reachableSources((file, text) => (file === caseView ? text.replace(/^import .*case\/Lifecycle\.tsx';$/m, '') : text));
    expect(withoutWay(appendedBy(withoutLifecycle))).toEqual(expect.arrayContaining(['request_withdrawn', 'complaint_forwarded', 'complaint_resolved', 'owner_assigned']));
    expect(withoutWay(appendedIn)).toEqual([]);
  });

  it('each action appended in the UI is one the actions endpoint accepts', () => {
    const accepted = new Set<string>(followUpActionSchema.options.map((o) => o.shape.type.value));
    const appended = [...appendedIn.keys()].filter((t) => (ACTION_TYPES as readonly string[]).includes(t));
    expect(appended.filter((t) => !accepted.has(t))).toEqual([]);
  });

  it('the exception list stays small and explained', () => {
    const entries = Object.entries(NOT_APPENDED);
    // Eight: the national integrations (issue 21) add actions the system records from what arrives (receipts, hospital messages, register events).
    expect(entries.length).toBeLessThanOrEqual(8);
    for (const [, e] of entries) expect(e.why.length).toBeGreaterThan(20);
  });

  it('the board plans a meeting, builds its agenda and records presence and minutes', () => {
    for (const endpoint of ['/api/v1/board-meetings', '/api/v1/board-meetings/{id}/agenda', '/api/v1/board-meetings/{id}/minutes']) {
      expect(sources.get(resolve(WEB, 'views/Board.tsx'))).toContain(`api.POST('${endpoint}'`);
    }
  });
});
