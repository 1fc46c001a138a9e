/**
 * Data a view loads, through the data layer (queryClient.ts): loaded again when its inputs change or
 * on request, retried when the failure may pass, with its loading, error and "not found" states.
 */
import { Alert, Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId } from 'react';
import { ApiProblem } from './api/client.ts';
import { useI18n } from './i18n.tsx';

export interface Loaded<T> {
  /** The data, null until it has loaded (on reload, what was loaded stays until the new data is there). */
  readonly data: T | null;
  /** The error's message in the user's language, or null. */
  readonly error: string | null;
  /** The HTTP status of the refusal (404: not found), or null. */
  readonly status?: number | null;
  /** Loads again (after a command changed what the view shows). */
  readonly reload: () => Promise<void>;
}

function statusOf(error: unknown): number | null {
  return error instanceof ApiProblem ? error.problem.status : null;
}

/**
 * Loads `load` for these inputs. `key` names data other views share (the organisation, say) so it is
 * loaded once; without it the data belongs to this place in this view.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], key?: readonly unknown[]): Loaded<T> {
  const own = useId();
  const queryKey = key ? [...key, ...deps] : ['view', own, ...deps];
  const query = useQuery({ queryKey, queryFn: load });
  const client = useQueryClient();
  const reload = useCallback(async () => {
    await client.refetchQueries({ queryKey, exact: true });
    // The inputs are the key: it is a new array on every render but the same value.
  }, [client, JSON.stringify(queryKey)]);
  const error = query.error ? (query.error instanceof Error ? query.error.message : String(query.error)) : null;
  return { data: query.data ?? null, error: query.data !== undefined && query.isFetching ? null : error, status: statusOf(query.error), reload };
}

/** What LoadState reads of a load: its data and error, and where known its status and reload. */
export type LoadStateOf = Pick<Loaded<unknown>, 'data' | 'error'> & Partial<Pick<Loaded<unknown>, 'status' | 'reload'>>;

/** The error (with "try again"), "not found", or a spinner while nothing has loaded yet; nothing once the data is there. */
export function LoadState({ loaded }: { loaded: LoadStateOf }) {
  const { t } = useI18n();
  if (loaded.error && loaded.status === 404) {
    return (
      <Paragraph role="status" data-testid="not-found">
        {t('notFoundHere')}
      </Paragraph>
    );
  }
  if (loaded.error) {
    return (
      <Alert data-color="danger" role="alert">
        {t('error')}: {loaded.error}{' '}
        {loaded.reload && (
          <Button variant="tertiary" data-size="sm" onClick={() => void loaded.reload?.()}>
            {t('tryAgain')}
          </Button>
        )}
      </Alert>
    );
  }
  return loaded.data === null ? <Spinner aria-label={t('loading')} /> : null;
}
