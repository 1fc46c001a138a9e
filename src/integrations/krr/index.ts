/** The contact and reservation register (KRR): look-up, the digital-or-print rule, and its stand-in. */
export { KRR_SCOPES, KrrError, lookUpPerson, type KrrPerson } from './client.ts';
export { reachOf, type DigitalReach } from './reach.ts';
export { startKrrStandIn, type KrrStandIn, type KrrStandInOptions, type KrrStatusKind } from './standIn.ts';
