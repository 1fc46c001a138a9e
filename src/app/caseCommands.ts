/**
 * Commands on cases from the API: register a request (which opens the case and routes it by policy)
 * and append follow-up actions. Both write through the one case pipeline (casePipeline.ts) and the
 * access log.
 */
import { actionPayloadSchemas, type FollowUpAction } from '../domain/case/index.ts';
import { findCase, type CaseRow } from '../store/cases.ts';
import { findPerson } from '../store/persons.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { allowedActionsFor, loadAuthorityContext } from './authority.ts';
import { appendToCase, openCaseLog, writerAt, type OpenCaseInput } from './casePipeline.ts';
import { caseView } from './cases.ts';
import { now } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { invalidField } from './errors.ts';
import { enqueueBudgetChecks } from '../jobs/enqueue.ts';
import type { Principal } from './principal.ts';

export const openCaseInput = actionPayloadSchemas.request_received;
export type { OpenCaseInput };

export interface AppendActionInput {
  readonly expectedVersion: number;
  readonly action: FollowUpAction;
  readonly reason?: string | undefined;
}

/** Registers a request, opens its case and routes it where the policy says (søknad registrert). */
export async function openCase(ctx: AppContext, principal: Principal, meta: CommandMeta, input: OpenCaseInput): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    const person = await findPerson(tx, input.personId);
    if (!person) throw invalidField('personId', 'no such person in this municipality');
    const writer = writerAt(await loadAuthorityContext(tx, principal), meta.requestId, now(ctx), meta.purpose);
    const { caseId, state } = await openCaseLog(tx, writer, { request: input, districtId: person.district_id });
    await audit(tx, principal, meta, 'write', 'case', [input.personId]);
    return { statusCode: 201, body: caseView((await findCase(tx, caseId)) as CaseRow, allowedActionsFor(writer.authority, state, writer.onDate)) };
  });
}

/** Appends one follow-up action to a case, if the table, the policy and the rules allow it and the version is current. */
export async function appendCaseAction(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  caseId: string,
  input: AppendActionInput,
): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  const result = await runCommand(ctx, principal, meta, async (tx) => {
    const writer = writerAt(await loadAuthorityContext(tx, principal), meta.requestId, now(ctx), meta.purpose);
    const { before, state, action } = await appendToCase(tx, writer, { caseId, body: input.action, expectedVersion: input.expectedVersion, reason: input.reason ?? null });
    await audit(tx, principal, meta, 'write', `case action ${action.type}`, [before.personId]);
    return { statusCode: 200, body: caseView((await findCase(tx, caseId)) as CaseRow, allowedActionsFor(writer.authority, state, writer.onDate)) };
  });
  // The decision is committed; its budget check runs in the job runner (app/budgetCheck.ts).
  if (input.action.type === 'decision_made' && !result.replayed) await enqueueBudgetChecks(ctx.db, principal.municipalityId);
  return result;
}
