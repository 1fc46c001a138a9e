/**
 * Keys are never stored in the database or the repository: the settings hold a reference, `env:NAME`
 * (an environment variable) or `file:/path` (a file the operator mounts), resolved when a message is sent.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const secretRef = z
  .string()
  .regex(/^(env:[A-Z_][A-Z0-9_]*|file:\/\S+)$/, 'a key reference: env:NAME or file:/absolute/path (never the key itself)')
  .describe('Where the key is found: env:NAME or file:/absolute/path');

export async function resolveSecret(ref: string): Promise<string> {
  if (ref.startsWith('env:')) {
    const value = process.env[ref.slice(4)];
    if (!value) throw new Error(`The key reference ${ref} names an environment variable that is not set`);
    return value;
  }
  if (ref.startsWith('file:')) return (await readFile(ref.slice(5), 'utf8')).trim();
  throw new Error('A key reference is env:NAME or file:/path');
}
