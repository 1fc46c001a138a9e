/**
 * For the streamed visit import's test and benchmark: cases granted from a day with an order the
 * provider has accepted (made through the API), a CSV of visits generated as it is sent (never held
 * whole), and the upload of a file as text/csv.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import type { Client } from './client.ts';
import { nationalId } from './fixtures.ts';

async function act(who: Client, c: { id: string; version: number }, action: unknown): Promise<any> {
  const r = await who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
  if (r.status !== 200) throw new Error(`${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A case granted from `validFrom` with an order to the provider unit, which the provider has accepted; returns its case number. */
export async function acceptedCase(office: Client, provider: Client, providerUnitId: string, validFrom: string): Promise<string> {
  const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1940-02-02'), givenName: 'Strøm', familyName: 'Import' })).body;
  let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: addDays(validFrom, -10), description: 'Søknad' })).body;
  c = await act(office, c, { type: 'assessment_started', payload: {} });
  const decision = { outcome: 'granted', serviceCode: 'home_nursing', form: 'time_fixed', hoursPerWeek: 20, validFrom, untilFurtherNotice: true, reevaluateBy: addDays(norwegianDate(), 180), summary: 'Innvilget' };
  c = await act(office, c, { type: 'decision_made', payload: { ...decision, withoutAssessmentReason: 'Utskrivningsklar pasient; kartlegging etter hjemkomst' } });
  c = await act(office, c, { type: 'service_arranged', payload: { providerUnitId, startOn: validFrom } });
  c = await act(provider, c, { type: 'order_accepted', payload: { providerUnitId } });
  return c.caseNumber;
}

export const VISIT_HEADER = 'case_number;employee;date;start;minutes;status;cancel_reason;night;visit_id\n';

export interface VisitFile {
  readonly cases: readonly string[];
  /** The first day visits may be on; rows spread over `days` days from it. */
  readonly validFrom: string;
  readonly days: number;
}

/** Row i of a good file; `tag` keeps visit ids apart between files. */
export function visitRow(f: VisitFile, i: number, tag: string): string {
  return `${f.cases[i % f.cases.length]};P${i % 40};${addDays(f.validFrom, i % f.days)};08:00;${15 + (i % 60)};;;${i % 7 === 0 ? 'ja' : ''};${tag}-${i}\n`;
}

/** The file as it is generated, a thousand rows a chunk; `last` is appended after the good rows. */
export async function* generatedVisits(f: VisitFile, rows: number, tag: string, last?: string): AsyncGenerator<string> {
  yield VISIT_HEADER;
  for (let start = 0; start < rows; start += 1000) {
    let chunk = '';
    for (let i = start; i < Math.min(rows, start + 1000); i += 1) chunk += visitRow(f, i, tag);
    yield chunk;
  }
  if (last) yield last;
}

/** Sends a file to POST /visits/import/stream as text/csv, streamed when it is generated. */
export async function uploadVisits(
  baseUrl: string,
  who: Client,
  source: AsyncIterable<string> | string,
  options: { providerUnitId: string; dryRun?: boolean; key?: string },
): Promise<{ status: number; body: any; headers: Headers }> {
  const query = new URLSearchParams({ providerUnitId: options.providerUnitId, fileName: 'profil.csv', dryRun: String(options.dryRun ?? false) });
  const body = typeof source === 'string' ? source : (Readable.toWeb(Readable.from(source)) as ReadableStream);
  const response = await fetch(`${baseUrl}/api/v1/visits/import/stream?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${who.token}`, 'idempotency-key': options.key ?? randomUUID() },
    body,
    duplex: 'half',
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
