/**
 * A client for Norsk Helsenett's message service (Meldingstjener REST API, "MSH API v2"), written from
 * the published OpenAPI document (spec/nhn/msh-api-v2.json, see SOURCE.md): the schemas below are the
 * parts of its components we use, checked on every answer. Every call carries `api-version: 2` and the
 * `nhn-source-system` header the API requires, and a HelseID access token.
 */
import { z } from 'zod';
import { NhnError } from './helseid.ts';

export const SOURCE_SYSTEM = 'tildel, v0.1';

/** Message (components.schemas.Message), with metadata (IncludeMetadata=true). */
export const messageSchema = z.object({
  id: z.uuid(),
  contentType: z.string().nullable().optional(),
  receiverHerId: z.int().nullable().optional(),
  senderHerId: z.int().nullable().optional(),
  businessDocumentId: z.string().nullable().optional(),
  businessDocumentGenDate: z.string().nullable().optional(),
  isAppRec: z.boolean().nullable().optional(),
});
export type MshMessage = z.infer<typeof messageSchema>;

/** GetBusinessDocumentResponse. */
export const businessDocumentSchema = z.object({ businessDocument: z.string().min(1), contentType: z.string().min(1), contentTransferEncoding: z.string().min(1) });

export const APP_REC_STATUSES = ['Ok', 'Rejected', 'OkErrorInMessagePart'] as const;
export type AppRecStatus = (typeof APP_REC_STATUSES)[number];

/** AppRecError. */
export const appRecErrorSchema = z.object({ errorCode: z.string().nullable(), details: z.string().nullable(), description: z.string().nullable().optional(), oid: z.string().nullable().optional() });
export type AppRecError = z.infer<typeof appRecErrorSchema>;

/** PostAppRecRequest. */
export const postAppRecSchema = z.object({ appRecStatus: z.enum(APP_REC_STATUSES), appRecErrorList: z.array(appRecErrorSchema).nullable().optional(), ebXmlOverrides: z.record(z.string(), z.unknown()).nullable().optional() }).strict();
export type PostAppRecRequest = z.infer<typeof postAppRecSchema>;

/** PostMessageRequest. */
export const postMessageSchema = z
  .object({
    businessDocument: z.string().min(1),
    contentType: z.string().min(1),
    contentTransferEncoding: z.string().min(1),
    ebXmlOverrides: z.record(z.string(), z.unknown()).nullable().optional(),
    receiverHerIdsSubset: z.array(z.int()).nullable().optional(),
  })
  .strict();

/** ApprecInfo. */
export const appRecInfoSchema = z.object({ receiverHerId: z.int(), appRecStatus: z.enum(APP_REC_STATUSES).nullable().optional(), appRecErrorList: z.array(appRecErrorSchema).nullable().optional() });
export type AppRecInfo = z.infer<typeof appRecInfoSchema>;

export class MshClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => Promise<string>,
  ) {}

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}`, 'api-version': '2', 'nhn-source-system': SOURCE_SYSTEM, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`), { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (e) {
      throw new NhnError(`The message service did not answer: ${e instanceof Error ? e.message : String(e)}`, true);
    }
    if (!response.ok) {
      const text = (await response.text()).slice(0, 500);
      throw new NhnError(`The message service answered ${response.status} to ${method} ${path}: ${text}`, response.status >= 500 || response.status === 429);
    }
    return response;
  }

  private async json<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const parsed = schema.safeParse(await (await this.call(method, path, body)).json());
    if (!parsed.success) throw new NhnError(`The message service's answer to ${method} ${path} does not match its API: ${parsed.error.message}`, true);
    return parsed.data;
  }

  /** GET /Messages: unread messages to the HER-id, with metadata. */
  listMessages(receiverHerId: string, count = 100): Promise<MshMessage[]> {
    const q = new URLSearchParams({ ReceiverHerIds: receiverHerId, IncludeMetadata: 'true', MessagesToFetch: String(count), OrderBy: 'Ascending' });
    return this.json(z.array(messageSchema), 'GET', `Messages?${q}`);
  }

  /** GET /Messages/{id}/business-document, decoded from base64 to the XML text. */
  async businessDocument(id: string): Promise<string> {
    const doc = await this.json(businessDocumentSchema, 'GET', `Messages/${encodeURIComponent(id)}/business-document`);
    return Buffer.from(doc.businessDocument, 'base64').toString('utf8');
  }

  /** POST /Messages: sends a business document (MsgHead XML); returns the service's id for it. */
  postMessage(xml: string): Promise<string> {
    const body = { businessDocument: Buffer.from(xml, 'utf8').toString('base64'), contentType: 'application/xml', contentTransferEncoding: 'base64' };
    return this.json(z.uuid(), 'POST', 'Messages', body);
  }

  /** POST /Messages/{id}/apprec/{appRecSenderHerId}: the application receipt for a received message. */
  async postAppRec(id: string, senderHerId: string, body: PostAppRecRequest): Promise<void> {
    await this.call('POST', `Messages/${encodeURIComponent(id)}/apprec/${encodeURIComponent(senderHerId)}`, body);
  }

  /** PUT /Messages/{id}/read/{herId}: the message is handled and is not listed again. */
  async markRead(id: string, herId: string): Promise<void> {
    await this.call('PUT', `Messages/${encodeURIComponent(id)}/read/${encodeURIComponent(herId)}`);
  }

  /** GET /Messages/{id}/apprec: the receivers' application receipts for a message we sent. */
  appRecInfo(id: string): Promise<AppRecInfo[]> {
    return this.json(z.array(appRecInfoSchema), 'GET', `Messages/${encodeURIComponent(id)}/apprec`);
  }
}
