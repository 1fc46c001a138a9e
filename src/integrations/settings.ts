/**
 * The settings of each national service, one schema per service (the boundary of PUT
 * /integrations/{service} and of `tildel municipality import`). Each integration owns its entry.
 */
import { z } from 'zod';
import type { IntegrationService } from './channel.ts';
import { secretRef } from './secrets.ts';
import { SERVICE_CODES } from '../domain/services/catalogue.ts';

const url = z.url({ protocol: /^https?$/ }).describe('The service’s base address');
const organisationNumber = z.string().regex(/^\d{9}$/, 'nine digits').describe('Organisation number (organisasjonsnummer)');
const herId = z.string().regex(/^\d{1,9}$/, 'digits').describe('HER-id in the national address register (Adresseregisteret)');

export const SETTINGS = {
  /** Norsk Helsenett's message service (meldingstjeneren), for PLO messages. */
  nhn: z
    .object({
      baseUrl: url,
      herId,
      hospitalServiceCode: z.enum(SERVICE_CODES).default('home_nursing').describe('The service a request from the hospital is registered under when its message names none the catalogue knows'),
      acceptSyntheticIds: z.boolean().default(false).describe('Accept synthetic (Test Norge) identity numbers, as Norsk Helsenett’s test environment sends'),
    })
    .strict(),
  /** HelseID client credentials for Norsk Helsenett. */
  helseid: z.object({ tokenUrl: url, clientId: z.string().min(1).max(200), privateKeyRef: secretRef, scope: z.string().min(1).max(500) }).strict(),
  /** SvarUt (KS Fiks) for digital post and print. */
  svarut: z.object({ baseUrl: url, organisationNumber, accountId: z.uuid().describe('The SvarUt sender account (forsendelseskonto)') }).strict(),
  /** The contact and reservation register (Kontakt- og reservasjonsregisteret). */
  krr: z.object({ baseUrl: url }).strict(),
  /** Maskinporten, for SvarUt, KRR and the population register. */
  maskinporten: z.object({ tokenUrl: url, audience: z.string().min(1).max(300), clientId: z.string().min(1).max(200), privateKeyRef: secretRef, keyId: z.string().min(1).max(200).optional() }).strict(),
  /** The municipality's archive through Fiks Arkiv (Fiks IO). */
  fiks_arkiv: z
    .object({
      baseUrl: url,
      accountId: z.uuid().describe('Our Fiks IO account (the sender)'),
      archiveAccountId: z.uuid().describe('The archive’s Fiks IO account (the receiver)'),
      integrationId: z.uuid().describe('The Fiks integration (IntegrasjonId) given access to our account'),
      integrationPasswordRef: secretRef.describe('Where the integration’s password (IntegrasjonPassord) is found: env:NAME or file:/path'),
      subjectClassSystem: z.string().min(1).max(100).optional().describe('The classification system of a subject class for every saksmappe (e.g. KK for K-koder); with subjectClass'),
      subjectClass: z.string().min(1).max(100).optional().describe('A subject class (klasseID, e.g. a K-kode) given to every saksmappe besides the person class (FNR)'),
      administrativeUnit: z.string().min(1).max(200).optional().describe('The archive’s administrative unit (administrativEnhet) for the saksmapper'),
      payloadEncryption: z.enum(['asice_cms', 'none']).default('asice_cms').describe('asice_cms (required by the real Fiks IO; not built yet) or none (the stand-in only)'),
      receipts: z.enum(['amqp', 'stand_in_mailbox']).default('amqp').describe('How receipts are read: amqp (the real Fiks IO; not built yet) or stand_in_mailbox'),
    })
    .strict(),
  /** The population register (Folkeregisteret) through Skatteetaten's API. */
  folkeregister: z
    .object({
      baseUrl: url.describe('The register’s environment, e.g. https://folkeregisteret.api.skatteetaten.no (the rettighetspakke path is added)'),
      organisationNumber,
      municipalityNumber: z.string().regex(/^\d{4}$/, 'four digits').describe('Our kommunenummer: a move to an address elsewhere is a move out of the municipality'),
    })
    .strict(),
} satisfies Record<IntegrationService, z.ZodType>;

export type Settings<S extends IntegrationService> = z.infer<(typeof SETTINGS)[S]>;
