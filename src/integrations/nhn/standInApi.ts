/**
 * The stand-in's check of requests against the message service's published OpenAPI document
 * (spec/nhn/msh-api-v2.json): each operation's path, query and header parameters and its JSON body are
 * validated with Ajv against the document's own schemas, so a request the real service would refuse
 * as malformed is refused here too (400 with the ErrorMessage shape).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SPEC_FILE = fileURLToPath(new URL('../../../spec/nhn/msh-api-v2.json', import.meta.url));

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly schema: Record<string, unknown>;
}

interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: Record<string, unknown> }> };
}

type Spec = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: 'array' });
addFormats.default(ajv);
ajv.addSchema({ $id: 'msh.json', components: rewrite(spec.components) });

const compiled = new Map<Record<string, unknown>, ValidateFunction>();

/** A schema of the document, compiled once, with its references resolved against the document's components. */
function validator(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile({ $id: `msh-${compiled.size}.json`, ...(rewrite(schema) as Record<string, unknown>) });
    compiled.set(schema, v);
  }
  return v;
}

/** OpenAPI 3.0's `nullable` as JSON Schema: null is allowed besides the schema. */
function nullable(o: Record<string, unknown>): Record<string, unknown> {
  const { nullable: isNullable, ...rest } = o;
  if (isNullable !== true) return rest;
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
  return { anyOf: [rest, { type: 'null' }] };
}

/**
 * The document's schemas as JSON Schema for Ajv: `#/components/...` references point into the schema
 * registered as msh.json, and `nullable` becomes a null alternative.
 */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `msh.json${v}` : rewrite(v)]);
    return nullable(Object.fromEntries(entries) as Record<string, unknown>);
  }
  return value;
}

export interface RequestParts {
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, unknown>;
  readonly body: unknown;
}

function where(p: Parameter, parts: RequestParts): Record<string, unknown> {
  if (p.in === 'path') return parts.params;
  if (p.in === 'query') return parts.query;
  return parts.headers;
}

function checkParameter(p: Parameter, parts: RequestParts): string[] {
  const source = where(p, parts);
  const key = p.in === 'header' ? p.name.toLowerCase() : p.name;
  const raw = source[key];
  if (raw === undefined || raw === '') return p.required ? [`${p.in} parameter ${p.name} is required`] : [];
  const wrapper = { value: p.schema.type === 'array' && !Array.isArray(raw) ? String(raw).split(',') : raw };
  const v = validator({ type: 'object', properties: { value: p.schema } });
  return v(wrapper) ? [] : (v.errors ?? []).map((e) => `${p.in} parameter ${p.name}${e.instancePath.replace('/value', '')} ${e.message ?? 'is invalid'}`);
}

/** The problems with a request to an operation of the document (path template as in the document, e.g. /Messages/{id}). */
export function checkRequest(path: string, method: string, parts: RequestParts): string[] {
  const op = spec.paths[path]?.[method.toLowerCase()];
  if (!op) return [`${method} ${path} is not an operation of the message service`];
  const problems = (op.parameters ?? []).flatMap((p) => checkParameter(p, parts));
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) {
    const v = validator(body);
    if (!v(parts.body)) problems.push(...(v.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? 'is invalid'}`));
  }
  return problems;
}
