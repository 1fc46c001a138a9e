/**
 * How each service is reported to KPR: the IPLOS service type by the catalogue's name, and the code
 * of Volven 9151 (Tjenestetype i helse- og omsorgstjenesten) where the draft code list we hold names
 * it (spec/iplos/SOURCE.md). A short-term stay is reported as 20 "Tidsbegrenset opphold – annet"
 * until the decision records which kind of short-term stay it is.
 */
import { findCatalogueEntry } from '../services/catalogue.ts';

export const KPR_9151: Readonly<Record<string, string>> = {
  short_term_stay: '20',
  long_term_stay: '21',
  care_flat: '29',
};

export function kprServiceType(serviceCode: string): { name: string; code9151: string | null } {
  return { name: findCatalogueEntry(serviceCode)?.iplosServiceType ?? serviceCode, code9151: KPR_9151[serviceCode] ?? null };
}
