/**
 * Validation of Fiks Arkiv messages against KS's published schemas (spec/fiks-arkiv/, see SOURCE.md):
 * the arkivmelding we send (no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett), the archive's receipt
 * (…opprett.kvittering) and its error messages (…feilmelding.ugyldigforespoersel / serverfeil). The
 * schemas import metadatakatalog.xsd and feilmeldingBase.xsd by a relative location, so those are
 * preloaded beside them (xmllint-wasm has no file system of its own).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { XMLFileInfo } from 'xmllint-wasm';
import { xsdValidator, type XsdVerdict } from '../xsd.ts';

export type { XsdVerdict };

const SPEC_DIR = fileURLToPath(new URL('../../../spec/fiks-arkiv/', import.meta.url));

/** The payload schemas by what they validate. */
export const SCHEMAS = {
  arkivmelding: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd',
  kvittering: 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering.xsd',
  ugyldigforespoersel: 'no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel.xsd',
  serverfeil: 'no.ks.fiks.arkiv.v1.feilmelding.serverfeil.xsd',
} as const;
export type SchemaName = keyof typeof SCHEMAS;

const SHARED = ['metadatakatalog.xsd', 'feilmeldingBase.xsd'] as const;

async function read(name: string): Promise<XMLFileInfo> {
  return { fileName: name, contents: await readFile(`${SPEC_DIR}${name}`, 'utf8') };
}

const VALIDATORS = Object.fromEntries(
  Object.entries(SCHEMAS).map(([key, main]) => [key, xsdValidator(async () => ({ schema: await read(main), preload: await Promise.all(SHARED.map(read)) }))]),
) as Record<SchemaName, (xml: string) => Promise<XsdVerdict>>;

/** Validates an XML document against one of the Fiks Arkiv schemas. */
export async function validateFiksArkiv(xml: string, schema: SchemaName): Promise<XsdVerdict> {
  return VALIDATORS[schema](xml);
}
