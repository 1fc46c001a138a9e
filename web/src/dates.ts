/** Norwegian dates: legal dates and report months are Oslo dates, not UTC ones. */
export function osloDate(at: Date = new Date()): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
}

/** The current month in Oslo, YYYY-MM. */
export function osloMonth(at: Date = new Date()): string {
  return osloDate(at).slice(0, 7);
}
