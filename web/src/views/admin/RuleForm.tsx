/**
 * A new routing rule: its name and priority (lower first), the conditions a request must meet (none:
 * every request), where it goes (a unit, the allocation board's next meeting, or a pool of caseworkers
 * of a unit, where the one with the fewest open cases takes it) and from which day.
 */
import { Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { Choice, Pick } from '../../case/LifecycleFields.tsx';
import { osloDate } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';
import { isServiceCode, serviceKey } from '../../services.ts';
import { Checks, DateField, ReasonField, reasonOf, requireChoice } from './fields.tsx';
import { CHANNELS_ALL, channelKey, DIAGNOSIS_GROUPS, diagnosisKey, notEnded, TARGET_KINDS, targetKey, type Area, type Channel, type DiagnosisGroup, type Done, type NewRule, type Organisation, type RuleConditions, type RuleTarget, type TargetKind } from './adminData.ts';

const SERVICES = ['practical_help', 'home_nursing', 'psychiatric_home_services', 'support_contact', 'safety_alarm', 'day_centre', 'respite', 'care_allowance', 'bpa', 'short_term_stay', 'long_term_stay', 'care_flat'].filter(isServiceCode);
type Codes = NonNullable<RuleConditions['serviceCodes']>;

interface Draft {
  areaIds: string[];
  districtIds: string[];
  serviceCodes: string[];
  diagnosisGroups: string[];
  channels: string[];
  ageFrom: string;
  ageTo: string;
}
const EMPTY: Draft = { areaIds: [], districtIds: [], serviceCodes: [], diagnosisGroups: [], channels: [], ageFrom: '', ageTo: '' };

const list = <K extends string>(key: K, values: readonly string[]) => (values.length ? { [key]: values } : {});
const age = (key: 'ageFrom' | 'ageTo', value: string) => (value.trim() === '' ? {} : { [key]: Number(value) });

/** The conditions as the API takes them: only those given. */
function conditionsOf(d: Draft): RuleConditions {
  return {
    ...list('areaIds', d.areaIds),
    ...list('districtIds', d.districtIds),
    ...list('serviceCodes', d.serviceCodes),
    ...list('diagnosisGroups', d.diagnosisGroups),
    ...list('channels', d.channels),
    ...age('ageFrom', d.ageFrom),
    ...age('ageTo', d.ageTo),
  } as RuleConditions & { serviceCodes?: Codes; diagnosisGroups?: DiagnosisGroup[]; channels?: Channel[] };
}

function targetOf(kind: TargetKind, unitId: string, staffIds: string[]): RuleTarget {
  return kind === 'caseworker_pool' ? { kind, unitId, staffIds } : { kind, unitId };
}

function Conditions({ org, areas, d, set, fieldError }: { org: Organisation; areas: readonly Area[]; d: Draft; set: (d: Draft) => void; fieldError: (f: string) => string | undefined }) {
  const { t } = useI18n();
  const pick = (k: keyof Draft) => (v: string[]) => set({ ...d, [k]: v });
  return (
    <>
      {areas.length > 0 && <Checks legend={t('adminCondAreas')} options={areas} chosen={d.areaIds} onChange={pick('areaIds')} error={fieldError('areaIds')} />}
      <Checks legend={t('adminCondDistricts')} options={org.districts} chosen={d.districtIds} onChange={pick('districtIds')} error={fieldError('districtIds')} />
      <Checks legend={t('adminCondServices')} options={SERVICES.map((s) => ({ id: s, name: t(serviceKey(s)) }))} chosen={d.serviceCodes} onChange={pick('serviceCodes')} error={fieldError('serviceCodes')} />
      <Checks legend={t('adminCondDiagnosis')} options={DIAGNOSIS_GROUPS.map((g) => ({ id: g, name: t(diagnosisKey(g)) }))} chosen={d.diagnosisGroups} onChange={pick('diagnosisGroups')} error={fieldError('diagnosisGroups')} />
      <Checks legend={t('adminCondChannels')} options={CHANNELS_ALL.map((c) => ({ id: c, name: t(channelKey(c)) }))} chosen={d.channels} onChange={pick('channels')} error={fieldError('channels')} />
      <div className="row">
        <Textfield type="number" min={0} max={130} label={t('adminAgeFromLabel')} value={d.ageFrom} onChange={(e) => set({ ...d, ageFrom: e.target.value })} error={fieldError('ageFrom')} />
        <Textfield type="number" min={0} max={130} label={t('adminAgeToLabel')} value={d.ageTo} onChange={(e) => set({ ...d, ageTo: e.target.value })} error={fieldError('ageTo')} />
      </div>
    </>
  );
}

export function RuleForm({ org, areas, onDone }: { org: Organisation; areas: readonly Area[]; onDone: Done }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [priority, setPriority] = useState('100');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [kind, setKind] = useState<TargetKind>('unit');
  const [unitId, setUnitId] = useState('');
  const [staffIds, setStaffIds] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(osloDate());
  const [reason, setReason] = useState('');
  const units = org.units.filter((u) => notEnded(u, osloDate()) && (kind !== 'board_next_meeting' || u.kind === 'allocation_board'));
  const members = org.staff.filter((s) => s.active && s.unitIds.includes(unitId)).map((s) => ({ id: s.id, name: s.displayName }));
  const submit = async () => {
    requireChoice(unitId, 'unitId', t('adminChooseUnit'));
    const body: NewRule = { name: name.trim(), priority: Number(priority), conditions: conditionsOf(draft), target: targetOf(kind, unitId, staffIds), validFrom, ...reasonOf(reason) };
    ok(await api.POST('/api/v1/routing-rules', { params: { header: commandHeaders() }, body }));
    setName('');
    setDraft(EMPTY);
    setStaffIds([]);
    setReason('');
    await onDone();
  };
  const labels = { name: t('adminName'), priority: t('adminPriority'), unitId: t('adminTargetUnit'), staffIds: t('adminPoolStaff'), validFrom: t('adminValidFrom'), reason: t('adminReason'), areaIds: t('adminCondAreas'), districtIds: t('adminCondDistricts'), ageFrom: t('adminAgeFromLabel'), ageTo: t('adminAgeToLabel') };
  return (
    <ActionForm title={t('adminAddRule')} submitLabel={t('adminAddRule')} onSubmit={submit} level={3} testId="admin-add-rule" labels={labels}>
      {({ fieldError }) => (
        <>
          <Textfield label={t('adminName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
          <Textfield type="number" min={1} label={t('adminPriority')} description={t('adminPriorityHelp')} value={priority} onChange={(e) => setPriority(e.target.value)} error={fieldError('priority')} />
          <Conditions org={org} areas={areas} d={draft} set={setDraft} fieldError={fieldError} />
          <Choice legend={t('adminTargetKind')} name="rule-target-kind" options={TARGET_KINDS} value={kind} onChange={setKind} words={targetKey} error={fieldError('kind')} />
          <Pick label={t('adminTargetUnit')} value={unitId} onChange={(v) => { setUnitId(v); setStaffIds([]); }} options={units} none={t('adminChoose')} error={fieldError('unitId')} />
          {kind === 'caseworker_pool' && <Checks legend={t('adminPoolStaff')} description={t('adminPoolHelp')} options={members} chosen={staffIds} onChange={setStaffIds} error={fieldError('staffIds')} testId="admin-rule-pool" />}
          <DateField label={t('adminValidFrom')} value={validFrom} onChange={setValidFrom} error={fieldError('validFrom')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}
