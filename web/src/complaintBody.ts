/**
 * Who decides a complaint (klageinstans), in a case's status: Statsforvalteren for a health and care
 * service (pbrl § 7-2), the municipality's own complaints board for a decision under forvaltningsloven
 * alone, such as a care flat (fvl § 28 second paragraph). The server says which, on the decision and
 * on each service of the catalogue; the stored stage `with_statsforvalteren` means "with the complaint
 * body" for both.
 */
import type { Key } from './i18n.tsx';
import { useServices, type Service } from './services.ts';

export type ComplaintBody = Service['complaintBody'];

/** The state key to word: the complaint stage with the body that has it. */
export function complaintStateKey(stateKey: string, body: ComplaintBody | undefined): string {
  return stateKey === 'complaint_with_statsforvalteren' && body === 'municipal_board' ? 'complaint_with_municipal_board' : stateKey;
}

type T = (key: Key) => string;

/** The status's words: the state key (complaint stages with their body), or the key itself when no words exist. */
export const stateWords = (t: T, stateKey: string, body?: ComplaintBody): string => {
  const key = complaintStateKey(stateKey, body);
  return (t(`state_${key}` as Key) as string | undefined) ?? key;
};

/** A case's status in words, its complaint body from the decision it concerns. */
export const caseStateWords = (t: T, c: { readonly stateKey: string; readonly decision: { readonly complaintBody: ComplaintBody } | null }): string =>
  stateWords(t, c.stateKey, c.decision?.complaintBody);

/** A service's complaint body, from the catalogue (for a list row that carries no decision). */
export function useComplaintBodyOf(): (serviceCode: string) => ComplaintBody | undefined {
  const services = useServices();
  return (code) => services.find((s) => s.code === code)?.complaintBody;
}
