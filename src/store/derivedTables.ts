/**
 * Tables that are projections kept by triggers from other tables (migration 0033: a month's delivery
 * from the visits; migration 0036: each case's first assessment, decision and start from its
 * actions). They are not written to a backup or a municipality's export: loading the rows they come
 * from rebuilds them, and a copy loaded as well would count everything twice (or collide with the
 * rows the trigger made). A municipality's removal deletes their rows with the rest.
 */
export const DERIVED_TABLES: readonly string[] = ['visit_month', 'visit_month_employee', 'case_milestone'];

export const isDerivedTable = (name: string): boolean => DERIVED_TABLES.includes(name);
