/**
 * A client for KS SvarUt, typed from KS's published OpenAPI files (spec/svarut/, types generated with
 * openapi-typescript) and called with openapi-fetch: send a forsendelse to a person (digital with print
 * as SvarUt's fallback) or straight to print (v3), look up forsendelser by our external reference (v2),
 * and fetch the status of forsendelser (v3). Authentication: a Maskinporten token (scope ks:fiks).
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components as SendComponents, paths as SendPaths } from '../../../spec/svarut/forsendelse-send-api-v3.d.ts';
import type { components as StatusComponents, paths as StatusPaths } from '../../../spec/svarut/forsendelse-status-api-v3.d.ts';
import type { paths as EksternRefPaths } from '../../../spec/svarut/forsendelse-eksternref-api-v2.d.ts';

export type PersonForsendelse = SendComponents['schemas']['PersonForsendelse'];
export type PrintForsendelse = SendComponents['schemas']['PrintForsendelse'];
export type Adresse = SendComponents['schemas']['Adresse'];
export type ForsendelseStatus = StatusComponents['schemas']['ForsendelseStatus'];
export type SvarUtStatus = ForsendelseStatus['status'];

/** One document of a forsendelse: its file name (as in the metadata) and content. */
export interface SvarUtDocument {
  readonly filename: string;
  readonly mimeType: string;
  readonly content: Uint8Array;
}

/** A failure answered by SvarUt, or no answer: `transient` when trying again may succeed. */
export class SvarUtError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'SvarUtError';
  }
}

function failure(what: string, response: Response | undefined, error: unknown): SvarUtError {
  if (!response) return new SvarUtError(`SvarUt did not answer (${what})`, true);
  const message = typeof error === 'object' && error && 'message' in error ? String((error as { message: unknown }).message) : JSON.stringify(error ?? '');
  return new SvarUtError(`SvarUt refused ${what} (${response.status}): ${message.slice(0, 400)}`, response.status >= 500 || response.status === 429 || response.status === 401);
}

/** The multipart body KS documents: first the part "forsendelse" (JSON metadata), then the files. */
function multipart(forsendelse: PersonForsendelse | PrintForsendelse, documents: readonly SvarUtDocument[]): FormData {
  const form = new FormData();
  form.append('forsendelse', new Blob([JSON.stringify(forsendelse)], { type: 'application/json' }));
  for (const d of documents) form.append('dokumenter', new Blob([d.content], { type: d.mimeType }), d.filename);
  return form;
}

async function guarded<T>(what: string, call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call();
  } catch (e) {
    throw new SvarUtError(`SvarUt did not answer (${what}): ${(e as Error).message}`, true);
  }
  if (result.data === undefined) throw failure(what, result.response, result.error);
  return result.data;
}

export interface SvarUtClient {
  sendToPerson(accountId: string, forsendelse: PersonForsendelse, documents: readonly SvarUtDocument[]): Promise<string>;
  sendToPrint(accountId: string, forsendelse: PrintForsendelse, documents: readonly SvarUtDocument[]): Promise<string>;
  /** Ids of forsendelser sent with this external reference (eksternReferanse). */
  findByExternalReference(accountId: string, reference: string): Promise<string[]>;
  statuses(accountId: string, ids: readonly string[]): Promise<ForsendelseStatus[]>;
}

export function svarutClient(baseUrl: string, token: string): SvarUtClient {
  const options = { baseUrl: baseUrl.replace(/\/$/, ''), headers: { authorization: `Bearer ${token}` } };
  const send: Client<SendPaths> = createClient<SendPaths>(options);
  const status: Client<StatusPaths> = createClient<StatusPaths>(options);
  const eksternRef: Client<EksternRefPaths> = createClient<EksternRefPaths>(options);
  const timeout = () => AbortSignal.timeout(16 * 60_000); // KS recommends 16 minutes for sending (SendMedDokumenter).
  return {
    async sendToPerson(kontoId, forsendelse, documents) {
      const data = await guarded('the forsendelse', () =>
        send.POST('/v3/kontoer/{kontoId}/forsendelser/person', { params: { path: { kontoId } }, body: { forsendelse }, bodySerializer: () => multipart(forsendelse, documents), signal: timeout() }),
      );
      return data.id;
    },
    async sendToPrint(kontoId, forsendelse, documents) {
      const data = await guarded('the forsendelse to print', () =>
        send.POST('/v3/kontoer/{kontoId}/forsendelser/print', { params: { path: { kontoId } }, body: { forsendelse }, bodySerializer: () => multipart(forsendelse, documents), signal: timeout() }),
      );
      return data.id;
    },
    async findByExternalReference(kontoId, reference) {
      const data = await guarded('the look-up by external reference', () => eksternRef.GET('/v2/kontoer/{kontoId}/forsendelser', { params: { path: { kontoId }, query: { eksternRef: reference } } }));
      return data.forsendelseIds;
    },
    async statuses(kontoId, ids) {
      if (ids.length === 0) return [];
      const data = await guarded('the status look-up', () => status.POST('/v3/kontoer/{kontoId}/forsendelser/status/sok', { params: { path: { kontoId } }, body: { id: [...ids] } }));
      return data.statuser;
    },
  };
}
