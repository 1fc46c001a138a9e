/** KPR/IPLOS reporting: the extract to the municipal patient and user register and its validation report. */
export { kprPeriod, referenceDate, serviceInPeriod, hasServiceIn, type KprCase, type KprCaseState, type KprPeriod, type KprPerson } from './input.ts';
export { kprExtract, latestCompleted, reportedPersons, KPR_NAMESPACE, type KprExtractHeader } from './extract.ts';
export { kprFindings, FINDING_KINDS, type FindingKind, type KprFinding } from './validation.ts';
export { kprServiceType, KPR_9151 } from './serviceTypes.ts';
