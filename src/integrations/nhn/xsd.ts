/**
 * Validation of PLO messages against Helsedirektoratet's published schemas (spec/plo/, see SOURCE.md):
 * the MsgHead envelope (Hodemelding 1.2) whose RefDoc/Content is `processContents="strict"`, so one
 * validation checks the envelope and the PLO content (Pasientlogistikk, Helseopplysninger ved søknad,
 * Orientering om tjenestetilbud, all PLO 1.6) together; and the application receipt (AppRec 1.1).
 *
 * The schema files are kept as published. Two of them import a schema by its web address (MsgHead the
 * W3C xmldsig schema, AppRec kith.xsd); the loader points those imports at the local copies, because
 * the validator has no network, and recodes the ISO-8859-1 files to UTF-8 (xmllint-wasm reads UTF-8).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { xsdValidator, type XsdVerdict } from '../xsd.ts';

const SPEC_DIR = fileURLToPath(new URL('../../../spec/plo/', import.meta.url));

const FILES = [
  'MsgHead-v1_2.xsd', 'kith.xsd', 'felleskomponent1.xsd', 'kith-base64.xsd', 'xmldsig-core-schema.xsd',
  'EPJ-cave-mv.xsd', 'EPJ-journalnotat-mv.xsd', 'EPJ-legemiddel-mv.xsd', 'EPJ-meta.xsd', 'poKomponent-v1.6.xsd',
  'Pasientlogistikk-v1.6.xsd', 'Helseopplysninger-v1.6.xsd', 'OrienteringOmTjenestetilbud-v1.6.xsd', 'AppRec-v1.1.xsd',
] as const;

const REMOTE_LOCATIONS: Record<string, string> = {
  'http://www.w3.org/TR/xmldsig-core/xmldsig-core-schema.xsd': 'xmldsig-core-schema.xsd',
  'http://www.kith.no/xmlstds/kith.xsd': 'kith.xsd',
};

/** A driver schema that imports every namespace a message may carry, so one validation covers them all. */
const DRIVER = `<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:tildel:plo-driver">
  <import namespace="http://www.kith.no/xmlstds/msghead/2006-05-24" schemaLocation="MsgHead-v1_2.xsd"/>
  <import namespace="http://www.kith.no/xmlstds/po/Pasientlogistikk/2012-04-01" schemaLocation="Pasientlogistikk-v1.6.xsd"/>
  <import namespace="http://www.kith.no/xmlstds/po/HelseopplysningerVedSoknad/2012-04-01" schemaLocation="Helseopplysninger-v1.6.xsd"/>
  <import namespace="http://www.kith.no/xmlstds/po/OrienteringOmTjenestetilbud/2012-04-01" schemaLocation="OrienteringOmTjenestetilbud-v1.6.xsd"/>
  <import namespace="http://www.kith.no/xmlstds/apprec/2012-02-15" schemaLocation="AppRec-v1.1.xsd"/>
</schema>`;

function asUtf8(bytes: Buffer): string {
  const head = bytes.subarray(0, 100).toString('latin1');
  const latin = /encoding="ISO-8859-1"/i.test(head);
  let text = latin ? bytes.toString('latin1').replace(/encoding="ISO-8859-1"/i, 'encoding="UTF-8"') : bytes.toString('utf8');
  for (const [remote, local] of Object.entries(REMOTE_LOCATIONS)) text = text.replaceAll(`schemaLocation="${remote}"`, `schemaLocation="${local}"`);
  return text;
}

const validatePlo = xsdValidator(async () => ({
  schema: { fileName: 'driver.xsd', contents: DRIVER },
  preload: await Promise.all(FILES.map(async (fileName) => ({ fileName, contents: asUtf8(await readFile(SPEC_DIR + fileName)) }))),
}));

export type XsdResult = XsdVerdict;

/** Validates a MsgHead (with its PLO content) or an AppRec document against the published schemas. */
export function validatePloXml(xml: string): Promise<XsdResult> {
  return validatePlo(xml);
}
