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
import { IPLOS_CURRENT } from '../domain/assessment/iplos.ts';
import { compareText, pushTo } from '../domain/collections.ts';
import type { AssessmentSummary } from '../domain/assessment/completeness.ts';
import { byCaseNumber, countFindings, FINDING_KINDS, findingsOf, KPR_EXTRACT_CLOSING, kprExtractOpening, kprPeriod, kprPersonElements, byNationalId, isReported, type FindingKind, type KprCase, type KprFinding, type KprPeriod, type KprPerson } from '../domain/kpr/index.ts';
import { kprAssessmentRows, kprCaseOf, kprCaseRows, kprPersonRows } from '../store/kpr.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { xsdValidator } from '../integrations/xsd.ts';
import { audit } from './audit.ts';
import { now, today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import { gateOf, levelsOfCases } from './gate.ts';
import { mayReadPersonalData, type Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { inSlices } from './slices.ts';

export const KPR_SCHEMA_FILE = fileURLToPath(new URL('../../spec/iplos/tildel-kpr-iplos-extract-1.xsd', import.meta.url));

/** Validates an extract against the schema in spec/iplos/ (xmllint's messages when it does not). */
export const validateKprExtract = xsdValidator(async () => ({ schema: { fileName: 'kpr.xsd', contents: await readFile(KPR_SCHEMA_FILE, 'utf8') } }), 'kpr.xml', { stream: true });

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

/**
 * The persons with cases, their assessments and their cases (every case of the municipality; rules
 * scope), put together in slices so that an Oslo-size municipality does not hold the event loop.
 * A person is kept when one of the cases read is theirs.
 */
async function kprPersons(tx: Tx): Promise<KprPerson[]> {
  const casesOf = new Map<string, KprCase[]>();
  for await (const slice of inSlices(await kprCaseRows(tx))) {
    for (const r of slice) pushTo(casesOf, r.person_id, kprCaseOf(r));
  }
  for (const cases of casesOf.values()) cases.sort(byCaseNumber);
  // Only the persons with a case, and their assessments: those of the cases just read.
  const assessmentsOf = new Map<string, AssessmentSummary[]>();
  for await (const slice of inSlices(await kprAssessmentRows(tx))) {
    for (const { personId, ...a } of slice) if (casesOf.has(personId)) pushTo(assessmentsOf, personId, a);
  }
  const persons: KprPerson[] = [];
  for await (const slice of inSlices(await kprPersonRows(tx))) {
    for (const p of slice) {
      if (!casesOf.has(p.id)) continue;
      persons.push({ personId: p.id, name: p.name, nationalId: p.national_id, birthDate: p.birth_date, diedOn: p.died_on, assessments: assessmentsOf.get(p.id) ?? [], cases: casesOf.get(p.id) ?? [] });
    }
  }
  return persons;
}

async function municipalityNumber(tx: Tx): Promise<string> {
  const { rows } = await tx.query<{ municipality_number: string | null }>('SELECT municipality_number FROM municipality WHERE id = current_municipality()');
  const number = rows[0]?.municipality_number;
  if (!number || !/^\d{4}$/.test(number)) {
    throw new AppError('conflict', 'The municipality has no municipality number (kommunenummer) recorded; an administrator records it before reporting to KPR.', { rule: 'kpr.municipality_number' });
  }
  return number;
}

/**
 * Persons written to the extract between two turns of the event loop. The XML builder takes about
 * 0.1 ms a person on the Oslo set, so slices of the default 2,000 held the loop for 224–311 ms each
 * (issue 18); slices of 100 take 11–27 ms.
 */
const EXTRACT_SLICE = 100;

/** The extract file for the period, validated against the schema before it is handed out. */
export async function kprExtractFile(ctx: AppContext, principal: Principal, meta: RequestMeta, q: KprQuery): Promise<{ xml: Buffer; fileName: string; persons: number }> {
  requireRole(principal, ['leader'], 'The KPR extract');
  if (meta.purpose !== 'administration') {
    throw new AppError('forbidden', 'The KPR extract is the municipality’s statutory report: produce it stating the purpose administration (administrasjon).', { rule: 'kpr.purpose' });
  }
  const period = periodOf(ctx, q);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const header = { messageId: randomUUID(), municipalityNumber: await municipalityNumber(tx), createdAt: now(ctx).toISOString(), iplosVersion: IPLOS_CURRENT.version };
    const policy = { allowSynthetic: ctx.allowSyntheticIds };
    const reported: KprPerson[] = [];
    for await (const slice of inSlices(await kprPersons(tx))) reported.push(...slice.filter((p) => isReported(p, period, policy)));
    reported.sort(byNationalId);
    // Written in slices (the same document as kprExtract), each encoded as UTF-8 as it is made, so that an Oslo-size
    // extract does not hold the event loop: building it at once held it for 4.6 s, and encoding 33 MB at once for 0.3 s.
    // Bytes are what is sent, and what the validator's worker thread takes without holding the event loop.
    const utf8 = (text: string) => Buffer.from(text, 'utf8');
    const parts = [utf8(kprExtractOpening(period, header, reported.length))];
    for await (const slice of inSlices(reported, EXTRACT_SLICE)) parts.push(utf8(kprPersonElements(slice, period, todayIn(ctx), policy)));
    parts.push(utf8(KPR_EXTRACT_CLOSING));
    const xml = Buffer.concat(parts);
    const personIds = reported.map((p) => p.personId);
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
    const persons = await kprPersons(tx);
    const findings: KprFinding[] = [];
    for await (const slice of inSlices(persons)) findings.push(...findingsOf(slice, period, todayIn(ctx), { allowSynthetic: ctx.allowSyntheticIds }));
    const counts = countFindings(findings);
    const visible = mayReadPersonalData(principal) ? await visibleFindings(tx, ctx, principal, meta, persons, findings) : [];
    if (visible.length) await audit(tx, principal, meta, 'read', 'kpr validation report', [...new Set(visible.map((l) => l.personId))]);
    const order = (k: FindingKind) => FINDING_KINDS.indexOf(k);
    return { period, counts, total: findings.length, notShown: findings.length - visible.length, lines: visible.sort((a, b) => order(a.kind) - order(b.kind) || compareText(a.personName, b.personName)) };
  });
}

/** The findings the gate lets the reader see: about a case they see in full, or a person one of whose cases they see in full. */
async function visibleFindings(tx: Tx, ctx: AppContext, principal: Principal, meta: RequestMeta, persons: readonly KprPerson[], findings: readonly KprFinding[]): Promise<KprValidationLine[]> {
  const { gate } = await gateOf(tx, ctx, principal, meta);
  const person = new Map(persons.map((p) => [p.personId, p]));
  const caseIds = [...new Set(findings.flatMap((f) => (f.caseId ? [f.caseId] : (person.get(f.personId)?.cases ?? []).map((c) => c.caseId))))];
  const levels = await levelsOfCases(tx, gate, caseIds);
  const full = (id: string) => levels.get(id)?.level === 'full';
  return findings
    .filter((f) => (f.caseId ? full(f.caseId) : (person.get(f.personId)?.cases ?? []).some((c) => full(c.caseId))))
    .map((f) => ({ kind: f.kind, personId: f.personId, personName: person.get(f.personId)?.name ?? '', caseId: f.caseId, caseNumber: f.caseNumber, detail: f.detail }));
}
