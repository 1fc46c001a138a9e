/**
 * The staff member a request acts for. Every read and write of personal data is attributed to one,
 * with a purpose (see audit.ts). The local login and the identity provider's (oidcLogin.ts) produce the same value.
 */
import type { StaffRole } from '../domain/organisation/vocabulary.ts';

export interface Principal {
  readonly municipalityId: string;
  readonly staffId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly unitIds: readonly string[];
}

/** Why personal data is being processed (behandlingsformål). */
export const PURPOSES = [
  'case_processing', // saksbehandling
  'service_delivery', // tjenesteyting
  'complaint_handling', // klagebehandling
  'quality_assurance', // kvalitetssikring og internkontroll
  'administration', // administrasjon
] as const;
export type Purpose = (typeof PURPOSES)[number];

/**
 * Roles whose work needs personal data. A system administrator (admin) manages the installation
 * and sees no persons or cases: access follows need (helsepersonelloven § 21 a, Normen).
 */
export const ROLES_WITH_PERSONAL_DATA: readonly StaffRole[] = [
  'caseworker',
  'team_member',
  'team_leader',
  'board_member',
  'provider_staff',
  'leader',
];

export function mayReadPersonalData(principal: Principal): boolean {
  return principal.roles.some((r) => ROLES_WITH_PERSONAL_DATA.includes(r));
}
