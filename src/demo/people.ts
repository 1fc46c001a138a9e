/**
 * Synthetic persons for the demo: Norwegian names and addresses from faker's nb_NO locale, ages
 * skewed towards the old as among home-care users, and synthetic identity numbers from the Test
 * Norge series (month + 80), which can never belong to a real person.
 */
import type { Faker } from '@faker-js/faker';
import validator from '@navikt/fnrvalidator';
import type { ContactRelation, Language } from '../domain/organisation/vocabulary.ts';
import type { DemoMunicipality } from './municipalities.ts';

export interface DemoContact {
  readonly name: string;
  readonly relation: ContactRelation;
  readonly authority?: string;
  readonly phone: string;
}

export interface DemoPerson {
  readonly nationalId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly age: number;
  readonly addressLine: string;
  readonly postalCode: string;
  readonly postalPlace: string;
  readonly district: string;
  readonly language: Language;
  readonly protectedAddress: boolean;
  readonly contacts: readonly DemoContact[];
}

/**
 * Age bands of recipients of home-based services, roughly as in KOSTRA: most are over 67, and
 * a third over 80; the younger ones are mostly users of psychiatric services, BPA and support.
 */
const AGE_BANDS = [
  { weight: 4, value: [18, 34] },
  { weight: 8, value: [35, 49] },
  { weight: 13, value: [50, 66] },
  { weight: 30, value: [67, 79] },
  { weight: 32, value: [80, 89] },
  { weight: 13, value: [90, 101] },
] as const;

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function birthDateFor(f: Faker, asOf: Date): { birthDate: string; age: number } {
  const [min, max] = f.helpers.weightedArrayElement(AGE_BANDS.map((b) => ({ weight: b.weight, value: b.value })));
  const age = f.number.int({ min, max });
  const born = new Date(Date.UTC(asOf.getUTCFullYear() - age - 1, asOf.getUTCMonth(), asOf.getUTCDate()));
  born.setUTCDate(born.getUTCDate() + f.number.int({ min: 1, max: 364 }));
  return { birthDate: isoDate(born), age };
}

/**
 * A Test Norge number for the birth date: DD, MM + 80, YY, an individual number in the range that
 * gives the right century, and the control digits that NAV's validator accepts.
 */
export function syntheticNationalId(f: Faker, birthDate: string, taken: Set<string>): string {
  const [y, m, d] = birthDate.split('-');
  const year = Number(y);
  const prefix = `${d}${String(Number(m) + 80)}${String(year).slice(2)}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    const individual = year < 2000 ? f.number.int({ min: 0, max: 499 }) : f.number.int({ min: 500, max: 999 });
    const base = `${prefix}${String(individual).padStart(3, '0')}`;
    for (let control = 0; control < 100; control++) {
      const candidate = `${base}${String(control).padStart(2, '0')}`;
      if (!taken.has(candidate) && validator.tnr(candidate).status === 'valid') {
        taken.add(candidate);
        return candidate;
      }
    }
  }
  throw new Error(`no synthetic number found for ${birthDate}`);
}

function contactsFor(f: Faker, familyName: string, age: number): DemoContact[] {
  const contacts: DemoContact[] = [];
  if (f.datatype.boolean(0.45)) {
    contacts.push({ name: `${f.person.firstName()} ${familyName}`, relation: 'relative', phone: f.phone.number() });
  }
  if (age >= 80 && f.datatype.boolean(0.1)) {
    contacts.push({
      name: f.person.fullName(),
      relation: 'guardian',
      authority: 'Vergemål etter vergemålsloven: personlige og økonomiske forhold',
      phone: f.phone.number(),
    });
  } else if (f.datatype.boolean(0.05)) {
    contacts.push({
      name: f.person.fullName(),
      relation: 'representative',
      authority: 'Skriftlig fullmakt (fvl. § 12): søke om og følge opp helse- og omsorgstjenester',
      phone: f.phone.number(),
    });
  }
  return contacts;
}

export function makePerson(f: Faker, m: DemoMunicipality, asOf: Date, taken: Set<string>): DemoPerson {
  const sex = f.person.sexType();
  const familyName = f.person.lastName();
  const { birthDate, age } = birthDateFor(f, asOf);
  return {
    nationalId: syntheticNationalId(f, birthDate, taken),
    givenName: f.person.firstName(sex),
    familyName,
    birthDate,
    age,
    addressLine: f.location.streetAddress(),
    postalCode: m.postal.code,
    postalPlace: m.postal.place,
    district: f.helpers.arrayElement(m.districts),
    language: f.datatype.boolean(m.nynorskShare) ? 'nn' : 'nb',
    protectedAddress: f.datatype.boolean(0.005),
    contacts: contactsFor(f, familyName, age),
  };
}
