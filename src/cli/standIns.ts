/**
 * `tildel stand-ins`: runs every national service's stand-in on local ports (integrations/standIns.ts)
 * and prints the settings a municipality enters to use them; with --configure it enters them itself,
 * so a demo shows letters going out by digital post and to the archive, orientations to the GP, and
 * discharge messages arriving. Runs until stopped (Ctrl+C).
 */
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { INTEGRATION_SERVICES } from '../integrations/channel.ts';
import { startStandIns, type StandInSet } from '../integrations/standIns.ts';
import { loadConfig } from '../config.ts';
import { saveIntegration } from '../store/integrationConfig.ts';
import { findMunicipality } from '../store/org.ts';
import { inTenant } from '../store/tx.ts';
import { fail, openConfiguredDatabase } from './runtime.ts';

const args = z.object({
  port: z.coerce.number().int().min(0).max(65_000).default(7100),
  host: z.string().min(1).default('127.0.0.1'),
  configure: z.string().min(1).optional(),
  herId: z.string().regex(/^\d{1,9}$/).default('8100001'),
});

async function configure(set: StandInSet, municipalityId: string): Promise<void> {
  const config = loadConfig();
  const db = await openConfiguredDatabase(config, { attachIfRunning: true });
  try {
    await inTenant(db.app, { municipalityId, staffId: null }, async (tx) => {
      const m = await findMunicipality(tx, municipalityId);
      if (!m) throw new Error(`no municipality ${municipalityId}`);
      // A move to an address in another municipality is a move out: the register needs our number.
      const settings = { ...set.settings, folkeregister: { ...set.settings.folkeregister, municipalityNumber: m.municipality_number ?? set.settings.folkeregister.municipalityNumber } };
      for (const service of INTEGRATION_SERVICES) await saveIntegration(tx, service, true, settings[service] as Record<string, unknown>, null);
    });
  } finally {
    await db.close();
  }
  console.log(`\nThe settings are entered for ${municipalityId}; the server's job runner uses them within a minute.`);
}

export async function standInsCommand(raw: Record<string, unknown>): Promise<void> {
  const parsed = args.safeParse(raw);
  if (!parsed.success) fail(`invalid options: ${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const keyDir = join(resolve(dirname(loadConfig().TILDEL_DATA_DIR)), 'stand-in-keys');
  const set = await startStandIns({ keyDir, host: parsed.data.host, basePort: parsed.data.port, herId: parsed.data.herId }).catch(fail);
  for (const s of set.all) console.log(`${s.name.padEnd(14)} ${s.url}`);
  console.log(`\nSettings to enter (Organisasjon → Nasjonale tjenester, or PUT /api/v1/integrations/{service}); the keys are in ${keyDir}:\n`);
  console.log(JSON.stringify(set.settings, null, 2));
  if (parsed.data.configure) await configure(set, parsed.data.configure).catch(fail);
  const stop = async () => {
    await set.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
