/**
 * Onboarding a municipality (issue 17, item 1): the installation's operator creates a tenant with its
 * number (kommunenummer), name, written standard and letterhead, a first policy from the template of
 * its organisational model (in force from today), and a first administrator who sets up the rest. The
 * administrator's one-time password works where local passwords are on; with an identity provider the
 * administrator's username claim binds them on their first login.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LANGUAGES } from '../domain/organisation/vocabulary.ts';
import { POLICY_TEMPLATES } from '../domain/organisation/templates.ts';
import type { Database } from '../store/database.ts';
import { findMunicipality, insertStaff, insertUnit } from '../store/org.ts';
import { insertPolicy } from '../store/policies.ts';
import { inTenant } from '../store/tx.ts';
import { AppError } from './errors.ts';
import { hashPassword } from './passwords.ts';
import { serverPools } from '../store/routing.ts';

const TEMPLATES = Object.keys(POLICY_TEMPLATES) as [keyof typeof POLICY_TEMPLATES, ...(keyof typeof POLICY_TEMPLATES)[]];

export const newMunicipalityInput = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and hyphens, 2–40, starting with a letter (e.g. "granvik")'),
  name: z.string().trim().min(2).max(100).describe('e.g. "Granvik kommune"'),
  number: z.string().regex(/^\d{4}$/, 'the kommunenummer: four digits'),
  template: z.enum(TEMPLATES).describe('The organisational model whose template becomes the first policy'),
  writtenStandard: z.enum(LANGUAGES).default('nb').describe('The municipality’s written standard (målform): bokmål (nb) or nynorsk (nn)'),
  inhabitants: z.coerce.number().int().positive().optional(),
  postalAddress: z.string().trim().min(1).max(200).optional().describe('For the letterhead'),
  phone: z.string().trim().regex(/^\+?[0-9 ]{8,15}$/, 'a phone number of 8–15 digits').optional(),
  admin: z.string().regex(/^[a-z][a-z0-9._-]{1,39}$/, 'a username: lower-case letters, digits, dot, hyphen or underscore').default('admin'),
});
export type NewMunicipality = z.infer<typeof newMunicipalityInput>;

export interface CreatedMunicipality {
  readonly id: string;
  readonly model: string;
  readonly policyEffectiveFrom: string;
  readonly admin: { readonly username: string; readonly oneTimePassword: string };
}

/** Creates the tenant, its first policy and its administrator, all or nothing. */
export async function createMunicipality(db: Database, input: NewMunicipality, today: string): Promise<CreatedMunicipality> {
  if (await findMunicipality(db.owner, input.id)) throw new AppError('conflict', `A municipality with the id ${input.id} exists already.`, { fields: [{ field: 'id', message: 'taken' }] });
  const rows = (await Promise.all(serverPools(db.owner).map(async (owner) => (await owner.query('SELECT id FROM municipality WHERE municipality_number = $1', [input.number])).rows))).flat();
  if (rows.length) throw new AppError('conflict', `The kommunenummer ${input.number} belongs to ${String(rows[0].id)} already.`, { fields: [{ field: 'number', message: 'taken' }] });
  const rules = POLICY_TEMPLATES[input.template];
  const password = randomBytes(12).toString('base64url');
  const letterhead = { name: input.name, writtenStandard: input.writtenStandard, ...(input.postalAddress ? { postalAddress: input.postalAddress } : {}), ...(input.phone ? { phone: input.phone } : {}) };
  const passwordHash = await hashPassword(password);
  // One transaction, as the owner (the municipality row is the installation's, the rest the tenant's).
  await inTenant(db.owner, { municipalityId: input.id, staffId: null }, async (tx) => {
    await tx.query(
      'INSERT INTO municipality (id, name, municipality_number, organisational_model, inhabitants, letterhead) VALUES ($1, $2, $3, $4, $5, $6)',
      [input.id, input.name, input.number, rules.model, input.inhabitants ?? null, JSON.stringify(letterhead)],
    );
    await insertPolicy(tx, { districtId: null, serviceCode: null, effectiveFrom: today, rules, note: `First policy at onboarding: the ${input.template.replace(/_/g, ' ')} template` });
    const unit = await insertUnit(tx, { name: 'Administrasjon', kind: 'management', districtId: null });
    await insertStaff(tx, { username: input.admin, displayName: 'Administrator', profession: 'Systemansvarlig', roles: ['admin'], passwordHash, unitIds: [unit] });
  });
  return { id: input.id, model: rules.model, policyEffectiveFrom: today, admin: { username: input.admin, oneTimePassword: password } };
}
