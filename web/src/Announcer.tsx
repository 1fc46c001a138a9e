/**
 * A polite live region (role=status) in the page frame: it announces the success messages a view
 * shows ("Lagret.", a receipt), also those of views that render them as a plain alert. A message
 * that already sits in a live region of its own (role status or alert, aria-live) is left to it.
 */
import { useEffect, useState } from 'react';

const MESSAGE = '.ds-alert[data-color="success"]';

function isAnnouncedAlready(el: Element): boolean {
  return el.closest('[role="status"], [role="alert"], [aria-live]') !== null;
}

/** The success messages among nodes added to the page. */
function addedMessages(records: MutationRecord[]): Element[] {
  const found: Element[] = [];
  for (const r of records) {
    for (const node of r.addedNodes) {
      if (!(node instanceof Element)) continue;
      if (node.matches(MESSAGE)) found.push(node);
      found.push(...node.querySelectorAll(MESSAGE));
    }
  }
  return found.filter((el) => !isAnnouncedAlready(el));
}

/** Announces success messages that appear inside the element with id `watchId`. */
export function Announcer({ watchId = 'main' }: { watchId?: string }) {
  const [message, setMessage] = useState('');
  useEffect(() => {
    const root = document.getElementById(watchId);
    if (!root) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver((records) => {
      const text = addedMessages(records)
        .map((el) => el.textContent?.trim() ?? '')
        .filter(Boolean)
        .join(' ');
      if (!text) return;
      // Emptied first, so the same words said again ("Lagret." twice) are announced again.
      setMessage('');
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(text), 100);
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [watchId]);
  return (
    <div role="status" aria-live="polite" className="ds-sr-only" data-testid="announcer">
      {message}
    </div>
  );
}
