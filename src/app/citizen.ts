/**
 * The applicant's own channel (innbygger): log in, apply for oneself or for someone one acts for,
 * get a receipt with the case number, and follow one's cases in plain words.
 *
 * Identity: ID-porten in production (OIDC, oidcLogin.ts, where TILDEL_IDPORTEN_ISSUER is set), and a test login in demo and
 * test installations (TILDEL_CITIZEN_TEST_LOGIN), as ID-porten's own test environment offers. Every
 * write goes through the municipality's digital intake account, with the citizen's national ID on
 * the action's authority and in the access log, so each access is attributable to the person.
 */
import { createHmac, randomBytes } from 'node:crypto';
// The nb_NO locale alone (its own entry point): the package's main one loads every locale.
import { faker } from '@faker-js/faker/locale/nb_NO';
import { z } from 'zod';
import { REPRESENTATIVE_AUTHORITIES, type Authority, type CaseState } from '../domain/case/index.ts';
import { deadline } from '../domain/law/deadlines.ts';
import { DEADLINES } from '../domain/law/rules.ts';
import { LANGUAGES } from '../domain/organisation/vocabulary.ts';
import { checkNationalId, maskNationalId } from '../domain/person/nationalId.ts';
import { complaintBodyOf, SERVICE_CODES, type ComplaintBody } from '../domain/services/catalogue.ts';
import { syntheticNationalId } from '../demo/people.ts';
import {
  citizenCases,
  findLiveCitizenSession,
  insertCitizenApplication,
  insertCitizenSession,
  intakeAccount,
  recordCitizenAudit,
  revokeCitizenSession,
  type CitizenMethod,
} from '../store/citizen.ts';
import { claimIdempotencyKey, completeIdempotencyKey } from '../store/idempotency.ts';
import { findCase, type CaseRow } from '../store/cases.ts';
import { findMunicipality } from '../store/org.ts';
import { findPersonByNationalId, insertPerson } from '../store/persons.ts';
import { auditTrailOfPerson } from '../store/audit.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { hashToken } from './auth.ts';
import { loadAuthorityContext } from './authority.ts';
import { openCaseLog, writerAt } from './casePipeline.ts';
import { now, today as todayOn } from './clock.ts';
import type { AppContext } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import { poolFor, poolForToken, tenantToken } from '../store/routing.ts';

export interface Citizen {
  readonly municipalityId: string;
  readonly nationalId: string;
  readonly displayName: string;
  readonly method: CitizenMethod;
}

const name = z.string().trim().min(1).max(200);
const nationalIdField = z.string().regex(/^\d{11}$/, 'must be 11 digits').describe('Fødselsnummer or D-number');

export const citizenTestLoginInput = z.object({
  municipality: z.string().min(1).max(64),
  nationalId: nationalIdField,
  givenName: name,
  familyName: name,
});

function assertValidId(field: string, value: string, ctx: AppContext) {
  const id = checkNationalId(value, { allowSynthetic: ctx.allowSyntheticIds });
  if (!id.valid) throw invalidField(field, id.reason);
  return id;
}

/** The test login (ID-porten's place in demo and test installations). */
export async function citizenTestLogin(ctx: AppContext, input: z.infer<typeof citizenTestLoginInput>): Promise<{ token: string; expiresAt: string; citizen: Citizen }> {
  if (!ctx.citizenTestLogin) {
    throw new AppError('forbidden', ctx.idporten
      ? 'The test login for applicants is off in this installation; applicants log in with ID-porten (GET /api/v1/citizen/idporten/start).'
      : 'The test login for applicants is off in this installation; applicants log in with ID-porten, which is not configured here.');
  }
  const municipality = await findMunicipality(ctx.db.app, input.municipality);
  if (!municipality) throw invalidField('municipality', 'no such municipality');
  // The test login stands in for ID-porten with made-up people only: a real person's number is never taken.
  if (assertValidId('nationalId', input.nationalId, ctx).kind !== 'tnr') {
    throw invalidField('nationalId', 'the test login takes only synthetic (Test Norge) identity numbers, never a real person’s; real applicants log in with ID-porten');
  }
  return openCitizenSession(ctx, { municipalityId: municipality.id, nationalId: input.nationalId, displayName: `${input.givenName} ${input.familyName}`, method: 'test_login' });
}

/** An applicant session (at most two hours), from the test login or from ID-porten (oidcLogin.ts). */
export async function openCitizenSession(ctx: AppContext, citizen: Citizen): Promise<{ token: string; expiresAt: string; citizen: Citizen }> {
  const token = tenantToken(citizen.municipalityId, randomBytes(32).toString('base64url'));
  const expiresAt = new Date(Date.now() + Math.min(ctx.sessionHours, 2) * 3600_000);
  await insertCitizenSession(poolFor(ctx.db.app, citizen.municipalityId), { tokenHash: hashToken(token), ...citizen, expiresAt });
  return { token, expiresAt: expiresAt.toISOString(), citizen };
}

export async function authenticateCitizen(ctx: AppContext, token: string): Promise<Citizen | null> {
  const s = await findLiveCitizenSession(poolForToken(ctx.db.app, token), hashToken(token));
  return s ? { municipalityId: s.municipality_id, nationalId: s.national_id, displayName: s.display_name, method: s.method } : null;
}

export async function citizenLogout(ctx: AppContext, token: string): Promise<void> {
  await revokeCitizenSession(poolForToken(ctx.db.app, token), hashToken(token));
}

/** A fresh synthetic identity for the test login, so a newcomer can try the applicant's side. */
export function testIdentity(ctx: AppContext): { nationalId: string; givenName: string; familyName: string } {
  if (!ctx.citizenTestLogin || !ctx.allowSyntheticIds) throw new AppError('forbidden', 'Test identities are only given where the test login and synthetic numbers are on.');
  const birth = faker.date.birthdate({ min: 1935, max: 1990, mode: 'year' }).toISOString().slice(0, 10);
  return { nationalId: syntheticNationalId(faker, birth, new Set()), givenName: faker.person.firstName(), familyName: faker.person.lastName() };
}

const common = {
  serviceCode: z.enum(SERVICE_CODES),
  description: z.string().trim().min(1).max(4000).describe('What the applicant needs help with, in their own words'),
  whatMatters: z.string().trim().max(2000).optional().describe('What matters to the person (hva er viktig for deg)'),
  phone: z.string().trim().regex(/^\+?[0-9 ]{8,15}$/, 'a phone number of 8–15 digits').optional(),
};

/** For oneself, or for someone else with the authority to act for them (fvl § 12). */
export const applicationInput = z.discriminatedUnion('applyFor', [
  z.object({ applyFor: z.literal('self'), language: z.enum(LANGUAGES).default('nb'), ...common }),
  z.object({
    applyFor: z.literal('someone_else'),
    person: z.object({ nationalId: nationalIdField, givenName: name, familyName: name, language: z.enum(LANGUAGES).default('nb') }),
    authority: z.enum(REPRESENTATIVE_AUTHORITIES).describe('power_of_attorney (fullmakt), lawyer (advokat), guardian (verge), parent (foreldreansvar)'),
    documentedOn: z.iso.date().optional().describe('The date of the written power of attorney or appointment'),
    ...common,
  }),
]);
export type ApplicationInput = z.infer<typeof applicationInput>;

export interface Receipt {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly receivedOn: string;
  readonly serviceCode: string;
  readonly replyBy: string;
  readonly replyByCitation: string;
}

function nameParts(displayName: string): { givenName: string; familyName: string } {
  const parts = displayName.trim().split(/\s+/);
  return { givenName: parts.slice(0, -1).join(' ') || displayName, familyName: parts.at(-1) ?? displayName };
}

async function personFor(tx: Tx, ctx: AppContext, who: { nationalId: string; givenName: string; familyName: string; language: 'nb' | 'nn' }, field: string) {
  const found = await findPersonByNationalId(tx, who.nationalId);
  if (found) return found;
  const id = assertValidId(field, who.nationalId, ctx);
  return insertPerson(tx, { ...who, nationalIdKind: id.kind, birthDate: id.birthDate, protectedAddress: false });
}

/** Receives an application and opens its case, routed by the policy in force like any request. */
export async function submitApplication(ctx: AppContext, citizen: Citizen, meta: { requestId: string | null; idempotencyKey: string; fingerprint: string }, input: ApplicationInput): Promise<{ statusCode: number; body: Receipt; replayed: boolean }> {
  if (input.applyFor === 'someone_else') {
    assertValidId('person.nationalId', input.person.nationalId, ctx);
    if (input.person.nationalId === citizen.nationalId) throw invalidField('applyFor', 'this is your own identity number: apply for yourself');
  }
  // The key is scoped to the citizen, since every citizen writes through the same intake account.
  const fingerprint = createHmac('sha256', citizen.nationalId).update(meta.fingerprint).digest('hex');
  return inTenant(ctx.db.app, { municipalityId: citizen.municipalityId, staffId: null }, async (tx) => {
    const intakeId = await intakeAccount(tx);
    const stored = await claimIdempotencyKey(tx, intakeId, meta.idempotencyKey, fingerprint);
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw new AppError('idempotency-key-reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new application.');
      return { statusCode: stored.statusCode, body: stored.body as Receipt, replayed: true };
    }
    const self = input.applyFor === 'self';
    const person = self
      ? await personFor(tx, ctx, { nationalId: citizen.nationalId, ...nameParts(citizen.displayName), language: input.language }, 'nationalId')
      : await personFor(tx, ctx, input.person, 'person.nationalId');
    const authorityContext = await loadAuthorityContext(tx, { staffId: intakeId, roles: [], unitIds: [] });
    const today = todayOn(ctx);
    const how = citizen.method === 'idporten' ? 'ID-porten' : 'test login (not ID-porten)';
    const openedBy: Authority = {
      roles: ['digital_intake'],
      unitIds: [],
      grant: `Digital application by ${self ? 'the person' : `${citizen.displayName} for the person`} (${maskNationalId(citizen.nationalId)}, ${how})`,
    };
    const description = [input.description, input.whatMatters ? `Hva er viktig for meg: ${input.whatMatters}` : null, input.phone ? `Telefon: ${input.phone}` : null].filter(Boolean).join('\n\n');
    const caseId = crypto.randomUUID();
    await openCaseLog(tx, writerAt(authorityContext, meta.requestId, now(ctx)), {
      caseId,
      request: {
        personId: person.id,
        serviceCode: input.serviceCode,
        channel: self ? 'self' : 'representative',
        receivedOn: today,
        description,
        ...(self ? {} : { representative: { name: citizen.displayName, authority: input.authority, ...(input.documentedOn ? { documentedOn: input.documentedOn } : {}) } }),
      },
      districtId: person.district_id,
      openedBy,
    });
    const typedGivenName = input.applyFor === 'someone_else' ? input.person.givenName : null;
    await insertCitizenApplication(tx, { caseId, submitterNationalId: citizen.nationalId, submitterName: citizen.displayName, forSelf: self, method: citizen.method, typedGivenName });
    await recordCitizenAudit(tx, { staffId: intakeId, citizenNationalId: citizen.nationalId, operation: 'write', resource: 'digital application', personIds: [person.id], requestId: meta.requestId });
    const due = deadline(DEADLINES.provisionalReply, today);
    const opened = (await findCase(tx, caseId)) as CaseRow;
    const body: Receipt = { caseId, caseNumber: opened.case_number, receivedOn: today, serviceCode: input.serviceCode, replyBy: due.due, replyByCitation: due.citation };
    await completeIdempotencyKey(tx, intakeId, meta.idempotencyKey, 201, body);
    return { statusCode: 201, body, replayed: false };
  });
}

export interface CitizenCase {
  readonly caseNumber: string;
  readonly serviceCode: string;
  readonly receivedOn: string;
  readonly stateKey: string;
  readonly forWhom: 'self' | 'someone_else';
  readonly personGivenName: string;
  readonly decision: { readonly outcome: string; readonly decidedOn: string | null; readonly complaintBody: ComplaintBody } | null;
  readonly expectedBy: string | null;
}

/** The citizen's cases, as the state's key and dates; the web app puts them in plain words. */
export async function citizenCaseList(ctx: AppContext, citizen: Citizen, requestId: string | null): Promise<CitizenCase[]> {
  return inTenant(ctx.db.app, { municipalityId: citizen.municipalityId, staffId: null }, async (tx) => {
    const rows = await citizenCases(tx, citizen.nationalId);
    const intakeId = await intakeAccount(tx);
    await recordCitizenAudit(tx, { staffId: intakeId, citizenNationalId: citizen.nationalId, operation: 'read', resource: 'own cases', personIds: [...new Set(rows.map((r) => r.person_id))], requestId });
    return rows.map((r) => {
      const state = r.state as unknown as CaseState;
      return {
        caseNumber: r.case_number,
        serviceCode: r.service_code,
        receivedOn: r.received_on,
        stateKey: r.complaint_stage ? `complaint_${r.complaint_stage}` : r.status,
        forWhom: r.own ? 'self' : 'someone_else',
        personGivenName: r.person_given_name,
        decision: state.decision ? { outcome: state.decision.outcome, decidedOn: state.decision.decidedOn ?? null, complaintBody: complaintBodyOf(state.decision.serviceCode) } : null,
        expectedBy: r.expected_by,
      };
    });
  });
}


export interface CitizenAccessEntry {
  readonly at: string;
  readonly staffName: string;
  readonly purpose: string;
  readonly operation: string;
  readonly resource: string;
}

/**
 * Who has read or changed the applicant's own record, when and why (innsynslogg; pasientjournalloven
 * § 18): staff reads, writes, refused attempts and emergency access with its reason. Only the
 * applicant's own person: never the log of someone they applied for.
 */
export async function citizenAccessLog(ctx: AppContext, citizen: Citizen, requestId: string | null): Promise<CitizenAccessEntry[]> {
  return inTenant(ctx.db.app, { municipalityId: citizen.municipalityId, staffId: null }, async (tx) => {
    const person = await findPersonByNationalId(tx, citizen.nationalId);
    if (!person) return [];
    const rows = (await auditTrailOfPerson(tx, person.id, 500)).filter((r) => r.purpose !== 'own_case');
    const intakeId = await intakeAccount(tx);
    await recordCitizenAudit(tx, { staffId: intakeId, citizenNationalId: citizen.nationalId, operation: 'read', resource: 'own access log', personIds: [person.id], requestId });
    return rows.map((r) => ({ at: r.at.toISOString(), staffName: r.staff_name, purpose: r.purpose, operation: r.operation, resource: r.resource }));
  });
}
