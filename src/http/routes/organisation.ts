/**
 * /api/v1/organisation and /api/v1/routing-rules: the organisation as dated data (issue 17).
 * Reads are open to every staff member (the organisation is not personal data); changes are the
 * administrator's, each from a date and written to the log of changes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { now } from '../../app/clock.ts';
import { describeMerge, mergeInput, mergeUnits } from '../../app/merges.ts';
import { describeOrganisation } from '../../app/organisation.ts';
import { addDistrict, addStaff, addUnit, changeStaff, closeUnit, configure, CONFIGURERS, endUnitInput, newDistrictInput, newStaffInput, newUnitInput, staffChangeInput } from '../../app/orgConfig.ts';
import { csvImportInput, importAreas, importStaff } from '../../app/orgImport.ts';
import { addArea, addRoutingRule, closeArea, closeRoutingRule, endInput, newAreaInput, newRuleInput } from '../../app/routingConfig.ts';
import { STREET_SIDES } from '../../domain/organisation/areas.ts';
import { requireRole } from '../../app/roles.ts';
import { routingConditionsSchema, routingTargetSchema } from '../../domain/organisation/routingRules.ts';
import { listAreas, listOrgChanges, listRoutingRules } from '../../store/orgConfig.ts';
import { inTenant } from '../../store/tx.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams } from '../schemas.ts';

const period = { validFrom: z.string(), validTo: z.string().nullable() };
const organisationSchema = z.object({
  municipality: z.object({ id: z.string(), name: z.string(), organisationalModel: z.string(), inhabitants: z.int().nullable() }),
  onDate: z.string().describe('The day the organisation is shown for'),
  districts: z.array(z.object({ id: z.uuid(), name: z.string() })),
  units: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), districtId: z.uuid().nullable(), ...period, mergedInto: z.uuid().nullable() })),
  staff: z.array(
    z.object({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      profession: z.string().nullable(),
      roles: z.array(z.string()),
      unitIds: z.array(z.string()).describe('The units the staff member serves in today'),
      active: z.boolean(),
      memberships: z.array(z.object({ unitId: z.uuid(), ...period })).optional().describe('With history=true: every membership period'),
    }),
  ),
});
const areaSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  districtId: z.uuid(),
  teamUnitId: z.uuid().nullable(),
  postalCodes: z.array(z.string()),
  addressRanges: z.array(z.object({ street: z.string(), from: z.int(), to: z.int(), side: z.enum(STREET_SIDES), postalCode: z.string().optional() })),
  grunnkrets: z.array(z.string()),
  ...period,
});
const ruleSchema = z.object({ id: z.uuid(), name: z.string(), priority: z.int(), conditions: routingConditionsSchema, target: routingTargetSchema, ...period });
const endedSchema = z.object({ id: z.uuid(), validTo: z.string() });
const changeSchema = z.object({
  id: z.uuid(),
  kind: z.string().describe('district_created, unit_created, unit_closed, unit_merged, unit_merge_scheduled, staff_created, staff_changed, staff_position_recorded, staff_position_ended, area_created, area_ended, routing_rule_created, routing_rule_ended'),
  subjectId: z.uuid().nullable(),
  effectiveOn: z.string(),
  payload: z.record(z.string(), z.unknown()),
  summary: z.string(),
  staffId: z.uuid(),
  staffName: z.string(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  appliedAt: z.string().nullable().describe('For a merge: when it was applied (null while it waits for its day)'),
});
const mergePreviewSchema = z.object({
  fromUnitId: z.uuid(),
  intoUnitId: z.uuid(),
  effectiveOn: z.string(),
  staffMoving: z.array(z.object({ id: z.uuid(), displayName: z.string(), alreadyInReceivingUnit: z.boolean() })),
  openCasesMoving: z.int(),
  openWorkItemsMoving: z.int(),
  areasRepointed: z.int(),
  routingRulesRepointed: z.int(),
});
const importResult = z.object({ fileName: z.string(), rows: z.int(), imported: z.boolean(), detail: z.string() });
const writeErrors = errorResponses(400, 401, 403, 404, 409, 422);

const command = <B extends z.ZodType, R extends z.ZodType>(operationId: string, summary: string, body: B, response: R) => ({
  tags: ['organisation'],
  operationId,
  summary,
  headers: commandHeadersSchema,
  body,
  response: { 201: response, 200: response, ...writeErrors },
});
const commandOn = <B extends z.ZodType, R extends z.ZodType>(operationId: string, summary: string, body: B, response: R) => ({ ...command(operationId, summary, body, response), params: idParams });

function readRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/organisation', {
      schema: {
        tags: ['organisation'],
        operationId: 'getOrganisation',
        summary: 'Your municipality: districts, the units in force today and staff; history=true adds ended and later units and every membership period',
        querystring: z.object({ history: z.stringbool().default(false) }),
        response: { 200: organisationSchema, ...errorResponses(400, 401, 404) },
      },
      handler: async (request) => describeOrganisation(ctx, principalOf(request), request.query.history),
    });
    app.get('/organisation/areas', {
      schema: { tags: ['organisation'], operationId: 'listAreas', summary: 'Geographic areas with their postcodes, street address ranges, grunnkrets codes, district, team and period', response: { 200: z.array(areaSchema), ...errorResponses(401) } },
      handler: async (request) => inTenant(ctx.db.app, principalOf(request), async (tx) => (await listAreas(tx)).map((a) => ({ ...a, postalCodes: [...a.postalCodes], addressRanges: [...a.addressRanges], grunnkrets: [...a.grunnkrets] }))),
    });
    app.get('/routing-rules', {
      schema: { tags: ['organisation'], operationId: 'listRoutingRules', summary: 'The routing rules, ranked, with their periods', response: { 200: z.array(ruleSchema), ...errorResponses(401) } },
      handler: async (request) => inTenant(ctx.db.app, principalOf(request), (tx) => listRoutingRules(tx)),
    });
    app.get('/organisation/changes', {
      schema: {
        tags: ['organisation'],
        operationId: 'listOrganisationChanges',
        summary: 'The log of configuration changes, newest first (administrators and leaders)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: z.array(changeSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => {
        const principal = principalOf(request);
        requireRole(principal, [...CONFIGURERS, 'leader'], 'Reading the log of configuration changes');
        return inTenant(ctx.db.app, principal, (tx) => listOrgChanges(tx, request.query.limit));
      },
    });
    app.post('/organisation/merges/preview', {
      schema: { tags: ['organisation'], operationId: 'previewMerge', summary: 'What a merge would move: staff by name, open cases and work items as counts, areas and routing rules', body: mergeInput.omit({ reason: true }), response: { 200: mergePreviewSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => {
        const principal = principalOf(request);
        requireRole(principal, CONFIGURERS, 'Previewing a merge');
        return inTenant(ctx.db.app, principal, (tx) => describeMerge(tx, request.body));
      },
    });
  };
}

function writeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const local = ctx.localPasswords ?? true;
    app.post('/organisation/districts', {
      schema: command('addDistrict', 'Add a district', newDistrictInput, z.object({ id: z.uuid(), name: z.string() })),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => addDistrict(tx, principalOf(request).staffId, request.body, today))),
    });
    app.post('/organisation/units', {
      schema: command('addUnit', 'Add a unit from a date (a team, an allocation office, a board, a provider, management)', newUnitInput, z.object({ id: z.uuid() }).loose()),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => addUnit(tx, principalOf(request).staffId, request.body, today))),
    });
    app.post('/organisation/units/:id/end', {
      schema: commandOn('endUnit', 'End a unit from a date; one that holds open cases or members is merged instead', endUnitInput, endedSchema),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => closeUnit(tx, principalOf(request).staffId, request.params.id, request.body, today), 200)),
    });
    app.post('/organisation/merges', {
      schema: command('mergeUnits', 'Merge a unit into another from a date: staff, open cases (through the case pipeline), areas and routing rules move; a later date is applied by the job runner on the day', mergeInput, z.object({ changeId: z.uuid(), scheduled: z.boolean(), summary: z.string(), preview: mergePreviewSchema })),
      handler: async (request, reply) => {
        const p = principalOf(request);
        return sendCommandResult(reply, await configure(ctx, p, commandMeta(request), (tx, today) => mergeUnits(tx, p.staffId, p.displayName, request.body, today, now(ctx))));
      },
    });
    app.post('/organisation/staff', {
      schema: command('addStaff', 'Add a staff member with roles and units from a date', newStaffInput, z.object({ id: z.uuid() }).loose()),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => addStaff(tx, principalOf(request).staffId, request.body, today, local))),
    });
    app.post('/organisation/staff/:id/changes', {
      schema: commandOn('changeStaff', "Change a staff member's roles, units (from a date) or whether they may log in", staffChangeInput, z.object({ id: z.uuid() }).loose()),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => changeStaff(tx, principalOf(request).staffId, request.params.id, request.body, today), 200)),
    });
    app.post('/organisation/staff/import', {
      schema: command('importStaff', 'Import staff from CSV (username;displayName;profession;roles;units;validFrom): every row or none, with each refused row by line and column', csvImportInput, importResult),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => importStaff(tx, principalOf(request).staffId, request.body, today, local))),
    });
    app.post('/organisation/areas', {
      schema: command('addArea', 'Add a geographic area (postcodes, street address ranges or grunnkrets codes of a district, and the team covering them) from a date', newAreaInput, areaSchema),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => addArea(tx, principalOf(request).staffId, request.body, today))),
    });
    app.post('/organisation/areas/:id/end', {
      schema: commandOn('endArea', 'End a geographic area from a date', endInput, endedSchema),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => closeArea(tx, principalOf(request).staffId, request.params.id, request.body, today), 200)),
    });
    app.post('/organisation/areas/import', {
      schema: command('importAreas', 'Import areas from CSV (name;district;team;postalCodes;validFrom): every row or none', csvImportInput, importResult),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => importAreas(tx, principalOf(request).staffId, request.body, today))),
    });
    app.post('/routing-rules', {
      schema: command('addRoutingRule', 'Add a routing rule from a date: conditions (area, district, service, age band, diagnosis group, pathway) and a target (unit, board meeting, caseworker pool)', newRuleInput, ruleSchema),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => addRoutingRule(tx, principalOf(request).staffId, request.body, today))),
    });
    app.post('/routing-rules/:id/end', {
      schema: commandOn('endRoutingRule', 'End a routing rule from a date', endInput, endedSchema),
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx, today) => closeRoutingRule(tx, principalOf(request).staffId, request.params.id, request.body, today), 200)),
    });
  };
}

export function organisationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(readRoutes(ctx));
    await app.register(writeRoutes(ctx));
  };
}
