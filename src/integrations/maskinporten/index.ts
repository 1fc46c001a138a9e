/** Maskinporten (Digdir): access tokens for SvarUt, KRR and the population register, and its stand-in. */
export { clearMaskinportenTokens, MASKINPORTEN_SCOPES, MaskinportenError, maskinportenToken, signGrant } from './token.ts';
export {
  newMaskinportenClientKey,
  startMaskinportenStandIn,
  verifyMaskinportenToken,
  type MaskinportenAccess,
  type MaskinportenStandIn,
  type MaskinportenStandInClient,
  type MaskinportenStandInOptions,
} from './standIn.ts';
export { listenStandIn } from '../standIn.ts';
