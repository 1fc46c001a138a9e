/**
 * The population register's consumer API (Skatteetaten, rettighetspakke "Offentlig og privat
 * virksomhet med hjemmel"), as documented in spec/folkeregister/: the person look-up
 * `GET {miljø}/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/{folkeregisteridentifikator}?part=person-basis`
 * and a person document by its id `…/personer/arkiv/{dokumentidentifikator}` (XML, validated against
 * the published schema), and the event feed `…/hendelser/feed?seq=N` (JSON, page size 1000).
 * Every call carries a Maskinporten token with the rettighetspakke's scope.
 */
import { z } from 'zod';
import type { ChannelContext } from '../channel.ts';
import { maskinportenToken, MaskinportenError } from '../maskinporten/index.ts';
import { SETTINGS, type Settings } from '../settings.ts';
import { readPersonDocument, type RegisterPerson } from './personDocument.ts';
import { EVENT_TYPES, validatePersonXml } from './xsd.ts';

/** The Maskinporten scope of the rettighetspakke Offentlig og privat virksomhet med hjemmel (Endepunkter.md). */
export const FOLKEREGISTER_SCOPE = 'folkeregister:deling/offentligmedhjemmel';
/** The path of the rettighetspakke and API version under the environment's address. */
export const API_PATH = '/folkeregisteret/offentlig-med-hjemmel/api/v1';
/** How long we wait for the register before falling back (a registration must not hang). */
const TIMEOUT_MS = 8_000;

/** One entry of the event feed (hendelsesliste.md, JSON form). */
export const feedEntrySchema = z.object({
  sekvensnummer: z.int().nonnegative(),
  hendelse: z.object({
    folkeregisteridentifikator: z.string().regex(/^\d{11}$/),
    hendelsetype: z.enum(EVENT_TYPES),
    hendelsesdokument: z.string().min(1).max(4000).optional(),
    persondokument: z.string().min(1).max(4000).optional(),
    ajourholdstidspunkt: z.string().min(1),
  }),
});
export type FeedEntry = z.infer<typeof feedEntrySchema>;
export const feedPageSchema = z.array(feedEntrySchema).max(1000);

/** The error body the register answers with (hendelsesliste.md, "Feilkoder"). */
export const registerErrorSchema = z.object({ kode: z.string(), melding: z.string() });

/** A failure talking to the register; `transient` when trying again later may succeed. */
export class FolkeregisterError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'FolkeregisterError';
  }
}

export interface FolkeregisterClient {
  readonly settings: Settings<'folkeregister'>;
  /** The person now; null when the register has no person with that number. */
  person(nationalId: string): Promise<RegisterPerson | null>;
  /** The person as a given document (persondokument) of the feed shows them. */
  personDocument(documentId: string): Promise<RegisterPerson | null>;
  /** The events from sequence number `seq` on (at most 1000). */
  feed(seq: number): Promise<FeedEntry[]>;
  /** The latest sequence number of the feed (hendelser/siste/sekvensnummer). */
  latestSequence(): Promise<number>;
}

/** The latest sequence number: a JSON value (the register kept it so, 2022-04-07-sistesekvensnummer.md). */
const latestSchema = z.union([z.int().nonnegative(), z.object({ sekvensnummer: z.int().nonnegative() }).transform((o) => o.sekvensnummer)]);

async function call(url: string, token: string, accept: string): Promise<Response | null> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw new FolkeregisterError(`The population register did not answer: ${e instanceof Error ? e.message : String(e)}`, true);
  }
  if (res.status === 404) return null;
  if (!res.ok) {
    const body = registerErrorSchema.safeParse(await res.json().catch(() => null));
    const what = body.success ? `${body.data.kode} ${body.data.melding}` : res.statusText;
    throw new FolkeregisterError(`The population register answered ${res.status}: ${what}`, res.status >= 500 || res.status === 429);
  }
  return res;
}

async function personFrom(res: Response | null): Promise<RegisterPerson | null> {
  if (!res) return null;
  const xml = await res.text();
  const check = await validatePersonXml(xml);
  if (!check.valid) throw new FolkeregisterError(`The person document does not follow the published schema: ${check.errors.slice(0, 3).join('; ')}`, false);
  return readPersonDocument(xml);
}

/** A client for the municipality in `ctx`; null when the register is not configured (or disabled) there. */
export async function folkeregisterClient(ctx: ChannelContext): Promise<FolkeregisterClient | null> {
  const settings = await ctx.settings('folkeregister', SETTINGS.folkeregister);
  if (!settings) return null;
  const base = `${settings.baseUrl.replace(/\/$/, '')}${API_PATH}`;
  const token = async () => {
    try {
      return await maskinportenToken(ctx, [FOLKEREGISTER_SCOPE]);
    } catch (e) {
      if (e instanceof MaskinportenError) throw new FolkeregisterError(`No Maskinporten token for the population register: ${e.message}`, e.transient);
      throw e;
    }
  };
  return {
    settings,
    person: async (nationalId) => personFrom(await call(`${base}/personer/${encodeURIComponent(nationalId)}?part=person-basis`, await token(), 'application/xml')),
    personDocument: async (documentId) => personFrom(await call(`${base}/personer/arkiv/${encodeURIComponent(documentId)}`, await token(), 'application/xml')),
    feed: async (seq) => {
      const res = await call(`${base}/hendelser/feed?seq=${seq}`, await token(), 'application/json');
      const page = feedPageSchema.safeParse(res ? await res.json() : []);
      if (!page.success) throw new FolkeregisterError(`The event feed does not follow the documented format: ${page.error.issues[0]?.message ?? ''}`, false);
      return page.data;
    },
    latestSequence: async () => {
      const res = await call(`${base}/hendelser/siste/sekvensnummer`, await token(), 'application/json');
      const latest = latestSchema.safeParse(res ? await res.json() : null);
      if (!latest.success) throw new FolkeregisterError('The latest sequence number is not a whole number', false);
      return latest.data;
    },
  };
}
