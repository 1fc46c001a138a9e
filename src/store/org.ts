/** Queries for municipalities, districts, units and staff. */
import pg from 'pg';
import { readInTenant, type Tx } from './tx.ts';
import { poolFor, serverPools } from './routing.ts';

export interface MunicipalityRow {
  id: string;
  name: string;
  municipality_number: string | null;
  organisational_model: string;
  inhabitants: number | null;
  letterhead: Record<string, unknown>;
}

export interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  profession: string | null;
  roles: string[];
  active: boolean;
  unit_ids: string[];
}

/** The municipality, read on the server it lives on (routing.ts). */
export async function findMunicipality(db: pg.Pool | Tx, id: string): Promise<MunicipalityRow | null> {
  const { rows } = await poolFor(db, id).query<MunicipalityRow>(
    'SELECT id, name, municipality_number, organisational_model, inhabitants, letterhead FROM municipality WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** Every municipality of the installation, on every server it routes to (routing.ts), by name. */
export async function listMunicipalities(db: pg.Pool | Tx): Promise<MunicipalityRow[]> {
  const servers = serverPools(db);
  const each = await Promise.all(
    servers.map(async (server) => (await server.query<MunicipalityRow>('SELECT id, name, municipality_number, organisational_model, inhabitants, letterhead FROM municipality ORDER BY name')).rows),
  );
  // One server keeps its own order; several are merged in the same order of names (Norwegian letters last).
  return servers.length === 1 ? each.flat() : each.flat().sort((x, y) => x.name.localeCompare(y.name, 'nb') || x.id.localeCompare(y.id));
}

export async function listDistricts(tx: Tx): Promise<{ id: string; name: string }[]> {
  const { rows } = await tx.query('SELECT id, name FROM district WHERE municipality_id = current_municipality() ORDER BY name');
  return rows;
}

export interface UnitRow {
  id: string;
  name: string;
  kind: string;
  district_id: string | null;
  /** The unit's period (a Period of domain/organisation/dated.ts). */
  validFrom: string;
  validTo: string | null;
  merged_into: string | null;
}

/** The query of listUnits; it takes no parameters, so it can travel with others in one round trip (readTogether). */
export const UNITS_SQL = `SELECT id, name, kind, district_id, valid_from::text AS "validFrom", valid_to::text AS "validTo", merged_into
       FROM org_unit WHERE municipality_id = current_municipality() ORDER BY kind, name`;

/** Every unit the municipality has had, with its period (a closed or merged unit still names its old cases). */
export async function listUnits(tx: Tx): Promise<UnitRow[]> {
  const { rows } = await tx.query<UnitRow>(UNITS_SQL);
  return rows;
}

/** Today in Norway, in SQL: memberships in force today make a staff member's units. */
export const TODAY = "(now() AT TIME ZONE 'Europe/Oslo')::date";

const STAFF_SELECT = `
  SELECT s.id, s.username, s.display_name, s.profession, s.roles, s.active,
         coalesce(array_agg(m.unit_id) FILTER (WHERE m.unit_id IS NOT NULL), '{}') AS unit_ids
    FROM staff s
    LEFT JOIN unit_membership m ON m.municipality_id = s.municipality_id AND m.staff_id = s.id
          AND m.valid_from <= ${TODAY} AND (m.valid_to IS NULL OR m.valid_to > ${TODAY})
   WHERE s.municipality_id = current_municipality()`;

/** The municipality's staff; the digital intake service account is not one of them. */
export async function listStaff(tx: Tx): Promise<StaffRow[]> {
  const { rows } = await tx.query<StaffRow>(`${STAFF_SELECT} AND NOT (s.roles && ARRAY['digital_intake', 'system']) GROUP BY s.id, s.municipality_id ORDER BY s.display_name`);
  return rows;
}

export async function findStaff(tx: Tx, id: string): Promise<StaffRow | null> {
  const { rows } = await tx.query<StaffRow>(`${STAFF_SELECT} AND s.id = $1 GROUP BY s.id, s.municipality_id`, [id]);
  return rows[0] ?? null;
}

/** The staff member, read in the municipality in one round trip outside any transaction (the session check of every request). */
export async function findStaffOnce(pool: pg.Pool, municipalityId: string, id: string): Promise<StaffRow | null> {
  const rows = await readInTenant<StaffRow>(pool, { municipalityId, staffId: id }, `${STAFF_SELECT} AND s.id = ${pg.escapeLiteral(id)} GROUP BY s.id, s.municipality_id`);
  return rows[0] ?? null;
}

/**
 * The live session of a token in the municipality it names, touched as used now (as findLiveSession
 * in sessions.ts), with its staff member: one round trip, the settings, the touch and the read run as
 * one implicit transaction. Null when there is no such live session; `staff` null when the session's
 * staff member is not found in that municipality.
 */
export async function findSessionStaffOnce(pool: pg.Pool, municipalityId: string, tokenHash: string, idleMinutes: number): Promise<{ municipality_id: string; staff_id: string; staff: StaffRow | null } | null> {
  const rows = await readInTenant<StaffRow & { municipality_id: string; staff_id: string }>(
    pool,
    { municipalityId, staffId: null },
    `WITH live AS (
       UPDATE login_session SET last_seen_at = now()
        WHERE token_hash = ${pg.escapeLiteral(tokenHash)} AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(mins => ${Math.trunc(idleMinutes)})
        RETURNING municipality_id, staff_id)
     SELECT live.municipality_id, live.staff_id, q.* FROM live
       LEFT JOIN LATERAL (${STAFF_SELECT} AND s.id = live.staff_id GROUP BY s.id, s.municipality_id) q ON true`,
  );
  const row = rows[0];
  if (!row) return null;
  const { municipality_id, staff_id, ...staff } = row;
  return { municipality_id, staff_id, staff: staff.id ? staff : null };
}

export async function findStaffCredentials(
  tx: Tx,
  username: string,
): Promise<(StaffRow & { password_hash: string | null }) | null> {
  const { rows } = await tx.query<StaffRow & { password_hash: string | null }>(
    `SELECT q.*, s.password_hash FROM (${STAFF_SELECT} AND s.username = $1 GROUP BY s.id, s.municipality_id) q
       JOIN staff s ON s.municipality_id = current_municipality() AND s.id = q.id`,
    [username],
  );
  return rows[0] ?? null;
}

export async function unitExists(tx: Tx, id: string): Promise<boolean> {
  const { rowCount } = await tx.query('SELECT 1 FROM org_unit WHERE municipality_id = current_municipality() AND id = $1', [id]);
  return rowCount === 1;
}

/** Creates a municipality (tenant), on the server the routes place it on. Needs the owner connection: the application role cannot. */
export async function insertMunicipality(
  owner: pg.Pool,
  m: { id: string; name: string; model: string; inhabitants: number; letterhead?: Record<string, unknown>; number?: string },
): Promise<void> {
  await poolFor(owner, m.id).query(
    'INSERT INTO municipality (id, name, organisational_model, inhabitants, letterhead, municipality_number) VALUES ($1, $2, $3, $4, $5, $6)',
    [m.id, m.name, m.model, m.inhabitants, JSON.stringify(m.letterhead ?? {}), m.number ?? null],
  );
}

export async function insertDistrict(tx: Tx, name: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO district (municipality_id, name) VALUES (current_municipality(), $1) RETURNING id',
    [name],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertUnit(tx: Tx, u: { name: string; kind: string; districtId: string | null; validFrom?: string }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO org_unit (municipality_id, name, kind, district_id, valid_from)
     VALUES (current_municipality(), $1, $2, $3, coalesce($4::date, DATE '2000-01-01')) RETURNING id`,
    [u.name, u.kind, u.districtId, u.validFrom ?? null],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertStaff(
  tx: Tx,
  s: { username: string; displayName: string; profession: string | null; roles: readonly string[]; passwordHash: string | null; unitIds: readonly string[]; validFrom?: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO staff (municipality_id, username, display_name, profession, roles, password_hash)
     VALUES (current_municipality(), $1, $2, $3, $4, $5) RETURNING id`,
    [s.username, s.displayName, s.profession, s.roles, s.passwordHash],
  );
  const id = (rows[0] as { id: string }).id;
  for (const unitId of s.unitIds) {
    await tx.query(
      `INSERT INTO unit_membership (municipality_id, staff_id, unit_id, valid_from) VALUES (current_municipality(), $1, $2, coalesce($3::date, DATE '2000-01-01'))`,
      [id, unitId, s.validFrom ?? null],
    );
  }
  return id;
}

/** The username of the municipality's system staff member, who records what the job runner's rules find. */
export const SYSTEM_USERNAME = 'tildel-system';

/** The system staff member of the municipality (created the first time a rule needs it); it has no password and cannot log in. */
export async function ensureSystemStaff(tx: Tx): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO staff (municipality_id, username, display_name, profession, roles, password_hash, active)
     VALUES (current_municipality(), $1, 'tildel (automatisk regel)', NULL, ARRAY['system'], NULL, true)
     ON CONFLICT (municipality_id, username) DO UPDATE SET username = excluded.username
     RETURNING id`,
    [SYSTEM_USERNAME],
  );
  return (rows[0] as { id: string }).id;
}
