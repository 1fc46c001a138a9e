/**
 * Units and districts: the units with their kind, district and dates (ended ones on request, with the
 * unit they were merged into), and forms to add a district, add a unit from a date and end a unit.
 * A unit that still holds cases or members is not ended but merged: the refusal points there.
 */
import { Button, Checkbox, Heading, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { Pick } from '../../case/LifecycleFields.tsx';
import { osloDate } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';
import { DateField, ReasonField, reasonOf, requireChoice } from './fields.tsx';
import { dayWords, namer, notEnded, UNIT_KINDS, unitKindKey, unitKindWords, type Done, type Organisation, type Unit, type UnitKind } from './adminData.ts';

function UnitTable({ org, units }: { org: Organisation; units: readonly Unit[] }) {
  const { t } = useI18n();
  const district = namer(org.districts, t('adminWholeMunicipality'));
  const unit = namer(org.units, '');
  return (
    <Table zebra data-testid="admin-units">
      <caption className="ds-sr-only">{t('adminUnits')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('adminName')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminUnitKind')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminDistrict')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminValidFrom')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminValidTo')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {units.map((u) => (
          <Table.Row key={u.id} data-testid={`admin-unit-${u.name}`}>
            <Table.Cell>{u.name}</Table.Cell>
            <Table.Cell>{unitKindWords(t, u.kind)}</Table.Cell>
            <Table.Cell>{district(u.districtId)}</Table.Cell>
            <Table.Cell>{dayWords(u.validFrom)}</Table.Cell>
            <Table.Cell>
              {u.validTo ? dayWords(u.validTo) : '–'}
              {u.mergedInto && (
                <>
                  {' '}
                  <Tag data-color="info">
                    {t('adminMergedInto')} {unit(u.mergedInto)}
                  </Tag>
                </>
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function AddDistrict({ onDone }: { onDone: Done }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const submit = async () => {
    ok(await api.POST('/api/v1/organisation/districts', { params: { header: commandHeaders() }, body: { name: name.trim(), ...reasonOf(reason) } }));
    setName('');
    setReason('');
    await onDone();
  };
  return (
    <ActionForm title={t('adminAddDistrict')} submitLabel={t('adminAddDistrict')} onSubmit={submit} level={3} testId="admin-add-district" labels={{ name: t('adminName'), reason: t('adminReason') }}>
      {({ fieldError }) => (
        <>
          <Textfield label={t('adminName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

function AddUnit({ org, onDone }: { org: Organisation; onDone: Done }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<UnitKind>('interdisciplinary_team');
  const [districtId, setDistrictId] = useState('');
  const [validFrom, setValidFrom] = useState(osloDate());
  const [reason, setReason] = useState('');
  const submit = async () => {
    ok(await api.POST('/api/v1/organisation/units', { params: { header: commandHeaders() }, body: { name: name.trim(), kind, districtId: districtId || null, validFrom, ...reasonOf(reason) } }));
    setName('');
    setReason('');
    await onDone();
  };
  const labels = { name: t('adminName'), kind: t('adminUnitKind'), districtId: t('adminDistrict'), validFrom: t('adminValidFrom'), reason: t('adminReason') };
  return (
    <ActionForm title={t('adminAddUnit')} submitLabel={t('adminAddUnit')} onSubmit={submit} level={3} testId="admin-add-unit" labels={labels}>
      {({ fieldError }) => (
        <>
          <Textfield label={t('adminName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
          <Pick label={t('adminUnitKind')} value={kind} onChange={(v) => setKind(v as UnitKind)} options={UNIT_KINDS.map((k) => ({ id: k, name: t(unitKindKey(k)) }))} error={fieldError('kind')} />
          <Pick label={t('adminDistrict')} value={districtId} onChange={setDistrictId} options={org.districts} none={t('adminWholeMunicipality')} error={fieldError('districtId')} />
          <DateField label={t('adminValidFrom')} value={validFrom} onChange={setValidFrom} error={fieldError('validFrom')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

function EndUnit({ units, onDone, onMerge }: { units: readonly Unit[]; onDone: Done; onMerge: (unitId: string) => void }) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(osloDate());
  const [reason, setReason] = useState('');
  const submit = async () => {
    requireChoice(unitId, 'id', t('adminChooseUnit'));
    ok(await api.POST('/api/v1/organisation/units/{id}/end', { params: { path: { id: unitId }, header: commandHeaders() }, body: { effectiveOn, reason: reason.trim() } }));
    setUnitId('');
    setReason('');
    await onDone();
  };
  const labels = { id: t('adminUnit'), effectiveOn: t('adminEffectiveOn'), reason: t('adminReason') };
  return (
    <ActionForm title={t('adminEndUnit')} submitLabel={t('adminEndUnit')} onSubmit={submit} level={3} testId="admin-end-unit" labels={labels}>
      {({ fieldError, problem }) => (
        <>
          <Paragraph data-size="sm">{t('adminEndUnitHelp')}</Paragraph>
          <Pick label={t('adminUnit')} value={unitId} onChange={setUnitId} options={units} none={t('adminChoose')} error={fieldError('id')} />
          <DateField label={t('adminEndsFrom')} value={effectiveOn} onChange={setEffectiveOn} error={fieldError('effectiveOn')} />
          <ReasonField required value={reason} onChange={setReason} error={fieldError('reason')} />
          {problem?.problem.rule === 'unit_not_empty' && (
            <div>
              <Button variant="secondary" type="button" onClick={() => onMerge(unitId)}>
                {t('adminGoToMerge')}
              </Button>
            </div>
          )}
        </>
      )}
    </ActionForm>
  );
}

export function UnitsSection({ org, onChanged, onMerge }: { org: Organisation; onChanged: Done; onMerge: (unitId: string) => void }) {
  const { t } = useI18n();
  const [showEnded, setShowEnded] = useState(false);
  const today = osloDate();
  const current = org.units.filter((u) => notEnded(u, today));
  const shown = showEnded ? org.units : current;
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('adminDistricts')}
      </Heading>
      {org.districts.length === 0 ? (
        <Paragraph>{t('adminNoDistricts')}</Paragraph>
      ) : (
        <ul data-testid="admin-districts">
          {org.districts.map((d) => (
            <li key={d.id}>{d.name}</li>
          ))}
        </ul>
      )}
      <Heading level={2} data-size="sm">
        {t('adminUnits')}
      </Heading>
      <Checkbox label={t('adminShowEnded')} checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)} />
      {shown.length === 0 ? <Paragraph>{t('adminNoUnits')}</Paragraph> : <UnitTable org={org} units={shown} />}
      <div className="stack">
        <AddUnit org={org} onDone={onChanged} />
        <AddDistrict onDone={onChanged} />
        <EndUnit units={current} onDone={onChanged} onMerge={onMerge} />
      </div>
    </div>
  );
}
