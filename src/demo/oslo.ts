/**
 * A fixture of Oslo's 15 districts (bydeler) organised as seed 003 Table 3.1 describes them in 2021
 * (seed-notes/seed-003.md §(c), source L489–508). Caseworkers are placed so that the classification
 * derives each district's model from where they sit: in local teams (1), spread over services (2), or
 * in one central unit (3), and mixes of these (1.5, 2.5). No persons or cases: it is for the report.
 */
import type { OsloClass } from '../domain/organisation/classification.ts';
import type { DemoMunicipality, DemoStaff, DemoUnit } from './municipalities.ts';

/** Seed 003 Table 3.1. */
export const OSLO_TABLE_3_1: Readonly<Record<string, OsloClass>> = {
  'Nordre Aker': 1,
  Østensjø: 1,
  'Gamle Oslo': 1,
  Nordstrand: 1.5,
  'Søndre Nordstrand': 2,
  Alna: 2,
  Frogner: 2,
  Grorud: 2,
  Sagene: 2,
  Stovner: 2,
  'St. Hanshaugen': 2,
  Ullern: 2.5,
  'Vestre Aker': 2.5,
  Grünerløkka: 2.5,
  Bjerke: 3,
};

function slug(name: string): string {
  return name.toLowerCase().replace(/ø/g, 'o').replace(/ü/g, 'u').replace(/[^a-z]+/g, '');
}

/** Units and caseworkers of one district for a given model class. */
function organise(district: string, cls: OsloClass): { units: DemoUnit[]; staff: DemoStaff[] } {
  const s = slug(district);
  const team = (n: number): DemoUnit => ({ name: `${district} team ${n}`, kind: 'interdisciplinary_team', district });
  const services: DemoUnit[] = [
    { name: `${district} hjemmesykepleie`, kind: 'municipal_provider', district },
    { name: `${district} praktisk bistand`, kind: 'municipal_provider', district },
  ];
  const office: DemoUnit = { name: `${district} forvaltning`, kind: 'allocation_office', district };
  const cw = (n: number, units: readonly DemoUnit[]): DemoStaff => ({
    username: `${s}.saksbehandler${n}`,
    displayName: `Saksbehandler ${n}, ${district}`,
    profession: 'Sykepleier',
    roles: ['caseworker'],
    units: units.map((u) => u.name),
  });
  const teams = [team(1), team(2), team(3)];
  switch (cls) {
    case 1:
      return { units: teams, staff: teams.map((t, i) => cw(i + 1, [t])) };
    case 1.5:
      return { units: [...teams.slice(0, 2), ...services], staff: [cw(1, [teams[0]!]), cw(2, [teams[1]!]), cw(3, services), cw(4, services)] };
    case 2:
      return { units: services, staff: [cw(1, services), cw(2, services), cw(3, services)] };
    case 2.5:
      return { units: [...services, office], staff: [cw(1, services), cw(2, services), cw(3, [office]), cw(4, [office])] };
    case 3:
      return { units: [office], staff: [cw(1, [office]), cw(2, [office]), cw(3, [office])] };
  }
}

export function osloFixture(): DemoMunicipality {
  const parts = Object.entries(OSLO_TABLE_3_1).map(([district, cls]) => organise(district, cls));
  return {
    id: 'oslo',
    name: 'Oslo kommune',
    number: '0301',
    model: 'hybrid',
    inhabitants: 717_700,
    postal: { code: '0150', place: 'Oslo' },
    nynorskShare: 0,
    districts: Object.keys(OSLO_TABLE_3_1),
    units: [...parts.flatMap((p) => p.units), { name: 'Helseetaten', kind: 'management' }],
    staff: [
      ...parts.flatMap((p) => p.staff),
      { username: 'leder', displayName: 'Leder i Helseetaten', profession: 'Direktør', roles: ['leader'], units: ['Helseetaten'] },
    ],
    persons: 0,
  };
}
