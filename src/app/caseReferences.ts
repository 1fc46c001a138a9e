/**
 * Checks that what an action refers to exists in the municipality, so a bad reference is a 400
 * naming the field, not a foreign-key error.
 */
import type { ActionBody, CaseState } from '../domain/case/index.ts';
import { findStaff, listUnits } from '../store/org.ts';
import { listContacts } from '../store/persons.ts';
import type { Tx } from '../store/tx.ts';
import { invalidField } from './errors.ts';

const PROVIDER_KINDS = ['municipal_provider', 'private_provider', 'interdisciplinary_team'];

export async function verifyReferences(tx: Tx, state: CaseState, action: ActionBody): Promise<void> {
  switch (action.type) {
    case 'owner_assigned':
      return verifyOwner(tx, action.payload.ownerStaffId);
    case 'service_arranged':
      await verifyProvider(tx, action.payload.providerUnitId);
      if (action.payload.partOrder) await verifyProvider(tx, action.payload.partOrder.providerUnitId, 'action.payload.partOrder.providerUnitId');
      return;
    case 'responsibles_assigned':
      await verifyOwner(tx, action.payload.serviceResponsibleStaffId, 'action.payload.serviceResponsibleStaffId');
      return verifyOwner(tx, action.payload.primaryContactStaffId, 'action.payload.primaryContactStaffId');
    case 'entry_corrected':
      if (action.payload.correctsSeq > state.version) {
        throw invalidField('action.payload.correctsSeq', `the case has no entry ${action.payload.correctsSeq} (it has ${state.version})`);
      }
      return;
    case 'complaint_received':
      return verifyContact(tx, state.personId, action.payload.contactPersonId);
    default:
      return;
  }
}

async function verifyOwner(tx: Tx, staffId: string | null, field = 'action.payload.ownerStaffId'): Promise<void> {
  if (staffId === null) return;
  const staff = await findStaff(tx, staffId);
  if (!staff?.active) throw invalidField(field, 'no active staff member with this id in the municipality');
}

async function verifyProvider(tx: Tx, unitId: string, field = 'action.payload.providerUnitId'): Promise<void> {
  const unit = (await listUnits(tx)).find((u) => u.id === unitId);
  if (!unit || !PROVIDER_KINDS.includes(unit.kind)) {
    throw invalidField(field, 'no providing unit (municipal, private or team) with this id');
  }
}

async function verifyContact(tx: Tx, personId: string, contactId: string | undefined): Promise<void> {
  if (contactId === undefined) return;
  const contact = (await listContacts(tx, personId)).find((c) => c.id === contactId);
  if (!contact || contact.relation === 'relative') {
    throw invalidField('action.payload.contactPersonId', "must be one of the person's guardians or representatives");
  }
}
