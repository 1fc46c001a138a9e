/**
 * Looking a person up in the population register for the municipality, with the outcome said plainly
 * so registration can fall back to manual entry: found (with when), not in the register, not
 * configured, or not answering. An identity number is never written to the log.
 */
import type { ChannelContext } from '../channel.ts';
import { folkeregisterClient, FolkeregisterError } from './client.ts';
import type { RegisterPerson } from './personDocument.ts';

export type RegisterLookup =
  | { readonly status: 'found'; readonly person: RegisterPerson; readonly checkedAt: Date }
  | { readonly status: 'not_found'; readonly checkedAt: Date }
  | { readonly status: 'not_configured' }
  | { readonly status: 'unavailable'; readonly detail: string };

export async function lookUpInRegister(ctx: ChannelContext, nationalId: string): Promise<RegisterLookup> {
  const client = await folkeregisterClient(ctx);
  if (!client) return { status: 'not_configured' };
  try {
    const person = await client.person(nationalId);
    const checkedAt = ctx.now();
    return person ? { status: 'found', person, checkedAt } : { status: 'not_found', checkedAt };
  } catch (e) {
    if (!(e instanceof FolkeregisterError)) throw e;
    ctx.log(`population register look-up in ${ctx.municipalityId} failed: ${e.message}`);
    return { status: 'unavailable', detail: e.message };
  }
}
