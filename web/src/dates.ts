/** Norwegian dates: legal dates and report months are Oslo dates, not UTC ones. */
export function osloDate(at: Date = new Date()): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
}

/** The current month in Oslo, YYYY-MM. */
export function osloMonth(at: Date = new Date()): string {
  return osloDate(at).slice(0, 7);
}

/** An instant as Oslo date and time, e.g. "03.12.2026, 14:05". */
export function osloDateTime(iso: string): string {
  return new Date(iso).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' });
}
