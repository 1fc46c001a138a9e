/**
 * Staff: who works in the municipality's units, with their roles and the units they serve in today;
 * a form to add a staff member from a date (a password only where local passwords are on, otherwise
 * the identity provider logs them in), and one to change roles, units or whether they may log in.
 */
import { Checkbox, Heading, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { Pick } from '../../case/LifecycleFields.tsx';
import { osloDate } from '../../dates.ts';
import { useI18n, type Key } from '../../i18n.tsx';
import { Checks, DateField, ReasonField, reasonOf, requireChoice } from './fields.tsx';
import { dayWords, inForce, namer, notEnded, ROLE_CODES, roleKey, roleWords, type Done, type Organisation, type StaffMember, type StaffRole, type Unit } from './adminData.ts';
import { StaffPositions } from './StaffPositions.tsx';

/** The membership periods that do not hold today: ended ones and those that start later. */
function otherPeriods(s: StaffMember, unit: (id: string) => string): string {
  const today = osloDate();
  return (s.memberships ?? [])
    .filter((m) => !inForce(m, today))
    .map((m) => `${unit(m.unitId)} (${dayWords(m.validFrom)}–${m.validTo ? dayWords(m.validTo) : ''})`)
    .join(', ');
}

function StaffTable({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const unit = namer(org.units, '');
  return (
    <Table zebra data-testid="admin-staff">
      <caption className="ds-sr-only">{t('adminStaff')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('adminName')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminUsername')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminProfession')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminRoles')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminUnitsToday')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminOtherPeriods')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminLogin')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {org.staff.map((s) => (
          <Table.Row key={s.id} data-testid={`admin-staff-${s.username}`}>
            <Table.Cell>{s.displayName}</Table.Cell>
            <Table.Cell>{s.username}</Table.Cell>
            <Table.Cell>{s.profession ?? '–'}</Table.Cell>
            <Table.Cell>{s.roles.map((r) => roleWords(t, r)).join(', ')}</Table.Cell>
            <Table.Cell>{s.unitIds.length ? s.unitIds.map(unit).join(', ') : '–'}</Table.Cell>
            <Table.Cell>{otherPeriods(s, unit) || '–'}</Table.Cell>
            <Table.Cell>{s.active ? t('adminActive') : <Tag data-color="neutral">{t('adminInactive')}</Tag>}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

const roleOptions = (t: (k: Key) => string) => ROLE_CODES.map((r) => ({ id: r, name: t(roleKey(r)) }));

function AddStaff({ units, onDone }: { units: readonly Unit[]; onDone: Done }) {
  const { t } = useI18n();
  const [f, setF] = useState({ username: '', displayName: '', profession: '', oidcSubject: '', password: '', reason: '', validFrom: osloDate() });
  const [roles, setRoles] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const submit = async () => {
    const body = {
      username: f.username.trim(),
      displayName: f.displayName.trim(),
      profession: f.profession.trim() || null,
      roles: roles as StaffRole[],
      unitIds,
      validFrom: f.validFrom,
      ...(f.oidcSubject.trim() ? { oidcSubject: f.oidcSubject.trim() } : {}),
      ...(f.password ? { password: f.password } : {}),
      ...reasonOf(f.reason),
    };
    ok(await api.POST('/api/v1/organisation/staff', { params: { header: commandHeaders() }, body }));
    setF((x) => ({ ...x, username: '', displayName: '', profession: '', oidcSubject: '', password: '', reason: '' }));
    setRoles([]);
    setUnitIds([]);
    await onDone();
  };
  const labels = { username: t('adminUsername'), displayName: t('adminName'), profession: t('adminProfession'), roles: t('adminRoles'), unitIds: t('adminUnits'), validFrom: t('adminValidFrom'), oidcSubject: t('adminOidcSubject'), password: t('adminPassword'), reason: t('adminReason') };
  return (
    <ActionForm title={t('adminAddStaff')} submitLabel={t('adminAddStaff')} onSubmit={submit} level={3} testId="admin-add-staff" labels={labels}>
      {({ fieldError }) => (
        <>
          <Textfield label={t('adminName')} value={f.displayName} onChange={(e) => set('displayName')(e.target.value)} error={fieldError('displayName')} />
          <Textfield label={t('adminUsername')} description={t('adminUsernameHelp')} value={f.username} onChange={(e) => set('username')(e.target.value)} error={fieldError('username')} autoComplete="off" />
          <Textfield label={t('adminProfessionOptional')} value={f.profession} onChange={(e) => set('profession')(e.target.value)} error={fieldError('profession')} />
          <Checks legend={t('adminRoles')} options={roleOptions(t)} chosen={roles} onChange={setRoles} error={fieldError('roles')} testId="admin-staff-roles" />
          <Checks legend={t('adminUnits')} options={units} chosen={unitIds} onChange={setUnitIds} error={fieldError('unitIds')} testId="admin-staff-units" />
          <DateField label={t('adminValidFrom')} value={f.validFrom} onChange={set('validFrom')} error={fieldError('validFrom')} />
          <Textfield label={t('adminOidcSubjectOptional')} description={t('adminOidcSubjectHelp')} value={f.oidcSubject} onChange={(e) => set('oidcSubject')(e.target.value)} error={fieldError('oidcSubject')} autoComplete="off" />
          <Textfield type="password" label={t('adminPasswordOptional')} description={t('adminPasswordHelp')} value={f.password} onChange={(e) => set('password')(e.target.value)} error={fieldError('password')} autoComplete="new-password" />
          <ReasonField value={f.reason} onChange={set('reason')} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function ChangeStaff({ staff, units, onDone }: { staff: readonly StaffMember[]; units: readonly Unit[]; onDone: Done }) {
  const { t } = useI18n();
  const [staffId, setStaffId] = useState('');
  const chosen = staff.find((s) => s.id === staffId);
  const [roles, setRoles] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [active, setActive] = useState(true);
  const [effectiveOn, setEffectiveOn] = useState(osloDate());
  const [reason, setReason] = useState('');
  const choose = (id: string) => {
    const s = staff.find((x) => x.id === id);
    setStaffId(id);
    setRoles(s ? [...s.roles] : []);
    setUnitIds(s ? [...s.unitIds] : []);
    setActive(s?.active ?? true);
  };
  const submit = async () => {
    requireChoice(staffId, 'staffId', t('adminChooseStaff'));
    if (!chosen) return;
    const changes = {
      ...(same(roles, chosen.roles) ? {} : { roles: roles as StaffRole[] }),
      ...(same(unitIds, chosen.unitIds) ? {} : { unitIds }),
      ...(active === chosen.active ? {} : { active }),
    };
    if (Object.keys(changes).length === 0) throw new ApiProblem({ status: 400, detail: t('adminNothingChanged') });
    ok(await api.POST('/api/v1/organisation/staff/{id}/changes', { params: { path: { id: staffId }, header: commandHeaders() }, body: { ...changes, effectiveOn, ...reasonOf(reason) } }));
    setReason('');
    await onDone();
  };
  const labels = { staffId: t('adminStaffMember'), roles: t('adminRoles'), unitIds: t('adminUnits'), active: t('adminMayLogIn'), effectiveOn: t('adminEffectiveOn'), reason: t('adminReason') };
  return (
    <ActionForm title={t('adminChangeStaff')} submitLabel={t('adminChangeStaff')} onSubmit={submit} level={3} testId="admin-change-staff" labels={labels}>
      {({ fieldError }) => (
        <>
          <Pick label={t('adminStaffMember')} value={staffId} onChange={choose} options={staff.map((s) => ({ id: s.id, name: s.displayName }))} none={t('adminChoose')} error={fieldError('staffId')} />
          {chosen && (
            <>
              <Checks legend={t('adminRoles')} options={roleOptions(t)} chosen={roles} onChange={setRoles} error={fieldError('roles')} />
              <Checks legend={t('adminUnits')} options={units} chosen={unitIds} onChange={setUnitIds} error={fieldError('unitIds')} />
              <Checkbox label={t('adminMayLogIn')} checked={active} onChange={(e) => setActive(e.target.checked)} />
            </>
          )}
          <DateField label={t('adminEffectiveOn')} value={effectiveOn} onChange={setEffectiveOn} error={fieldError('effectiveOn')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

export function StaffSection({ org, onChanged }: { org: Organisation; onChanged: Done }) {
  const { t } = useI18n();
  const units = org.units.filter((u) => notEnded(u, osloDate()));
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('adminStaff')}
      </Heading>
      {org.staff.length === 0 ? <Paragraph>{t('adminNoStaff')}</Paragraph> : <StaffTable org={org} />}
      <AddStaff units={units} onDone={onChanged} />
      <ChangeStaff staff={org.staff} units={units} onDone={onChanged} />
      <StaffPositions staff={org.staff} units={org.units} />
    </div>
  );
}
