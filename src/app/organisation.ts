/** Read-only use cases about the principal's own municipality and its organisation. */
import { findMunicipality, listDistricts, listStaff, listUnits } from '../store/org.ts';
import { inTenant } from '../store/tx.ts';
import { listMemberships } from '../store/orgConfig.ts';
import { inForceOn } from '../domain/organisation/dated.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext } from './context.ts';
import { notFound } from './errors.ts';
import type { Principal } from './principal.ts';

/**
 * The organisation in force today, or with `history` every unit and membership period it has had.
 * Staff list their units in force today; with `history` their membership periods too.
 */
export async function describeOrganisation(ctx: AppContext, principal: Principal, history = false) {
  const municipality = await findMunicipality(ctx.db.app, principal.municipalityId);
  if (!municipality) throw notFound('The municipality');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const districts = await listDistricts(tx);
    const onDate = todayIn(ctx);
    const units = (await listUnits(tx)).filter((u) => history || inForceOn(u, onDate));
    const staff = await listStaff(tx);
    const memberships = history ? await listMemberships(tx) : [];
    return {
      municipality: {
        id: municipality.id,
        name: municipality.name,
        organisationalModel: municipality.organisational_model,
        inhabitants: municipality.inhabitants,
      },
      districts,
      onDate,
      units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, districtId: u.district_id, validFrom: u.validFrom, validTo: u.validTo, mergedInto: u.merged_into })),
      staff: staff.map((s) => ({
        id: s.id,
        username: s.username,
        displayName: s.display_name,
        profession: s.profession,
        roles: s.roles,
        unitIds: s.unit_ids,
        active: s.active,
        ...(history ? { memberships: memberships.filter((m) => m.staffId === s.id).map(({ unitId, validFrom, validTo }) => ({ unitId, validFrom, validTo })) } : {}),
      })),
    };
  });
}
