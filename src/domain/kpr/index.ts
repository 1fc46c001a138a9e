/** KPR/IPLOS reporting: the extract to the municipal patient and user register and its validation report. */
export { byCaseNumber, kprPeriod, referenceDate, serviceInPeriod, hasServiceIn, kprCaseState, type KprCase, type KprCaseState, type KprDecision, type KprPeriod, type KprPerson } from './input.ts';
export { byNationalId, isReported, kprExtract, kprExtractOpening, kprPersonElements, KPR_EXTRACT_CLOSING, latestCompleted, reportedPersons, KPR_NAMESPACE, type KprExtractHeader } from './extract.ts';
export { kprFindings, findingsOf, countFindings, FINDING_KINDS, type FindingKind, type KprFinding } from './validation.ts';
export { kprServiceType, KPR_9151 } from './serviceTypes.ts';
