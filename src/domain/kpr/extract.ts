/**
 * The KPR/IPLOS extract as a pure function: the persons with a granted service in the period, each
 * with their latest completed IPLOS assessment (on the reference date) and their services, written
 * as XML in the shape of spec/iplos/tildel-kpr-iplos-extract-1.xsd. Persons without a valid identity
 * number are left out (the validation report names them). No name or address leaves: KPR holds the
 * identity number, the scores and the services.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { IPLOS_CODES } from '../assessment/iplos.ts';
import { latestOf, type AssessmentSummary } from '../assessment/completeness.ts';
import { checkNationalId, type NationalIdPolicy } from '../person/nationalId.ts';
import { referenceDate, serviceInPeriod, type KprPeriod, type KprPerson } from './input.ts';
import { kprServiceType } from './serviceTypes.ts';

export const KPR_NAMESPACE = 'urn:tildel:kpr:iplos-uttrekk:1';

export interface KprExtractHeader {
  readonly messageId: string;
  readonly municipalityNumber: string;
  readonly createdAt: string;
  readonly iplosVersion: string;
}

type El = Record<string, unknown>;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

const ID_TYPE = { fnr: 'F', dnr: 'D', tnr: 'S' } as const;

/** The latest completed assessment (byRecency) on or before the date, or null. */
export function latestCompleted(assessments: readonly AssessmentSummary[], onDate: string): AssessmentSummary | null {
  return latestOf(assessments.filter((a) => a.status === 'completed' && a.assessedOn <= onDate)) ?? null;
}

function assessmentElement(a: AssessmentSummary | null): El | null {
  if (!a) return null;
  const variables = IPLOS_CODES.filter((c) => a.scores[c] !== undefined).map((c) => ({ '@kode': c, '@skaar': String(a.scores[c]) }));
  return variables.length ? { '@dato': a.assessedOn, Variabel: variables } : null;
}

function serviceElements(p: KprPerson, period: KprPeriod): El[] {
  return p.cases.flatMap((c) => {
    const span = serviceInPeriod(c, period);
    const d = c.state.decision;
    if (!span || !d) return [];
    const type = kprServiceType(c.state.serviceCode);
    const hours = d.hoursPerWeek ?? d.frame?.maxHoursPerWeek ?? null;
    return [
      {
        Tjenestekode: c.state.serviceCode,
        Tjenestetype: { '#text': type.name, ...(type.code9151 ? { '@kode9151': type.code9151 } : {}) },
        Vedtaksdato: d.decidedOn,
        Fra: span.from,
        ...(span.to ? { Til: span.to } : {}),
        ...(hours !== null ? { TimerPerUke: hours.toFixed(2) } : {}),
      },
    ];
  });
}

/** Whether the extract reports the person: a service in the period and a valid identity number. */
export function isReported(p: KprPerson, period: KprPeriod, policy: NationalIdPolicy): boolean {
  return p.cases.some((c) => serviceInPeriod(c, period) !== null) && checkNationalId(p.nationalId, policy).valid;
}

/** The order of the extract: by identity number (eleven digits, so by character). */
export function byNationalId(a: KprPerson, b: KprPerson): number {
  return a.nationalId < b.nationalId ? -1 : a.nationalId > b.nationalId ? 1 : 0;
}

/** The persons the extract reports, in a stable order. */
export function reportedPersons(persons: readonly KprPerson[], period: KprPeriod, policy: NationalIdPolicy): KprPerson[] {
  return persons.filter((p) => isReported(p, period, policy)).sort(byNationalId);
}

function personElement(p: KprPerson, period: KprPeriod, onDate: string, policy: NationalIdPolicy): El {
  const id = checkNationalId(p.nationalId, policy);
  const kind = id.valid ? id.kind : 'fnr';
  const assessment = assessmentElement(latestCompleted(p.assessments, onDate));
  return {
    Fodselsnummer: { '#text': p.nationalId, '@type': ID_TYPE[kind] },
    Fodselsdato: p.birthDate,
    ...(p.diedOn ? { Dodsdato: p.diedOn } : {}),
    ...(assessment ? { Funksjonsvurdering: assessment } : {}),
    Tjeneste: serviceElements(p, period),
  };
}

const ROOT = 'KprIplosUttrekk';
const CLOSING = `</${ROOT}>\n`;

/** The extract's beginning: the declaration, the root element and the header, for `count` persons. */
export function kprExtractOpening(period: KprPeriod, header: KprExtractHeader, count: number): string {
  const head = builder.build({
    [ROOT]: {
      '@xmlns': KPR_NAMESPACE,
      '@versjon': '1',
      Hode: {
        MeldingId: header.messageId,
        Meldingstype: period.kind === 'yearly' ? 'B' : 'K',
        Kommunenummer: header.municipalityNumber,
        PeriodeFra: period.from,
        PeriodeTil: period.to,
        Laget: header.createdAt,
        Programvare: 'tildel',
        IplosVersjon: header.iplosVersion,
        AntallBrukere: String(count),
      },
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head.slice(0, head.lastIndexOf(CLOSING))}`;
}

/** The extract's elements for these reported persons (one `Bruker` each, indented under the root). */
export function kprPersonElements(reported: readonly KprPerson[], period: KprPeriod, today: string, policy: NationalIdPolicy): string {
  if (reported.length === 0) return '';
  const onDate = referenceDate(period, today);
  const xml = builder.build({ Bruker: reported.map((p) => personElement(p, period, onDate, policy)) }) as string;
  return xml.replace(/^(?=.)/gm, '  ');
}

/** The extract's end. */
export const KPR_EXTRACT_CLOSING = CLOSING;

/**
 * The extract document for the period, as XML, and the persons it reports: the opening, the persons'
 * elements and the closing. The server writes the persons' elements in slices (app/kpr.ts), which
 * gives the same document.
 */
export function kprExtract(persons: readonly KprPerson[], period: KprPeriod, header: KprExtractHeader, today: string, policy: NationalIdPolicy): { xml: string; personIds: string[] } {
  const reported = reportedPersons(persons, period, policy);
  const xml = kprExtractOpening(period, header, reported.length) + kprPersonElements(reported, period, today, policy) + KPR_EXTRACT_CLOSING;
  return { xml, personIds: reported.map((p) => p.personId) };
}
