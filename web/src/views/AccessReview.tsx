/**
 * Tilgangskontroll: the leader's review of access by need (Normen 6.0 ch. 5.4; pasientjournalforskriften
 * § 13). The emergency accesses of the last 30 days, unreviewed first, each with the reason given and
 * a form for the leader's verdict (never on one's own access: another leader reviews it); and the
 * staff who read unusually many persons one by one within an hour, above the threshold the server sets.
 */
import { Fieldset, Heading, Link, Paragraph, Radio, Table, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../api/client.ts';
import { ActionForm } from '../case/ActionForm.tsx';
import { osloDate, osloDateTime } from '../dates.ts';
import { useI18n } from '../i18n.tsx';
import type { Me, Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';

type Review = Reply<'/api/v1/reports/access-review', 'get'>;
type Access = Review['emergencyAccesses'][number];
type Verdict = NonNullable<Access['review']>['verdict'];

const VERDICTS: readonly Verdict[] = ['justified', 'not_justified'];
const DAYS = 30;

function ReviewForm({ access, onReviewed }: { access: Access; onReviewed: () => Promise<void> }) {
  const { t } = useI18n();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [note, setNote] = useState('');
  const submit = async () => {
    if (!verdict) throw new ApiProblem({ status: 400, detail: t('reviewVerdict'), errors: [{ field: 'verdict', message: t('reviewVerdict') }] });
    ok(await api.POST('/api/v1/emergency-accesses/{id}/review', { params: { path: { id: access.id }, header: commandHeaders() }, body: { verdict, note: note.trim() } }));
    await onReviewed();
  };
  return (
    <ActionForm title={t('reviewTitle')} submitLabel={t('reviewSave')} onSubmit={submit} level={4} testId={`review-${access.id}`}>
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('reviewVerdict')}</Fieldset.Legend>
            {VERDICTS.map((v) => (
              <Radio key={v} name={`verdict-${access.id}`} value={v} label={t(`verdict_${v}`)} checked={verdict === v} onChange={() => setVerdict(v)} aria-invalid={fieldError('verdict') ? true : undefined} />
            ))}
            {fieldError('verdict') && <ValidationMessage>{fieldError('verdict')}</ValidationMessage>}
          </Fieldset>
          <Textfield multiline rows={2} label={t('reviewNote')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError('note')} />
        </>
      )}
    </ActionForm>
  );
}

function ReviewDone({ review }: { review: NonNullable<Access['review']> }) {
  const { t } = useI18n();
  return (
    <Paragraph>
      <Tag data-color={review.verdict === 'justified' ? 'success' : 'danger'}>{t(`verdict_${review.verdict}`)}</Tag> · {t('reviewedBy')} {review.by}, {osloDateTime(review.at)}: «{review.note}»
    </Paragraph>
  );
}

function AccessEntry({ access, me, onReviewed }: { access: Access; me: Me; onReviewed: () => Promise<void> }) {
  const { t } = useI18n();
  const own = access.staff.id === me.staffId;
  return (
    <li className="panel stack" data-testid={`emergency-${access.caseNumber}`}>
      <Heading level={3} data-size="xs">
        <Link href={`#/cases/${access.caseId}`}>{access.caseNumber}</Link> · {access.staff.name}{' '}
        {!access.review && <Tag data-color="warning">{t('notReviewed')}</Tag>}
      </Heading>
      <Paragraph>
        {t('grantedAt')}: {osloDateTime(access.grantedAt)} · {t('expiresAt')}: {osloDateTime(access.expiresAt)}
      </Paragraph>
      <Paragraph>
        {t('accessReason')}: «{access.reason}»
      </Paragraph>
      {access.review && <ReviewDone review={access.review} />}
      {!access.review && own && <Paragraph>{t('ownAccessNote')}</Paragraph>}
      {!access.review && !own && <ReviewForm access={access} onReviewed={onReviewed} />}
    </li>
  );
}

function EmergencyAccesses({ accesses, me, onReviewed }: { accesses: readonly Access[]; me: Me; onReviewed: () => Promise<void> }) {
  const { t } = useI18n();
  return (
    <section className="stack" aria-labelledby="emergency-accesses-title" data-testid="emergency-accesses">
      <Heading level={2} data-size="sm" id="emergency-accesses-title">
        {t('emergencyAccessesTitle')}
      </Heading>
      {accesses.length === 0 && <Paragraph>{t('noEmergencyAccesses')}</Paragraph>}
      {accesses.length > 0 && (
        <ul className="stack plain-list">
          {accesses.map((a) => (
            <AccessEntry key={a.id} access={a} me={me} onReviewed={onReviewed} />
          ))}
        </ul>
      )}
    </section>
  );
}

function UnusualReading({ review }: { review: Review }) {
  const { t } = useI18n();
  const rows = review.unusualReading;
  return (
    <section className="panel stack" aria-labelledby="unusual-reading-title" data-testid="unusual-reading">
      <Heading level={2} data-size="sm" id="unusual-reading-title">
        {t('unusualReadingTitle')}
      </Heading>
      <Paragraph>{t('unusualReadingHelp').replace('{n}', String(review.threshold))}</Paragraph>
      {rows.length === 0 && <Paragraph>{t('noUnusualReading')}</Paragraph>}
      {rows.length > 0 && (
        <Table zebra>
          <caption className="ds-sr-only">{t('unusualReadingTitle')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('staffMember')}</Table.HeaderCell>
              <Table.HeaderCell>{t('readingHour')}</Table.HeaderCell>
              <Table.HeaderCell>{t('personsRead')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={`${r.staff.id}-${r.hour}`}>
                <Table.Cell>{r.staff.name}</Table.Cell>
                <Table.Cell>{osloDateTime(r.hour)}</Table.Cell>
                <Table.Cell>{r.persons}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

export function AccessReview({ me }: { me: Me }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/access-review', { params: { query: { days: DAYS } } })), []);
  const review = loaded.data;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('accessReviewTitle')}
      </Heading>
      <LoadState loaded={loaded} />
      {review && (
        <>
          <Paragraph>
            {t('accessReviewHelp')} {osloDate(new Date(review.since))}.
          </Paragraph>
          <EmergencyAccesses accesses={review.emergencyAccesses} me={me} onReviewed={loaded.reload} />
          <UnusualReading review={review} />
        </>
      )}
    </div>
  );
}
