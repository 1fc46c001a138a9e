/** Letters: preview (PDF, not stored), issue (stored with the case), and fetch a stored letter. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { issueLetter, letterPdf, letterRequest, previewLetter } from '../../app/letters.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { binaryResponse, errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const pdf = binaryResponse('application/pdf', 'The letter as PDF/A-2b');

export function letterRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/cases/:id/letters/preview', {
      schema: {
        tags: ['letters'],
        operationId: 'previewLetter',
        summary: 'Preview a letter as PDF before it is issued (not stored)',
        headers: readHeadersSchema,
        params: idParams,
        body: letterRequest,
        response: { 200: pdf, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) => {
        const bytes = await previewLetter(ctx, principalOf(request), requestMeta(request), request.params.id, request.body);
        return reply.type('application/pdf').send(bytes);
      },
    });

    app.post('/cases/:id/letters', {
      schema: {
        tags: ['letters'],
        operationId: 'issueLetter',
        summary: 'Issue a letter: decision, provisional reply (fvl § 11 a) or advance notice (fvl § 16); stored with the case',
        headers: commandHeadersSchema,
        params: idParams,
        body: letterRequest,
        response: { 201: z.object({ id: z.uuid(), kind: z.string(), lang: z.string(), title: z.string(), sha256: z.string(), url: z.string() }), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await issueLetter(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.get('/letters/:id', {
      schema: { tags: ['letters'], operationId: 'getLetterPdf', summary: 'A stored letter (PDF/A)', headers: readHeadersSchema, params: idParams, response: { 200: pdf, ...errorResponses(400, 401, 403, 404) } },
      handler: async (request, reply) => {
        const letter = await letterPdf(ctx, principalOf(request), requestMeta(request), request.params.id);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${letter.title.replace(/[^\w -]+/g, '')}.pdf"`).send(letter.pdf);
      },
    });
  };
}
