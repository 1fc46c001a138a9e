/**
 * Geographic areas and routing rules as the municipality's data (issue 17): configured by the
 * administrator from a date, checked against the organisation on save, and used when a request is
 * registered (routeOpening, called by the case pipeline).
 */
import { z } from 'zod';
import { addressRangeSchema, areaFor, grunnkretsCode, overlappingAreas, postalCodeEntry } from '../domain/organisation/areas.ts';
import { inForceOn } from '../domain/organisation/dated.ts';
import { routeByRules, routingConditionsSchema, routingTargetSchema, ruleProblems, type RuleRoute } from '../domain/organisation/routingRules.ts';
import type { DiagnosisGroup, RequestChannel } from '../domain/case/vocabulary.ts';
import { listDistricts, listUnits } from '../store/org.ts';
import { endArea, endRoutingRule, insertArea, insertOrgChange, insertRoutingRule, listAreas, listMemberships, listRoutingRules, openCasesPerOwner } from '../store/orgConfig.ts';
import type { Tx } from '../store/tx.ts';
import { AppError, invalidField, notFound } from './errors.ts';
import { assertEndable, assertNotPast } from './orgConfig.ts';

const reason = z.string().trim().min(1).max(1000).optional();

export const newAreaInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    districtId: z.uuid(),
    teamUnitId: z.uuid().nullable().default(null).describe('The team that covers the area, where teams are organised by geography'),
    postalCodes: z.array(postalCodeEntry).max(500).default([]),
    addressRanges: z.array(addressRangeSchema).max(2000).default([]).describe('Street address ranges (gateadresser); they win over a postcode another area holds'),
    grunnkrets: z.array(grunnkretsCode).max(2000).default([]).describe('Grunnkrets codes (eight digits)'),
    validFrom: z.iso.date(),
    reason,
  })
  .strict()
  .refine((a) => a.postalCodes.length + a.addressRanges.length + a.grunnkrets.length > 0, { path: ['postalCodes'], message: 'draw the area by postcodes, street addresses or grunnkrets codes' });
export const newRuleInput = z
  .object({ name: z.string().trim().min(1).max(200), priority: z.int().min(1).max(10000).describe('Lower numbers are tried first'), conditions: routingConditionsSchema, target: routingTargetSchema, validFrom: z.iso.date(), reason })
  .strict();
export const endInput = z.object({ effectiveOn: z.iso.date(), reason: z.string().trim().min(1).max(1000) }).strict();

export async function addArea(tx: Tx, staffId: string, input: z.infer<typeof newAreaInput>, today: string) {
  assertNotPast('validFrom', input.validFrom, today);
  if (!(await listDistricts(tx)).some((d) => d.id === input.districtId)) throw invalidField('districtId', 'no such district in the municipality');
  if (input.teamUnitId) {
    const team = (await listUnits(tx)).find((u) => u.id === input.teamUnitId);
    if (!team || !inForceOn(team, input.validFrom)) throw invalidField('teamUnitId', `no unit in force on ${input.validFrom}`);
  }
  const clash = overlappingAreas({ ...input, validTo: null }, await listAreas(tx));
  if (clash.length > 0) {
    throw new AppError('conflict', `Parts of the area already belong to another area in the same period: ${clash.map((c) => `${c.entry} (${c.areaName})`).join(', ')}. End that area first, or leave them out.`, {
      fields: clash.map((c) => ({ field: c.field, message: `already in ${c.areaName}` })),
      rule: 'postcode_in_one_area',
    });
  }
  const id = await insertArea(tx, { ...input }, staffId);
  await insertOrgChange(tx, { kind: 'area_created', subjectId: id, effectiveOn: input.validFrom, payload: input, summary: `Area ${input.name}: ${describeArea(input)} from ${input.validFrom}.`, staffId, reason: input.reason ?? null });
  return { id, ...input, validTo: null };
}

function describeArea(a: z.infer<typeof newAreaInput>): string {
  const streets = a.addressRanges.map((r) => `${r.street} ${r.from}–${r.to}${r.side === 'both' ? '' : ` (${r.side})`}`);
  return [...a.postalCodes, ...streets, ...a.grunnkrets.map((k) => `grunnkrets ${k}`)].join(', ');
}

export async function closeArea(tx: Tx, staffId: string, id: string, input: z.infer<typeof endInput>, today: string) {
  assertNotPast('effectiveOn', input.effectiveOn, today);
  const area = (await listAreas(tx)).find((a) => a.id === id);
  if (!area) throw notFound('The area');
  assertEndable(area, input.effectiveOn);
  await endArea(tx, id, input.effectiveOn);
  await insertOrgChange(tx, { kind: 'area_ended', subjectId: id, effectiveOn: input.effectiveOn, payload: input, summary: `Area ${area.name} ends from ${input.effectiveOn}.`, staffId, reason: input.reason });
  return { id, validTo: input.effectiveOn };
}

export async function addRoutingRule(tx: Tx, staffId: string, input: z.infer<typeof newRuleInput>, today: string) {
  assertNotPast('validFrom', input.validFrom, today);
  const units = (await listUnits(tx)).map((u) => ({ id: u.id, kind: u.kind as never, validFrom: u.validFrom, validTo: u.validTo }));
  const memberships = await listMemberships(tx);
  const problems = ruleProblems(input, {
    units,
    members: (unitId, onDate) => memberships.filter((m) => m.unitId === unitId && inForceOn(m, onDate)).map((m) => m.staffId),
    areaIds: (await listAreas(tx)).map((a) => a.id),
    districtIds: (await listDistricts(tx)).map((d) => d.id),
  });
  if (problems.length > 0) throw new AppError('validation', `The routing rule cannot be saved: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, { fields: problems });
  const id = await insertRoutingRule(tx, input, staffId);
  await insertOrgChange(tx, { kind: 'routing_rule_created', subjectId: id, effectiveOn: input.validFrom, payload: input, summary: `Routing rule «${input.name}» (priority ${input.priority}) from ${input.validFrom}.`, staffId, reason: input.reason ?? null });
  return { id, ...input, validTo: null };
}

export async function closeRoutingRule(tx: Tx, staffId: string, id: string, input: z.infer<typeof endInput>, today: string) {
  assertNotPast('effectiveOn', input.effectiveOn, today);
  const rule = (await listRoutingRules(tx)).find((r) => r.id === id);
  if (!rule) throw notFound('The routing rule');
  assertEndable(rule, input.effectiveOn);
  await endRoutingRule(tx, id, input.effectiveOn);
  await insertOrgChange(tx, { kind: 'routing_rule_ended', subjectId: id, effectiveOn: input.effectiveOn, payload: input, summary: `Routing rule «${rule.name}» ends from ${input.effectiveOn}.`, staffId, reason: input.reason });
  return { id, validTo: input.effectiveOn };
}

/** What registration knows of a request for routing. */
export interface OpeningFacts {
  readonly personId: string;
  readonly districtId: string | null;
  readonly serviceCode: string;
  readonly channel: RequestChannel;
  readonly diagnosisGroup: DiagnosisGroup | null;
  readonly onDate: string;
}

function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The person's area (by street address, grunnkrets or postcode) and the team that covers it, for the policy's geographic intake. */
export async function personPlace(tx: Tx, personId: string, onDate: string): Promise<{ areaId: string | null; areaTeamId: string | null; age: number | null }> {
  const { rows } = await tx.query<{ postal_code: string | null; address_line: string | null; grunnkrets: string | null; birth_date: string }>(
    'SELECT postal_code, address_line, grunnkrets, birth_date::text FROM person WHERE municipality_id = current_municipality() AND id = $1',
    [personId],
  );
  const person = rows[0];
  const area = person ? areaFor({ postalCode: person.postal_code, addressLine: person.address_line, grunnkrets: person.grunnkrets }, await listAreas(tx), onDate) : null;
  return { areaId: area?.id ?? null, areaTeamId: area?.teamUnitId ?? null, age: person ? ageOn(person.birth_date, onDate) : null };
}

/**
 * Routes a request by the municipality's rules, or returns null so the policy's intake applies. A
 * pool member who no longer serves in the pool's unit is passed over. `units` are the municipality's
 * units as the writer's authority loaded them.
 */
export async function routeByConfiguredRules(
  tx: Tx,
  f: OpeningFacts,
  place: { areaId: string | null; age: number | null },
  units: readonly { id: string; name: string; validFrom: string; validTo: string | null }[],
): Promise<RuleRoute | null> {
  const rules = await listRoutingRules(tx);
  if (rules.length === 0) return null;
  const memberships = await listMemberships(tx);
  const poolIds = rules.flatMap((r) => (r.target.kind === 'caseworker_pool' ? r.target.staffIds : []));
  const loads = await openCasesPerOwner(tx, poolIds);
  const facts = { districtId: f.districtId, areaId: place.areaId, serviceCode: f.serviceCode, age: place.age, diagnosisGroup: f.diagnosisGroup, channel: f.channel };
  const serves = (staffId: string, unitId: string) => memberships.some((m) => m.staffId === staffId && m.unitId === unitId && inForceOn(m, f.onDate));
  return routeByRules(
    rules.filter((r) => {
      const unit = units.find((u) => u.id === r.target.unitId);
      return unit !== undefined && inForceOn(unit, f.onDate);
    }),
    facts,
    f.onDate,
    (staffId, unitId) => (serves(staffId, unitId) ? (loads.get(staffId) ?? 0) : Infinity),
    (id) => units.find((u) => u.id === id)?.name ?? id,
  );
}
