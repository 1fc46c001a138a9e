/**
 * A staff member's positions (issue 20 part 7): the administrator chooses a staff member, sees their
 * positions, records one (profession category of seed 003 Table 5.1, size, permanent or temporary,
 * KOSTRA function, unit, period; a period may begin in the past, as the HR system has it) and ends
 * one. The workforce report (Tables 5.1–5.2) is built on them.
 */
import { Checkbox, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { Pick } from '../../case/LifecycleFields.tsx';
import { osloDate } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';
import type { Reply } from '../../session.ts';
import { LoadState, useLoad } from '../../useLoad.tsx';
import { KOSTRA_FUNCTION_NAMES, PROFESSION_NAMES, type ProfessionId } from '../../wordsWorkforce.ts';
import { dayWords, type StaffMember, type Unit } from './adminData.ts';
import { ReasonField, reasonOf, requireChoice } from './fields.tsx';

type Position = Reply<'/api/v1/organisation/staff/{id}/positions', 'get'>[number];
type KostraId = keyof typeof KOSTRA_FUNCTION_NAMES;

const percent = (fte: number) => `${Math.round(fte * 10000) / 100} %`;

function PositionTable({ positions }: { positions: readonly Position[] }) {
  const { t } = useI18n();
  return (
    <Table zebra data-testid="admin-positions">
      <caption className="ds-sr-only">{t('wfPositions')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('wfCategory')}</Table.HeaderCell>
          <Table.HeaderCell>{t('wfFte')}</Table.HeaderCell>
          <Table.HeaderCell>{t('wfPermanent')}</Table.HeaderCell>
          <Table.HeaderCell>{t('wfFunction')}</Table.HeaderCell>
          <Table.HeaderCell>{t('wfUnit')}</Table.HeaderCell>
          <Table.HeaderCell>{t('wfValidFrom')}</Table.HeaderCell>
          <Table.HeaderCell>{t('wfEnded')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {positions.map((p) => (
          <Table.Row key={p.id}>
            <Table.Cell>{PROFESSION_NAMES[p.category]}</Table.Cell>
            <Table.Cell>{percent(p.fte)}</Table.Cell>
            <Table.Cell>{p.permanent ? t('wfPermanent') : t('wfTemporary')}</Table.Cell>
            <Table.Cell>{p.kostraFunction}</Table.Cell>
            <Table.Cell>{p.unitName}</Table.Cell>
            <Table.Cell>{dayWords(p.validFrom)}</Table.Cell>
            <Table.Cell>{[p.endedOn, p.validTo].filter(Boolean).map((d) => dayWords(d as string))[0] ?? '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

const EMPTY = { unitId: '', category: '', fte: '100', permanent: true, kostraFunction: '254', validFrom: osloDate(), validTo: '', reason: '' };

function RecordPosition({ staffId, units, onDone }: { staffId: string; units: readonly Unit[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [f, setF] = useState(EMPTY);
  const set = <K extends keyof typeof EMPTY>(k: K) => (v: (typeof EMPTY)[K]) => setF((x) => ({ ...x, [k]: v }));
  const submit = async () => {
    requireChoice(f.unitId, 'unitId', t('wfUnit'));
    requireChoice(f.category, 'category', t('wfCategory'));
    const body = {
      unitId: f.unitId,
      category: f.category as ProfessionId,
      fte: Math.round(Number(f.fte.replace(',', '.')) * 100) / 10000,
      permanent: f.permanent,
      kostraFunction: f.kostraFunction as KostraId,
      validFrom: f.validFrom,
      validTo: f.validTo || null,
      ...reasonOf(f.reason),
    };
    ok(await api.POST('/api/v1/organisation/staff/{id}/positions', { params: { path: { id: staffId }, header: commandHeaders() }, body }));
    setF(EMPTY);
    await onDone();
  };
  const labels = { unitId: t('wfUnit'), category: t('wfCategory'), fte: t('wfFte'), kostraFunction: t('wfFunction'), validFrom: t('wfValidFrom'), validTo: t('wfValidTo'), reason: t('adminReason') };
  return (
    <ActionForm title={t('wfRecord')} submitLabel={t('wfRecord')} onSubmit={submit} level={4} testId="admin-record-position" labels={labels}>
      {({ fieldError }) => (
        <>
          <Pick label={t('wfUnit')} value={f.unitId} onChange={set('unitId')} options={units.map((u) => ({ id: u.id, name: u.name }))} none={t('adminChoose')} error={fieldError('unitId')} />
          <Pick label={t('wfCategory')} value={f.category} onChange={set('category')} options={Object.entries(PROFESSION_NAMES).map(([id, name]) => ({ id, name }))} none={t('adminChoose')} error={fieldError('category')} />
          <Textfield label={t('wfFte')} description={t('wfFteHelp')} inputMode="decimal" value={f.fte} onChange={(e) => set('fte')(e.target.value)} error={fieldError('fte')} />
          <Checkbox label={t('wfPermanent')} checked={f.permanent} onChange={(e) => set('permanent')(e.target.checked)} />
          <Pick label={t('wfFunction')} value={f.kostraFunction} onChange={set('kostraFunction')} options={Object.entries(KOSTRA_FUNCTION_NAMES).map(([id, name]) => ({ id, name }))} error={fieldError('kostraFunction')} />
          <Textfield type="date" label={t('wfValidFrom')} value={f.validFrom} onChange={(e) => set('validFrom')(e.target.value)} error={fieldError('validFrom')} />
          <Textfield type="date" label={t('wfValidTo')} description={t('wfValidToHelp')} value={f.validTo} onChange={(e) => set('validTo')(e.target.value)} error={fieldError('validTo')} />
          <ReasonField value={f.reason} onChange={set('reason')} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

function EndPosition({ staffId, positions, onDone }: { staffId: string; positions: readonly Position[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [positionId, setPositionId] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(osloDate());
  const [reason, setReason] = useState('');
  const open = positions.filter((p) => !p.endedOn);
  const submit = async () => {
    requireChoice(positionId, 'positionId', t('wfPosition'));
    ok(await api.POST('/api/v1/organisation/staff/{id}/positions/{positionId}/end', { params: { path: { id: staffId, positionId }, header: commandHeaders() }, body: { effectiveOn, ...reasonOf(reason) } }));
    setPositionId('');
    setReason('');
    await onDone();
  };
  if (!open.length) return null;
  return (
    <ActionForm title={t('wfEnd')} submitLabel={t('wfEnd')} onSubmit={submit} level={4} testId="admin-end-position" labels={{ positionId: t('wfPosition'), effectiveOn: t('wfEndOn'), reason: t('adminReason') }}>
      {({ fieldError }) => (
        <>
          <Pick label={t('wfPosition')} value={positionId} onChange={setPositionId} options={open.map((p) => ({ id: p.id, name: `${PROFESSION_NAMES[p.category]}, ${percent(p.fte)}, ${p.unitName} (${dayWords(p.validFrom)})` }))} none={t('adminChoose')} error={fieldError('positionId')} />
          <Textfield type="date" label={t('wfEndOn')} value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} error={fieldError('effectiveOn')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

function Positions({ staffId, units }: { staffId: string; units: readonly Unit[] }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/organisation/staff/{id}/positions', { params: { path: { id: staffId } } })), [staffId]);
  const positions = loaded.data ?? [];
  return (
    <div className="stack">
      <LoadState loaded={loaded} />
      {loaded.data && (positions.length ? <PositionTable positions={positions} /> : <Paragraph>{t('wfNoPositions')}</Paragraph>)}
      <RecordPosition staffId={staffId} units={units} onDone={loaded.reload} />
      <EndPosition staffId={staffId} positions={positions} onDone={loaded.reload} />
    </div>
  );
}

/** The positions of the staff member chosen. */
export function StaffPositions({ staff, units }: { staff: readonly StaffMember[]; units: readonly Unit[] }) {
  const { t } = useI18n();
  const [staffId, setStaffId] = useState('');
  return (
    <section className="stack" data-testid="admin-staff-positions" aria-labelledby="admin-positions-title">
      <Heading level={3} data-size="xs" id="admin-positions-title">
        {t('wfPositions')}
      </Heading>
      <Paragraph>{t('wfPositionsHelp')}</Paragraph>
      <Pick label={t('wfStaffMember')} value={staffId} onChange={setStaffId} options={staff.map((s) => ({ id: s.id, name: s.displayName }))} none={t('wfChoose')} />
      {staffId && <Positions staffId={staffId} units={units} />}
    </section>
  );
}
