/**
 * Venteliste: the people waiting for a scarce place (long-term or short-term stay, care flat) in
 * priority order, each with the group, the key, the group's reason and how the priority is worked
 * out, what was assessed and recommended, and who has an offer waiting for their answer; and the
 * watch list (refused for want of a place, with an interim service) by review date. A caseworker or
 * team leader offers a vacated place from here (OfferForm).
 */
import { Alert, Button, Details, Field, Heading, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ok } from '../api/client.ts';
import { osloDate } from '../dates.ts';
import { useI18n } from '../i18n.tsx';
import { factorWords, groupReasonWords, PLACE_TYPES, placeTypeKey, type PlaceType } from '../labels.ts';
import { useServiceName } from '../services.ts';
import type { Me, Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import { OfferForm, type ListEntry, type Offered } from './OfferForm.tsx';

type Lists = Reply<'/api/v1/waiting-lists', 'get'>;
type Priority = NonNullable<ListEntry['priority']>;
/** Open offers by case id: the date the answer is due. */
type Offers = ReadonlyMap<string, string | null>;

const GROUP_COLOR = { A: 'danger', B: 'warning', C: 'info' } as const satisfies Record<Priority['group'], string>;

/** The lists for a place type, and the open offers (place_offer items) from the same queue the work list reads. */
function useWaitingLists(placeType: PlaceType) {
  return useLoad(async () => {
    const [l, q] = await Promise.all([api.GET('/api/v1/waiting-lists', { params: { query: { placeType } } }), api.GET('/api/v1/work-queue', { params: { query: { kind: 'place_offer' } } })]);
    // The offers mark entries only; without them the list still stands.
    const offers: Offers = new Map((q.response.ok ? (q.data ?? []) : []).map((i) => [i.caseId, i.dueOn]));
    return { lists: ok(l), offers };
  }, [placeType]);
}

function Factors({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return (
    <Details>
      <Details.Summary>{t('priorityFactors')}</Details.Summary>
      <Details.Content>
        <Table data-size="sm">
          <caption className="ds-sr-only">{t('priorityFactors')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('factor')}</Table.HeaderCell>
              <Table.HeaderCell>{t('factorValue')}</Table.HeaderCell>
              <Table.HeaderCell>{t('factorWeight')}</Table.HeaderCell>
              <Table.HeaderCell>{t('factorPoints')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {priority.explanation.map((f) => (
              <Table.Row key={f.factor}>
                <Table.Cell>{factorWords(t, f.factor)}</Table.Cell>
                <Table.Cell>{f.value}</Table.Cell>
                <Table.Cell>{f.weight}</Table.Cell>
                <Table.Cell>{f.points}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Details.Content>
    </Details>
  );
}

interface EntryProps {
  readonly entry: ListEntry;
  readonly rank: number;
  readonly ahead: readonly ListEntry[];
  readonly placeType: PlaceType;
  readonly offerDue: string | null | undefined;
  readonly mayOffer: boolean;
  readonly onOffered: (o: Offered) => Promise<void>;
}

function WaitingEntry({ entry: e, rank, ahead, placeType, offerDue, mayOffer, onOffered }: EntryProps) {
  const { t } = useI18n();
  const [offering, setOffering] = useState(false);
  const p = e.priority;
  const hasOffer = offerDue !== undefined;
  return (
    <li className="panel stack" data-testid={`waiting-${e.caseNumber}`}>
      <Heading level={3} data-size="xs">
        {rank}. <Link href={`#/cases/${e.caseId}`}>{e.caseNumber}</Link> {e.personName}
      </Heading>
      {p && (
        <Paragraph>
          <Tag data-color={GROUP_COLOR[p.group]}>
            {t('priorityGroup')} {p.group}
          </Tag>{' '}
          {groupReasonWords(t, p.groupReason)} · {t('priorityKey')}: {p.key} · {t('listedOn')}: {e.listedOn}
        </Paragraph>
      )}
      <Paragraph>
        {t('assessedNeed')}: {e.assessedNeed} · {t('recommendedLevel')}: {e.recommendedLevel}
      </Paragraph>
      {p && <Factors priority={p} />}
      {hasOffer && (
        <Paragraph>
          <Tag data-color="info">{t('offerOpen')}</Tag> {offerDue ? `${t('answerBy')}: ${offerDue}` : ''}
        </Paragraph>
      )}
      {mayOffer && !hasOffer && (
        <div>
          <Button variant="secondary" aria-expanded={offering} onClick={() => setOffering(!offering)}>
            {t('offerPlace')}
          </Button>
        </div>
      )}
      {offering && !hasOffer && <OfferForm entry={e} ahead={ahead} placeType={placeType} today={osloDate()} onOffered={onOffered} />}
    </li>
  );
}

function Waiting({ lists, offers, placeType, mayOffer, onOffered }: { lists: Lists; offers: Offers; placeType: PlaceType; mayOffer: boolean; onOffered: (o: Offered) => Promise<void> }) {
  const { t } = useI18n();
  return (
    <section className="stack" aria-labelledby="waiting-title">
      <Heading level={2} data-size="sm" id="waiting-title">
        {t('waitingTitle')}
      </Heading>
      {lists.waiting.length === 0 && <Paragraph>{t('noWaiting')}</Paragraph>}
      {lists.waiting.length > 0 && (
        <ol className="plain-list stack" data-testid="waiting-list">
          {lists.waiting.map((e, i) => (
            <WaitingEntry key={e.id} entry={e} rank={i + 1} ahead={lists.waiting.slice(0, i)} placeType={placeType} offerDue={offers.has(e.caseId) ? (offers.get(e.caseId) ?? null) : undefined} mayOffer={mayOffer} onOffered={onOffered} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Watching({ entries }: { entries: readonly ListEntry[] }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const today = osloDate();
  return (
    <section className="panel stack" aria-labelledby="watch-title" data-testid="watch-list">
      <Heading level={2} data-size="sm" id="watch-title">
        {t('watchTitle')}
      </Heading>
      <Paragraph>{t('watchHelp')}</Paragraph>
      {entries.length === 0 && <Paragraph>{t('noWatching')}</Paragraph>}
      {entries.length > 0 && (
        <Table zebra>
          <caption className="ds-sr-only">{t('watchTitle')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
              <Table.HeaderCell>{t('person')}</Table.HeaderCell>
              <Table.HeaderCell>{t('assessedNeed')}</Table.HeaderCell>
              <Table.HeaderCell>{t('recommendedLevel')}</Table.HeaderCell>
              <Table.HeaderCell>{t('interimService')}</Table.HeaderCell>
              <Table.HeaderCell>{t('listedOn')}</Table.HeaderCell>
              <Table.HeaderCell>{t('reviewBy')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {entries.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>
                  <Link href={`#/cases/${e.caseId}`}>{e.caseNumber}</Link>
                </Table.Cell>
                <Table.Cell>{e.personName}</Table.Cell>
                <Table.Cell>{e.assessedNeed}</Table.Cell>
                <Table.Cell>{e.recommendedLevel}</Table.Cell>
                <Table.Cell>{e.interimService ? serviceName(e.interimService) : '–'}</Table.Cell>
                <Table.Cell>{e.listedOn}</Table.Cell>
                <Table.Cell>
                  {e.reviewBy ?? '–'} {e.reviewBy !== null && today > e.reviewBy && <Tag data-color="danger">{t('overdue')}</Tag>}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

export function WaitingList({ me }: { me: Me }) {
  const { t } = useI18n();
  const [placeType, setPlaceType] = useState<PlaceType>('long_term_stay');
  const loaded = useWaitingLists(placeType);
  const [offered, setOffered] = useState<Offered | null>(null);
  // Offering is the allocators' (the transition table's roles for place_offered); a leader reads the list.
  const mayOffer = me.roles.includes('caseworker') || me.roles.includes('team_leader');
  const onOffered = async (o: Offered) => {
    setOffered(o);
    await loaded.reload();
  };
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('waitingListTitle')}
      </Heading>
      <Paragraph>{t('waitingListHelp')}</Paragraph>
      <Field>
        <Label>{t('placeType')}</Label>
        <Select
          value={placeType}
          onChange={(e) => {
            setOffered(null);
            setPlaceType(PLACE_TYPES.find((p) => p === e.target.value) ?? 'long_term_stay');
          }}
        >
          {PLACE_TYPES.map((p) => (
            <Select.Option key={p} value={p}>
              {t(placeTypeKey(p))}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {offered && (
        <Alert data-color="success" role="status" data-testid="offer-result">
          {t('offerRegistered')} {offered.personName} ({offered.caseNumber}) · {t('offerRank')}: {offered.rank} · {t('answerBy')}: {offered.answerBy}
        </Alert>
      )}
      <LoadState loaded={loaded} />
      {loaded.data && (
        <>
          <Waiting lists={loaded.data.lists} offers={loaded.data.offers} placeType={placeType} mayOffer={mayOffer} onOffered={onOffered} />
          <Watching entries={loaded.data.lists.watching} />
        </>
      )}
    </div>
  );
}
