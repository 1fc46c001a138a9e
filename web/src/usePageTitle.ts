/**
 * Each page's title ("Arbeidsliste – tildel", in the user's language), and, after a navigation,
 * focus on the page's main heading, so a screen reader says where the user landed.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from './i18n.tsx';

/** Sets document.title to "<title> – <app name>". */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  }, [title, t]);
}

/** How long to wait for a view's heading to appear (it may come after its data has loaded). */
const WAIT_MS = 10_000;

/** Focuses the main heading (h1, made focusable with tabIndex -1), or `main` when there is none. */
function focusHeading(main: HTMLElement): boolean {
  const h1 = main.querySelector('h1');
  if (!h1) return false;
  h1.tabIndex = -1;
  h1.focus({ preventScroll: false });
  return true;
}

/** The user has moved on (typing in a field of the new page): focus stays where they put it. */
function userMovedOn(main: HTMLElement): boolean {
  const active = document.activeElement;
  return active !== null && active !== document.body && main.contains(active);
}

/**
 * After `key` changes, moves focus to the h1 inside the element with id `mainId` once it is there.
 * A null key is a state still settling (who is logged in not known yet, a redirect): it does not
 * count, and the first key after it is where the page starts, not a navigation.
 */
export function useFocusHeadingOnChange(key: string | null, mainId = 'main'): void {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (key === null || previous.current === key) return;
    const first = previous.current === null;
    previous.current = key;
    if (first) return;
    const main = document.getElementById(mainId);
    if (!main) return;
    if (focusHeading(main)) return;
    const observer = new MutationObserver(() => {
      if (userMovedOn(main) || focusHeading(main)) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [key, mainId]);
}
