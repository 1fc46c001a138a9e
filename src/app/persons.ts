/** Use cases for persons: register, read, search, and add contact persons. */
import { z } from 'zod';
import { checkNationalId, maskNationalId } from '../domain/person/nationalId.ts';
import { CONTACT_RELATIONS, LANGUAGES } from '../domain/organisation/vocabulary.ts';
import {
  findPersonByNationalId,
  insertContact,
  insertPerson,
  listContacts,
  searchPersonsByName,
  type ContactRow,
  type NewPerson,
  type PersonRow,
} from '../store/persons.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { listAreas } from '../store/orgConfig.ts';
import { areaFor, grunnkretsCode } from '../domain/organisation/areas.ts';
import { now as nowIn, today as todayIn } from './clock.ts';
import { lookUpInRegister, type RegisterLookup } from '../integrations/folkeregister/lookup.ts';
import { channelContext } from './outbox.ts';
import { isProtected } from '../integrations/folkeregister/personDocument.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gatedPerson, gateOf, personLevelOf, requireRegister, type Gate } from './gate.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import type { Principal } from './principal.ts';
import type { ContactView, PersonView } from './views.ts';
import { currentGp } from './personGp.ts';

export const registerPersonInput = z.object({
  nationalId: z.string().regex(/^\d{11}$/, 'must be 11 digits').describe('Fødselsnummer or D-number'),
  givenName: z.string().trim().min(1).max(200).optional().describe('Required when the population register does not give the person (manual entry)'),
  familyName: z.string().trim().min(1).max(200).optional().describe('Required when the population register does not give the person (manual entry)'),
  addressLine: z.string().trim().max(200).optional(),
  postalCode: z.string().regex(/^\d{4}$/, 'must be 4 digits').optional(),
  postalPlace: z.string().trim().max(100).optional(),
  districtId: z.uuid().optional(),
  grunnkrets: grunnkretsCode.optional().describe('Grunnkrets (eight digits), where the population register or the address gives it; it places the person in an area drawn by grunnkrets'),
  language: z.enum(LANGUAGES).default('nb').describe('Written standard for letters: bokmål (nb) or nynorsk (nn)'),
  protectedAddress: z.boolean().default(false).describe('Fortrolig/strengt fortrolig adresse'),
});
export type RegisterPersonInput = z.infer<typeof registerPersonInput>;

export const addContactInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    relation: z.enum(CONTACT_RELATIONS),
    authority: z.string().trim().min(1).max(1000).optional().describe('What the guardianship or power of attorney covers'),
    phone: z.string().trim().max(40).optional(),
    email: z.email().optional(),
  })
  .refine((c) => c.relation === 'relative' || c.authority !== undefined, {
    path: ['authority'],
    message: 'A guardian or representative must have their authority recorded',
  });
export type AddContactInput = z.infer<typeof addContactInput>;

/**
 * A person as the API shows them. The address of a person with a protected address (fortrolig or
 * strengt fortrolig) is left out in lists, and in the full record for anyone who does not handle one
 * of the person's cases (`handlesCase`); it is flagged where it is shown.
 */
export function personView(p: PersonRow, detail: boolean, handlesCase = true): PersonView {
  const hideAddress = p.protected_address && !(detail && handlesCase);
  return {
    id: p.id,
    nationalId: p.national_id,
    nationalIdMasked: maskNationalId(p.national_id),
    nationalIdKind: p.national_id_kind,
    givenName: p.given_name,
    familyName: p.family_name,
    birthDate: p.birth_date,
    address: hideAddress ? null : { line: p.address_line, postalCode: p.postal_code, postalPlace: p.postal_place },
    grunnkrets: hideAddress ? null : p.grunnkrets,
    districtId: p.district_id,
    language: p.language,
    protectedAddress: p.protected_address,
    source: { kind: p.source, checkedAt: p.source_checked_at },
    diedOn: p.died_on,
    movedOutOn: p.moved_out_on,
  };
}

function contactView(c: ContactRow): ContactView {
  return { id: c.id, name: c.name, relation: c.relation, authority: c.authority, phone: c.phone, email: c.email };
}

/** The district of the area that covers where the person lives (the municipality's geographic areas), when no district is given. */
async function districtByAddress(tx: Tx, p: Pick<RegisterPersonInput, 'postalCode' | 'addressLine' | 'grunnkrets'>, onDate: string): Promise<string | undefined> {
  return areaFor({ postalCode: p.postalCode ?? null, addressLine: p.addressLine ?? null, grunnkrets: p.grunnkrets ?? null }, await listAreas(tx), onDate)?.districtId;
}

type Filled = Omit<NewPerson, 'nationalIdKind' | 'birthDate'>;

/**
 * The person as registered: from the population register when it gives them (name, address, grunnkrets,
 * address protection, date of death; marked with the time of the look-up), else as typed in (marked
 * manual), which then needs the name. Written language (målform) is not in the register: it stays as given.
 */
function filledFromRegister(input: RegisterPersonInput, lookup: RegisterLookup): Filled {
  if (lookup.status === 'found') {
    const p = lookup.person;
    const a = p.address;
    return {
      nationalId: input.nationalId,
      givenName: p.givenName,
      familyName: p.familyName,
      language: input.language,
      protectedAddress: isProtected(p.grading),
      registerCheckedAt: lookup.checkedAt,
      diedOn: p.diedOn,
      ...(a ? { addressLine: a.line ?? undefined, postalCode: a.postalCode ?? undefined, postalPlace: a.postalPlace ?? undefined, grunnkrets: a.grunnkrets ?? undefined } : {}),
      ...(input.districtId ? { districtId: input.districtId } : {}),
    };
  }
  if (!input.givenName) throw invalidField('givenName', 'required when the population register does not give the person');
  if (!input.familyName) throw invalidField('familyName', 'required when the population register does not give the person');
  return { ...input, givenName: input.givenName, familyName: input.familyName };
}

export async function registerPerson(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  input: RegisterPersonInput,
): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  const id = checkNationalId(input.nationalId, { allowSynthetic: ctx.allowSyntheticIds });
  if (!id.valid) throw invalidField('nationalId', id.reason);
  // The register is asked only for someone who may register, and outside the transaction (a network call).
  await inTenant(ctx.db.app, principal, async (tx) => requireRegister((await gateOf(tx, ctx, principal, meta)).gate));
  const filled = filledFromRegister(input, await lookUpInRegister(channelContext(ctx.db, principal.municipalityId, undefined, () => nowIn(ctx)), input.nationalId));
  return runCommand(ctx, principal, meta, async (tx) => {
    requireRegister((await gateOf(tx, ctx, principal, meta)).gate);
    if (await findPersonByNationalId(tx, input.nationalId)) {
      throw new AppError('conflict', 'A person with this identity number is already registered in the municipality.', {
        fields: [{ field: 'nationalId', message: 'already registered' }],
      });
    }
    const row = await insertPerson(tx, { ...filled, districtId: filled.districtId ?? (await districtByAddress(tx, filled, todayIn(ctx))), nationalIdKind: id.kind, birthDate: id.birthDate });
    await audit(tx, principal, meta, 'write', 'person', [row.id]);
    return { statusCode: 201, body: { ...personView(row, true), contacts: [] } };
  });
}

export async function addContact(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  personId: string,
  input: AddContactInput,
): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    await gatedPerson(tx, (await gateOf(tx, ctx, principal, meta)).gate, personId, 'full', 'the person’s contact persons');
    const row = await insertContact(tx, { personId, ...input });
    await audit(tx, principal, meta, 'write', 'contact_person', [personId]);
    return { statusCode: 201, body: contactView(row) };
  });
}

export async function getPerson(ctx: AppContext, principal: Principal, meta: RequestMeta, id: string): Promise<PersonView> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { person: row } = await gatedPerson(tx, (await gateOf(tx, ctx, principal, meta)).gate, id, 'order');
    await audit(tx, principal, meta, 'read', 'person', [id]);
    const handles = !row.protected_address || (await handlesCaseOf(tx, principal, id));
    return { ...personView(row, true, handles), contacts: (await listContacts(tx, id)).map(contactView), gp: await currentGp(ctx, tx, id) };
  });
}

/** Whether the principal handles one of the person's cases: owns it, or belongs to the unit that holds it or delivers it. */
async function handlesCaseOf(tx: Tx, principal: Principal, personId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM case_file WHERE municipality_id = current_municipality() AND person_id = $1
        AND status NOT IN ('ended', 'withdrawn', 'answered_low_threshold')
        AND (owner_staff_id = $2 OR owner_unit_id = ANY($3::uuid[]) OR provider_unit_id = ANY($3::uuid[])) LIMIT 1`,
    [personId, principal.staffId, principal.unitIds],
  );
  return rows.length > 0;
}

/** A person found by identity number: the intake may look anyone up (to register a request); others only those they have a need for. */
async function visibleByNationalId(tx: Tx, gate: Gate, nationalId: string): Promise<PersonRow[]> {
  const row = await findPersonByNationalId(tx, nationalId);
  if (!row) return [];
  return gate.mayRegister || (await personLevelOf(tx, gate, row)) !== 'none' ? [row] : [];
}

/** Search by name, or by identity number (sent in the body, so it never appears in a URL or log). */
export async function searchPersons(
  ctx: AppContext,
  principal: Principal,
  meta: RequestMeta,
  query: { name?: string | undefined; nationalId?: string | undefined; limit: number },
): Promise<PersonView[]> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const rows = query.nationalId ? await visibleByNationalId(tx, gate, query.nationalId) : await searchPersonsByName(tx, query.name ?? '', query.limit, gate.scope);
    await audit(tx, principal, meta, 'search', query.nationalId ? 'person search by identity number' : 'person search by name', rows.map((r) => r.id));
    return rows.map((r) => personView(r, false));
  });
}

export const lookUpPersonInput = z.object({
  nationalId: z.string().regex(/^\d{11}$/, 'must be 11 digits').describe('Fødselsnummer or D-number'),
});

/** What the population register says about a person, for the registration form (a protected address is not shown). */
export interface RegisterLookupView {
  readonly status: 'found' | 'not_found' | 'not_configured' | 'unavailable';
  readonly checkedAt: string | null;
  readonly person: {
    readonly givenName: string;
    readonly familyName: string;
    readonly address: { readonly line: string | null; readonly postalCode: string | null; readonly postalPlace: string | null } | null;
    readonly protectedAddress: boolean;
    readonly diedOn: string | null;
  } | null;
  /** The person's id when they are already registered in the municipality. */
  readonly registeredId: string | null;
}

function lookupView(lookup: RegisterLookup, registeredId: string | null): RegisterLookupView {
  const checkedAt = lookup.status === 'found' || lookup.status === 'not_found' ? lookup.checkedAt.toISOString() : null;
  if (lookup.status !== 'found') return { status: lookup.status, checkedAt, person: null, registeredId };
  const p = lookup.person;
  const protectedAddress = isProtected(p.grading);
  const address = p.address && !protectedAddress ? { line: p.address.line, postalCode: p.address.postalCode, postalPlace: p.address.postalPlace } : null;
  return { status: 'found', checkedAt, person: { givenName: p.givenName, familyName: p.familyName, address, protectedAddress, diedOn: p.diedOn }, registeredId };
}

/**
 * Looks a person up in the population register before registering them (the intake only): gated like
 * registration, and audited as a read of personal data. The identity number comes in the body, never a URL.
 */
export async function lookUpPerson(ctx: AppContext, principal: Principal, meta: RequestMeta, input: z.infer<typeof lookUpPersonInput>): Promise<RegisterLookupView> {
  assertMayReadPersonalData(principal);
  const id = checkNationalId(input.nationalId, { allowSynthetic: ctx.allowSyntheticIds });
  if (!id.valid) throw invalidField('nationalId', id.reason);
  await inTenant(ctx.db.app, principal, async (tx) => requireRegister((await gateOf(tx, ctx, principal, meta)).gate));
  const lookup = await lookUpInRegister(channelContext(ctx.db, principal.municipalityId, undefined, () => nowIn(ctx)), input.nationalId);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const registered = await findPersonByNationalId(tx, input.nationalId);
    await audit(tx, principal, meta, 'read', 'population register look-up', registered ? [registered.id] : []);
    return lookupView(lookup, registered?.id ?? null);
  });
}
