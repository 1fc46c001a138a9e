/**
 * KPR/IPLOS reporting (issue 22): the extract to the municipal patient and user register (KPR) and
 * the validation report a caseworker acts on before it is sent. Both are pure functions
 * (domain/kpr/) over the municipality's persons, assessments and case states, read here.
 *
 * Who reads what:
 * - the extract is the municipality's statutory report (KPR-forskriften); it carries every reported
 *   person's identity number, so only a leader may produce it, stating the purpose administration,
 *   and the read is audited for every person in it;
 * - the validation report's counts are aggregates and show no one; its lines name a person or case
 *   only where the gate (gate.ts) gives the reader a full need for one of the person's cases, and
 *   those reads are audited.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AssessmentSummary } from '../domain/assessment/completeness.ts';
import { IPLOS_CURRENT } from '../domain/assessment/iplos.ts';
import type { CaseState } from '../domain/case/state.ts';
import { FINDING_KINDS, kprExtract, kprFindings, kprPeriod, type FindingKind, type KprPeriod, type KprPerson } from '../domain/kpr/index.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { xsdValidator } from '../integrations/xsd.ts';
import { audit } from './audit.ts';
import { now, today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import { gateOf, levelsOfCases } from './gate.ts';
import { mayReadPersonalData, type Principal } from './principal.ts';
import { requireRole } from './roles.ts';

export const KPR_SCHEMA_FILE = fileURLToPath(new URL('../../spec/iplos/tildel-kpr-iplos-extract-1.xsd', import.meta.url));

/** Validates an extract against the schema in spec/iplos/ (xmllint's messages when it does not). */
export const validateKprExtract = xsdValidator(async () => ({ schema: { fileName: 'kpr.xsd', contents: await readFile(KPR_SCHEMA_FILE, 'utf8') } }), 'kpr.xml');

export interface KprQuery {
  readonly year?: number | undefined;
  readonly from?: string | undefined;
}

function periodOf(ctx: AppContext, q: KprQuery): KprPeriod {
  const today = todayIn(ctx);
  if (q.from && q.from > today) throw invalidField('from', 'a continuous extract begins on or before today');
  if (q.year !== undefined && q.year > Number(today.slice(0, 4))) throw invalidField('year', 'the year has not begun');
  return kprPeriod(q, today);
}

/** The persons with cases, their assessments and their case states (every case of the municipality; rules scope). */
async function loadPersons(tx: Tx): Promise<KprPerson[]> {
  const cases = await tx.query<{ id: string; case_number: string; person_id: string; state: CaseState }>(
    'SELECT id, case_number, person_id, state FROM case_file WHERE municipality_id = current_municipality() ORDER BY case_number',
  );
  const personIds = [...new Set(cases.rows.map((c) => c.person_id))];
  const persons = await tx.query<{ id: string; name: string; national_id: string; birth_date: string; died_on: string | null }>(
    `SELECT id, given_name || ' ' || family_name AS name, national_id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, to_char(died_on, 'YYYY-MM-DD') AS died_on
       FROM person WHERE municipality_id = current_municipality() AND id = ANY($1::uuid[])`,
    [personIds],
  );
  const assessments = await tx.query<{ person_id: string; status: 'draft' | 'completed'; assessed_on: string; scores: Record<string, number>; created_at: Date }>(
    `SELECT person_id, status, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, scores, created_at
       FROM assessment WHERE municipality_id = current_municipality() AND person_id = ANY($1::uuid[])`,
    [personIds],
  );
  const byPerson = new Map<string, AssessmentSummary[]>();
  for (const a of assessments.rows) {
    const list = byPerson.get(a.person_id) ?? [];
    list.push({ status: a.status, assessedOn: a.assessed_on, scores: a.scores, createdAt: a.created_at.toISOString() });
    byPerson.set(a.person_id, list);
  }
  const casesOf = new Map<string, KprPerson['cases'][number][]>();
  for (const c of cases.rows) {
    const list = casesOf.get(c.person_id) ?? [];
    list.push({ caseId: c.id, caseNumber: c.case_number, state: c.state });
    casesOf.set(c.person_id, list);
  }
  return persons.rows.map((p) => ({
    personId: p.id,
    name: p.name,
    nationalId: p.national_id,
    birthDate: p.birth_date,
    diedOn: p.died_on,
    assessments: byPerson.get(p.id) ?? [],
    cases: casesOf.get(p.id) ?? [],
  }));
}

async function municipalityNumber(tx: Tx): Promise<string> {
  const { rows } = await tx.query<{ municipality_number: string | null }>('SELECT municipality_number FROM municipality WHERE id = current_municipality()');
  const number = rows[0]?.municipality_number;
  if (!number || !/^\d{4}$/.test(number)) {
    throw new AppError('conflict', 'The municipality has no municipality number (kommunenummer) recorded; an administrator records it before reporting to KPR.', { rule: 'kpr.municipality_number' });
  }
  return number;
}

/** The extract file for the period, validated against the schema before it is handed out. */
export async function kprExtractFile(ctx: AppContext, principal: Principal, meta: RequestMeta, q: KprQuery): Promise<{ xml: string; fileName: string; persons: number }> {
  requireRole(principal, ['leader'], 'The KPR extract');
  if (meta.purpose !== 'administration') {
    throw new AppError('forbidden', 'The KPR extract is the municipality’s statutory report: produce it stating the purpose administration (administrasjon).', { rule: 'kpr.purpose' });
  }
  const period = periodOf(ctx, q);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const header = { messageId: randomUUID(), municipalityNumber: await municipalityNumber(tx), createdAt: now(ctx).toISOString(), iplosVersion: IPLOS_CURRENT.version };
    const { xml, personIds } = kprExtract(await loadPersons(tx), period, header, todayIn(ctx), { allowSynthetic: ctx.allowSyntheticIds });
    const verdict = await validateKprExtract(xml);
    // The extract is built to the schema; one that fails it is a bug, never a file to send.
    if (!verdict.valid) throw new Error(`The KPR extract fails its schema: ${verdict.errors.slice(0, 3).join('; ')}`);
    if (personIds.length) await audit(tx, principal, meta, 'read', 'kpr extract', personIds);
    const name = period.kind === 'yearly' ? period.from.slice(0, 4) : `from-${period.from}`;
    return { xml, fileName: `kpr-iplos-${header.municipalityNumber}-${name}.xml`, persons: personIds.length };
  });
}

export interface KprValidationLine {
  readonly kind: FindingKind;
  readonly personId: string;
  readonly personName: string;
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  readonly detail: string;
}

export interface KprValidationReport {
  readonly period: KprPeriod;
  readonly counts: Record<FindingKind, number>;
  readonly total: number;
  /** Findings about persons the reader has no need for: counted above, not shown. */
  readonly notShown: number;
  readonly lines: KprValidationLine[];
}

/** Who reads the validation report: caseworkers and teams (lines by need), leaders (counts, and lines by need). */
export const KPR_VALIDATION_READERS = ['caseworker', 'team_member', 'team_leader', 'leader'] as const;

/** The validation report for the period: counts for everyone who may read it, lines by need. */
export async function kprValidationReport(ctx: AppContext, principal: Principal, meta: RequestMeta, q: KprQuery): Promise<KprValidationReport> {
  requireRole(principal, KPR_VALIDATION_READERS, 'The KPR validation report');
  const period = periodOf(ctx, q);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const persons = await loadPersons(tx);
    const { findings, counts } = kprFindings(persons, period, todayIn(ctx), { allowSynthetic: ctx.allowSyntheticIds });
    const visible = mayReadPersonalData(principal) ? await visibleFindings(tx, ctx, principal, meta, persons, findings) : [];
    if (visible.length) await audit(tx, principal, meta, 'read', 'kpr validation report', [...new Set(visible.map((l) => l.personId))]);
    const order = (k: FindingKind) => FINDING_KINDS.indexOf(k);
    return { period, counts, total: findings.length, notShown: findings.length - visible.length, lines: visible.sort((a, b) => order(a.kind) - order(b.kind) || a.personName.localeCompare(b.personName)) };
  });
}

/** The findings the gate lets the reader see: about a case they see in full, or a person one of whose cases they see in full. */
async function visibleFindings(tx: Tx, ctx: AppContext, principal: Principal, meta: RequestMeta, persons: readonly KprPerson[], findings: ReturnType<typeof kprFindings>['findings']): Promise<KprValidationLine[]> {
  const { gate } = await gateOf(tx, ctx, principal, meta);
  const person = new Map(persons.map((p) => [p.personId, p]));
  const caseIds = [...new Set(findings.flatMap((f) => (f.caseId ? [f.caseId] : (person.get(f.personId)?.cases ?? []).map((c) => c.caseId))))];
  const levels = await levelsOfCases(tx, gate, caseIds);
  const full = (id: string) => levels.get(id)?.level === 'full';
  return findings
    .filter((f) => (f.caseId ? full(f.caseId) : (person.get(f.personId)?.cases ?? []).some((c) => full(c.caseId))))
    .map((f) => ({ kind: f.kind, personId: f.personId, personName: person.get(f.personId)?.name ?? '', caseId: f.caseId, caseNumber: f.caseNumber, detail: f.detail }));
}
