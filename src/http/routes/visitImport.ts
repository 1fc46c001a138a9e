/**
 * The streamed visit import: POST /visits/import/stream with the CSV itself as the body (text/csv),
 * read as it arrives (app/deliveryStream.ts) rather than parsed into memory as JSON, for files of up
 * to a million rows. The content-type parser of this route alone passes the request stream through.
 */
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { importDeliveryStream, REJECTED_ROWS_SHOWN, STREAM_IMPORT_MAX_BYTES } from '../../app/deliveryStream.ts';
import { CSV_COLUMNS } from '../../domain/provider/delivery.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, problemSchema } from '../schemas.ts';
import { importRejectedSchema, importResultSchema } from './providerSchemas.ts';

/** The request stream, kept out of sight of the walks over a body (control characters, the command's fingerprint). */
export class CsvUpload {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  get stream(): Readable {
    return this.#stream;
  }
}

const csvBody = z
  .custom<CsvUpload>((v) => v instanceof CsvUpload, 'the body must be the CSV file itself, sent as text/csv')
  .meta({ type: 'string' })
  .describe(`The CSV file (UTF-8) with a header row; columns ${CSV_COLUMNS.join(', ')}, separated by comma or semicolon; up to ${STREAM_IMPORT_MAX_BYTES / 1024 / 1024} MB`);

const query = z.object({
  providerUnitId: z.uuid(),
  fileName: z.string().trim().min(1).max(200),
  dryRun: z.stringbool().default(false).describe('Check every row and store nothing'),
});

const streamed = { rejectedRows: z.int().describe(`How many rows were rejected; \`rejected\` lists the problems of the first ${REJECTED_ROWS_SHOWN}`) };

/** Long files take longer than the server's idle limit to check after they have arrived. */
const CHECK_MINUTES = 15;

export function visitImportStreamRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, new CsvUpload(payload)));
    app.post('/visits/import/stream', {
      schema: {
        tags: ['provider'],
        operationId: 'importVisitsStream',
        summary: 'Import a large CSV of visits (up to a million rows) sent as text/csv: every row or none; 422 lists the first rejected rows with line and field and counts them all',
        consumes: ['text/csv'],
        headers: commandHeadersSchema,
        querystring: query,
        body: csvBody,
        response: {
          200: importResultSchema.extend(streamed).describe('A dry run: every row can be imported, nothing was stored'),
          201: importResultSchema.extend(streamed),
          ...errorResponses(400, 401, 403),
          413: { description: 'The file is larger than the limit', content: { 'application/problem+json': { schema: problemSchema } } },
          422: {
            description: 'Rows that cannot be imported (the report), or an Idempotency-Key used for a different request',
            content: { 'application/problem+json': { schema: z.union([importRejectedSchema.extend(streamed), problemSchema]) } },
          },
        },
      },
      handler: async (request, reply) => {
        request.raw.socket.setTimeout(CHECK_MINUTES * 60_000);
        const result = await importDeliveryStream(ctx, principalOf(request), commandMeta(request), { ...request.query, body: request.body.stream });
        return sendCommandResult(reply, result);
      },
    });
  };
}
