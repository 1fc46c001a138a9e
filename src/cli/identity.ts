/** The identity-provider settings of the environment, as the use cases see them (AppContext). */
import type { AppContext } from '../app/context.ts';
import { IDPORTEN_ACR } from '../app/oidcLogin.ts';
import type { Config } from '../config.ts';
import { CITIZEN_CALLBACK_PATH, STAFF_CALLBACK_PATH } from '../http/routes/oidc.ts';

/**
 * Local passwords are a development and demo facility: on only when TILDEL_LOCAL_PASSWORDS says so, or
 * in a demo installation (serve --demo-if-empty) with no identity provider configured.
 */
export function identitySettings(config: Config, demo = false): Pick<AppContext, 'localPasswords' | 'staffIdentityProvider' | 'idporten'> {
  const publicUrl = (config.TILDEL_PUBLIC_URL ?? '').replace(/\/+$/, '');
  const staff = config.TILDEL_OIDC_ISSUER
    ? {
        issuer: config.TILDEL_OIDC_ISSUER,
        clientId: config.TILDEL_OIDC_CLIENT_ID ?? '',
        privateKeyPath: config.TILDEL_OIDC_PRIVATE_KEY ?? '',
        redirectUri: `${publicUrl}${STAFF_CALLBACK_PATH}`,
        scope: config.TILDEL_OIDC_SCOPE,
        usernameClaim: config.TILDEL_OIDC_USERNAME_CLAIM,
      }
    : undefined;
  const idporten = config.TILDEL_IDPORTEN_ISSUER
    ? {
        issuer: config.TILDEL_IDPORTEN_ISSUER,
        clientId: config.TILDEL_IDPORTEN_CLIENT_ID ?? '',
        privateKeyPath: config.TILDEL_IDPORTEN_PRIVATE_KEY ?? '',
        redirectUri: `${publicUrl}${CITIZEN_CALLBACK_PATH}`,
        scope: 'openid profile',
        // Substantial is the least ID-porten may give; the applicant may still use a high-level means.
        authorizationParams: { acr_values: IDPORTEN_ACR[0], ui_locales: 'nb' },
      }
    : undefined;
  return {
    localPasswords: localPasswordsOn(config, demo),
    ...(staff ? { staffIdentityProvider: staff } : {}),
    ...(idporten ? { idporten } : {}),
  };
}

function localPasswordsOn(config: Config, demo: boolean): boolean {
  if (config.TILDEL_LOCAL_PASSWORDS !== undefined) return config.TILDEL_LOCAL_PASSWORDS;
  return demo && !config.TILDEL_OIDC_ISSUER;
}
