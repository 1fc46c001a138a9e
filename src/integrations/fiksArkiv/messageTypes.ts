/** The Fiks Arkiv V1 message types we use (spec/fiks-arkiv/meldingstyper.json). */
export const MESSAGE_TYPES = {
  create: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett',
  received: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.mottatt',
  receipt: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering',
  invalidRequest: 'no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel',
  serverError: 'no.ks.fiks.arkiv.v1.feilmelding.serverfeil',
} as const;

/** The payload file names of the message types (meldingstyper.json payloadFilnavn). */
export const PAYLOAD_FILES = {
  arkivmelding: 'arkivmelding.xml',
  receipt: 'arkivmelding-kvittering.xml',
  error: 'feilmelding.xml',
} as const;
