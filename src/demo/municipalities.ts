/**
 * The five fictional municipalities of seed 000's case table (seed 000 lines 140–175), each under
 * the model it describes:
 *
 * | Municipality | Model (seed 000)                                                     | Size            |
 * |--------------|----------------------------------------------------------------------|-----------------|
 * | Granvik      | team-based allocation on the trust model                             | over 60,000     |
 * | Solstad      | separate allocation unit, purchaser–provider                         | over 100,000    |
 * | Sjøglott     | team-based, combined with a separate allocation unit (hybrid)        | 10,000–20,000   |
 * | Vindnes      | separate unit, allocation board (tildelingsråd)                      | under 5,000     |
 * | Bladal       | separate unit, purchaser–provider (since 2018, seed 000 line 214)    | under 10,000    |
 *
 * The inhabitant figures are plausible values inside the seed's bands. Staff counts follow the
 * informants of the case study (leaders, caseworkers, a project coordinator in Vindnes) plus the
 * roles a demo needs. Every demo user's password is "demo".
 */
import type { OrganisationalModel, StaffRole, UnitKind } from '../domain/organisation/vocabulary.ts';
import { osloFixture } from './oslo.ts';

export interface DemoUnit {
  readonly name: string;
  readonly kind: UnitKind;
  readonly district?: string;
}

export interface DemoStaff {
  readonly username: string;
  readonly displayName: string;
  readonly profession: string;
  readonly roles: readonly StaffRole[];
  readonly units: readonly string[];
}

export interface DemoMunicipality {
  readonly id: string;
  readonly name: string;
  /** A kommunenummer outside the ones in use (99xx), so reports that name the municipality (KPR) have one. */
  readonly number: string;
  readonly model: OrganisationalModel;
  readonly inhabitants: number;
  /** Typical postal code and place for generated addresses. */
  readonly postal: { readonly code: string; readonly place: string };
  /** Share of persons whose letters go out in nynorsk. */
  readonly nynorskShare: number;
  readonly districts: readonly string[];
  readonly units: readonly DemoUnit[];
  readonly staff: readonly DemoStaff[];
  readonly persons: number;
}

export const DEMO_PASSWORD = 'demo';

const admin = (name: string): DemoStaff => ({
  username: 'admin',
  displayName: name,
  profession: 'Systemforvalter',
  roles: ['admin'],
  units: [],
});

export const DEMO_MUNICIPALITIES: readonly DemoMunicipality[] = [
  {
    id: 'granvik',
    number: '9901',
    name: 'Granvik kommune',
    model: 'trust_model',
    inhabitants: 64_800,
    postal: { code: '4870', place: 'Granvik' },
    nynorskShare: 0.05,
    districts: ['Granvik nord', 'Granvik sør', 'Sentrum'],
    units: [
      { name: 'Team Nord', kind: 'interdisciplinary_team', district: 'Granvik nord' },
      { name: 'Team Sør', kind: 'interdisciplinary_team', district: 'Granvik sør' },
      { name: 'Team Sentrum', kind: 'interdisciplinary_team', district: 'Sentrum' },
      { name: 'Innsatsteamet', kind: 'interdisciplinary_team' },
      { name: 'Granvik helsehus', kind: 'municipal_provider' },
      { name: 'Helse og omsorg, stab', kind: 'management' },
    ],
    staff: [
      { username: 'saksbehandler', displayName: 'Kari Nordmo', profession: 'Sykepleier', roles: ['caseworker', 'team_member'], units: ['Team Nord'] },
      { username: 'saksbehandler2', displayName: 'Ola Bakken', profession: 'Vernepleier', roles: ['caseworker', 'team_member'], units: ['Team Sør'] },
      { username: 'ergoterapeut', displayName: 'Ingrid Lie', profession: 'Ergoterapeut', roles: ['team_member'], units: ['Team Nord'] },
      { username: 'sykepleier', displayName: 'Jonas Haugen', profession: 'Sykepleier', roles: ['caseworker', 'team_member'], units: ['Team Sentrum', 'Innsatsteamet'] },
      { username: 'teamleder', displayName: 'Marte Solberg', profession: 'Sykepleier', roles: ['team_leader', 'caseworker'], units: ['Team Nord'] },
      { username: 'utforer', displayName: 'Per Dahl', profession: 'Helsefagarbeider', roles: ['provider_staff'], units: ['Granvik helsehus'] },
      { username: 'leder', displayName: 'Hanne Strand', profession: 'Kommunalsjef', roles: ['leader'], units: ['Helse og omsorg, stab'] },
      admin('Eirik Moen'),
    ],
    persons: 340,
  },
  {
    id: 'solstad',
    number: '9902',
    name: 'Solstad kommune',
    model: 'purchaser_provider',
    inhabitants: 112_400,
    postal: { code: '3510', place: 'Solstad' },
    nynorskShare: 0.02,
    districts: ['Solstad øst', 'Solstad vest', 'Sentrum'],
    units: [
      { name: 'Tildelingskontoret', kind: 'allocation_office' },
      { name: 'Hjemmetjenesten øst', kind: 'municipal_provider', district: 'Solstad øst' },
      { name: 'Hjemmetjenesten vest', kind: 'municipal_provider', district: 'Solstad vest' },
      { name: 'Omsorg Privat AS', kind: 'private_provider' },
      { name: 'Solstad helsehus', kind: 'municipal_provider', district: 'Sentrum' },
      { name: 'Helse og velferd, stab', kind: 'management' },
    ],
    staff: [
      { username: 'saksbehandler', displayName: 'Lise Berg', profession: 'Sykepleier', roles: ['caseworker'], units: ['Tildelingskontoret'] },
      { username: 'saksbehandler2', displayName: 'Anders Vik', profession: 'Sosionom', roles: ['caseworker'], units: ['Tildelingskontoret'] },
      { username: 'saksbehandler3', displayName: 'Nora Lunde', profession: 'Ergoterapeut', roles: ['caseworker'], units: ['Tildelingskontoret'] },
      { username: 'fagleder', displayName: 'Trond Eide', profession: 'Sykepleier', roles: ['team_leader', 'caseworker'], units: ['Tildelingskontoret'] },
      { username: 'utforer', displayName: 'Siri Holm', profession: 'Sykepleier', roles: ['provider_staff'], units: ['Hjemmetjenesten øst'] },
      { username: 'privat', displayName: 'Geir Aas', profession: 'Daglig leder', roles: ['provider_staff'], units: ['Omsorg Privat AS'] },
      { username: 'utforer2', displayName: 'Jon Moe', profession: 'Helsefagarbeider', roles: ['provider_staff'], units: ['Hjemmetjenesten vest', 'Solstad helsehus'] },
      { username: 'leder', displayName: 'Randi Myhre', profession: 'Kommunalsjef', roles: ['leader'], units: ['Helse og velferd, stab'] },
      admin('Tor Sandvik'),
    ],
    persons: 400,
  },
  {
    id: 'sjoglott',
    number: '9903',
    name: 'Sjøglott kommune',
    model: 'hybrid',
    inhabitants: 14_900,
    postal: { code: '6590', place: 'Sjøglott' },
    nynorskShare: 0.7,
    districts: ['Sjøglott'],
    units: [
      { name: 'Tildelingseininga', kind: 'allocation_office' },
      { name: 'Heimebasert team', kind: 'interdisciplinary_team', district: 'Sjøglott' },
      { name: 'Sjøglott omsorgssenter', kind: 'municipal_provider', district: 'Sjøglott' },
      { name: 'Helse og omsorg, leiing', kind: 'management' },
    ],
    staff: [
      { username: 'saksbehandler', displayName: 'Solveig Rønning', profession: 'Sjukepleiar', roles: ['caseworker'], units: ['Tildelingseininga'] },
      { username: 'saksbehandler2', displayName: 'Knut Fjeld', profession: 'Vernepleiar', roles: ['caseworker'], units: ['Tildelingseininga'] },
      { username: 'saksbehandler3', displayName: 'Astrid Hove', profession: 'Sjukepleiar', roles: ['caseworker', 'team_member'], units: ['Heimebasert team'] },
      { username: 'teammedlem', displayName: 'Vegard Nes', profession: 'Fysioterapeut', roles: ['team_member'], units: ['Heimebasert team'] },
      { username: 'utforer', displayName: 'Berit Aune', profession: 'Helsefagarbeidar', roles: ['provider_staff'], units: ['Sjøglott omsorgssenter'] },
      { username: 'leder', displayName: 'Gunnar Tveit', profession: 'Kommunalsjef', roles: ['leader', 'team_leader'], units: ['Helse og omsorg, leiing'] },
      admin('Liv Sunde'),
    ],
    persons: 260,
  },
  {
    id: 'vindnes',
    number: '9904',
    name: 'Vindnes kommune',
    model: 'allocation_board',
    inhabitants: 4_200,
    postal: { code: '8380', place: 'Vindnes' },
    nynorskShare: 0.1,
    districts: ['Vindnes'],
    units: [
      { name: 'Tildelingsrådet', kind: 'allocation_board' },
      { name: 'Hjemmetjenesten', kind: 'municipal_provider', district: 'Vindnes' },
      { name: 'Vindnes sykehjem', kind: 'municipal_provider', district: 'Vindnes' },
      { name: 'Helse og omsorg', kind: 'management' },
    ],
    staff: [
      { username: 'pleieleder', displayName: 'Torill Bakke', profession: 'Pleie- og omsorgsleder', roles: ['board_member', 'leader'], units: ['Tildelingsrådet', 'Helse og omsorg'] },
      { username: 'konsulent', displayName: 'Arne Olsen', profession: 'Konsulent', roles: ['board_member', 'caseworker'], units: ['Tildelingsrådet'] },
      { username: 'sykepleier', displayName: 'Mona Kristiansen', profession: 'Sykepleier', roles: ['board_member', 'provider_staff'], units: ['Tildelingsrådet', 'Hjemmetjenesten'] },
      { username: 'koordinator', displayName: 'Elin Pettersen', profession: 'Prosjektkoordinator', roles: ['caseworker'], units: ['Helse og omsorg'] },
      { username: 'leder', displayName: 'Svein Larsen', profession: 'Kommunalsjef', roles: ['leader'], units: ['Helse og omsorg'] },
      { username: 'utforer', displayName: 'Hilde Johansen', profession: 'Helsefagarbeider', roles: ['provider_staff'], units: ['Vindnes sykehjem'] },
      admin('Roger Nilsen'),
    ],
    persons: 200,
  },
  {
    id: 'bladal',
    number: '9905',
    name: 'Bladal kommune',
    model: 'purchaser_provider',
    inhabitants: 8_700,
    postal: { code: '2690', place: 'Bladal' },
    nynorskShare: 0.15,
    districts: ['Bladal'],
    units: [
      { name: 'Forvaltningskontoret', kind: 'allocation_office' },
      { name: 'Hjemmetjenesten Bladal', kind: 'municipal_provider', district: 'Bladal' },
      { name: 'Bladal sykehjem', kind: 'municipal_provider', district: 'Bladal' },
      { name: 'Dalen Omsorg AS', kind: 'private_provider' },
      { name: 'Helse og omsorg, stab', kind: 'management' },
    ],
    staff: [
      { username: 'saksbehandler', displayName: 'Camilla Ødegård', profession: 'Sykepleier', roles: ['caseworker'], units: ['Forvaltningskontoret'] },
      { username: 'saksbehandler2', displayName: 'Magnus Brekke', profession: 'Ergoterapeut', roles: ['caseworker'], units: ['Forvaltningskontoret'] },
      { username: 'utforer', displayName: 'Anne Sæther', profession: 'Sykepleier', roles: ['provider_staff'], units: ['Hjemmetjenesten Bladal'] },
      { username: 'sykehjem', displayName: 'Eva Lien', profession: 'Avdelingssykepleier', roles: ['provider_staff'], units: ['Bladal sykehjem'] },
      { username: 'leder', displayName: 'Kjell Rud', profession: 'Kommunalsjef', roles: ['leader'], units: ['Helse og omsorg, stab'] },
      admin('Ida Foss'),
    ],
    persons: 220,
  },
];

/** The five municipalities of seed 000, and Oslo's organisation (seed 003 Table 3.1) for the model report. */
export function demoMunicipalities(): DemoMunicipality[] {
  return [...DEMO_MUNICIPALITIES, osloFixture()];
}
