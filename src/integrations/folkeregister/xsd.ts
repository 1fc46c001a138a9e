/**
 * Validation of the population register's person document (persondokument) against Skatteetaten's
 * published schema (spec/folkeregister/, see SOURCE.md). The client validates every document it
 * receives and the stand-in every document it serves, so a document the schema refuses never fills a
 * person's record.
 *
 * The published schema (v1 Beta 2) predates the address grading `strengtFortroligUtland` that the
 * production register gives; it is added to the `Adressegradering` enumeration when the schema is
 * loaded (the file stays as published), so a person with a strictly confidential address abroad is
 * read as protected instead of refused.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { xsdValidator, type XsdVerdict } from '../xsd.ts';

const SPEC = fileURLToPath(new URL('../../../spec/folkeregister/PersondokumentMedHistorikk_v1BETA2.xsd', import.meta.url));

/** The event types of the published event document schema (Hendelsedokument v1.4, `Hendelsestype`). */
export const EVENT_TYPES = [
  'personErOpprettet', 'personErReaktivert', 'personErOpphoert', 'personErViderefoertSomGjeldendeVedSammenslaaing', 'personErOpphoertSomDublett',
  'personErEndretVedSplitting', 'personErGjenopprettetVedSplitting', 'personErDoed', 'personErBosatt', 'personErUtflyttet', 'endringIStatus',
  'endringIIdentitetsgrunnlag', 'endringIUtenlandskPersonidentifikasjon', 'endringIUtlendingsmyndighetenesIdentifikasjonsnummer', 'endringILegitimasjonsdokument',
  'endringIIdentifikasjonsnummer', 'endringIFalskIdentitet', 'endringIKontaktopplysningerForDoedsbo', 'endringIDeltBosted', 'endringIFoedsel', 'endringIFoedselINorge',
  'endringIKjoenn', 'endringIFamilierelasjon', 'endringISivilstand', 'endringIDoedsfall', 'endringINavn', 'endringIAdressebeskyttelse', 'endringIBostedsadresse',
  'endringIBostedsadresseUtenFlytting', 'endringIOppholdsadresse', 'endringIInnflytting', 'endringIUtflytting', 'endringIBrukAvSamiskSpraak', 'endringIKontaktinformasjon',
  'endringIForeldreansvar', 'endringIStatsborgerskap', 'endringIOpphold', 'endringIVergemaal',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const validatePerson = xsdValidator(async () => ({
  schema: {
    fileName: 'persondokument.xsd',
    contents: (await readFile(SPEC, 'utf8')).replace('<xsd:enumeration value="strengtFortrolig"/>', '<xsd:enumeration value="strengtFortrolig"/>\n\t\t\t<xsd:enumeration value="strengtFortroligUtland"/>'),
  },
}), 'persondokument.xml');

export type XsdResult = XsdVerdict;

/** Validates a person document (folkeregisterperson) against the published schema. */
export function validatePersonXml(xml: string): Promise<XsdResult> {
  return validatePerson(xml);
}
