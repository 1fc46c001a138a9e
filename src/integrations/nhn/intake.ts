/**
 * What a PLO message from the hospital does to the municipality's cases: the person is found by
 * national identity number (or registered from the message when unknown), and the message opens a
 * case through the hospital channel or is added to the person's open case for the same service. It is
 * recorded on the case as `hospital_notice_received`; a patient ready for discharge sets the same-day
 * answer deadline and its work item (domain/law/dischargeReady.ts).
 */
import type { Authority } from '../../domain/case/index.ts';
import { CLOSED_STATUSES } from '../../domain/case/vocabulary.ts';
import { dischargeDates } from '../../domain/law/dischargeReady.ts';
import { osloDate } from '../../domain/law/deadlines.ts';
import { checkNationalId } from '../../domain/person/nationalId.ts';
import { serviceCatalogue, type ServiceCode } from '../../domain/services/catalogue.ts';
import type { AuthorityContext } from '../../app/authority.ts';
import { appendToCase, openCaseLog, writerAt } from '../../app/casePipeline.ts';
import { findPersonByNationalId, insertPerson, type PersonRow } from '../../store/persons.ts';
import type { Tx } from '../../store/tx.ts';
import type { Settings } from '../settings.ts';
import { PLO_TYPES, type PloMessage } from './ploParse.ts';

/** A message that cannot be taken in, with the AppRec error code (kodeverk 8221) the hospital gets back. */
export class MessageRefused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface Intake {
  readonly caseId: string;
  readonly personId: string;
  readonly personCreated: boolean;
  readonly caseOpened: boolean;
}

/** The person the message is about; registered from the message when not known (marked so on the case). */
async function personOf(tx: Tx, m: PloMessage, acceptSynthetic: boolean): Promise<{ person: PersonRow; created: boolean }> {
  const p = m.patient;
  if (!p.nationalId) throw new MessageRefused('E30', 'Pasientens fødselsnummer mangler');
  const id = checkNationalId(p.nationalId, { allowSynthetic: acceptSynthetic });
  if (!id.valid) throw new MessageRefused('E31', `Pasientens fødselsnummer er feil: ${id.reason}`);
  const found = await findPersonByNationalId(tx, p.nationalId);
  if (found) return { person: found, created: false };
  if (!p.givenName || !p.familyName) throw new MessageRefused('E32', 'Pasientens navn mangler, og pasienten er ukjent i kommunen');
  const person = await insertPerson(tx, {
    nationalId: p.nationalId,
    nationalIdKind: id.kind,
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: id.birthDate,
    ...addressOf(p),
    language: 'nb',
    protectedAddress: false,
  });
  return { person, created: true };
}

/** The address the hospital gives, where it is one the register of persons takes (a four-digit postal code). */
function addressOf(p: PloMessage['patient']): { addressLine?: string; postalCode?: string; postalPlace?: string } {
  const a = p.address;
  if (!a) return {};
  const postalCode = a.postalCode && /^\d{4}$/.test(a.postalCode) ? a.postalCode : null;
  return { ...(a.street ? { addressLine: a.street } : {}), ...(postalCode ? { postalCode, ...(a.city ? { postalPlace: a.city } : {}) } : {}) };
}

/** The service the hospital asks for, by its IPLOS name in the catalogue; else the municipality's default for hospital requests. */
export function serviceAskedFor(m: PloMessage, fallback: ServiceCode): ServiceCode {
  for (const wanted of m.servicesWanted) {
    const w = wanted.toLowerCase();
    const hit = serviceCatalogue().find((s) => s.iplosServiceType.toLowerCase() === w || s.name.nb.toLowerCase() === w);
    if (hit) return hit.code as ServiceCode;
  }
  return fallback;
}

async function openCaseFor(tx: Tx, personId: string, serviceCode: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM case_file WHERE municipality_id = current_municipality() AND person_id = $1 AND service_code = $2
        AND NOT (status = ANY($3::text[])) ORDER BY received_on DESC, case_number DESC LIMIT 1`,
    [personId, serviceCode, CLOSED_STATUSES],
  );
  return rows[0]?.id ?? null;
}

function noticePayload(m: PloMessage, at: Date) {
  const discharge = m.type === PLO_TYPES.discharge;
  const summary = m.notes.join('\n\n').slice(0, 4000).trim();
  const admittedOn = m.admittedAt?.slice(0, 10);
  return {
    notice: discharge ? ('discharge_ready' as const) : ('health_information' as const),
    messageId: m.msgId.slice(0, 300),
    hospital: m.sender.name.slice(0, 300),
    ...(m.sender.herId && /^\d{1,9}$/.test(m.sender.herId) ? { hospitalHerId: m.sender.herId } : {}),
    notifiedAt: at.toISOString(),
    ...(admittedOn && /^\d{4}-\d{2}-\d{2}$/.test(admittedOn) ? { admittedOn } : {}),
    ...(m.dischargeReadyOn && /^\d{4}-\d{2}-\d{2}$/.test(m.dischargeReadyOn) ? { dischargeReadyOn: m.dischargeReadyOn } : {}),
    ...(m.dischargeEstimated !== null ? { estimated: m.dischargeEstimated } : {}),
    ...(discharge ? { answerBy: dischargeDates(at).answerBy } : {}),
    ...(summary ? { summary } : {}),
  };
}

function requestDescription(m: PloMessage, personCreated: boolean): string {
  const what = m.type === PLO_TYPES.discharge ? 'Melding om utskrivningsklar pasient' : 'Helseopplysninger ved søknad';
  const lines = [`${what} fra ${m.sender.name} (PLO over Norsk Helsenett, melding ${m.msgId}).`];
  if (personCreated) lines.push('Personen var ukjent i kommunen og er registrert fra meldingen, ikke fra Folkeregisteret: kontroller opplysningene.');
  return lines.join('\n').slice(0, 4000);
}

/** Takes one validated hospital message in, as the municipality's system staff member; throws MessageRefused when it cannot. */
export async function takeIn(tx: Tx, authority: AuthorityContext, at: Date, m: PloMessage, settings: Settings<'nhn'>): Promise<Intake> {
  if (m.type !== PLO_TYPES.discharge && m.type !== PLO_TYPES.healthInformation) {
    throw new MessageRefused('T10', `Støtter ikke meldingstypen ${m.type || '(ingen)'}`);
  }
  const { person, created } = await personOf(tx, m, settings.acceptSyntheticIds);
  const serviceCode = serviceAskedFor(m, settings.hospitalServiceCode);
  const writer = writerAt(authority, null, at);
  let caseId = await openCaseFor(tx, person.id, serviceCode);
  const caseOpened = caseId === null;
  if (caseId === null) {
    const openedBy: Authority = { roles: ['system'], unitIds: [], grant: `PLO message from ${m.sender.name} over Norsk Helsenett` };
    const request = { personId: person.id, serviceCode, channel: 'hospital' as const, receivedOn: osloDate(at), description: requestDescription(m, created) };
    caseId = (await openCaseLog(tx, writer, { request, districtId: person.district_id, openedBy })).caseId;
  }
  await appendToCase(tx, writer, {
    caseId,
    body: { type: 'hospital_notice_received', payload: noticePayload(m, at) },
    reason: 'Received from the hospital over Norsk Helsenett (PLO).',
  });
  return { caseId, personId: person.id, personCreated: created, caseOpened };
}
