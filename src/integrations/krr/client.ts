/**
 * The contact and reservation register (Kontakt- og reservasjonsregisteret, Digdir): the look-up of
 * persons (POST /rest/v1/personer), typed from spec/krr/krr-oppslag-v1.json and called with
 * openapi-fetch, with a Maskinporten token carrying the KRR scopes.
 */
import createClient from 'openapi-fetch';
import type { ChannelContext } from '../channel.ts';
import { MASKINPORTEN_SCOPES, maskinportenToken } from '../maskinporten/index.ts';
import { SETTINGS } from '../settings.ts';
import type { components, paths } from '../../../spec/krr/krr-oppslag-v1.d.ts';

export type KrrPerson = components['schemas']['Person'];

/** The scopes we ask for: the digital post address and the contact information (both decide digital or print). */
export const KRR_SCOPES = [MASKINPORTEN_SCOPES.krrDigitalPost, MASKINPORTEN_SCOPES.krrContactInfo] as const;

/** A failure of the look-up: `transient` when trying again may succeed. */
export class KrrError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'KrrError';
  }
}

/** The register's entry for a person, or null when KRR is not configured for the municipality. */
export async function lookUpPerson(ctx: ChannelContext, nationalId: string): Promise<KrrPerson | 'not_configured'> {
  const settings = await ctx.settings('krr', SETTINGS.krr);
  if (!settings) return 'not_configured';
  const token = await maskinportenToken(ctx, KRR_SCOPES);
  const client = createClient<paths>({ baseUrl: settings.baseUrl.replace(/\/$/, ''), headers: { authorization: `Bearer ${token}` } });
  const result = await client
    .POST('/rest/v1/personer', { body: { personidentifikatorer: [nationalId] }, signal: AbortSignal.timeout(30_000) })
    .catch((e: unknown) => {
      throw new KrrError(`KRR did not answer: ${(e as Error).message}`, true);
    });
  if (!result.data) {
    const status = result.response.status;
    throw new KrrError(`KRR refused the look-up (${status})`, status >= 500 || status === 429 || status === 401);
  }
  const found: KrrPerson | undefined = result.data.personer.find((p: KrrPerson) => p.personidentifikator === nationalId);
  return found ?? { personidentifikator: nationalId, status: 'IKKE_REGISTRERT' };
}
