/**
 * The person's GP (fastlege): recorded by staff with full access to the person, one row per change
 * from a date (the history stays), read with the person. Letters and messages to the GP (orientering
 * om tjenestetilbud, PLO) address the GP in force; the HER-id is what the national address register
 * gives the GP's office.
 */
import { z } from 'zod';
import { gpOn, insertGp, type GpRow } from '../store/personGp.ts';
import type { Tx } from '../store/tx.ts';
import { today as todayIn } from './clock.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gatedPerson, gateOf } from './gate.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import type { Principal } from './principal.ts';
import { gpSchema } from './views.ts';

export const recordGpInput = z.object({
  name: z.string().trim().min(1).max(200).describe('The GP’s name'),
  practice: z.string().trim().min(1).max(200).optional().describe('The GP’s practice (legekontor)'),
  phone: z.string().trim().max(40).optional(),
  herId: z.string().regex(/^\d{1,9}$/, 'must be up to 9 digits').optional().describe('HER-id of the GP’s office in the national address register (adresseregisteret)'),
  validFrom: z.iso.date().optional().describe('The day the person has this GP from; today when left out'),
});
export type RecordGpInput = z.infer<typeof recordGpInput>;

export type GpView = z.infer<typeof gpSchema>;

const gpView = (g: GpRow): GpView => ({ name: g.name, practice: g.practice, phone: g.phone, herId: g.her_id, validFrom: g.valid_from });

export async function recordGp(ctx: AppContext, principal: Principal, meta: CommandMeta, personId: string, input: RecordGpInput): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    await gatedPerson(tx, (await gateOf(tx, ctx, principal, meta)).gate, personId, 'full', 'the person’s GP');
    const row = await insertGp(tx, { personId, ...input, validFrom: input.validFrom ?? todayIn(ctx), recordedBy: principal.staffId });
    await audit(tx, principal, meta, 'write', 'person_gp', [personId]);
    return { statusCode: 201, body: gpView(row) };
  });
}

/** The GP in force today, for a read the gate has already allowed. */
export async function currentGp(ctx: AppContext, tx: Tx, personId: string): Promise<GpView | null> {
  const row = await gpOn(tx, personId, todayIn(ctx));
  return row && gpView(row);
}
