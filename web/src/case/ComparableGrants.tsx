/**
 * In the decision form (likebehandling, issue 20): what users with comparable assessed need were
 * granted in the municipality — p10–p90, the median and n — or that there are too few to show, and
 * a note when the hours typed lie outside that range, so the caseworker sees an outlier before it is
 * decided. Information only: it does not limit the decision, which rests on the person's own need.
 */
import { Paragraph } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { purposeHeader } from '../purpose.tsx';
import type { Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import { fill } from './caseFileFormat.ts';

type Comparable = Reply<'/api/v1/cases/{id}/comparable-grants', 'get'>;
type Typed = { form: string; hours: string; frameMax: string };

const BANDS = { limited: 'eqBand_limited', medium: 'eqBand_medium', extensive: 'eqBand_extensive', unassessed: 'eqBand_unassessed' } as const satisfies Record<Comparable['band'], Key>;

/** The hours typed in the draft, when they are a number: a frame's ceiling, or the hours. */
function typedHours(typed: Typed | undefined): number | null {
  const text = typed ? (typed.form === 'frame' ? typed.frameMax : typed.hours) : '';
  const n = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
}

function useNumber(): (x: number | null) => string {
  const { lang } = useI18n();
  return (x) => (x === null ? '–' : x.toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO'));
}

/** The range, or too few to show; and whether the hours typed lie outside it. */
function Range({ c, hours }: { c: Comparable; hours: number | null }) {
  const { t } = useI18n();
  const num = useNumber();
  const r = c.range;
  if (r.suppressed) return <Paragraph data-size="sm">{fill(t('eqComparableFew'), { n: c.minimumN })}</Paragraph>;
  const outside = hours !== null && (hours < (r.p10 ?? 0) || hours > (r.p90 ?? Infinity));
  return (
    <>
      <Paragraph data-size="sm">
        <strong>{fill(t('eqComparable'), { p10: num(r.p10), p90: num(r.p90), median: num(r.median), n: r.n ?? 0 })}</strong>
      </Paragraph>
      {outside && (
        <Paragraph data-size="sm" data-testid="comparable-outside">
          {fill(t('eqOutside'), { hours: num(hours) })}
        </Paragraph>
      )}
    </>
  );
}

export function ComparableGrants({ caseId, serviceCode, typed, refused }: { caseId: string; serviceCode: string; typed?: Typed; refused?: boolean }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/cases/{id}/comparable-grants', { params: { path: { id: caseId }, header: purposeHeader() } })), [caseId, serviceCode]);
  const c = loaded.data;
  const diagnosis = c?.diagnosisGroup ? (t(`adminDiagnosis_${c.diagnosisGroup}` as Key) ?? c.diagnosisGroup) : t('eqNoDiagnosisGroup');
  return (
    <div className="stack" data-testid="comparable-grants" aria-label={t('eqComparableTitle')} role="group">
      <LoadState loaded={loaded} />
      {c && <Range c={c} hours={refused ? null : typedHours(typed)} />}
      {c && <Paragraph data-size="xs">{fill(t('eqComparableBasis'), { band: t(BANDS[c.band]), diagnosis, from: c.from, to: c.to })}</Paragraph>}
    </div>
  );
}
