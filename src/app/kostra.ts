/**
 * The national figures (KOSTRA; issue 20 part 5) for leaders: computed by domain/reports/kostra.ts
 * from the cases' granted decisions, the IPLOS scores, the population entered by the administrator
 * and the providers' expenses where entered. Aggregates only: no person is named, so a leader's role
 * suffices and nothing is read through the gate; the municipality is the tenant of the transaction.
 *
 * Reference date: 31 December of the year (KOSTRA counts recipients per 31.12.), or today while the
 * year runs. The population divided by is the one counted on that day: 1 January of the next year
 * when entered, else 1 January of the year itself (the answer says which).
 */
import { MINIMUM_N } from '../domain/reports/equalTreatmentDefinitions.ts';
import { addRecipients, kostraFiguresOf, suppressSmallCells, type KostraAccounts, type KostraGrant, type Recipient } from '../domain/reports/kostra.ts';
import { KOSTRA_INDICATOR_IDS, KOSTRA_INDICATORS, KOSTRA_SERVICE_ROWS } from '../domain/reports/kostraDefinitions.ts';
import type { Population } from '../domain/reports/population.ts';
import { findCatalogueEntry } from '../domain/services/catalogue.ts';
import { kostraGrantRows, latestTalliesOn, yearExpenses, type KostraGrantRow } from '../store/kostra.ts';
import { populationFor, type PopulationRow } from '../store/population.ts';
import { inTenantAtOnce, type Tx } from '../store/tx.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext } from './context.ts';
import { invalidField } from './errors.ts';
import { decidedServices, frameOfCeiling } from './payments.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { inSlices } from './slices.ts';
import { STEERING_READERS } from './steering.ts';

/** The grants of a case's decision: its service and a package's further services, each with hours. */
export function grantsOf(r: KostraGrantRow): KostraGrant[] {
  if (r.on_waiting_list) return [];
  // The current decision's service and hours govern (a complaint may have changed them); a package's further services come from its content.
  const services = decidedServices({ serviceCode: r.service_code, hoursPerWeek: r.hours_per_week ?? undefined, frame: frameOfCeiling(r.frame_max_hours), package: r.payload?.package });
  return services.map((s) => ({ personId: r.person_id, birthDate: r.birth_date, serviceCode: s.serviceCode, validFrom: r.valid_from, validTo: r.valid_to, hoursPerWeek: s.hoursPerWeek ?? null }));
}

/** The year's expenses, attributed to a KOSTRA function where all of a provider's agreements lie in one. */
async function accountsOf(tx: Tx, year: number): Promise<KostraAccounts | null> {
  const rows = await yearExpenses(tx, year);
  if (!rows.length) return null;
  const byFunction: Record<string, number> = {};
  let unattributed = 0;
  for (const r of rows) {
    const functions = [...new Set(r.services.map((s) => findCatalogueEntry(s)?.kostraFunction ?? 'unknown'))];
    const only = functions.length === 1 && functions[0] !== 'unknown' ? functions[0] : null;
    if (only) byFunction[only] = (byFunction[only] ?? 0) + r.amount;
    else unattributed += r.amount;
  }
  return { total: rows.reduce((a, r) => a + r.amount, 0), byFunction, unattributed, entries: rows.reduce((a, r) => a + r.entries, 0) };
}

function populationOf(row: PopulationRow | null): Population | null {
  return row ? { year: row.year, asOf: `${row.year}-01-01`, bands: row.bands, total: row.total, source: row.source } : null;
}

export async function kostraReport(ctx: AppContext, principal: Principal, q: { year?: number | undefined }) {
  requireRole(principal, STEERING_READERS, 'The KOSTRA figures');
  const today = todayIn(ctx);
  const year = q.year ?? Number(today.slice(0, 4));
  if (year > Number(today.slice(0, 4))) throw invalidField('year', 'the year has not begun');
  const yearEnd = `${year}-12-31`;
  const referenceDate = yearEnd < today ? yearEnd : today;
  // The grants in one transaction, the rest alongside in another (inTenantAtOnce).
  const [grantRows, [population, tallies, accounts]] = await inTenantAtOnce(ctx.db.app, principal, [
    (tx) => kostraGrantRows(tx, referenceDate),
    async (tx) => [populationOf((await populationFor(tx, year + 1)) ?? (await populationFor(tx, year))), await latestTalliesOn(tx, referenceDate), await accountsOf(tx, year)] as const,
  ]);
  // The recipients are gathered in slices: an Oslo-size year has about 30,000 grants (issue 18: the event loop).
  const recipients = new Map<string, Recipient>();
  for await (const slice of inSlices(grantRows)) addRecipients(recipients, slice.flatMap(grantsOf), referenceDate);
  const raw = kostraFiguresOf(recipients, { year, referenceDate, tallies, population, accounts });
  // Aggregates only, and no cell over fewer than MINIMUM_N recipients (the other leader reports' rule).
  const figures = suppressSmallCells(raw, MINIMUM_N.n);
  return {
    ...figures,
    minimumN: MINIMUM_N.n,
    population: population ? { year: population.year, asOf: population.asOf, total: population.total, source: population.source } : null,
    indicators: KOSTRA_INDICATOR_IDS.map((id) => KOSTRA_INDICATORS[id]),
    rows: KOSTRA_SERVICE_ROWS.map((r) => ({ id: r.id, name: r.name, table14: r.table14, services: [...r.services], notRecorded: r.notRecorded ?? null })),
  };
}
