/**
 * Every stand-in at once (`tildel stand-ins`, and the end-to-end test): Maskinporten, SvarUt and KRR,
 * Fiks Arkiv, Norsk Helsenett with HelseID, and the population register, each validating what it
 * receives against its published specification. The keys the clients sign with are made here, written
 * to files only the owner can read, and referred to from the settings (file:/path), as an operator would.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntegrationService } from './channel.ts';
import { startFiksArkivStandIn, type FiksArkivStandIn } from './fiksArkiv/standIn.ts';
import { FOLKEREGISTER_SCOPE } from './folkeregister/client.ts';
import { startFolkeregisterStandIn, type FolkeregisterStandIn } from './folkeregister/standIn.ts';
import { startKrrStandIn, type KrrStandIn } from './krr/standIn.ts';
import { MASKINPORTEN_SCOPES, newMaskinportenClientKey, startMaskinportenStandIn, type MaskinportenStandIn } from './maskinporten/index.ts';
import { startNhnStandIn, type NhnStandIn } from './nhn/standIn.ts';
import type { Settings } from './settings.ts';
import type { StandIn } from './standIn.ts';
import { startSvarutStandIn, type SvarUtStandIn } from './svarut/standIn.ts';

export interface StandInSetOptions {
  /** Where the generated keys are written (a folder only the operator reads). */
  readonly keyDir: string;
  readonly host?: string;
  /** The first port; the stand-ins take the next ones in order (0: any free ports). */
  readonly basePort?: number;
  /** The municipality's HER-id at Norsk Helsenett and its organisation and municipality numbers. */
  readonly herId?: string;
  readonly organisationNumber?: string;
  readonly municipalityNumber?: string;
}

export type StandInSettings = { readonly [S in IntegrationService]: Settings<S> };

export interface StandInSet {
  readonly maskinporten: MaskinportenStandIn;
  readonly svarut: SvarUtStandIn;
  readonly krr: KrrStandIn;
  readonly fiksArkiv: FiksArkivStandIn;
  readonly nhn: NhnStandIn;
  readonly folkeregister: FolkeregisterStandIn;
  /** What a municipality enters to use them, per service. */
  readonly settings: StandInSettings;
  readonly all: readonly StandIn[];
  close(): Promise<void>;
}

async function keyFile(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content, { mode: 0o600 });
  return `file:${path}`;
}

export async function startStandIns(options: StandInSetOptions): Promise<StandInSet> {
  await mkdir(options.keyDir, { recursive: true, mode: 0o700 });
  const port = (n: number) => ({ host: options.host ?? '127.0.0.1', port: options.basePort ? options.basePort + n : 0 });
  const organisationNumber = options.organisationNumber ?? '964965137';
  const clientId = `tildel-${randomUUID().slice(0, 8)}`;
  const mpKey = await newMaskinportenClientKey();
  const maskinporten = await startMaskinportenStandIn({
    ...port(0),
    clients: [{ clientId, publicJwk: mpKey.publicJwk, organisationNumber, scopes: [MASKINPORTEN_SCOPES.fiks, MASKINPORTEN_SCOPES.krrDigitalPost, MASKINPORTEN_SCOPES.krrContactInfo, FOLKEREGISTER_SCOPE] }],
  });
  const accountId = randomUUID();
  const svarut = await startSvarutStandIn({ ...port(1), maskinportenIssuer: maskinporten.issuer, accountIds: [accountId] });
  const krr = await startKrrStandIn({ ...port(2), maskinportenIssuer: maskinporten.issuer });
  const fiksPassword = randomUUID();
  const fiksArkiv = await startFiksArkivStandIn({ ...port(3), integrationId: randomUUID(), integrationPassword: fiksPassword, maskinportenIssuer: maskinporten.issuer });
  const helseIdKey = await newMaskinportenClientKey();
  const helseIdClient = `tildel-helseid-${randomUUID().slice(0, 8)}`;
  const scope = 'nhn:msh/api';
  const nhn = await startNhnStandIn({ ...port(4), clientId: helseIdClient, scope, publicJwk: helseIdKey.publicJwk });
  const folkeregister = await startFolkeregisterStandIn({ ...port(5), maskinportenIssuer: maskinporten.issuer });

  const fiksAccount = randomUUID();
  const settings: StandInSettings = {
    maskinporten: { tokenUrl: maskinporten.tokenUrl, audience: maskinporten.issuer, clientId, privateKeyRef: await keyFile(options.keyDir, 'maskinporten.jwk', mpKey.privateKey), ...(mpKey.publicJwk.kid ? { keyId: mpKey.publicJwk.kid } : {}) },
    svarut: { baseUrl: svarut.baseUrl, organisationNumber, accountId },
    krr: { baseUrl: krr.url },
    fiks_arkiv: fiksArkiv.settings(fiksAccount, await keyFile(options.keyDir, 'fiks-integration-password', fiksPassword)),
    nhn: { baseUrl: nhn.baseUrl, herId: options.herId ?? '8100001', hospitalServiceCode: 'home_nursing', acceptSyntheticIds: true },
    helseid: { tokenUrl: nhn.tokenUrl, clientId: helseIdClient, privateKeyRef: await keyFile(options.keyDir, 'helseid.jwk', helseIdKey.privateKey), scope },
    folkeregister: { baseUrl: folkeregister.url, organisationNumber, municipalityNumber: options.municipalityNumber ?? '0301' },
  };
  const all: StandIn[] = [maskinporten, svarut, krr, fiksArkiv, nhn, folkeregister];
  return {
    maskinporten,
    svarut,
    krr,
    fiksArkiv,
    nhn,
    folkeregister,
    settings,
    all,
    close: async () => {
      await Promise.all(all.map((s) => s.close()));
    },
  };
}
