/** Role checks for commands that the transition table and the policy do not govern. */
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

/** Refuses unless the principal holds one of the roles, saying what needs which roles. */
export function requireRole(principal: Principal, roles: readonly string[], what: string): void {
  if (!principal.roles.some((r) => roles.includes(r))) throw new AppError('forbidden', `${what} needs one of the roles ${roles.join(', ')}.`);
}
