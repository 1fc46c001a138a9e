/**
 * Settings from the environment, validated once at start. Every setting has a default that runs
 * the system on the embedded PostgreSQL with demo data.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** An optional setting; set but empty counts as unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const keyFile = z.string().refine((p) => existsSync(p), 'no such file');

const configSchema = z.object({
  DATABASE_URL: z
    .preprocess((v) => (v === '' ? undefined : v), z.url().optional())
    .describe('An existing PostgreSQL server; unset or empty: the embedded one'),
  TILDEL_DATA_DIR: z.string().min(1).default('.tildel/pgdata').describe('Data folder of the embedded PostgreSQL'),
  TILDEL_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  TILDEL_DB_NAME: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('tildel'),
  HOST: z.string().default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TILDEL_ALLOW_SYNTHETIC_IDS: flag.default(true).describe('Accept Test Norge synthetic identity numbers'),
  TILDEL_CITIZEN_TEST_LOGIN: flag
    .optional()
    .describe('Applicants log in with a synthetic test identity instead of ID-porten; unset: on only in a demo installation (serve --demo-if-empty)'),
  TILDEL_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(10),
  /** Minutes a staff session may go unused before it ends. */
  TILDEL_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().max(24 * 60).default(30),
  /** Login attempts per minute from one client address (staff and applicant logins); a name is also locked after five failures. */
  TILDEL_LOGINS_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(30),
  TILDEL_LOCAL_PASSWORDS: flag
    .optional()
    .describe('Staff log in with a local username and password (development and demos); unset: on only in a demo installation (serve --demo-if-empty) without TILDEL_OIDC_ISSUER'),
  TILDEL_PUBLIC_URL: optional(z.url({ protocol: /^https?$/ }))
    .describe('The address people reach this installation at (e.g. https://tildel.kommune.no); the redirect URIs are under it'),
  TILDEL_OIDC_ISSUER: optional(z.url({ protocol: /^https?$/ })).describe("The staff's identity provider (OpenID Connect issuer); unset: no provider"),
  TILDEL_OIDC_CLIENT_ID: optional(z.string().min(1)),
  TILDEL_OIDC_PRIVATE_KEY: optional(keyFile).describe('The client key for private_key_jwt: a PEM (PKCS#8) or JWK file'),
  TILDEL_OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username').describe('The claim matched to a staff username on the first login'),
  TILDEL_OIDC_SCOPE: z.string().min(1).default('openid profile'),
  TILDEL_IDPORTEN_ISSUER: optional(z.url({ protocol: /^https?$/ })).describe('ID-porten for applicants (e.g. https://idporten.no); unset: none'),
  TILDEL_IDPORTEN_CLIENT_ID: optional(z.string().min(1)),
  TILDEL_IDPORTEN_PRIVATE_KEY: optional(keyFile).describe('The client key for private_key_jwt: a PEM (PKCS#8) or JWK file'),
  TILDEL_METRICS_TOKEN: optional(z.string().min(16, 'at least 16 characters'))
    .describe('The bearer token that may read GET /metrics (Prometheus); unset: only a scraper on this machine may'),
  TILDEL_TENANT_ROUTES: optional(z.string().refine((p) => existsSync(p), 'no such file'))
    .describe('A JSON file placing municipalities on other PostgreSQL servers ({"servers": {name: url}, "municipalities": {id: name}}); unset: every municipality on the one database'),
  TILDEL_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(50)
    .describe("How far V8 lets the JavaScript heap grow past what the last full collection kept, in per cent; 0: V8's own adaptive factor (up to 300 %), which holds far more memory under load"),
  TILDEL_CLOCK: z
    .preprocess((v) => (v === '' ? undefined : v), z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional())
    .describe('Run the rules at a fixed date or instant (tests and demo installations); unset: the system clock'),
}).superRefine((c, ctx) => {
  // An identity provider needs its client, its key and the address it sends people back to.
  const needs = (issuer: 'TILDEL_OIDC_ISSUER' | 'TILDEL_IDPORTEN_ISSUER', names: readonly (keyof typeof c)[]) => {
    if (c[issuer] === undefined) return;
    for (const name of names.filter((n) => c[n] === undefined)) ctx.addIssue({ code: 'custom', path: [name], message: `required when ${issuer} is set` });
  };
  needs('TILDEL_OIDC_ISSUER', ['TILDEL_OIDC_CLIENT_ID', 'TILDEL_OIDC_PRIVATE_KEY', 'TILDEL_PUBLIC_URL']);
  needs('TILDEL_IDPORTEN_ISSUER', ['TILDEL_IDPORTEN_CLIENT_ID', 'TILDEL_IDPORTEN_PRIVATE_KEY', 'TILDEL_PUBLIC_URL']);
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings in the environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
