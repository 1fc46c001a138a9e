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
  /** Where the data came from: the population register (with when it was looked up), or typed in. */
  source: 'manual' | 'folkeregister';
  source_checked_at: string | null;
  died_on: string | null;
  moved_out_on: string | null;
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
  /** When the data was looked up in the population register; absent for manual entry. */
  readonly registerCheckedAt?: Date | undefined;
  readonly diedOn?: string | null | undefined;
}

const PERSON_COLUMNS = `id, national_id, national_id_kind, given_name, family_name, birth_date, address_line,
  postal_code, postal_place, district_id, grunnkrets, language, protected_address, source,
  to_json(source_checked_at)#>>'{}' AS source_checked_at, to_char(died_on, 'YYYY-MM-DD') AS died_on,
  to_char(moved_out_on, 'YYYY-MM-DD') AS moved_out_on, created_at`;

export async function insertPerson(tx: Tx, p: NewPerson): Promise<PersonRow> {
  const { rows } = await tx.query<PersonRow>(
    `INSERT INTO person (municipality_id, national_id, national_id_kind, given_name, family_name, birth_date,
       address_line, postal_code, postal_place, district_id, language, protected_address, grunnkrets, source, source_checked_at, died_on)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
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
      p.registerCheckedAt ? 'folkeregister' : 'manual',
      p.registerCheckedAt ?? null,
      p.diedOn ?? null,
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
  const patterns = nameWords(query).map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
  // An empty query finds nobody, not everybody.
  if (patterns.length === 0) return [];
  // One LIKE per word (not LIKE ALL of an array), so the trigram index (migration 0029) serves each.
  const contains = patterns.map((_, n) => `AND lower(p.given_name || ' ' || p.family_name) LIKE $${n + 4}`).join(' ');
  const { rows } = await tx.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM person p
      WHERE p.municipality_id = current_municipality() ${contains}
        AND ('all' = ANY($2::text[]) OR 'district:' || p.district_id = ANY($2::text[])
             OR EXISTS (SELECT 1 FROM case_file c WHERE c.municipality_id = p.municipality_id AND c.person_id = p.id AND ${inScope('c', 2, 3)}))
      ORDER BY p.family_name, p.given_name LIMIT $1`,
    [limit, scope.keys, scope.caseIds, ...patterns],
  );
  return rows;
}

/** The words of a name query, lower-cased; at most eight (a name search needs no more). */
function nameWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
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

/** What a register event may change on a person; the fields not given stay as they are. */
export interface RegisterChange {
  readonly givenName?: string;
  readonly familyName?: string;
  readonly addressLine?: string | null;
  readonly postalCode?: string | null;
  readonly postalPlace?: string | null;
  readonly grunnkrets?: string | null;
  readonly protectedAddress?: boolean;
  readonly diedOn?: string | null;
  readonly movedOutOn?: string | null;
}

const CHANGE_COLUMNS: Record<keyof RegisterChange, string> = {
  givenName: 'given_name',
  familyName: 'family_name',
  addressLine: 'address_line',
  postalCode: 'postal_code',
  postalPlace: 'postal_place',
  grunnkrets: 'grunnkrets',
  protectedAddress: 'protected_address',
  diedOn: 'died_on',
  movedOutOn: 'moved_out_on',
};

/**
 * Applies what the population register reported to a person: the values replaced are kept in
 * person_register_change (append-only) with the event that replaced them, and the record is marked as
 * checked against the register at `at`.
 */
export async function applyRegisterChange(tx: Tx, person: PersonRow, change: RegisterChange, cause: { sequence: number; eventType: string; at: Date }): Promise<void> {
  const keys = (Object.keys(change) as (keyof RegisterChange)[]).filter((k) => change[k] !== undefined);
  const previous = Object.fromEntries(keys.map((k) => [k, person[CHANGE_COLUMNS[k] as keyof PersonRow] ?? null]));
  await tx.query(
    `INSERT INTO person_register_change (municipality_id, person_id, sequence, event_type, previous, current, changed_at)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6)`,
    [person.id, cause.sequence, cause.eventType, JSON.stringify(previous), JSON.stringify(Object.fromEntries(keys.map((k) => [k, change[k]]))), cause.at],
  );
  const sets = keys.map((k, i) => `${CHANGE_COLUMNS[k]} = $${i + 3}`);
  await tx.query(
    `UPDATE person SET ${[...sets, "source = 'folkeregister'", 'source_checked_at = $2'].join(', ')} WHERE municipality_id = current_municipality() AND id = $1`,
    [person.id, cause.at, ...keys.map((k) => change[k])],
  );
}

/** The earlier values of a person the register replaced, oldest first. */
export async function registerChanges(tx: Tx, personId: string): Promise<{ sequence: number; eventType: string; previous: Record<string, unknown>; current: Record<string, unknown> }[]> {
  const { rows } = await tx.query<{ sequence: string; event_type: string; previous: Record<string, unknown>; current: Record<string, unknown> }>(
    `SELECT sequence, event_type, previous, current FROM person_register_change
      WHERE municipality_id = current_municipality() AND person_id = $1 ORDER BY changed_at, sequence`,
    [personId],
  );
  return rows.map((r) => ({ sequence: Number(r.sequence), eventType: r.event_type, previous: r.previous, current: r.current }));
}
