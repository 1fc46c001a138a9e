/** Digital post through KS SvarUt: the channel, its message cause, the client and the stand-in. */
export { svarutChannel, letterPayload } from './channel.ts';
export { svarutCause } from './cause.ts';
export { svarutClient, SvarUtError, type SvarUtClient } from './client.ts';
export { receiptOf } from './receipts.ts';
export { routeLetter, type Recipient, type Route } from './route.ts';
export { startSvarutStandIn, type StoredForsendelse, type SvarUtStandIn, type SvarUtStandInOptions } from './standIn.ts';
