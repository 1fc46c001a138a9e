/** Today's date in Norway: legal dates and policy effective dates are Norwegian local dates. */
import { osloDate } from '../domain/law/deadlines.ts';

export function norwegianDate(at: Date = new Date()): string {
  return osloDate(at);
}
