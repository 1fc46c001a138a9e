/**
 * PLO messages over Norsk Helsenett (issue 21 part 2): the receiver of the hospital's messages, the
 * channel of the orientation to the GP, the cause that queues it, and the stand-in for tests and demos.
 */
export { nhnReceiver } from './receiver.ts';
export { nhnChannel, orientationCause, ORIENTATION_KIND } from './orientation.ts';
export { startNhnStandIn, type NhnStandIn, type NhnStandInOptions } from './standIn.ts';
export { hospitalMessageXml, type HospitalMessageInput } from './ploBuild.ts';
export { validatePloXml } from './xsd.ts';
export { newMaskinportenClientKey as newHelseIdClientKey } from '../maskinporten/standIn.ts';
