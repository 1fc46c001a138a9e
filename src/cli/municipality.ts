/** `tildel municipality create | export | import | remove`: the operator onboards a municipality (app/onboarding.ts), exports it, imports an export, or removes it as a whole (app/tenantTransfer.ts, app/tenantImport.ts). */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { exportMunicipality, removeMunicipality } from '../app/tenantTransfer.ts';
import { importMunicipality } from '../app/tenantImport.ts';
import { createMunicipality, newMunicipalityInput } from '../app/onboarding.ts';
import { osloDate } from '../domain/law/deadlines.ts';
import { fail, withDatabase } from './runtime.ts';

export async function createMunicipalityCommand(raw: Record<string, unknown>): Promise<void> {
  const parsed = newMunicipalityInput.safeParse(raw);
  if (!parsed.success) fail(`invalid options: ${parsed.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; ')}`);
  await withDatabase(async (db) => {
    const created = await createMunicipality(db, parsed.data, osloDate(new Date()));
    console.log(`Created ${parsed.data.name} (${created.id}, kommunenummer ${parsed.data.number}) under the ${created.model.replace(/_/g, ' ')} model; its first policy is in force from ${created.policyEffectiveFrom}.`);
    console.log(`Administrator: ${created.admin.username}, one-time password ${created.admin.oneTimePassword}`);
    console.log('The password works where local passwords are on (TILDEL_LOCAL_PASSWORDS=true); with an identity provider, the username claim binds the administrator at their first login.');
  }).catch(fail);
}

export async function exportMunicipalityCommand(options: { id: string; out: string }): Promise<void> {
  await withDatabase(async (db) => {
    const out = createWriteStream(options.out, { flags: 'wx' });
    const summary = await exportMunicipality(db, options.id, out);
    out.end();
    await finished(out);
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    console.log(`Exported ${options.id}: ${total} rows from ${Object.keys(summary.rows).length} tables to ${options.out}.`);
    console.log(`sha256 of the rows: ${summary.sha256}`);
  }).catch(fail);
}

export async function removeMunicipalityCommand(options: { id: string; confirm: string; exportSha256: string }): Promise<void> {
  await withDatabase(async (db) => {
    const removed = await removeMunicipality(db, options.id, { repeat: options.confirm, exportSha256: options.exportSha256 });
    const total = Object.values(removed).reduce((a, b) => a + b, 0);
    console.log(`Removed ${options.id}: ${total} rows from ${Object.values(removed).filter((n) => n > 0).length} tables.`);
  }).catch(fail);
}

export async function importMunicipalityCommand(options: { file: string }): Promise<void> {
  await withDatabase(async (db) => {
    const summary = await importMunicipality(db, options.file);
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    console.log(`Imported ${summary.municipality}: ${total} rows in ${Object.values(summary.rows).filter((n) => n > 0).length} tables, read back as exported.`);
    console.log(`sha256 of the rows: ${summary.sha256}`);
  }).catch(fail);
}
