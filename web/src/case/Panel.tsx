/** A panel of the case file: a titled region with its loading, error and empty states. */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { LoadState, type LoadStateOf } from '../useLoad.tsx';

interface PanelProps {
  readonly title: string;
  readonly testId: string;
  readonly children: ReactNode;
  /** Data the panel loads: its spinner or error is shown until it is there. */
  readonly loaded?: LoadStateOf;
}

export function Panel({ title, testId, loaded, children }: PanelProps) {
  const id = useId();
  return (
    <section className="panel stack" aria-labelledby={id} data-testid={testId}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {loaded && <LoadState loaded={loaded} />}
      {(!loaded || loaded.data !== null) && children}
    </section>
  );
}

/** What a panel says when there is nothing to show. */
export function Empty({ children }: { children: ReactNode }) {
  return (
    <Paragraph data-size="sm" data-testid="empty">
      {children}
    </Paragraph>
  );
}

// A term and its value side by side: the pairs are the grid's rows (the wrapper divs take no box).
const FACTS = { display: 'grid', gridTemplateColumns: 'minmax(8rem, max-content) 1fr', columnGap: 'var(--ds-size-4)', rowGap: 'var(--ds-size-1)', margin: 0 } as const;
const PAIR = { display: 'contents' } as const;
const TERM = { fontWeight: 600 } as const;
const VALUE = { margin: 0 } as const;

/** A list of terms and their values; a value of null or '' is left out. */
export function Facts({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <dl className="facts" style={FACTS}>
      {shown.map(([term, value]) => (
        <div key={term} style={PAIR}>
          <dt style={TERM}>{term}</dt>
          <dd style={VALUE}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Loads again when `key` changes after the first load (the case's version after an action), keeping what is shown until the new data is there. */
export function useReloadOn(reload: () => Promise<void>, key: unknown): void {
  const first = useRef(key);
  useEffect(() => {
    if (first.current === key) return;
    first.current = key;
    void reload();
  }, [key, reload]);
}
