/**
 * The case's journal, read-only: notes (with their corrections, which never replace what was
 * written), complaints with how each was handled, and change reports (endringsmeldinger) from the
 * provider or the team.
 */
import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useI18n, type Key, type Lang } from '../i18n.tsx';
import type { Entry, HistoryEntry } from './useCase.ts';
import { dateIn, dateTimeIn, fill } from './caseFileFormat.ts';
import { Empty, Panel } from './Panel.tsx';

type T = (k: Key) => string;
const of = <K extends HistoryEntry['type']>(history: readonly HistoryEntry[], type: K) => history.filter((e): e is Entry<K> => e.type === type);
const COMPLAINT_STEPS = ['delivery_complaint_answered', 'complaint_reversed_on_review', 'complaint_forwarded', 'complaint_resolved'] as const;

function Part({ title, empty, testId, children }: { title: string; empty: string; testId: string; children: ReactNode[] }) {
  return (
    <div className="stack" data-testid={testId}>
      <Heading level={3} data-size="xs">
        {title}
      </Heading>
      {children.length === 0 ? <Empty>{empty}</Empty> : <ul className="stack">{children}</ul>}
    </div>
  );
}

const stamp = (lang: Lang, t: T, e: HistoryEntry) => `${dateTimeIn(lang, e.occurredAt)} ${t('by')} ${e.actorName}`;

function changeWords(t: T, lang: Lang, p: Entry<'change_proposed'>['payload']): string {
  const parts = [
    p.direction ? `${t('direction')} ${t(`direction_${p.direction}`)}` : null,
    p.proposedHoursPerWeek !== undefined ? `${t('proposedHours')}: ${p.proposedHoursPerWeek}` : null,
    p.observedSince ? fill(t('cfObservedSince'), { date: dateIn(lang, p.observedSince) }) : null,
  ].filter(Boolean);
  return parts.join(' · ');
}

/** How a complaint went: the steps after it, each in words. */
function complaintSteps(history: readonly HistoryEntry[], after: number, t: T): string {
  return history
    .filter((e) => e.seq > after && (COMPLAINT_STEPS as readonly string[]).includes(e.type))
    .map((e) => `${t(`action_${e.type}` as Key)}${'summary' in e.payload && typeof e.payload.summary === 'string' ? ` («${e.payload.summary}»)` : ''}`)
    .join(' → ');
}

export function CaseRecords({ history }: { history: readonly HistoryEntry[] }) {
  const { t, lang } = useI18n();
  const corrections = of(history, 'entry_corrected');
  const notes = of(history, 'note_added').map((n) => {
    const fixed = corrections.filter((c) => c.payload.correctsSeq === n.seq);
    return (
      <li key={n.seq}>
        {n.payload.text} <small>({stamp(lang, t, n)})</small>
        {fixed.map((c) => (
          <div key={c.seq}>
            {t('cfCorrected')}: {c.payload.correction} <small>({stamp(lang, t, c)})</small>
          </div>
        ))}
      </li>
    );
  });
  const complaints = of(history, 'complaint_received').map((c) => {
    const steps = complaintSteps(history, c.seq, t);
    return (
      <li key={c.seq}>
        <strong>{t(`concerns_${c.payload.concerns}`)}</strong>, {t(`complainant_${c.payload.complainant}`)}
        {c.payload.representative ? ` (${c.payload.representative.name})` : ''}, {t('received').toLowerCase()} {dateIn(lang, c.payload.receivedOn)}: {c.payload.summary}
        {steps ? <div>{steps}</div> : null}
      </li>
    );
  });
  const changes = of(history, 'change_proposed').map((c) => (
    <li key={c.seq}>
      {c.payload.description} <small>({[changeWords(t, lang, c.payload), stamp(lang, t, c)].filter(Boolean).join(' · ')})</small>
    </li>
  ));
  return (
    <Panel title={t('cfJournal')} testId="case-records">
      <Part title={t('cfNotes')} empty={t('cfNoNotes')} testId="notes">
        {notes}
      </Part>
      <Part title={t('cfComplaints')} empty={t('cfNoComplaints')} testId="complaints">
        {complaints}
      </Part>
      <Part title={t('cfChangeReports')} empty={t('cfNoChangeReports')} testId="change-reports">
        {changes}
      </Part>
    </Panel>
  );
}
