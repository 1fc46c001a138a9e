/** Queries for persons (applicants and service users) and their contact persons. */
import { inScope, type CaseScope } from './cases.ts';
import type { Tx } from './tx.ts';

export interface PersonRow {
  id: string;
  national_id: string;
  national_id_kind: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  address_line: string | null;
  postal_code: string | null;
  postal_place: string | null;
  district_id: string | null;
  grunnkrets: string | null;
  language: 'nb' | 'nn';
  protected_address: boolean;
  created_at: Date;
}

export interface NewPerson {
  readonly nationalId: string;
  readonly nationalIdKind: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly addressLine?: string | undefined;
  readonly postalCode?: string | undefined;
  readonly postalPlace?: string | undefined;
  readonly districtId?: string | undefined;
  readonly grunnkrets?: string | undefined;
  readonly language: 'nb' | 'nn';
  readonly protectedAddress: boolean;
}

const PERSON_COLUMNS = `id, national_id, national_id_kind, given_name, family_name, birth_date, address_line,
  postal_code, postal_place, district_id, grunnkrets, language, protected_address, created_at`;

export async function insertPerson(tx: Tx, p: NewPerson): Promise<PersonRow> {
  const { rows } = await tx.query<PersonRow>(
    `INSERT INTO person (municipality_id, national_id, national_id_kind, given_name, family_name, birth_date,
       address_line, postal_code, postal_place, district_id, language, protected_address, grunnkrets)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     RETURNING ${PERSON_COLUMNS}`,
    [
      p.nationalId,
      p.nationalIdKind,
      p.givenName,
      p.familyName,
      p.birthDate,
      p.addressLine ?? null,
      p.postalCode ?? null,
      p.postalPlace ?? null,
      p.districtId ?? null,
      p.language,
      p.protectedAddress,
      p.grunnkrets ?? null,
    ],
  );
  return rows[0] as PersonRow;
}

export async function findPerson(tx: Tx, id: string): Promise<PersonRow | null> {
  const { rows } = await tx.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM person WHERE municipality_id = current_municipality() AND id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findPersonByNationalId(tx: Tx, nationalId: string): Promise<PersonRow | null> {
  const { rows } = await tx.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM person WHERE municipality_id = current_municipality() AND national_id = $1`,
    [nationalId],
  );
  return rows[0] ?? null;
}

/**
 * Persons whose full name contains every word of the query (case-insensitive), among those in the
 * scope: of the staff member's districts (or the whole municipality), or with a case in the scope
 * (the same rule as access.ts personAccess).
 */
export async function searchPersonsByName(tx: Tx, query: string, limit: number, scope: CaseScope): Promise<PersonRow[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const { rows } = await tx.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM person p
      WHERE p.municipality_id = current_municipality()
        AND (SELECT bool_and(strpos(lower(p.given_name || ' ' || p.family_name), w) > 0) FROM unnest($1::text[]) AS w)
        AND ('all' = ANY($3::text[]) OR 'district:' || p.district_id = ANY($3::text[])
             OR EXISTS (SELECT 1 FROM case_file c WHERE c.municipality_id = p.municipality_id AND c.person_id = p.id AND ${inScope('c', 3, 4)}))
      ORDER BY p.family_name, p.given_name LIMIT $2`,
    [words, limit, scope.keys, scope.caseIds],
  );
  return rows;
}

export interface ContactRow {
  id: string;
  person_id: string;
  name: string;
  relation: 'relative' | 'guardian' | 'representative';
  authority: string | null;
  phone: string | null;
  email: string | null;
}

export async function insertContact(
  tx: Tx,
  c: { personId: string; name: string; relation: string; authority?: string | undefined; phone?: string | undefined; email?: string | undefined },
): Promise<ContactRow> {
  const { rows } = await tx.query<ContactRow>(
    `INSERT INTO contact_person (municipality_id, person_id, name, relation, authority, phone, email)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6)
     RETURNING id, person_id, name, relation, authority, phone, email`,
    [c.personId, c.name, c.relation, c.authority ?? null, c.phone ?? null, c.email ?? null],
  );
  return rows[0] as ContactRow;
}

export async function listContacts(tx: Tx, personId: string): Promise<ContactRow[]> {
  const { rows } = await tx.query<ContactRow>(
    `SELECT id, person_id, name, relation, authority, phone, email FROM contact_person
      WHERE municipality_id = current_municipality() AND person_id = $1 ORDER BY created_at`,
    [personId],
  );
  return rows;
}
