/** The municipality's integration settings (migration 0021): endpoints, ids and key references, never keys. */
import pg from 'pg';
import type { IntegrationService } from '../integrations/channel.ts';
import { readInTenant, type Tx } from './tx.ts';

export interface IntegrationRow {
  readonly service: IntegrationService;
  readonly enabled: boolean;
  readonly settings: Record<string, unknown>;
  readonly updatedAt: string;
}

export async function listIntegrations(tx: Tx): Promise<IntegrationRow[]> {
  const { rows } = await tx.query<IntegrationRow>(
    `SELECT service, enabled, settings, to_json(updated_at)#>>'{}' AS "updatedAt" FROM integration_config
      WHERE municipality_id = current_municipality() ORDER BY service`,
  );
  return rows;
}

const ENABLED_SETTINGS = 'SELECT settings FROM integration_config WHERE municipality_id = current_municipality() AND enabled AND service = ';

/** The settings of one service when it is configured and enabled. */
export async function enabledSettings(tx: Tx, service: IntegrationService): Promise<Record<string, unknown> | null> {
  const { rows } = await tx.query<{ settings: Record<string, unknown> }>(`${ENABLED_SETTINGS}$1`, [service]);
  return rows[0]?.settings ?? null;
}

/** enabledSettings outside a transaction, in one round trip (readInTenant; issue 18): what a channel asks before it calls out. */
export async function enabledSettingsIn(pool: pg.Pool, municipalityId: string, service: IntegrationService): Promise<Record<string, unknown> | null> {
  const rows = await readInTenant<{ settings: Record<string, unknown> }>(pool, { municipalityId, staffId: null }, `${ENABLED_SETTINGS}${pg.escapeLiteral(service)}`);
  return rows[0]?.settings ?? null;
}

export async function saveIntegration(tx: Tx, service: IntegrationService, enabled: boolean, settings: Record<string, unknown>, staffId: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO integration_config (municipality_id, service, enabled, settings, updated_by) VALUES (current_municipality(), $1, $2, $3, $4)
     ON CONFLICT (municipality_id, service) DO UPDATE SET enabled = EXCLUDED.enabled, settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [service, enabled, JSON.stringify(settings), staffId],
  );
}
