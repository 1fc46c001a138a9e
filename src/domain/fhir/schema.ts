/**
 * A validator of FHIR R4 resources against HL7's JSON schema (spec/fhir/fhir.schema.json, given
 * parsed: this module reads no files). The schema is draft-06 with an `id` and a discriminator that
 * ajv does not need; the definitions are what is checked, one compiled validator per resource type.
 */
import { Ajv, type ValidateFunction } from 'ajv';

export type FhirValidator = (resource: { resourceType: string }) => string[];

export function fhirValidator(schema: Record<string, unknown>): FhirValidator {
  const { $schema: _meta, id: _id, discriminator: _d, oneOf: _o, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addSchema({ ...rest, $id: 'fhir' });
  const compiled = new Map<string, ValidateFunction>();
  return (resource) => {
    const type = resource.resourceType;
    let validate = compiled.get(type);
    if (!validate) {
      validate = ajv.compile({ $ref: `fhir#/definitions/${type}` });
      compiled.set(type, validate);
    }
    return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${type}${e.instancePath} ${e.message ?? ''}`);
  };
}
