/**
 * The OpenAPI document's frame: info, servers, security schemes, and the shared schemas (those
 * registered with a zod `id`, such as Problem and CaseAction) as components. Routes add their
 * operations from their own schemas. `npm run lint:openapi` checks the result with Redocly.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const REF = '#/components/schemas/';

/** Every component name a `$ref` in `node` points to. */
function refsIn(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF)) into.add(value.slice(REF.length));
      else refsIn(value, into);
    }
  }
  return into;
}

/**
 * The registry yields an input and an output variant of every shared schema; keep the components
 * the operations reach, directly or through other components.
 */
function withReachableComponents<D extends { paths?: unknown; components?: { schemas?: object } }>(document: D): D {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const reached = new Set<string>();
  const queue = [...refsIn(document.paths, new Set())];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    queue.push(...refsIn(schemas[name], new Set()));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } };
}

export const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'tildel API',
      version: '0.1.0',
      description:
        'Allocation of municipal health and care services. Log in with POST /api/v1/auth/login and send the token as ' +
        '"Authorization: Bearer <token>". Every command (POST that changes data) needs an Idempotency-Key header. ' +
        'Errors are application/problem+json.',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: '/', description: 'This installation (the same origin as the web app and /docs)' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A staff session token from POST /api/v1/auth/login' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tildel_session', description: 'The staff session cookie the login sets (the web app)' },
        citizenCookie: { type: 'apiKey', in: 'cookie', name: 'tildel_citizen', description: 'The applicant session cookie (ID-porten, or the test login)' },
      },
    },
    security: [{ bearer: [] }, { sessionCookie: [] }],
    tags: [
      { name: 'health', description: 'Liveness and readiness for operators' },
      { name: 'auth', description: 'Staff login, logout and who is logged in' },
      { name: 'reference', description: 'Services and the table of allowed transitions' },
      { name: 'organisation', description: 'Districts, units, staff and their absences' },
      { name: 'persons', description: 'Applicants and service users, their contacts and access log' },
      { name: 'cases', description: 'Cases and their history of actions' },
      { name: 'assessment', description: 'Needs assessments (kartlegging) and IPLOS' },
      { name: 'criteria', description: 'Allocation criteria, evaluation and waiting lists' },
      { name: 'decisions', description: "Decisions' reasons and the legal rules as data" },
      { name: 'letters', description: 'Decision letters, provisional replies and advance notices (PDF/A)' },
      { name: 'integrations', description: 'The national services (Norsk Helsenett, SvarUt, Fiks Arkiv, the population register): settings and messages' },
      { name: 'policies', description: 'Organisational models as versioned policy' },
      { name: 'work', description: 'Work queues, plan adjustments and reminders' },
      { name: 'board', description: 'Allocation board meetings' },
      { name: 'provider', description: 'Agreements, orders, visits, budget frames and escalations' },
      { name: 'reports', description: 'Reports for leaders and follow-up' },
      { name: 'citizen', description: "The applicant's own channel" },
      { name: 'fhir', description: 'A read-only FHIR R4 view of persons, cases and IPLOS scores (application/fhir+json)' },
    ],
  },
  transform: jsonSchemaTransform,
  transformObject: (document) => withReachableComponents(jsonSchemaTransformObject(document)),
};
