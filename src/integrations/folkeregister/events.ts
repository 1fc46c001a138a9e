/**
 * What an event in the population register's feed means for a person we hold (pure): which of their
 * fields change, and whether the office must act on their open cases (a death, a move within the
 * municipality, a move out of it). The register's event types are those of Hendelsedokument v1.4.
 */
import type { RegisterEvent } from '../../domain/case/actions.ts';
import type { PersonRow, RegisterChange } from '../../store/persons.ts';
import { isProtected, type RegisterPerson } from './personDocument.ts';
import type { EventType } from './xsd.ts';

const DEATHS: readonly EventType[] = ['personErDoed', 'endringIDoedsfall'];
const MOVES: readonly EventType[] = ['endringIBostedsadresse', 'personErUtflyttet', 'endringIUtflytting'];
/** Changes we keep up to date without work for the office. */
const UPDATES: readonly EventType[] = ['endringINavn', 'endringIAdressebeskyttelse', 'endringIBostedsadresseUtenFlytting'];

/** Whether we read the person document for this event type at all. */
export function isRelevant(type: EventType): boolean {
  return DEATHS.includes(type) || MOVES.includes(type) || UPDATES.includes(type);
}

export interface EventMeaning {
  readonly change: RegisterChange;
  readonly work: { readonly event: RegisterEvent; readonly occurredOn: string | null; readonly summary: string } | null;
}

type Current = Pick<PersonRow, 'given_name' | 'family_name' | 'address_line' | 'postal_code' | 'postal_place' | 'grunnkrets' | 'protected_address' | 'died_on' | 'moved_out_on'>;

/** The fields of the register's person that differ from what we hold. */
function differences(now: Current, p: RegisterPerson, movedOutOn: string | null): RegisterChange {
  const a = p.address;
  const wanted: RegisterChange = {
    givenName: p.givenName,
    familyName: p.familyName,
    protectedAddress: isProtected(p.grading),
    ...(p.diedOn ? { diedOn: p.diedOn } : {}),
    ...(a ? { addressLine: a.line, postalCode: a.postalCode, postalPlace: a.postalPlace, grunnkrets: a.grunnkrets } : {}),
    movedOutOn,
  };
  const held: Record<keyof RegisterChange, unknown> = {
    givenName: now.given_name,
    familyName: now.family_name,
    protectedAddress: now.protected_address,
    diedOn: now.died_on,
    addressLine: now.address_line,
    postalCode: now.postal_code,
    postalPlace: now.postal_place,
    grunnkrets: now.grunnkrets,
    movedOutOn: now.moved_out_on,
  };
  return Object.fromEntries(Object.entries(wanted).filter(([k, v]) => v !== undefined && v !== held[k as keyof RegisterChange])) as RegisterChange;
}

function movedOut(p: RegisterPerson, municipalityNumber: string): boolean {
  if (p.status === 'utflyttet') return true;
  return p.address?.municipalityNumber !== undefined && p.address.municipalityNumber !== null && p.address.municipalityNumber !== municipalityNumber;
}

/** What the event means for the person, given the register's person document after it. */
export function meaningOf(type: EventType, now: Current, p: RegisterPerson, municipalityNumber: string, eventDate: string): EventMeaning {
  if (DEATHS.includes(type)) {
    const diedOn = p.diedOn ?? eventDate;
    return { change: differences(now, { ...p, diedOn }, now.moved_out_on), work: { event: 'death', occurredOn: diedOn, summary: `Folkeregisteret: personen er registrert død ${diedOn}. Avslutt tjenestene og stans leveranse og betaling.` } };
  }
  if (MOVES.includes(type)) {
    const out = movedOut(p, municipalityNumber);
    const movedOn = p.address?.movedOn ?? eventDate;
    const change = differences(now, p, out ? (now.moved_out_on ?? movedOn) : null);
    const summary = out
      ? `Folkeregisteret: personen har flyttet ut av kommunen fra ${movedOn}. Vurder å avslutte tjenestene og å varsle tilflyttingskommunen.`
      : `Folkeregisteret: personen har ny bostedsadresse i kommunen fra ${movedOn}. Vurder om tjenesten og utføreren fortsatt passer.`;
    return { change, work: { event: out ? 'moved_out' : 'moved', occurredOn: movedOn, summary } };
  }
  return { change: differences(now, p, now.moved_out_on), work: null };
}
