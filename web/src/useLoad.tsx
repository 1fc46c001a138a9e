/** Data a view loads: loaded again when its inputs change or on request, with its loading and error states. */
import { Alert, Spinner } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from './i18n.tsx';

export interface Loaded<T> {
  /** The data, null until it has loaded (on reload, what was loaded stays until the new data is there). */
  readonly data: T | null;
  /** The error's message, or null. */
  readonly error: string | null;
  /** Loads again (after a command changed what the view shows). */
  readonly reload: () => Promise<void>;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const loadedRound = useRef(round);
  useEffect(() => {
    let current = true;
    // New inputs: what was loaded is not theirs. A reload keeps it on screen until the new data is there.
    if (loadedRound.current === round) setData(null);
    loadedRound.current = round;
    setError(null);
    load()
      .then((d) => current && setData(d))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
    // The caller names the inputs: `load` is a new function on every render.
  }, [...deps, round]);
  const reload = useCallback(async () => setRound((r) => r + 1), []);
  return { data, error, reload };
}

/** The error, or a spinner while nothing has loaded yet; nothing once the data is there. */
export function LoadState({ loaded }: { loaded: Pick<Loaded<unknown>, 'data' | 'error'> }) {
  const { t } = useI18n();
  if (loaded.error) {
    return (
      <Alert data-color="danger" role="alert">
        {t('error')}: {loaded.error}
      </Alert>
    );
  }
  return loaded.data === null ? <Spinner aria-label={t('loading')} /> : null;
}
