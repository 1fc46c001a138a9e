/** The service catalogue's names in the chosen language, loaded once per view. */
import { useEffect, useState } from 'react';
import { api } from './api/client.ts';
import { useI18n } from './i18n.tsx';
import type { Reply } from './session.ts';

export type Service = Reply<'/api/v1/services', 'get'>[number];

export function useServices(): Service[] {
  const [services, setServices] = useState<Service[]>([]);
  useEffect(() => {
    void api.GET('/api/v1/services').then((r) => setServices(r.data ?? []));
  }, []);
  return services;
}

/** A function from service code to its name (the code itself until the catalogue has loaded). */
export function useServiceName(): (code: string) => string {
  const { lang } = useI18n();
  const services = useServices();
  return (code) => services.find((s) => s.code === code)?.name[lang] ?? code;
}
