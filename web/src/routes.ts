/** The staff side's routes: who may see each in the navigation (and open it), and each page's title. */
import type { Key } from './i18n.tsx';
import type { Me } from './session.ts';

type Role = Me['roles'][number];

export const NAV: readonly { route: string; key: Key; roles: readonly Role[] }[] = [
  { route: '/queue', key: 'navQueue', roles: ['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff', 'leader'] },
  // Registering a request is the intake's work: provider staff do not register (the API refuses them without a policy).
  { route: '/register', key: 'navRegister', roles: ['caseworker', 'team_member', 'team_leader', 'board_member'] },
  { route: '/search', key: 'navSearch', roles: ['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff', 'leader'] },
  { route: '/waiting-lists', key: 'navWaitingList', roles: ['caseworker', 'team_leader', 'leader'] },
  { route: '/team', key: 'navTeam', roles: ['team_member', 'team_leader'] },
  { route: '/board', key: 'navBoard', roles: ['board_member'] },
  { route: '/provider', key: 'navProvider', roles: ['provider_staff'] },
  { route: '/orders', key: 'navOrders', roles: ['provider_staff', 'team_member', 'team_leader'] },
  { route: '/leader', key: 'navLeader', roles: ['leader', 'team_leader'] },
  { route: '/access-review', key: 'navAccessReview', roles: ['leader'] },
  { route: '/kpr', key: 'navKpr', roles: ['caseworker', 'team_member', 'team_leader', 'leader'] },
  // The administrator configures the organisation and sees no personal data: this is their only view.
  { route: '/admin', key: 'navAdmin', roles: ['admin'] },
];

/** The navigation entries for the user's roles. */
export function navFor(me: Me): typeof NAV {
  return NAV.filter((n) => n.roles.some((r) => me.roles.includes(r)));
}

/** Whether the user's roles let them open the route (routes outside the navigation, such as a case, are for the view to judge). */
export function mayOpen(route: string, me: Me): boolean {
  const entry = NAV.find((n) => n.route === route);
  return !entry || entry.roles.some((r) => me.roles.includes(r));
}

export const CASE_ROUTE = /^\/cases\/([0-9a-f-]{36})$/;

/** The key of the page's title: the navigation's word for the route, "Sak" for a case, or null (not found). */
export function titleKey(route: string): Key | null {
  if (CASE_ROUTE.test(route)) return 'caseTitle';
  return NAV.find((n) => n.route === route)?.key ?? null;
}
