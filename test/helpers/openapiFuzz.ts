/**
 * Request generators for fuzzing the API from its own OpenAPI document (issue 15, item 6b): every
 * operation's path parameters, query, headers and JSON body are drawn from the operation's schemas
 * with fast-check, then bent: fields dropped, given the wrong type, made huge, negative, empty,
 * deeply nested, unterminated, or full of NUL bytes and impossible dates.
 */
import fc from 'fast-check';

type Schema = { readonly [key: string]: any };

export interface FuzzOperation {
  /** operationId, e.g. "getCase". */
  readonly id: string;
  readonly method: string;
  /** The path as documented, e.g. /api/v1/cases/{id}. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: readonly { name: string; schema: Schema }[];
  /** The JSON body's schema, or null when the operation documents none. */
  readonly body: Schema | null;
  /** Declares the Idempotency-Key header. */
  readonly command: boolean;
}

/**
 * Values to draw from besides the schemas: ids of objects that exist, and good values for named
 * fields (e.g. caseId: ids of cases), which path parameters use too (/cases/{id} draws from caseId).
 */
export interface FuzzPools {
  readonly ids: readonly string[];
  readonly hints: Readonly<Record<string, readonly unknown[]>>;
}

/** The field whose hints a path parameter draws from: the resource named before it. */
const PATH_HINTS: Record<string, string> = { cases: 'caseId', persons: 'personId', staff: 'staffId', 'board-meetings': 'meetingId', 'criteria-sets': 'criteriaSetId', letters: 'letterId' };

export interface FuzzRequest {
  readonly principal: string;
  /** Send the session in the cookie instead of the Authorization header. */
  readonly viaCookie: boolean;
  readonly method: string;
  /** Path and query, already encoded. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: Record<string, unknown>): FuzzOperation[] {
  const paths = document.paths as Record<string, Record<string, Schema>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => {
        const params = (op.parameters ?? []) as Schema[];
        return {
          id: String(op.operationId),
          method: method.toUpperCase(),
          path,
          pathParams: params.filter((p) => p.in === 'path').map((p) => String(p.name)),
          query: params.filter((p) => p.in === 'query').map((p) => ({ name: String(p.name), schema: p.schema as Schema })),
          body: (op.requestBody?.content?.['application/json']?.schema as Schema | undefined) ?? null,
          command: params.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
        };
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// Values that fit a schema (mostly; the server refuses the rest with 400, which is also fine).

const MAX_DEPTH = 5;

/** Dates a date pattern accepts that a calendar or the database may not: year 0, the far future, leap days. */
const EXTREME_DATES = ['0000-01-01', '0001-01-01', '1582-10-10', '9999-12-31', '2400-02-29', '1970-01-01'];

function dateArbitrary(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 12, arbitrary: usualDateArbitrary() }, { weight: 1, arbitrary: fc.constantFrom(...EXTREME_DATES) });
}

function usualDateArbitrary(): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10))
    .chain((far) => fc.oneof({ weight: 1, arbitrary: fc.constant(far) }, { weight: 3, arbitrary: fc.integer({ min: -400, max: 400 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)) }));
}

function uuidArbitrary(pools: FuzzPools): fc.Arbitrary<string> {
  return pools.ids.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
}

function stringArbitrary(s: Schema, pools: FuzzPools): fc.Arbitrary<string> {
  if (s.format === 'uuid') return uuidArbitrary(pools);
  if (s.format === 'date') return dateArbitrary();
  if (s.format === 'date-time') return fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'email') return fc.constantFrom('ola.nordmann@example.no', 'kari@kommune.example.no');
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, minLength + 40);
  // Now and then exactly as long as the schema allows, in letters that take two or three bytes each.
  const longest = typeof s.maxLength === 'number' ? fc.constantFrom('x', 'ø', '€').map((c) => c.repeat(s.maxLength as number)) : fc.constant('x'.repeat(10_000));
  return fc.oneof({ weight: 4, arbitrary: fc.string({ minLength, maxLength }) }, { weight: 4, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) }, { weight: 1, arbitrary: longest });
}

function integerArbitrary(s: Schema): fc.Arbitrary<number> {
  const low = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : -1000;
  const high = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : 1000;
  const min = Math.max(low, -0x7fffffff);
  const usual = fc.integer({ min, max: Math.max(min, Math.min(high, 0x7fffffff)) });
  // The bounds themselves, which may be far beyond what a database integer holds.
  return fc.oneof({ weight: 8, arbitrary: usual }, { weight: 1, arbitrary: fc.constantFrom(Math.max(low, Number.MIN_SAFE_INTEGER), Math.min(high, Number.MAX_SAFE_INTEGER)) });
}

function numberArbitrary(s: Schema): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : -1e6;
  const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : 1e6;
  const usual = fc.double({ min, max, minExcluded: typeof s.exclusiveMinimum === 'number', maxExcluded: typeof s.exclusiveMaximum === 'number', noNaN: true, noDefaultInfinity: true });
  const bounds = [typeof s.minimum === 'number' ? s.minimum : -1e300, typeof s.maximum === 'number' ? s.maximum : 1e300, 1e-300];
  return fc.oneof({ weight: 8, arbitrary: usual }, { weight: 1, arbitrary: fc.constantFrom(...bounds) });
}

function objectArbitrary(s: Schema, pools: FuzzPools, depth: number): fc.Arbitrary<unknown> {
  const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
  const properties = Object.entries((s.properties ?? {}) as Record<string, Schema>).filter(([key]) => depth < MAX_DEPTH || required.has(key));
  if (properties.length > 0) {
    const model = Object.fromEntries(properties.map(([key, prop]) => [key, valueArbitrary(prop, pools, depth + 1, key)]));
    return fc.record(model, { requiredKeys: properties.map(([key]) => key).filter((key) => required.has(key)) });
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && depth < MAX_DEPTH) {
    const keys = s.propertyNames ? (valueArbitrary(s.propertyNames as Schema, pools, depth + 1) as fc.Arbitrary<string>) : fc.string({ maxLength: 12 });
    return fc.dictionary(keys, valueArbitrary(s.additionalProperties as Schema, pools, depth + 1), { maxKeys: 3 });
  }
  return fc.constant({});
}

function typedArbitrary(type: string, s: Schema, pools: FuzzPools, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(s, pools);
    case 'integer':
      return integerArbitrary(s);
    case 'number':
      return numberArbitrary(s);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = depth >= MAX_DEPTH ? minLength : Math.min(typeof s.maxItems === 'number' ? s.maxItems : 3, minLength + 3);
      return fc.array(valueArbitrary((s.items ?? {}) as Schema, pools, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(s, pools, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for the schema; `name` is the property it goes into (for the hints). */
export function valueArbitrary(s: Schema, pools: FuzzPools, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const schemaArb = schemaArbitrary(s, pools, depth);
  const hinted = name ? pools.hints[name] : undefined;
  return hinted && hinted.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hinted) }, { weight: 1, arbitrary: schemaArb }) : schemaArb;
}

function schemaArbitrary(s: Schema, pools: FuzzPools, depth: number): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((a) => valueArbitrary(a, pools, depth)));
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return valueArbitrary(Object.assign({}, ...(s.allOf as Schema[])), pools, depth);
  if (Array.isArray(s.type)) return fc.oneof(...(s.type as string[]).map((t) => typedArbitrary(t, s, pools, depth)));
  return typedArbitrary(typeof s.type === 'string' ? s.type : s.properties ? 'object' : 'any', s, pools, depth);
}

// ---------------------------------------------------------------------------------------------
// Mutations: what a careless or hostile client sends instead.

/** Nested `levels` deep, as JSON text (no recursion on our side to build or send it). */
export const deeplyNested = (levels: number, open = '{"a":', close = '}') => `${open.repeat(levels)}1${close.repeat(levels)}`;

const EDGE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -1e308,
  1e308,
  2 ** 53 + 1,
  2 ** 31,
  -(2 ** 31) - 1,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202e\u200b',
  '\ud800',
  'x'.repeat(5000),
  'ø'.repeat(70_000),
  '😀'.repeat(3000),
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '-infinity',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "'; DROP TABLE case_file; --",
  [],
  {},
  [[[[[]]]]],
  { $ref: '#/x' },
];

const edgeValue = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...EDGE_VALUES) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 400 }).map((n) => JSON.parse(deeplyNested(n)) as unknown) }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) });

type Mutation = { kind: 'drop' | 'set' | 'extra'; at: number; key: string; value: unknown };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'set', 'set', 'extra'),
  at: fc.nat(),
  key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'id', 'municipalityId', 'staffId', 'version')),
  value: edgeValue,
});

type Path = readonly (string | number)[];

/** Paths of every node below the root, and of every object (where a key can be added). */
function pathsOf(value: unknown, at: Path = [], into: { nodes: Path[]; objects: Path[] } = { nodes: [], objects: [] }) {
  if (at.length > 0) into.nodes.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], into));
  else if (value && typeof value === 'object') {
    into.objects.push(at);
    for (const [key, v] of Object.entries(value)) pathsOf(v, [...at, key], into);
  }
  return into;
}

function nodeAt(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path) node = node[key as string] as Record<string | number, unknown>;
  return node;
}

const parentOf = (root: unknown, path: Path) => nodeAt(root, path.slice(0, -1));

function applyMutation(root: unknown, given: Mutation): unknown {
  // The value is copied: an edge value may be a shared constant object, and a later mutation of this
  // request (an extra key) must not change it for every request after (or make it contain itself).
  const m = { ...given, value: given.value !== null && typeof given.value === 'object' ? structuredClone(given.value) : given.value };
  const { nodes, objects } = pathsOf(root);
  if (m.kind === 'extra' && objects.length > 0) {
    const target = objects[m.at % objects.length] as Path;
    Object.defineProperty(nodeAt(root, target), m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    return root;
  }
  if (nodes.length === 0) return m.kind === 'drop' ? undefined : m.value;
  const target = nodes[m.at % nodes.length] as Path;
  const parent = parentOf(root, target);
  const key = target[target.length - 1] as string | number;
  if (m.kind === 'drop' && Array.isArray(parent)) parent.splice(key as number, 1);
  else if (m.kind === 'drop') delete parent[key];
  else parent[key] = m.value;
  return root;
}

function mutatedArbitrary(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })).map(([value, mutations]) => {
    const copy = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
    return mutations.reduce(applyMutation, copy);
  });
}

/** Bodies that are not JSON of any shape: cut off, doubled, empty, far too deep or far too large. */
const RAW_BODIES: readonly string[] = ['', '{', 'not json', '{"a":1}{', '[1,2,', 'null', '"text"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '\u0000'];

const rawBodyArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...RAW_BODIES) },
  { weight: 1, arbitrary: fc.constantFrom(deeplyNested(20_000), deeplyNested(100_000, '[', ']'), `{"x":"${'y'.repeat(1_100_000)}"}`) },
);

export interface BodyChoice {
  readonly text: string | undefined;
  readonly contentType: string | undefined;
}

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/problem+json', 'multipart/form-data; boundary=x'];

export function bodyArbitrary(schema: Schema | null, pools: FuzzPools): fc.Arbitrary<BodyChoice> {
  const valid = schema ? valueArbitrary(schema, pools) : fc.constant(undefined);
  const json = (v: unknown): BodyChoice => (v === undefined ? { text: undefined, contentType: undefined } : { text: JSON.stringify(v), contentType: 'application/json' });
  return fc.oneof(
    { weight: schema ? 5 : 2, arbitrary: valid.map(json) },
    { weight: 5, arbitrary: mutatedArbitrary(schema ? valid : fc.constant({})).map(json) },
    { weight: 1, arbitrary: rawBodyArbitrary.map((text) => ({ text, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom(...CONTENT_TYPES)).map(([v, contentType]) => ({ text: JSON.stringify(v ?? {}), contentType })) },
  );
}

// ---------------------------------------------------------------------------------------------
// Path parameters, query, headers.

const PATH_EDGES: readonly string[] = ['abc', '0', '-1', 'null', 'undefined', '1e309', 'x'.repeat(3000), 'ÆØÅ😀', '\u0000', '\n', '..', '{id}', ' ', '%00'];

/** A path segment, encoded (or, unless clean, now and then deliberately badly encoded). */
function pathParamArbitrary(pools: FuzzPools, resource: string | undefined, clean: boolean): fc.Arbitrary<string> {
  const hinted = pools.hints[PATH_HINTS[resource ?? ''] ?? ''] ?? [];
  if (clean) return hinted.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...hinted.map(String)) }, { weight: 1, arbitrary: uuidArbitrary(pools) }) : uuidArbitrary(pools);
  const encoded = fc.oneof(
    ...(hinted.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...hinted.map(String)) }] : []),
    { weight: 3, arbitrary: uuidArbitrary(pools) },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.replace(/-/g, '')) },
    { weight: 1, arbitrary: fc.uuid().map((u) => `{${u}}`) },
    { weight: 1, arbitrary: fc.uuid().map((u) => `${u}x`) },
    { weight: 3, arbitrary: fc.constantFrom(...PATH_EDGES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  ).map(encodeURIComponent);
  return fc.oneof({ weight: 12, arbitrary: encoded }, { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%zz', '') });
}

const QUERY_EDGES: readonly string[] = ['', ' ', 'abc', '-1', '0', '1.5', '1e309', '99999999999999999999', 'NaN', 'true', 'null', '2026-02-30', '2026-13', '\u0000', 'ø'.repeat(300), 'me', 'none'];

const queryText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function queryValueArbitrary(schema: Schema, pools: FuzzPools, clean: boolean): fc.Arbitrary<string[]> {
  if (clean) return valueArbitrary(schema, pools).map((v) => [queryText(v)]);
  const one = fc.oneof(
    { weight: 3, arbitrary: valueArbitrary(schema, pools).map(queryText) },
    { weight: 2, arbitrary: fc.constantFrom(...QUERY_EDGES) },
    { weight: 1, arbitrary: fc.constantFrom(...QUERY_EDGES, 'ø'.repeat(4000)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }) },
  );
  return fc.oneof({ weight: 6, arbitrary: one.map((v) => [v]) }, { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }) });
}

function queryArbitrary(op: FuzzOperation, pools: FuzzPools, clean: boolean): fc.Arbitrary<string> {
  const declared = op.query.map(({ name, schema }) => fc.option(queryValueArbitrary(schema, pools, clean), { nil: undefined, freq: 3 }).map((values) => (values ? values.map((v): [string, string] => [name, v]) : [])));
  const extra = clean ? fc.constant(undefined) : fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'x', 'limit[]', 'a[b]', ''), fc.constantFrom(...QUERY_EDGES)), { nil: undefined, freq: 4 });
  const raw = clean ? fc.constant('') : fc.constantFrom('', '', '', '', '&%', '&a=%E0%A4%A');
  return fc.tuple(fc.tuple(...declared), extra, raw).map(([pairs, more, raw]) => {
    const params = new URLSearchParams([...pairs.flat(), ...(more ? [more] : [])]);
    const text = `${params.toString()}${raw}`;
    return text ? `?${text}` : '';
  });
}

const KEY_EDGES: readonly string[] = ['', 'short', 'has spaces in it', 'x'.repeat(300), 'nøkkel-æøå-123', 'fuzz-reused-key-0001', 'fuzz-reused-key-0001'];

const PURPOSES = ['case_processing', 'service_delivery', 'complaint_handling', 'quality_assurance', 'administration'];

function headersArbitrary(op: FuzzOperation, clean: boolean): fc.Arbitrary<Record<string, string>> {
  if (clean) return fc.record({ key: fc.uuid(), purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: undefined }) }).map(({ key, purpose }) => ({ ...(op.command ? { 'idempotency-key': key } : {}), ...(purpose ? { 'tildel-purpose': purpose } : {}) }));
  const key = op.command ? fc.oneof({ weight: 8, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom(...KEY_EDGES) }) : fc.option(fc.uuid(), { nil: undefined, freq: 6 });
  const purpose = fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom(...PURPOSES) }, { weight: 1, arbitrary: fc.constantFrom('', 'curiosity', 'æøå') });
  const requestId = fc.option(fc.constantFrom('fuzz-1', 'x'.repeat(500), 'a b', 'æøå'), { nil: undefined, freq: 8 });
  return fc.record({ key, purpose, requestId }).map(({ key: k, purpose: p, requestId: r }) => ({
    ...(k !== undefined ? { 'idempotency-key': k } : {}),
    ...(p !== undefined ? { 'tildel-purpose': p } : {}),
    ...(r !== undefined ? { 'x-request-id': r } : {}),
  }));
}

/**
 * One generated request for the operation, sent as one of the principals (drawn by weight): two in
 * five clean (every part drawn from its schema, to get past validation and into the use case), the
 * rest bent.
 */
export function requestArbitrary(op: FuzzOperation, pools: FuzzPools, principals: readonly { name: string; weight: number }[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof({ weight: 2, arbitrary: requestOf(op, pools, principals, true) }, { weight: 3, arbitrary: requestOf(op, pools, principals, false) });
}

/** A request with every part drawn from its schema (for bursts of the same command sent at once). */
export function cleanRequestArbitrary(op: FuzzOperation, pools: FuzzPools, principals: readonly { name: string; weight: number }[]): fc.Arbitrary<FuzzRequest> {
  return requestOf(op, pools, principals, true);
}

function requestOf(op: FuzzOperation, pools: FuzzPools, principals: readonly { name: string; weight: number }[], clean: boolean): fc.Arbitrary<FuzzRequest> {
  const segments = op.path.split('/');
  const resourceOf = (name: string) => segments[segments.indexOf(`{${name}}`) - 1];
  const path = fc.tuple(...op.pathParams.map((name) => pathParamArbitrary(pools, resourceOf(name), clean))).map((values) => op.pathParams.reduce((p, name, i) => p.replace(`{${name}}`, values[i] ?? ''), op.path));
  const noBody = fc.constant<BodyChoice>({ text: undefined, contentType: undefined });
  const validBody = op.body ? valueArbitrary(op.body, pools).map((v): BodyChoice => ({ text: JSON.stringify(v), contentType: 'application/json' })) : noBody;
  const body = op.method === 'GET' ? noBody : clean ? validBody : bodyArbitrary(op.body, pools);
  return fc
    .record({ principal: fc.oneof(...principals.map(({ name, weight }) => ({ weight, arbitrary: fc.constant(name) }))), path, query: queryArbitrary(op, pools, clean), headers: headersArbitrary(op, clean), body, cookie: fc.nat(9) })
    .map(({ principal, path: p, query, headers, body: b, cookie }) => ({
      principal,
      viaCookie: cookie === 0,
      method: op.method,
      url: `${p}${query}`,
      headers: { ...headers, ...(b.contentType ? { 'content-type': b.contentType } : {}) },
      body: b.text,
    }));
}
