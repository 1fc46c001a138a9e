/**
 * The service catalogue's names (src/domain/services/catalogue.ts) in bokmål, nynorsk and English,
 * by service code. The API's `serviceName` is bokmål; the screen shows these words instead.
 */
export const serviceWordsNb = {
  service_practical_help: 'Praktisk bistand',
  service_home_nursing: 'Helsetjenester i hjemmet',
  service_psychiatric_home_services: 'Psykisk helsearbeid i hjemmet',
  service_support_contact: 'Støttekontakt',
  service_safety_alarm: 'Trygghetsalarm',
  service_day_centre: 'Dagsenter',
  service_respite: 'Avlastning',
  service_care_allowance: 'Omsorgsstønad',
  service_bpa: 'Brukerstyrt personlig assistanse (BPA)',
  service_short_term_stay: 'Korttidsopphold',
  service_long_term_stay: 'Langtidsopphold i sykehjem',
  service_care_flat: 'Omsorgsbolig',
} as const;

export type ServiceWordKey = keyof typeof serviceWordsNb;

export const serviceWordsNn: Record<ServiceWordKey, string> = {
  service_practical_help: 'Praktisk bistand',
  service_home_nursing: 'Helsetenester i heimen',
  service_psychiatric_home_services: 'Psykisk helsearbeid i heimen',
  service_support_contact: 'Støttekontakt',
  service_safety_alarm: 'Tryggleiksalarm',
  service_day_centre: 'Dagsenter',
  service_respite: 'Avlasting',
  service_care_allowance: 'Omsorgsstønad',
  service_bpa: 'Brukarstyrt personleg assistanse (BPA)',
  service_short_term_stay: 'Korttidsopphald',
  service_long_term_stay: 'Langtidsopphald i sjukeheim',
  service_care_flat: 'Omsorgsbustad',
};

export const serviceWordsEn: Record<ServiceWordKey, string> = {
  service_practical_help: 'Practical help',
  service_home_nursing: 'Home nursing',
  service_psychiatric_home_services: 'Psychiatric home services',
  service_support_contact: 'Support contact',
  service_safety_alarm: 'Safety alarm',
  service_day_centre: 'Day centre',
  service_respite: 'Respite',
  service_care_allowance: 'Care allowance',
  service_bpa: 'User-controlled personal assistance (BPA)',
  service_short_term_stay: 'Short-term stay',
  service_long_term_stay: 'Long-term nursing-home stay',
  service_care_flat: 'Care flat',
};
