/** What the FHIR view is projected from: a person, their cases (state and the actions that matter) and their assessments. */
import type { CaseState } from '../case/state.ts';

export interface FhirPersonInput {
  readonly id: string;
  readonly nationalId: string;
  readonly nationalIdKind: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly addressLine: string | null;
  readonly postalCode: string | null;
  readonly postalPlace: string | null;
  readonly protectedAddress: boolean;
  readonly diedOn: string | null;
}

export interface FhirCaseInput {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly state: CaseState;
  /** full: everything; order: what delivering the service needs (the decision and the order), as the gate rules. */
  readonly level: 'full' | 'order';
  /** The request as received (request_received). */
  readonly request: { readonly receivedOn: string; readonly description: string; readonly channel: string } | null;
  /** The current decision's words and goals (decision_made), when it has one. */
  readonly decision: { readonly summary: string; readonly goals: readonly string[] } | null;
  /** Names of the units the case names (owner and providers), by id. */
  readonly unitNames: Readonly<Record<string, string>>;
}

export interface FhirAssessmentInput {
  readonly id: string;
  readonly assessedOn: string;
  readonly status: 'draft' | 'completed';
  readonly scores: Readonly<Record<string, number>>;
  /** Diagnoses recorded in the assessment (ICD-10 or ICPC-2). */
  readonly diagnoses: readonly { readonly system: string; readonly code: string }[];
}

/** The municipality, as the authority that decides (the author of the care plan). */
export interface FhirAuthority {
  readonly name: string;
  readonly number: string | null;
}
