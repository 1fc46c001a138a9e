/** A routing rule's conditions and target in words: areas, districts, units and staff by name, codes by their words. */
import type { Key } from '../../i18n.tsx';
import { isServiceCode, serviceKey } from '../../services.ts';
import { channelKey, diagnosisKey, namer, targetKey, type Area, type Organisation, type RoutingRule } from './adminData.ts';

type T = (k: Key) => string;

function ageWords(t: T, from: number | undefined, to: number | undefined): string | null {
  if (from === undefined && to === undefined) return null;
  if (from !== undefined && to !== undefined) return t('adminAgeBetween').replace('{from}', String(from)).replace('{to}', String(to));
  return from !== undefined ? t('adminAgeFrom').replace('{n}', String(from)) : t('adminAgeTo').replace('{n}', String(to));
}

/** Each condition as "Label: values"; an empty list means the rule takes every request. */
export function conditionWords(t: T, c: RoutingRule['conditions'], org: Organisation, areas: readonly Area[]): string[] {
  const area = namer(areas, t('adminUnknown'));
  const district = namer(org.districts, t('adminUnknown'));
  const parts: [Key, readonly string[] | undefined][] = [
    ['adminCondAreas', c.areaIds?.map(area)],
    ['adminCondDistricts', c.districtIds?.map(district)],
    ['adminCondServices', c.serviceCodes?.map((s) => (isServiceCode(s) ? t(serviceKey(s)) : t('adminUnknown')))],
    ['adminCondDiagnosis', c.diagnosisGroups?.map((g) => t(diagnosisKey(g)))],
    ['adminCondChannels', c.channels?.map((ch) => t(channelKey(ch)))],
  ];
  const words = parts.filter(([, v]) => v && v.length > 0).map(([k, v]) => `${t(k)}: ${(v ?? []).join(', ')}`);
  const age = ageWords(t, c.ageFrom, c.ageTo);
  return age ? [...words, `${t('adminCondAge')}: ${age}`] : words;
}

/** Where the rule sends a request, in words. */
export function targetWords(t: T, target: RoutingRule['target'], org: Organisation): string {
  const unit = namer(org.units, t('adminUnknown'))(target.unitId);
  const kind = t(targetKey(target.kind));
  if (target.kind !== 'caseworker_pool') return `${kind}: ${unit}`;
  const staff = namer(
    org.staff.map((s) => ({ id: s.id, name: s.displayName })),
    t('adminUnknown'),
  );
  return `${kind}: ${unit} (${target.staffIds.map(staff).join(', ')})`;
}
