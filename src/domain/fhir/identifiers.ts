/**
 * The code systems and identifier systems of the FHIR view. The Norwegian identity numbers use the
 * OIDs of HL7 Norway's no-basis profiles (fødselsnummer 2.16.578.1.12.4.1.4.1, D-number
 * 2.16.578.1.12.4.1.4.2). Synthetic Test Norge numbers have the fødselsnummer form and are given that
 * system (they exist only in demo and test installations). tildel's own codes (services, IPLOS
 * variables) have no national code system we could verify, so they are named by tildel URNs.
 */
export const FNR_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.1';
export const DNR_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.2';

export function identifierSystem(kind: string): string {
  return kind === 'dnr' ? DNR_SYSTEM : FNR_SYSTEM;
}

export const SERVICE_SYSTEM = 'urn:tildel:fhir:service';
export const IPLOS_VARIABLE_SYSTEM = 'urn:tildel:fhir:iplos-variable';
export const IPLOS_ASSESSMENT_SYSTEM = 'urn:tildel:fhir:assessment';
export const CASE_NUMBER_SYSTEM = 'urn:tildel:fhir:case-number';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const UCUM = 'http://unitsofmeasure.org';

/** The Norwegian code-list OIDs (Volven) of the diagnosis systems an assessment records: ICD-10 (7110) and ICPC-2 (7170). */
export const DIAGNOSIS_SYSTEMS: Readonly<Record<string, string>> = {
  'ICD-10': 'urn:oid:2.16.578.1.12.4.1.1.7110',
  'ICPC-2': 'urn:oid:2.16.578.1.12.4.1.1.7170',
};
