/** The service catalogue (loaded once per view) and the services' names in the chosen language. */
import { api, ok } from './api/client.ts';
import { SHARED } from './queryClient.ts';
import { useLoad } from './useLoad.tsx';
import { useI18n, type Key } from './i18n.tsx';
import type { paths } from './api/schema';
import type { Reply } from './session.ts';

export type Service = Reply<'/api/v1/services', 'get'>[number];

/** The service codes a request may name (the responses give them as plain strings). */
export type ServiceCode = NonNullable<paths['/api/v1/cases']['post']['requestBody']>['content']['application/json']['serviceCode'];

// Every code once: `satisfies` fails to compile when the API gains or loses a code.
const SERVICE_CODES = {
  practical_help: true,
  home_nursing: true,
  psychiatric_home_services: true,
  support_contact: true,
  safety_alarm: true,
  day_centre: true,
  respite: true,
  care_allowance: true,
  bpa: true,
  short_term_stay: true,
  long_term_stay: true,
  care_flat: true,
} satisfies Record<ServiceCode, true>;

export function isServiceCode(code: string): code is ServiceCode {
  return Object.hasOwn(SERVICE_CODES, code);
}

/** A service code from a response or a form, checked before it goes into a request. */
export function serviceCode(code: string): ServiceCode {
  if (!isServiceCode(code)) throw new Error(`Unknown service code: ${code}`);
  return code;
}

const NO_SERVICES: Service[] = [];

/** The catalogue's services, loaded once for every view (none until they are there). */
export function useServices(): Service[] {
  return useLoad(async () => ok(await api.GET('/api/v1/services')), [], SHARED.services).data ?? NO_SERVICES;
}

/** The words key of a service's name (the catalogue's names in web/src/wordsServices.ts). */
export const serviceKey = (code: ServiceCode): Key => `service_${code}`;

/**
 * A function from service code to its name in the chosen language, from the interface's own words
 * (the API's `serviceName` is bokmål). A code the client does not know is shown as the server gave it.
 */
export function useServiceName(): (code: string) => string {
  const { t } = useI18n();
  return (code) => (isServiceCode(code) ? t(serviceKey(code)) : code);
}
