/** `tildel municipality create`: the operator onboards a municipality (see app/onboarding.ts). */
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
