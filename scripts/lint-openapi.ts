/**
 * Lints the OpenAPI document the server generates, with Redocly's recommended rules (redocly.yaml):
 * builds the server without a database or a listening socket, writes the document to
 * .tildel/openapi.json and runs `redocly lint` on it. `npm run lint:openapi`; part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { openapiDocument } from '../src/http/openapiTypes.ts';

/** A fixed path, so that .redocly.lint-ignore.yaml can name the few operations it excuses. */
const FILE = '.tildel/openapi.json';

await mkdir('.tildel', { recursive: true });
await writeFile(FILE, `${JSON.stringify(await openapiDocument(), null, 2)}\n`);
const lint = spawnSync('npx', ['--no-install', 'redocly', 'lint', FILE, '--config', 'redocly.yaml'], {
  stdio: 'inherit',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
process.exit(lint.status ?? 1);
