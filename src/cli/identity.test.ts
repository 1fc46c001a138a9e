/** Local passwords are a development and demo facility: on only when asked for, or in a demo installation without a provider. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { identitySettings } from './identity.ts';

const key = path.join(mkdtempSync(path.join(os.tmpdir(), 'tildel-key-')), 'key.jwk');
writeFileSync(key, '{}');
const provider = { TILDEL_OIDC_ISSUER: 'https://idp.kommune.no', TILDEL_OIDC_CLIENT_ID: 'tildel', TILDEL_OIDC_PRIVATE_KEY: key, TILDEL_PUBLIC_URL: 'https://tildel.kommune.no' };

describe('local passwords', () => {
  it('are on in a demo installation without a provider, and off in any other unless asked for', () => {
    expect(identitySettings(loadConfig({}), true).localPasswords).toBe(true);
    expect(identitySettings(loadConfig({}), false).localPasswords).toBe(false);
    expect(identitySettings(loadConfig({ TILDEL_LOCAL_PASSWORDS: 'true' }), false).localPasswords).toBe(true);
    expect(identitySettings(loadConfig({ TILDEL_LOCAL_PASSWORDS: 'false' }), true).localPasswords).toBe(false);
  });

  it('are off beside an identity provider, also in a demo, unless asked for', () => {
    expect(identitySettings(loadConfig(provider), true).localPasswords).toBe(false);
    expect(identitySettings(loadConfig({ ...provider, TILDEL_LOCAL_PASSWORDS: 'true' }), false).localPasswords).toBe(true);
    expect(identitySettings(loadConfig(provider), false).staffIdentityProvider).toMatchObject({ issuer: 'https://idp.kommune.no', redirectUri: 'https://tildel.kommune.no/api/v1/auth/oidc/callback' });
  });
});
