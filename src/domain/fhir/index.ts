/** The read-only FHIR R4 view: projections of persons, cases and assessments to FHIR resources. */
export { everything, searchset } from './bundle.ts';
export { carePlanOf, conditionsOf, goalsOf, observationOf, patientOf, serviceRequestOf, tasksOf } from './project.ts';
export { DNR_SYSTEM, FNR_SYSTEM, identifierSystem } from './identifiers.ts';
export type { FhirAssessmentInput, FhirAuthority, FhirCaseInput, FhirPersonInput } from './input.ts';
