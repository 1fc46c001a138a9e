/**
 * Validation of requests against a published OpenAPI 3.0 file, for the stand-ins: the file is loaded
 * as it was published (spec/<service>/), and a request body or parameter is checked with ajv against
 * the schema the file gives for it, so the stand-in refuses what the real service's contract refuses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';

// ajv-formats is CommonJS; its default export is the function under NodeNext.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** The repository's spec folder. */
export function specFile(relative: string): string {
  return fileURLToPath(new URL(`../../../spec/${relative}`, import.meta.url));
}

export interface OpenApiDocument {
  readonly validator: (pointer: string) => ValidateFunction;
}

/** Loads an OpenAPI file; `validator('#/components/schemas/X')` compiles (once) a check of that schema. */
export function loadOpenApi(file: string): OpenApiDocument {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // OpenAPI 3.0 adds keywords (example, discriminator, …) that are not JSON Schema: not strict.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'doc');
  const compiled = new Map<string, ValidateFunction>();
  return {
    validator(pointer) {
      let v = compiled.get(pointer);
      if (!v) {
        v = ajv.compile({ $ref: `doc${pointer}` });
        compiled.set(pointer, v);
      }
      return v;
    },
  };
}

/** A short account of what failed, for the error answer. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): string[] {
  return (errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Escapes a path for a JSON pointer inside `#/paths/…`. */
export function pathPointer(path: string): string {
  return path.replace(/~/g, '~0').replace(/\//g, '~1');
}
