/** Today's date in Norway: legal dates and policy effective dates are Norwegian local dates. */
const OSLO_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

export function norwegianDate(at: Date = new Date()): string {
  return OSLO_DATE.format(at);
}
