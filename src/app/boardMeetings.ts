/** Use cases for allocation board meetings and for staff absences. */
import { z } from 'zod';
import { addAgendaItem, agendaOf, findMeeting, holdMeeting, insertMeeting, listMeetings, type MeetingRow } from '../store/board.ts';
import { findCase } from '../store/cases.ts';
import { findStaff, listUnits } from '../store/org.ts';
import { insertAbsence } from '../store/queues.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { runCommand, type CommandResult } from './command.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gateOf, levelsOfCases } from './gate.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { invalidField, notFound } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

export const newMeetingInput = z.object({
  boardUnitId: z.uuid(),
  meetsOn: z.iso.date(),
  memberStaffIds: z.array(z.uuid()).min(1).describe('The board members summoned'),
});
export const holdMeetingInput = z.object({
  presentStaffIds: z.array(z.uuid()).describe('Members present; quorum is counted from these'),
  minutes: z.string().trim().min(1).max(20_000).optional().describe('Left out when the meeting opens: presence only, so its cases can be decided; the minutes hold the meeting'),
});
export const agendaInput = z.object({ caseId: z.uuid() });
export const absenceInput = z
  .object({ fromDate: z.iso.date(), toDate: z.iso.date().optional() })
  .refine((a) => a.toDate === undefined || a.toDate >= a.fromDate, { path: ['toDate'], message: 'must not be before fromDate' });

const BOARD_ROLES = ['board_member', 'leader', 'caseworker'];
const ABSENCE_ROLES = ['team_leader', 'leader', 'admin'];

async function meetingView(tx: Tx, m: MeetingRow) {
  return { id: m.id, boardUnitId: m.board_unit_id, meetsOn: m.meets_on, status: m.status, minutes: m.minutes, members: m.members, present: m.present, agenda: await agendaOf(tx, m.id) };
}

export async function createMeeting(ctx: AppContext, principal: Principal, meta: CommandMeta, input: z.infer<typeof newMeetingInput>): Promise<CommandResult> {
  requireRole(principal, BOARD_ROLES, 'Planning a board meeting');
  return runCommand(ctx, principal, meta, async (tx) => {
    const unit = (await listUnits(tx)).find((u) => u.id === input.boardUnitId);
    if (unit?.kind !== 'allocation_board') throw invalidField('boardUnitId', 'no allocation board with this id');
    for (const [i, id] of input.memberStaffIds.entries()) {
      const staff = await findStaff(tx, id);
      if (!staff?.roles.includes('board_member')) throw invalidField(`memberStaffIds.${i}`, 'not a board member of this municipality');
    }
    const id = await insertMeeting(tx, { boardUnitId: input.boardUnitId, meetsOn: input.meetsOn, memberIds: input.memberStaffIds });
    return { statusCode: 201, body: await meetingView(tx, (await findMeeting(tx, id)) as MeetingRow) };
  });
}

export async function recordMeeting(ctx: AppContext, principal: Principal, meta: CommandMeta, id: string, input: z.infer<typeof holdMeetingInput>): Promise<CommandResult> {
  requireRole(principal, BOARD_ROLES, 'Recording a board meeting');
  return runCommand(ctx, principal, meta, async (tx) => {
    if (!(await findMeeting(tx, id))) throw notFound('The board meeting');
    await holdMeeting(tx, id, input.presentStaffIds, input.minutes ?? null);
    return { statusCode: 200, body: await meetingView(tx, (await findMeeting(tx, id)) as MeetingRow) };
  });
}

export async function putOnAgenda(ctx: AppContext, principal: Principal, meta: CommandMeta, id: string, input: z.infer<typeof agendaInput>): Promise<CommandResult> {
  requireRole(principal, BOARD_ROLES, 'Setting the agenda');
  return runCommand(ctx, principal, meta, async (tx) => {
    if (!(await findMeeting(tx, id))) throw notFound('The board meeting');
    if (!(await findCase(tx, input.caseId))) throw invalidField('caseId', 'no such case');
    await addAgendaItem(tx, id, input.caseId);
    return { statusCode: 200, body: await meetingView(tx, (await findMeeting(tx, id)) as MeetingRow) };
  });
}

export async function meetings(ctx: AppContext, principal: Principal, meta: RequestMeta) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const views = [];
    for (const m of await listMeetings(tx)) {
      const view = await meetingView(tx, m);
      // The agenda shows the cases the gate lets through (the board's own agendas, and cases the staff member handles).
      const levels = await levelsOfCases(tx, gate, view.agenda.map((a) => a.case_id));
      views.push({ ...view, agenda: view.agenda.filter((a) => levels.get(a.case_id)?.level === 'full') });
    }
    await audit(tx, principal, meta, 'read', 'board agenda', [...new Set(views.flatMap((v) => v.agenda.map((a) => a.person_id)))]);
    return views;
  });
}

export async function registerAbsence(ctx: AppContext, principal: Principal, meta: CommandMeta, staffId: string, input: z.infer<typeof absenceInput>): Promise<CommandResult> {
  requireRole(principal, ABSENCE_ROLES, 'Registering an absence');
  return runCommand(ctx, principal, meta, async (tx) => {
    if (!(await findStaff(tx, staffId))) throw notFound('The staff member');
    const id = await insertAbsence(tx, { staffId, fromDate: input.fromDate, toDate: input.toDate ?? null });
    return { statusCode: 201, body: { id, staffId, fromDate: input.fromDate, toDate: input.toDate ?? null } };
  });
}
