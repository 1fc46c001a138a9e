/**
 * The case file (saksmappen) to read: the person, the request, the latest assessment, the decisions
 * with the evaluation and their reasons, the orders, letters, journal and the person's other cases.
 * An order's view (provider staff) shows what delivering needs: the person's contact details, the
 * decision and the provider's own orders; the rest is not asked for (the server would refuse it).
 */
import { useI18n } from '../i18n.tsx';
import { AssessmentSummary } from './AssessmentSummary.tsx';
import { CaseOrders } from './CaseOrders.tsx';
import { CaseMessages } from './CaseMessages.tsx';
import { CaseRecords } from './CaseRecords.tsx';
import { DecisionRead } from './DecisionRead.tsx';
import { Letters } from './Letters.tsx';
import { OtherCases } from './OtherCases.tsx';
import { PersonCard } from './PersonCard.tsx';
import { RequestPanel, representativeOf, requestOf } from './RequestPanel.tsx';
import type { CaseData, HistoryEntry } from './useCase.ts';
import type { Unit } from './useUnits.ts';

export function CaseFile({ c, history, units }: { c: CaseData; history: readonly HistoryEntry[]; units: Unit[] | null }) {
  const { t } = useI18n();
  const full = c.access === 'full';
  return (
    <div className="stack" data-testid="case-file">
      <PersonCard personId={c.person.id} representative={representativeOf(requestOf(history), t)} mayEdit={full} />
      {full && <RequestPanel history={history} />}
      {full && <AssessmentSummary personId={c.person.id} version={c.version} />}
      <DecisionRead c={c} history={history} />
      <CaseOrders c={c} units={units} />
      {full && <Letters history={history} />}
      {full && <CaseMessages caseId={c.id} version={c.version} />}
      {full && <CaseRecords history={history} />}
      {full && <OtherCases c={c} />}
    </div>
  );
}
