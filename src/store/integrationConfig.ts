/** The municipality's integration settings (migration 0021): endpoints, ids and key references, never keys. */
import type { IntegrationService } from '../integrations/channel.ts';
import type { Tx } from './tx.ts';

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

/** The settings of one service when it is configured and enabled. */
export async function enabledSettings(tx: Tx, service: IntegrationService): Promise<Record<string, unknown> | null> {
  const { rows } = await tx.query<{ settings: Record<string, unknown> }>(
    'SELECT settings FROM integration_config WHERE municipality_id = current_municipality() AND service = $1 AND enabled',
    [service],
  );
  return rows[0]?.settings ?? null;
}

export async function saveIntegration(tx: Tx, service: IntegrationService, enabled: boolean, settings: Record<string, unknown>, staffId: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO integration_config (municipality_id, service, enabled, settings, updated_by) VALUES (current_municipality(), $1, $2, $3, $4)
     ON CONFLICT (municipality_id, service) DO UPDATE SET enabled = EXCLUDED.enabled, settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [service, enabled, JSON.stringify(settings), staffId],
  );
}
