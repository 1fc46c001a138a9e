/** The administrator's forms for budgets over the year: a unit's frame with phasing and carry-over, and a shared pool. */
import { Fieldset, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { Pick } from '../../case/LifecycleFields.tsx';
import { osloDate } from '../../dates.ts';
import { useI18n, type Key } from '../../i18n.tsx';
import { serviceCode, useServiceName, useServices } from '../../services.ts';
import { Checks, DateField, ReasonField, reasonOf, requireChoice } from './fields.tsx';
import { notEnded, type Done, type Organisation } from './adminData.ts';

const BUDGET_KINDS = ['allocation_office', 'interdisciplinary_team', 'allocation_board', 'management'];
const CARRY = ['none', 'surplus_only', 'surplus_and_deficit'] as const;
type Carry = (typeof CARRY)[number];
const EVEN = Array.from({ length: 12 }, () => '');

export const monthKey = (i: number): Key => `budgetMonth_${i + 1}` as Key;

/** The units that hold a purchaser's budget, in force today or later. */
function budgetUnits(org: Organisation) {
  return org.units.filter((u) => BUDGET_KINDS.includes(u.kind) && notEnded(u, osloDate()));
}

function useServiceOptions() {
  const name = useServiceName();
  return useServices().map((s) => ({ id: s.code, name: name(s.code) }));
}

function carryOverOf(kind: Carry, cap: string, capOf: string) {
  if (kind === 'none') return { kind } as const;
  return { kind, capPercent: Number(cap) || 0, capOf: capOf === 'deviation' ? ('deviation' as const) : ('frame' as const) };
}

function MonthShares({ shares, set, error }: { shares: string[]; set: (s: string[]) => void; error?: string | undefined }) {
  const { t } = useI18n();
  const sum = shares.reduce((a, s) => a + (Number(s) || 0), 0);
  return (
    <Fieldset data-testid="budget-shares">
      <Fieldset.Legend>{t('budgetPhasingShares')}</Fieldset.Legend>
      <Fieldset.Description>{t('budgetSharesSum').replace('{sum}', String(Math.round(sum * 1000) / 1000))}</Fieldset.Description>
      <div className="row">
        {shares.map((s, i) => (
          <Textfield key={i} label={`${t(monthKey(i))} (%)`} type="number" min={0} max={100} step="any" value={s} onChange={(e) => set(shares.map((x, j) => (j === i ? e.target.value : x)))} style={{ maxWidth: '6rem' }} />
        ))}
      </div>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

function CarryOverFields(p: { kind: Carry; setKind: (k: Carry) => void; cap: string; setCap: (v: string) => void; capOf: string; setCapOf: (v: string) => void; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <Pick label={t('budgetCarryOver')} value={p.kind} onChange={(v) => p.setKind(CARRY.find((c) => c === v) ?? 'none')} options={CARRY.map((c) => ({ id: c, name: t(`budgetCarry_${c}`) }))} error={p.error} />
      {p.kind !== 'none' && (
        <div className="row">
          <Textfield label={t('budgetCapPercent')} type="number" min={0} max={100} step="any" value={p.cap} onChange={(e) => p.setCap(e.target.value)} />
          <Pick label={t('budgetCapOf')} value={p.capOf} onChange={p.setCapOf} options={[{ id: 'frame', name: t('budgetCapOf_frame') }, { id: 'deviation', name: t('budgetCapOf_deviation') }]} />
        </div>
      )}
    </>
  );
}

export function AddFrame({ org, year, onDone }: { org: Organisation; year: number; onDone: Done }) {
  const { t } = useI18n();
  const services = useServiceOptions();
  const [unitId, setUnitId] = useState('');
  const [service, setService] = useState('');
  const [amount, setAmount] = useState('');
  const [phasing, setPhasing] = useState<'even' | 'shares'>('even');
  const [shares, setShares] = useState<string[]>(EVEN);
  const [carry, setCarry] = useState<Carry>('none');
  const [cap, setCap] = useState('2');
  const [capOf, setCapOf] = useState('frame');
  const [effectiveOn, setEffectiveOn] = useState(osloDate());
  const [reason, setReason] = useState('');
  const submit = async () => {
    requireChoice(unitId, 'unitId', t('budgetChooseUnit'));
    const body = {
      unitId,
      serviceCode: service ? serviceCode(service) : null,
      year,
      amount: Number(amount) || 0,
      phasing: phasing === 'even' ? ({ kind: 'even' } as const) : ({ kind: 'shares', percents: shares.map((s) => Number(s) || 0) } as const),
      carryOver: carryOverOf(carry, cap, capOf),
      effectiveOn,
      ...reasonOf(reason),
    };
    ok(await api.POST('/api/v1/budget/year-frames', { params: { header: commandHeaders() }, body }));
    setAmount('');
    setReason('');
    await onDone();
  };
  const labels = { unitId: t('budgetUnit'), serviceCode: t('budgetService'), amount: t('budgetAmount'), 'phasing.percents': t('budgetPhasingShares'), carryOver: t('budgetCarryOver'), effectiveOn: t('budgetEffectiveOn'), reason: t('adminReason') };
  return (
    <ActionForm title={`${t('budgetAddFrame')} ${year}`} submitLabel={t('budgetAddFrame')} onSubmit={submit} level={3} testId="budget-add-frame" labels={labels}>
      {({ fieldError }) => (
        <>
          <Pick label={t('budgetUnit')} value={unitId} onChange={setUnitId} options={budgetUnits(org)} none="–" error={fieldError('unitId')} />
          <Pick label={t('budgetService')} value={service} onChange={setService} options={services} none={t('budgetAllServices')} error={fieldError('serviceCode')} />
          <Textfield label={t('budgetAmount')} type="number" min={0} value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldError('amount')} />
          <Fieldset>
            <Fieldset.Legend>{t('budgetPhasing')}</Fieldset.Legend>
            <Radio name="phasing" value="even" label={t('budgetPhasingEven')} checked={phasing === 'even'} onChange={() => setPhasing('even')} />
            <Radio name="phasing" value="shares" label={t('budgetPhasingShares')} checked={phasing === 'shares'} onChange={() => setPhasing('shares')} />
          </Fieldset>
          {phasing === 'shares' && <MonthShares shares={shares} set={setShares} error={fieldError('phasing.percents')} />}
          <CarryOverFields kind={carry} setKind={setCarry} cap={cap} setCap={setCap} capOf={capOf} setCapOf={setCapOf} error={fieldError('carryOver')} />
          <DateField label={t('budgetEffectiveOn')} value={effectiveOn} onChange={setEffectiveOn} error={fieldError('effectiveOn')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

export function AddPool({ org, year, onDone }: { org: Organisation; year: number; onDone: Done }) {
  const { t } = useI18n();
  const services = useServiceOptions();
  const [name, setName] = useState('');
  const [service, setService] = useState('');
  const [amount, setAmount] = useState('');
  const [kind, setKind] = useState<'shares' | 'first_come'>('shares');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [percents, setPercents] = useState<Record<string, string>>({});
  const [effectiveOn, setEffectiveOn] = useState(osloDate());
  const [reason, setReason] = useState('');
  const units = budgetUnits(org);
  const submit = async () => {
    requireChoice(unitIds[0] ?? '', 'split', t('budgetChooseUnits'));
    const split = kind === 'shares' ? { kind, shares: unitIds.map((u) => ({ unitId: u, percent: Number(percents[u]) || 0 })) } : { kind, unitIds };
    ok(await api.POST('/api/v1/budget/pools', { params: { header: commandHeaders() }, body: { name: name.trim(), serviceCode: service ? serviceCode(service) : null, year, amount: Number(amount) || 0, split, effectiveOn, ...reasonOf(reason) } }));
    setName('');
    setReason('');
    await onDone();
  };
  const labels = { name: t('budgetPoolName'), serviceCode: t('budgetService'), amount: t('budgetAmount'), split: t('budgetPoolSplit'), effectiveOn: t('budgetEffectiveOn'), reason: t('adminReason') };
  return (
    <ActionForm title={`${t('budgetAddPool')} ${year}`} submitLabel={t('budgetAddPool')} onSubmit={submit} level={3} testId="budget-add-pool" labels={labels}>
      {({ fieldError }) => (
        <>
          <Textfield label={t('budgetPoolName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
          <Pick label={t('budgetService')} value={service} onChange={setService} options={services} none={t('budgetAllServices')} error={fieldError('serviceCode')} />
          <Textfield label={t('budgetAmount')} type="number" min={0} value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldError('amount')} />
          <Pick label={t('budgetPoolSplit')} value={kind} onChange={(v) => setKind(v === 'first_come' ? 'first_come' : 'shares')} options={[{ id: 'shares', name: t('budgetSplit_shares') }, { id: 'first_come', name: t('budgetSplit_first_come') }]} />
          <Checks legend={t('budgetPoolUnits')} options={units} chosen={unitIds} onChange={setUnitIds} error={fieldError('split')} testId="budget-pool-units" />
          {kind === 'shares' &&
            unitIds.map((u) => (
              <Textfield key={u} label={`${units.find((x) => x.id === u)?.name ?? ''}: ${t('budgetShare')}`} type="number" min={0} max={100} step="any" value={percents[u] ?? ''} onChange={(e) => setPercents({ ...percents, [u]: e.target.value })} />
            ))}
          <DateField label={t('budgetEffectiveOn')} value={effectiveOn} onChange={setEffectiveOn} error={fieldError('effectiveOn')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}
