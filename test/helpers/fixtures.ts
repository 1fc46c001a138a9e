/**
 * Small factories for test data: a municipality with an allocation office, a provider and a few
 * staff members, written through the same store functions the demo loader uses.
 */
import { randomBytes } from 'node:crypto';
import { Faker, base, nb_NO } from '@faker-js/faker';
import { hashPassword } from '../../src/app/passwords.ts';
import { syntheticNationalId } from '../../src/demo/people.ts';
import type { StaffRole } from '../../src/domain/organisation/vocabulary.ts';
import type { Database } from '../../src/store/database.ts';
import { insertDistrict, insertMunicipality, insertStaff, insertUnit } from '../../src/store/org.ts';
import { inTenant } from '../../src/store/tx.ts';

export const PASSWORD = 'test-password';

export interface TestMunicipality {
  readonly id: string;
  readonly officeId: string;
  readonly providerId: string;
  readonly staff: Readonly<Record<string, string>>;
}

const DEFAULT_STAFF: Record<string, StaffRole[]> = {
  caseworker: ['caseworker'],
  leader: ['leader'],
  provider: ['provider_staff'],
  teamleader: ['team_leader', 'caseworker'],
  admin: ['admin'],
};

let hashed: Promise<string> | null = null;

export async function createMunicipality(db: Database, id = `m-${randomBytes(4).toString('hex')}`): Promise<TestMunicipality> {
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = await hashed;
  await insertMunicipality(db.owner, { id, name: `Test ${id}`, model: 'purchaser_provider', inhabitants: 10_000 });
  return inTenant(db.app, { municipalityId: id, staffId: null }, async (tx) => {
    const districtId = await insertDistrict(tx, 'Sentrum');
    const officeId = await insertUnit(tx, { name: 'Tildelingskontoret', kind: 'allocation_office', districtId: null });
    const providerId = await insertUnit(tx, { name: 'Hjemmetjenesten', kind: 'municipal_provider', districtId });
    const staff: Record<string, string> = {};
    for (const [username, roles] of Object.entries(DEFAULT_STAFF)) {
      const unitIds = roles.includes('provider_staff') ? [providerId] : [officeId];
      staff[username] = await insertStaff(tx, { username, displayName: `${username} Testesen`, profession: 'Tester', roles, passwordHash, unitIds });
    }
    return { id, officeId, providerId, staff };
  });
}

const faker = new Faker({ locale: [nb_NO, base] });
faker.seed(42);
const taken = new Set<string>();

/** A valid synthetic (Test Norge) identity number, different on every call. */
export function nationalId(birthDate = '1941-03-15'): string {
  return syntheticNationalId(faker, birthDate, taken);
}
