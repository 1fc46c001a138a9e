/** Service catalogue versions per municipality (append-only). */
import { catalogueServicesSchema, type CatalogueServices, type CatalogueVersion } from '../domain/services/catalogueVersion.ts';
import type { Tx } from './tx.ts';

export async function insertCatalogueVersion(tx: Tx, v: { effectiveFrom: string; services: CatalogueServices; note: string | null; createdBy: string | null }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO service_catalogue_version (municipality_id, effective_from, services, note, created_by)
     VALUES (current_municipality(), $1, $2, $3, $4) RETURNING id`,
    [v.effectiveFrom, JSON.stringify(v.services), v.note, v.createdBy],
  );
  return (rows[0] as { id: string }).id;
}

/** Every catalogue version of the municipality, oldest first (a handful at most). */
export async function listCatalogueVersions(tx: Tx): Promise<(CatalogueVersion & { note: string | null })[]> {
  const { rows } = await tx.query<{ id: string; effective_from: string; services: unknown; note: string | null }>(
    `SELECT id, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, services, note FROM service_catalogue_version
      WHERE municipality_id = current_municipality() ORDER BY effective_from`,
  );
  return rows.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, services: catalogueServicesSchema.parse(r.services), note: r.note }));
}
