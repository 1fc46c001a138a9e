/**
 * The organisation of a scale municipality: a purchaser–provider model (seed 002 category 2) with,
 * in every district, an allocation office (forvaltning) whose caseworkers assess and decide, a home
 * care provider and a care home. It is configured through the administrator's own functions
 * (app/orgConfig.ts), like the small demo, and carries no local policy, so every action is authorised
 * by the transition table's default roles (recorded as such on each action).
 */
import { loadAuthorityContext, type AuthorityContext } from '../../app/authority.ts';
import { addDistrict, addStaffWithHash, addUnit } from '../../app/orgConfig.ts';
import { catalogueOn } from '../../app/catalogue.ts';
import type { ServiceCatalogueEntry } from '../../domain/services/catalogue.ts';
import type { StaffRole, UnitKind } from '../../domain/organisation/vocabulary.ts';
import type { Database } from '../../store/database.ts';
import { ensureSystemStaff, insertMunicipality } from '../../store/org.ts';
import { inTenant, type Tx } from '../../store/tx.ts';
import { DEMO_ORGANISATION_FROM } from '../load.ts';
import { DEFAULT_RESPONSE_DAYS } from '../../app/orders.ts';
import { findService } from '../../domain/services/catalogue.ts';
import { insertAgreement } from '../../store/provider.ts';

/** One municipality of a scale set. */
export interface ScaleSpec {
  readonly id: string;
  readonly name: string;
  /** The kommunenummer (SSB), or a 99xx number for a fictional one. */
  readonly number: string;
  readonly inhabitants: number;
  /** Persons who receive or ask for services (tjenestemottakere). */
  readonly users: number;
  readonly districts: readonly string[];
  readonly postal: { readonly code: string; readonly place: string };
  readonly nynorskShare: number;
}

export interface ScaleActor {
  readonly id: string;
  readonly authority: AuthorityContext;
}

export interface ScaleDistrict {
  readonly id: string;
  readonly name: string;
  readonly caseworkers: readonly ScaleActor[];
  readonly homeCare: { readonly unitId: string; readonly staff: ScaleActor };
  readonly careHome: { readonly unitId: string; readonly staff: ScaleActor };
}

export interface ScaleOrg {
  readonly spec: ScaleSpec;
  readonly districts: readonly ScaleDistrict[];
  readonly catalogue: readonly ServiceCatalogueEntry[];
}

/** One caseworker for about every 350 service users (a caseworker holds 300–400 active cases in seed 003's districts). */
export function caseworkersPerDistrict(spec: ScaleSpec): number {
  return Math.max(1, Math.round(spec.users / spec.districts.length / 350));
}

function slug(name: string): string {
  return name.toLowerCase().replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/å/g, 'a').replace(/ü/g, 'u').replace(/[^a-z0-9]+/g, '');
}

interface StaffInput {
  readonly username: string;
  readonly displayName: string;
  readonly profession: string;
  readonly roles: readonly Exclude<StaffRole, 'system'>[];
  readonly unitIds: readonly string[];
}

async function staffer(tx: Tx, by: string, s: StaffInput, passwordHash: string): Promise<ScaleActor> {
  const input = { ...s, roles: [...s.roles], unitIds: [...s.unitIds], validFrom: DEMO_ORGANISATION_FROM };
  const { id } = await addStaffWithHash(tx, by, input, DEMO_ORGANISATION_FROM, passwordHash);
  return { id, authority: await loadAuthorityContext(tx, { staffId: id, roles: s.roles, unitIds: s.unitIds }) };
}

async function unit(tx: Tx, by: string, name: string, kind: UnitKind, districtId: string | null): Promise<string> {
  return (await addUnit(tx, by, { name, kind, districtId, validFrom: DEMO_ORGANISATION_FROM }, DEMO_ORGANISATION_FROM)).id;
}

/**
 * Every district's providers have an agreement for the services they deliver (a place by the care
 * home, paid per day; the rest by home care, paid per performed hour), with the default answer time
 * the case log projects (caseLog.ts), so the settlement report has something to settle.
 */
async function addAgreements(tx: Tx, d: ScaleDistrict, catalogue: readonly ServiceCatalogueEntry[], leaderId: string): Promise<void> {
  for (const service of catalogue) {
    const place = findService(service.code)?.institutional ?? false;
    const priceModel = place ? { basis: 'decided' as const, elements: [{ kind: 'day' as const, pricePerDay: 3_100 }] } : { basis: 'performed' as const, elements: [{ kind: 'hour' as const, pricePerHour: 640 }] };
    const providerUnitId = place ? d.careHome.unitId : d.homeCare.unitId;
    await insertAgreement(tx, { providerUnitId, serviceCode: service.code, validFrom: DEMO_ORGANISATION_FROM, userChoice: false, responseDays: DEFAULT_RESPONSE_DAYS, priceModel }, leaderId);
  }
}

/** Creates the municipality, its districts, units and staff; the authority contexts are loaded after every unit exists. */
export async function createScaleOrganisation(db: Database, spec: ScaleSpec, passwordHash: string, asOf: string): Promise<ScaleOrg> {
  const letterhead = { name: spec.name, unit: 'Helse og omsorg', postalAddress: `Postboks 1, ${spec.postal.code} ${spec.postal.place}`, phone: '+47 00 00 00 00' };
  await insertMunicipality(db.owner, { id: spec.id, name: spec.name, number: spec.number, model: 'purchaser_provider', inhabitants: spec.inhabitants, letterhead });
  return inTenant(db.app, { municipalityId: spec.id, staffId: null }, async (tx) => {
    const by = await ensureSystemStaff(tx);
    const made: { id: string; name: string; office: string; homeCare: string; careHome: string }[] = [];
    for (const name of spec.districts) {
      const { id } = await addDistrict(tx, by, { name, reason: 'Skaladata' }, DEMO_ORGANISATION_FROM);
      made.push({
        id,
        name,
        office: await unit(tx, by, `${name} forvaltning`, 'allocation_office', id),
        homeCare: await unit(tx, by, `${name} hjemmetjenester`, 'municipal_provider', id),
        careHome: await unit(tx, by, `${name} sykehjem`, 'municipal_provider', id),
      });
    }
    const management = await unit(tx, by, 'Helse og omsorg', 'management', null);
    const leader = await staffer(tx, by, { username: 'leder', displayName: 'Kommunalsjef helse og omsorg', profession: 'Leder', roles: ['leader'], unitIds: [management] }, passwordHash);
    await staffer(tx, by, { username: 'admin', displayName: 'Systemforvalter', profession: 'Systemforvalter', roles: ['admin'], unitIds: [] }, passwordHash);
    const districts: ScaleDistrict[] = [];
    for (const d of made) {
      const s = slug(d.name);
      const caseworkers: ScaleActor[] = [];
      for (let n = 1; n <= caseworkersPerDistrict(spec); n += 1) {
        caseworkers.push(await staffer(tx, by, { username: `${s}.saksbehandler${n}`, displayName: `Saksbehandler ${n}, ${d.name}`, profession: 'Sykepleier', roles: ['caseworker'], unitIds: [d.office] }, passwordHash));
      }
      const provider = (unitId: string, what: string) =>
        staffer(tx, by, { username: `${s}.${what}`, displayName: `Koordinator ${what}, ${d.name}`, profession: 'Sykepleier', roles: ['provider_staff'], unitIds: [unitId] }, passwordHash);
      districts.push({
        id: d.id,
        name: d.name,
        caseworkers,
        homeCare: { unitId: d.homeCare, staff: await provider(d.homeCare, 'hjemmetjenester') },
        careHome: { unitId: d.careHome, staff: await provider(d.careHome, 'sykehjem') },
      });
    }
    const catalogue = await catalogueOn(tx, asOf);
    for (const d of districts) await addAgreements(tx, d, catalogue, leader.id);
    return { spec, districts, catalogue };
  });
}
