import { describe, expect, it } from 'vitest';
import { openapiDocument } from './openapiTypes.ts';

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

const document = await openapiDocument();
const paths = document.paths as Record<string, Record<string, Operation>>;
const components = (document.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })));

const resolve = (schema: Record<string, unknown>) => (typeof schema.$ref === 'string' ? (components[schema.$ref.split('/').pop() ?? ''] ?? {}) : schema);

/** A JSON body the document says nothing about: no type at all, or an object of anything. */
function untyped(schema: Record<string, unknown>): boolean {
  const s = resolve(schema);
  if (s.type === 'array') return untyped((s.items ?? {}) as Record<string, unknown>);
  const shaped = ['type', 'oneOf', 'anyOf', 'allOf', 'const', 'enum'].some((k) => k in s);
  const freeObject = s.type === 'object' && !s.properties && (s.additionalProperties === undefined || s.additionalProperties === true || Object.keys(s.additionalProperties as object).length === 0);
  return !shaped || freeObject;
}

describe('the OpenAPI document', () => {
  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every JSON success answer a shape, not a record of anything', () => {
    const loose = operations.flatMap(({ at, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, r]) => Object.entries(r.content ?? {}).filter(([type, c]) => type.includes('json') && untyped(c.schema ?? {})).map(() => `${at} ${status}`)),
    );
    expect(loose).toEqual([]);
  });

  it('documents error answers as problem+json', () => {
    const plain = operations.flatMap(({ at, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => status.startsWith('4') && !(op.operationId === 'importVisits' && status === '422'))
        .filter(([, r]) => Object.keys(r.content ?? {}).join() !== 'application/problem+json')
        .map(([status]) => `${at} ${status}`),
    );
    expect(plain).toEqual([]);
  });
});
