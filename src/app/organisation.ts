/** Read-only use cases about the principal's own municipality and its organisation. */
import { findMunicipality, listDistricts, listStaff, listUnits } from '../store/org.ts';
import { inTenant } from '../store/tx.ts';
import type { AppContext } from './context.ts';
import { notFound } from './errors.ts';
import type { Principal } from './principal.ts';

export async function describeOrganisation(ctx: AppContext, principal: Principal) {
  const municipality = await findMunicipality(ctx.db.app, principal.municipalityId);
  if (!municipality) throw notFound('The municipality');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const districts = await listDistricts(tx);
    const units = await listUnits(tx);
    const staff = await listStaff(tx);
    return {
      municipality: {
        id: municipality.id,
        name: municipality.name,
        organisationalModel: municipality.organisational_model,
        inhabitants: municipality.inhabitants,
      },
      districts,
      units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, districtId: u.district_id })),
      staff: staff.map((s) => ({
        id: s.id,
        username: s.username,
        displayName: s.display_name,
        profession: s.profession,
        roles: s.roles,
        unitIds: s.unit_ids,
        active: s.active,
      })),
    };
  });
}
