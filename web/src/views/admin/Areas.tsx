/**
 * Geographic areas: postcodes (one, or a range such as 0150-0199), street address ranges and
 * grunnkrets codes that belong to a district and, where teams are organised by geography, to the team
 * that covers them. A request is routed by the area its person lives in, the most precise description
 * first (a street, then the grunnkrets, then the postcode). Each belongs to one area at a time; an
 * area is ended, never deleted.
 */
import { Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../../api/client.ts';
import { fill } from '../../case/caseFileFormat.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { Pick } from '../../case/LifecycleFields.tsx';
import { osloDate } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';
import { LoadState, useLoad } from '../../useLoad.tsx';
import { DateField, ReasonField, reasonOf, requireChoice } from './fields.tsx';
import { dayWords, namer, notEnded, type Area, type Done, type Organisation } from './adminData.ts';

function AreaTable({ org, areas }: { org: Organisation; areas: readonly Area[] }) {
  const { t } = useI18n();
  const district = namer(org.districts, '–');
  const unit = namer(org.units, '–');
  return (
    <Table zebra data-testid="admin-areas">
      <caption className="ds-sr-only">{t('adminAreas')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('adminName')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminDistrict')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminTeam')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminWhere')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminValidFrom')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminValidTo')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {areas.map((a) => (
          <Table.Row key={a.id} data-testid={`admin-area-${a.name}`}>
            <Table.Cell>{a.name}</Table.Cell>
            <Table.Cell>{district(a.districtId)}</Table.Cell>
            <Table.Cell>{unit(a.teamUnitId)}</Table.Cell>
            <Table.Cell>{[...a.postalCodes, ...a.addressRanges.map((r) => rangeWords(r, t)), ...a.grunnkrets].join(', ')}</Table.Cell>
            <Table.Cell>{dayWords(a.validFrom)}</Table.Cell>
            <Table.Cell>{a.validTo ? dayWords(a.validTo) : '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

type AddressRange = Area['addressRanges'][number];
type Side = AddressRange['side'];

/** "Storgata 1–99 oddetall (0150)": a range as the administrator wrote it, in their language. */
function rangeWords(r: AddressRange, t: (k: 'adminSide_odd' | 'adminSide_even') => string): string {
  return `${r.street} ${r.from}–${r.to}${r.side === 'both' ? '' : ` ${t(r.side === 'odd' ? 'adminSide_odd' : 'adminSide_even')}`}${r.postalCode ? ` (${r.postalCode})` : ''}`;
}

const SIDE_WORDS: Readonly<Record<string, Side>> = { odd: 'odd', oddetall: 'odd', oddetal: 'odd', even: 'even', partall: 'even', partal: 'even' };
const RANGE_LINE = /^(.*\S)\s+(\d{1,5})\s*[-–]\s*(\d{1,5})(?:\s+([a-zæøå]+))?(?:\s*\((\d{4})\))?$/i;

/**
 * One street a line ("Storgata 1-99 oddetall (0150)") as the API takes it; the number of the first
 * line that cannot be read (from 1), so the form can say which.
 */
export function addressRangesOf(text: string): { ranges: AddressRange[]; badLine: number | null } {
  const ranges: AddressRange[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    const m = RANGE_LINE.exec(line);
    const side = m?.[4] ? SIDE_WORDS[m[4].toLowerCase()] : 'both';
    if (!m || !side) return { ranges, badLine: i + 1 };
    ranges.push({ street: m[1] as string, from: Number(m[2]), to: Number(m[3]), side, ...(m[5] ? { postalCode: m[5] } : {}) });
  }
  return { ranges, badLine: null };
}

/** "0150, 0151-0199" or one a line: the entries as the API takes them. */
export function postalCodesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function AddArea({ org, onDone }: { org: Organisation; onDone: Done }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [teamUnitId, setTeamUnitId] = useState('');
  const [codes, setCodes] = useState('');
  const [streets, setStreets] = useState('');
  const [krets, setKrets] = useState('');
  const [validFrom, setValidFrom] = useState(osloDate());
  const [reason, setReason] = useState('');
  const submit = async () => {
    requireChoice(districtId, 'districtId', t('adminChooseDistrict'));
    const { ranges, badLine } = addressRangesOf(streets);
    if (badLine !== null) {
      const message = fill(t('adminStreetsBad'), { n: badLine });
      throw new ApiProblem({ status: 400, detail: message, errors: [{ field: 'addressRanges', message }] });
    }
    const body = { name: name.trim(), districtId, teamUnitId: teamUnitId || null, postalCodes: postalCodesOf(codes), addressRanges: ranges, grunnkrets: postalCodesOf(krets), validFrom, ...reasonOf(reason) };
    ok(await api.POST('/api/v1/organisation/areas', { params: { header: commandHeaders() }, body }));
    setName('');
    setCodes('');
    setStreets('');
    setKrets('');
    setReason('');
    await onDone();
  };
  const labels = { name: t('adminName'), districtId: t('adminDistrict'), teamUnitId: t('adminTeam'), postalCodes: t('adminPostalCodes'), addressRanges: t('adminStreets'), grunnkrets: t('adminGrunnkrets'), validFrom: t('adminValidFrom'), reason: t('adminReason') };
  const units = org.units.filter((u) => notEnded(u, osloDate()));
  return (
    <ActionForm title={t('adminAddArea')} submitLabel={t('adminAddArea')} onSubmit={submit} level={3} testId="admin-add-area" labels={labels}>
      {({ fieldError }) => (
        <>
          <Textfield label={t('adminName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
          <Pick label={t('adminDistrict')} value={districtId} onChange={setDistrictId} options={org.districts} none={t('adminChoose')} error={fieldError('districtId')} />
          <Pick label={t('adminTeamOptional')} value={teamUnitId} onChange={setTeamUnitId} options={units} none={t('adminNoTeam')} error={fieldError('teamUnitId')} />
          <Textfield label={t('adminPostalCodes')} description={t('adminPostalCodesHelp')} value={codes} onChange={(e) => setCodes(e.target.value)} error={fieldError('postalCodes')} />
          <Textfield multiline rows={3} label={t('adminStreets')} description={t('adminStreetsHelp')} value={streets} onChange={(e) => setStreets(e.target.value)} error={fieldError('addressRanges')} />
          <Textfield label={t('adminGrunnkrets')} description={t('adminGrunnkretsHelp')} value={krets} onChange={(e) => setKrets(e.target.value)} error={fieldError('grunnkrets')} />
          <DateField label={t('adminValidFrom')} value={validFrom} onChange={setValidFrom} error={fieldError('validFrom')} />
          <ReasonField value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

/** Ends an area or a routing rule from a date, with the reason (both take the same command). */
export function EndDated({ title, label, rows, end, testId }: { title: string; label: string; rows: readonly { id: string; name: string }[]; end: (id: string, body: { effectiveOn: string; reason: string }) => Promise<void>; testId: string }) {
  const { t } = useI18n();
  const [id, setId] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(osloDate());
  const [reason, setReason] = useState('');
  const submit = async () => {
    requireChoice(id, 'id', t('adminChooseOne'));
    await end(id, { effectiveOn, reason: reason.trim() });
    setId('');
    setReason('');
  };
  return (
    <ActionForm title={title} submitLabel={title} onSubmit={submit} level={3} testId={testId} labels={{ id: label, effectiveOn: t('adminEndsFrom'), reason: t('adminReason') }}>
      {({ fieldError }) => (
        <>
          <Pick label={label} value={id} onChange={setId} options={rows} none={t('adminChoose')} error={fieldError('id')} />
          <DateField label={t('adminEndsFrom')} value={effectiveOn} onChange={setEffectiveOn} error={fieldError('effectiveOn')} />
          <ReasonField required value={reason} onChange={setReason} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

export function AreasSection({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/organisation/areas')), []);
  const areas = loaded.data;
  const end = async (id: string, body: { effectiveOn: string; reason: string }) => {
    ok(await api.POST('/api/v1/organisation/areas/{id}/end', { params: { path: { id }, header: commandHeaders() }, body }));
    await loaded.reload();
  };
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('adminAreas')}
      </Heading>
      <Paragraph data-size="sm">{t('adminAreasHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {areas && areas.length === 0 && <Paragraph data-testid="admin-areas-empty">{t('adminNoAreas')}</Paragraph>}
      {areas && areas.length > 0 && <AreaTable org={org} areas={areas} />}
      <AddArea org={org} onDone={loaded.reload} />
      {areas && areas.some((a) => notEnded(a, osloDate())) && <EndDated title={t('adminEndArea')} label={t('adminArea')} rows={areas.filter((a) => notEnded(a, osloDate()))} end={end} testId="admin-end-area" />}
    </div>
  );
}
