/** The message service client of a municipality, from its settings (nhn and helseid) and key reference. */
import type { ChannelContext } from '../channel.ts';
import { SETTINGS, type Settings } from '../settings.ts';
import { accessToken } from './helseid.ts';
import { MshClient } from './msh.ts';

/** The client for a municipality, or null when Norsk Helsenett or HelseID is not configured. */
export async function mshClientFor(ctx: ChannelContext): Promise<{ client: MshClient; nhn: Settings<'nhn'> } | null> {
  const nhn = await ctx.settings('nhn', SETTINGS.nhn);
  const helseid = await ctx.settings('helseid', SETTINGS.helseid);
  if (!nhn || !helseid) return null;
  return { client: new MshClient(nhn.baseUrl, () => accessToken(helseid, (ref) => ctx.secret(ref), ctx.now())), nhn };
}
