/**
 * The municipality's settings for the national services (issue 21 part 6), kept as data: endpoints,
 * organisation numbers, HER-ids and references to keys. Only the administrator reads and changes them;
 * a key itself is never accepted (secrets.ts: a reference is env:NAME or file:/path).
 */
import { z } from 'zod';
import { INTEGRATION_SERVICES, type IntegrationService } from '../integrations/channel.ts';
import { SETTINGS } from '../integrations/settings.ts';
import { listIntegrations, saveIntegration } from '../store/integrationConfig.ts';
import { messagesOfCase, type MessageListing } from '../store/outbox.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import type { CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError } from './errors.ts';
import { gatedCase, gateOf } from './gate.ts';
import { configure, CONFIGURERS } from './orgConfig.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

export const integrationInput = z.object({
  enabled: z.boolean().describe('Whether tildel uses the service now'),
  settings: z.record(z.string(), z.unknown()).describe('The service’s settings (see `fields` in GET /integrations)'),
});

export interface SettingField {
  readonly name: string;
  readonly required: boolean;
  readonly description: string | null;
  /** How the form asks for it: free text, yes or no, or one of the options. */
  readonly kind: 'text' | 'boolean' | 'choice';
  readonly options: string[];
}

/** The schema inside any default or optional wrapper. */
function inner(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

export interface IntegrationView {
  readonly service: IntegrationService;
  readonly configured: boolean;
  readonly enabled: boolean;
  readonly settings: Record<string, unknown>;
  readonly updatedAt: string | null;
  readonly fields: SettingField[];
}

/** The fields of a service's settings, from its schema (so the form and the check never differ). */
function fieldsOf(service: IntegrationService): SettingField[] {
  const shape = SETTINGS[service].shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, schema]) => {
    const core = inner(schema);
    const kind = core instanceof z.ZodBoolean ? 'boolean' : core instanceof z.ZodEnum ? 'choice' : 'text';
    const options = core instanceof z.ZodEnum ? (core.options as string[]) : [];
    return { name, required: !schema.safeParse(undefined).success, description: schema.description ?? core.description ?? null, kind, options };
  });
}

export async function listIntegrationSettings(ctx: AppContext, principal: Principal): Promise<IntegrationView[]> {
  requireRole(principal, CONFIGURERS, 'Reading the integration settings');
  const rows = await inTenant(ctx.db.app, principal, (tx) => listIntegrations(tx));
  return INTEGRATION_SERVICES.map((service) => {
    const row = rows.find((r) => r.service === service);
    return { service, configured: !!row, enabled: row?.enabled ?? false, settings: row?.settings ?? {}, updatedAt: row?.updatedAt ?? null, fields: fieldsOf(service) };
  });
}

/** Saves a service's settings after checking them against its schema; a refusal names each field (settings.<field>). */
export async function saveIntegrationSettings(ctx: AppContext, principal: Principal, meta: CommandMeta, service: IntegrationService, input: z.infer<typeof integrationInput>): Promise<CommandResult> {
  requireRole(principal, CONFIGURERS, 'Changing the integration settings');
  const parsed = SETTINGS[service].safeParse(input.settings);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: ['settings', ...i.path.map(String)].join('.'), message: i.message, code: 'invalid' }));
    throw new AppError('validation', `The settings for ${service} are not valid.`, { fields });
  }
  return configure(ctx, principal, meta, async (tx) => {
    await saveIntegration(tx, service, input.enabled, parsed.data as Record<string, unknown>, principal.staffId);
    const row = (await listIntegrations(tx)).find((r) => r.service === service);
    return { service, configured: true, enabled: input.enabled, settings: parsed.data, updatedAt: row?.updatedAt ?? null, fields: fieldsOf(service) };
  }, 200);
}

/** The messages to national services a case caused, and what became of them (through the gate, audited). */
export async function caseMessages(ctx: AppContext, principal: Principal, meta: RequestMeta, caseId: string): Promise<MessageListing[]> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const { row } = await gatedCase(tx, gate, caseId, 'full', 'the case’s messages');
    await audit(tx, principal, meta, 'read', 'case messages', [row.person_id]);
    return messagesOfCase(tx, caseId);
  });
}
