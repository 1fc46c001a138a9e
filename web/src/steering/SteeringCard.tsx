/**
 * The team steering card (styringskort; issue 20, seed 003 §3.8): a team and a month, each figure
 * with its definition, n and value (weighted and unweighted means labelled), continuity per user
 * across teams with the alert threshold as a choice, and the users above it that the leader has a
 * need to see for the stated purpose; export to CSV and print.
 */
import { Field, Heading, Label, Link, Paragraph, Select, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ok } from '../api/client.ts';
import { osloMonth } from '../dates.ts';
import { useI18n } from '../i18n.tsx';
import { currentPurpose, purposeHeader } from '../purpose.tsx';
import type { Reply } from '../session.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import { percent } from './csv.ts';
import { ExportPrint, type ExportTable } from './ExportPrint.tsx';
import './steering.css';

type Card = Reply<'/api/v1/reports/steering-card', 'get'>;
type Team = Card['teams'][number];
type CardFigure = Team['figures'][number];

const DAYS: readonly string[] = ['daysToAssessment', 'daysToDecision', 'daysToStart'];
const COUNTS: readonly string[] = ['continuityMean', 'continuityMedian', ...DAYS];

function useValue(): (id: CardFigure['id'], v: number | null | undefined) => string {
  const { t, lang } = useI18n();
  const number = (v: number) => v.toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 2 });
  return (id, v) => {
    if (v === null || v === undefined) return '–';
    if (id === 'complaintsPer100Decisions') return `${number(v)} ${t('cardPer100')}`;
    if (DAYS.includes(id)) return `${number(v)} ${t('cardDays')}`;
    return COUNTS.includes(id) ? number(v) : percent(v, lang);
  };
}

function CardTable({ card, team }: { card: Card; team: Team }) {
  const { t, lang } = useI18n();
  const value = useValue();
  const definition = new Map(card.definitions.map((d) => [d.id, d]));
  return (
    <div className="steering-scroll" tabIndex={0} role="region" aria-label={t('cardTitle')}>
      <Table zebra data-testid="steering-card-figures">
        <caption className="ds-sr-only">
          {t('cardTitle')}: {team.name}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('steeringFigure')}</Table.HeaderCell>
            <Table.HeaderCell>{t('steeringN')}</Table.HeaderCell>
            <Table.HeaderCell>{t('cardValue')}</Table.HeaderCell>
            <Table.HeaderCell>{t('cardUnweighted')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {team.figures.map((f) => {
            const d = definition.get(f.id);
            return (
              <Table.Row key={f.id} data-figure={f.id}>
                <Table.HeaderCell scope="row">
                  {d?.name[lang]}
                  <span className="steering-definition">{d?.definition[lang]}</span>
                </Table.HeaderCell>
                <Table.Cell>{f.n}</Table.Cell>
                <Table.Cell>{value(f.id, f.value)}</Table.Cell>
                <Table.Cell>{f.unweighted === undefined ? '–' : value(f.id, f.unweighted)}</Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

function Alerts({ team }: { team: Team }) {
  const { t } = useI18n();
  return (
    <div className="stack" data-testid="steering-card-alerts">
      <Heading level={3} data-size="xs">
        {t('cardAlertsTitle')}
      </Heading>
      <Paragraph>
        {t('cardAlertsCount')}: <strong>{team.usersAboveAlert}</strong>
      </Paragraph>
      <Paragraph data-size="sm">{t('cardAlertsHelp')}</Paragraph>
      {team.continuityAlerts.length === 0 && <Paragraph>{t('cardNoAlerts')}</Paragraph>}
      {team.continuityAlerts.length > 0 && (
        <ul>
          {team.continuityAlerts.map((a) => (
            <li key={a.caseId}>
              <Link href={`#/cases/${a.caseId}`}>{a.caseNumber}</Link>: {a.distinctEmployees} {t('cardDistinctEmployees').toLowerCase()}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Overall({ card }: { card: Card }) {
  const { t } = useI18n();
  const c = card.continuityOverall;
  const show = (v: number | null) => (v === null ? '–' : v.toLocaleString('nb-NO'));
  return (
    <Paragraph data-size="sm" data-testid="steering-card-overall">
      {t('cardOverallTitle')}: {t('cardWeightedByUsers')} <strong>{show(c.weightedByUsers)}</strong> · {t('cardUnweightedTeams')} <strong>{show(c.unweightedMeanOfTeams)}</strong> · {t('cardMedian')}{' '}
      <strong>{show(c.median)}</strong> · {t('cardUsers')} <strong>{c.users}</strong>
    </Paragraph>
  );
}

function exportCard(card: Card, team: Team, lang: 'nb' | 'nn' | 'en'): ExportTable {
  const definition = new Map(card.definitions.map((d) => [d.id, d]));
  const rows = team.figures.map((f) => [f.id, definition.get(f.id)?.name[lang] ?? f.id, team.name, card.month, f.n, f.value, f.unweighted ?? null, definition.get(f.id)?.mean ?? '', definition.get(f.id)?.definition[lang] ?? '']);
  return { name: `styringskort-${team.name}-${card.month}`, rows: [['figure', 'name', 'team', 'month', 'n', 'value', 'unweighted', 'mean', 'definition'], ...rows] };
}

function CardControls(props: { month: string; alertAbove: number; teams: readonly Team[]; team: string; onMonth: (m: string) => void; onAlert: (n: number) => void; onTeam: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="steering-controls no-print">
      <Textfield label={t('cardMonth')} type="month" value={props.month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && props.onMonth(e.target.value)} data-testid="steering-card-month" />
      <Textfield label={t('cardAlertAbove')} type="number" min={1} max={100} value={String(props.alertAbove)} onChange={(e) => Number(e.target.value) >= 1 && props.onAlert(Math.min(100, Math.round(Number(e.target.value))))} />
      {props.teams.length > 0 && (
        <Field>
          <Label>{t('cardTeam')}</Label>
          <Select value={props.team} onChange={(e) => props.onTeam(e.target.value)} data-testid="steering-card-team">
            {props.teams.map((x) => (
              <Select.Option key={x.unitId} value={x.unitId}>
                {x.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
      )}
    </div>
  );
}

export function SteeringCard() {
  const { t, lang } = useI18n();
  const [month, setMonth] = useState(osloMonth());
  const [alertAbove, setAlertAbove] = useState(15);
  const [teamId, setTeamId] = useState('');
  const purpose = currentPurpose();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/steering-card', { params: { query: { month, alertAbove }, header: purposeHeader() } })), [month, alertAbove, purpose]);
  const card = loaded.data;
  const teams = card?.teams ?? [];
  const team = teams.find((x) => x.unitId === teamId) ?? teams[0];
  return (
    <section className="panel stack" aria-labelledby="steering-card-title" data-testid="steering-card">
      <Heading level={2} data-size="sm" id="steering-card-title">
        {t('cardTitle')}
      </Heading>
      <Paragraph>{t('cardHelp')}</Paragraph>
      <CardControls month={month} alertAbove={alertAbove} teams={teams} team={team?.unitId ?? ''} onMonth={setMonth} onAlert={setAlertAbove} onTeam={setTeamId} />
      <LoadState loaded={loaded} />
      {card && teams.length === 0 && <Paragraph>{t('cardNoTeams')}</Paragraph>}
      {card && team && (
        <>
          <Heading level={3} data-size="xs">
            {team.name} · {card.month}
          </Heading>
          <CardTable card={card} team={team} />
          <Alerts team={team} />
          <Overall card={card} />
          <ExportPrint table={() => exportCard(card, team, lang)} />
        </>
      )}
    </section>
  );
}
