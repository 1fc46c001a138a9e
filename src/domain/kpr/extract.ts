/**
 * The KPR/IPLOS extract as a pure function: the persons with a granted service in the period, each
 * with their latest completed IPLOS assessment (on the reference date) and their services, written
 * as XML in the shape of spec/iplos/tildel-kpr-iplos-extract-1.xsd. Persons without a valid identity
 * number are left out (the validation report names them). No name or address leaves: KPR holds the
 * identity number, the scores and the services.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { IPLOS_CODES } from '../assessment/iplos.ts';
import type { AssessmentSummary } from '../assessment/completeness.ts';
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

/** The latest completed assessment on or before the date, or null. */
export function latestCompleted(assessments: readonly AssessmentSummary[], onDate: string): AssessmentSummary | null {
  const done = assessments.filter((a) => a.status === 'completed' && a.assessedOn <= onDate).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return done.at(-1) ?? null;
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

/** The persons the extract reports (a service in the period and a valid identity number), in a stable order. */
export function reportedPersons(persons: readonly KprPerson[], period: KprPeriod, policy: NationalIdPolicy): KprPerson[] {
  return persons
    .filter((p) => p.cases.some((c) => serviceInPeriod(c, period) !== null) && checkNationalId(p.nationalId, policy).valid)
    .sort((a, b) => a.nationalId.localeCompare(b.nationalId));
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

/** The extract document for the period, as XML, and the persons it reports. */
export function kprExtract(persons: readonly KprPerson[], period: KprPeriod, header: KprExtractHeader, today: string, policy: NationalIdPolicy): { xml: string; personIds: string[] } {
  const onDate = referenceDate(period, today);
  const reported = reportedPersons(persons, period, policy);
  const root = {
    KprIplosUttrekk: {
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
        AntallBrukere: String(reported.length),
      },
      Bruker: reported.map((p) => personElement(p, period, onDate, policy)),
    },
  };
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root)}`, personIds: reported.map((p) => p.personId) };
}
