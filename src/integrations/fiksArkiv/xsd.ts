/**
 * Validation of Fiks Arkiv messages against KS's published schemas (spec/fiks-arkiv/, see SOURCE.md):
 * the arkivmelding we send (no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett), the archive's receipt
 * (…opprett.kvittering) and its error messages (…feilmelding.ugyldigforespoersel / serverfeil). The
 * schemas import metadatakatalog.xsd and feilmeldingBase.xsd by a relative location, so those are
 * preloaded beside them (xmllint-wasm has no file system of its own).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

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

let loaded: Promise<Map<string, string>> | null = null;

function files(): Promise<Map<string, string>> {
  loaded ??= (async () => {
    const names = [...SHARED, ...Object.values(SCHEMAS)];
    const texts = await Promise.all(names.map((n) => readFile(`${SPEC_DIR}${n}`, 'utf8')));
    return new Map(names.map((n, i) => [n, texts[i] as string]));
  })();
  return loaded;
}

export interface XsdVerdict {
  readonly valid: boolean;
  /** xmllint's messages, one per problem (line and what is wrong). */
  readonly errors: readonly string[];
}

/** Validates an XML document against one of the Fiks Arkiv schemas. */
export async function validateFiksArkiv(xml: string, schema: SchemaName): Promise<XsdVerdict> {
  const all = await files();
  const main = SCHEMAS[schema];
  const preload: XMLFileInfo[] = SHARED.map((n) => ({ fileName: n, contents: all.get(n) ?? '' }));
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: main, contents: all.get(main) ?? '' }],
    preload,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage.trim()) };
}
