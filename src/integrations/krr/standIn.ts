/**
 * A stand-in for KRR's look-up service (POST /rest/v1/personer). It requires a Maskinporten token with
 * a KRR scope, validates the request against spec/krr/krr-oppslag-v1.json (ajv), and answers from
 * what the test or demo set for each person: digital (a mailbox for digital post), notice only (e-mail
 * and mobile, no mailbox), reserved, no contact information, or not registered. As in KRR, the
 * mailbox is returned only to a token with krr:global/digitalpost.read and the contact information
 * only with krr:global/kontaktinformasjon.read; the reservation always.
 */
import Fastify from 'fastify';
import { MASKINPORTEN_SCOPES, listenStandIn, verifyMaskinportenToken, type MaskinportenAccess } from '../maskinporten/index.ts';
import type { StandIn, StandInOptions } from '../standIn.ts';
import { describeErrors, loadOpenApi, specFile } from '../svarut/openapiValidation.ts';
import type { KrrPerson } from './client.ts';

export type KrrStatusKind = 'digital' | 'notice_only' | 'reserved' | 'no_contact' | 'not_registered';

export interface KrrStandInOptions extends StandInOptions {
  readonly maskinportenIssuer: string;
  /** What a person nobody has set is (default 'digital', so a demo's letters go out digitally). */
  readonly unknown?: KrrStatusKind;
}

export interface KrrStandIn extends StandIn {
  setPerson(nationalId: string, kind: KrrStatusKind): void;
  /** Look-ups answered so far (identity numbers asked for). */
  lookups(): readonly string[];
  refusals(): readonly string[];
}

const SPEC = loadOpenApi(specFile('krr/krr-oppslag-v1.json'));

function entry(nationalId: string, kind: KrrStatusKind, access: MaskinportenAccess): KrrPerson {
  if (kind === 'not_registered') return { personidentifikator: nationalId, status: 'IKKE_REGISTRERT' };
  const base: KrrPerson = { personidentifikator: nationalId, status: 'AKTIV', reservasjon: kind === 'reserved' ? 'JA' : 'NEI', spraak: 'nb' };
  if (access.scopes.includes(MASKINPORTEN_SCOPES.krrContactInfo) && kind !== 'no_contact') {
    base.kontaktinformasjon = { epostadresse: `${nationalId}-test@minid.norge.no`, epostadresse_oppdatert: '2024-01-01T10:00:00+01' };
    base.varslingsstatus = 'KAN_VARSLES';
  }
  if (access.scopes.includes(MASKINPORTEN_SCOPES.krrDigitalPost) && kind === 'digital') {
    base.digital_post = { postkasseadresse: `standin#${nationalId.slice(-4)}`, postkasseleverandoeradresse: '984661185' };
  }
  return base;
}

export async function startKrrStandIn(options: KrrStandInOptions): Promise<KrrStandIn> {
  const persons = new Map<string, KrrStatusKind>();
  const asked: string[] = [];
  const refused: string[] = [];
  const request = SPEC.validator('#/components/schemas/PersonerForespoersel');
  const app = Fastify({ logger: false });

  app.post('/rest/v1/personer', async (req, reply) => {
    const auth = req.headers.authorization;
    const access =
      (await verifyMaskinportenToken(options.maskinportenIssuer, auth, MASKINPORTEN_SCOPES.krrDigitalPost)) ??
      (await verifyMaskinportenToken(options.maskinportenIssuer, auth, MASKINPORTEN_SCOPES.krrContactInfo));
    if (!access) {
      refused.push('401: no Maskinporten token with a KRR scope');
      return reply.code(401).send({ message: 'A Maskinporten token with a krr: scope is required' });
    }
    if (!request(req.body)) {
      const errors = describeErrors(request.errors, 'body');
      refused.push(`400: ${errors.join('; ')}`);
      return reply.code(400).send({ message: errors.join('; ') });
    }
    const ids = (req.body as { personidentifikatorer: string[] }).personidentifikatorer;
    asked.push(...ids);
    return { personer: ids.map((id) => entry(id, persons.get(id) ?? options.unknown ?? 'digital', access)) };
  });

  const url = await listenStandIn(app, options);
  return {
    name: 'krr',
    url,
    setPerson: (id, kind) => void persons.set(id, kind),
    lookups: () => asked,
    refusals: () => refused,
    close: () => app.close(),
  };
}
