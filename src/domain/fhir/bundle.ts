/** The person's resources as a FHIR searchset Bundle ($everything and searches). */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FhirAssessmentInput, FhirAuthority, FhirCaseInput, FhirPersonInput } from './input.ts';
import { carePlanOf, conditionsOf, goalsOf, observationOf, patientOf, serviceRequestOf, tasksOf } from './project.ts';

/** Every resource of the person the reader may see: the case's request, and the diagnoses, only to one who sees a case in full. */
export function everything(p: FhirPersonInput, cases: readonly FhirCaseInput[], assessments: readonly FhirAssessmentInput[], authority: FhirAuthority): Resource[] {
  const out: Resource[] = [patientOf(p)];
  for (const c of cases) {
    if (c.level === 'full') out.push(serviceRequestOf(c, p));
    const goals = goalsOf(c, p);
    const plan = carePlanOf(c, p, authority, goals);
    out.push(...goals, ...(plan ? [plan] : []), ...tasksOf(c, p, authority, plan));
  }
  const full = cases.some((c) => c.level === 'full');
  for (const a of assessments) {
    const o = observationOf(a, p);
    if (o) out.push(o);
    if (full) out.push(...conditionsOf(a, p));
  }
  return out;
}

/** A searchset Bundle of the resources, with absolute full URLs under the base. */
export function searchset(base: string, resources: readonly Resource[], matchType?: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matchType ? resources.filter((r) => r.resourceType === matchType).length : resources.length,
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: !matchType || resource.resourceType === matchType ? 'match' : 'include' },
    })),
  };
}
