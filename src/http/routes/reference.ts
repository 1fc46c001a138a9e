/** /api/v1/organisation, /api/v1/transitions, /api/v1/services: reference data for clients. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { TRANSITIONS } from '../../domain/case/index.ts';
import { COMPLAINT_BODIES, complaintBodyOf, serviceCatalogue } from '../../domain/services/catalogue.ts';
import { errorResponses } from '../schemas.ts';

const transitionSchema = z.object({
  action: z.string(),
  from: z.array(z.string()),
  roles: z.array(z.string()),
  condition: z.string().nullable(),
  description: z.string(),
});

/** One service as the catalogue describes it (the default, or a municipality's version in force). */
export const catalogueEntrySchema = z.object({
  code: z.string(),
  name: z.object({ nb: z.string(), nn: z.string(), en: z.string() }),
  legalBasis: z.string(),
  institutional: z.boolean(),
  iplosServiceType: z.string(),
  kostraFunction: z.string(),
  decisionForms: z.array(z.string()).readonly(),
  hoursMandatory: z.boolean(),
  goalsRequired: z.boolean().describe('A granted decision states the goals set with the person'),
  staircaseLevel: z.int().describe('Level in the care staircase (omsorgstrappen), lowest first'),
});

/** A service of the default catalogue, with who decides a complaint against a decision on it. */
const serviceSchema = catalogueEntrySchema.extend({
  complaintBody: z.enum(COMPLAINT_BODIES).describe('Who decides a complaint against a decision on it: Statsforvalteren (pbrl § 7-2) or the municipal complaints board (fvl § 28 second paragraph)'),
});

export function referenceRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/transitions', {
      schema: { tags: ['reference'], operationId: 'listTransitions', summary: 'The table of allowed transitions', response: { 200: z.array(transitionSchema), ...errorResponses(401) } },
      handler: async () =>
        Object.entries(TRANSITIONS).map(([action, t]) => ({
          action,
          from: [...t.from],
          roles: [...t.roles],
          condition: t.guard?.explanation ?? null,
          description: t.description,
        })),
    });

    app.get('/services', {
      config: { public: true },
      schema: {
        tags: ['reference'],
        operationId: 'listServices',
        summary: 'The services a request can be about, as the default catalogue describes them (your municipality’s catalogue in force: /service-catalogue)',
        security: [],
        response: {
          200: z.array(serviceSchema),
        },
      },
      handler: async () => serviceCatalogue().map((s) => ({ ...s, complaintBody: complaintBodyOf(s.code) })),
    });
  };
}
