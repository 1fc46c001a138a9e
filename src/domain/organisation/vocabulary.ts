/**
 * Organisation vocabulary: staff roles, kinds of units and the organisational models.
 */

/** What a staff member may be asked to do. A person may hold several roles. */
export const STAFF_ROLES = [
  'caseworker', // saksbehandler (allocation office or embedded in a team)
  'team_member', // member of an interdisciplinary team (teammedlem)
  'team_leader', // team or section leader (teamleder, avdelingsleder)
  'board_member', // member of an allocation board (tildelingsnemnd/-råd)
  'provider_staff', // staff of a delivering unit (utfører)
  'leader', // leader above units: section head to kommunalsjef
  'admin', // system administrator for the municipality
  'system', // the rules run by the job runner (one staff row per municipality that cannot log in); never given to a person
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The kinds of organisational unit a municipality is made of. */
export const UNIT_KINDS = [
  'allocation_office', // forvaltningskontor / tildelingskontor
  'municipal_provider', // kommunal utfører (home care, nursing home, day centre)
  'private_provider', // privat leverandør (brukervalg, contracts)
  'interdisciplinary_team', // tverrfaglig team (trust model)
  'allocation_board', // tildelingsnemnd / tildelingsråd
  'management', // ledelse (kommunalsjef's staff)
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * The organisational models of the domain reference §2. For now this is a label on the
 * municipality; the organisational-models issue turns it into enforced policy.
 */
export const ORGANISATIONAL_MODELS = [
  'integrated', // integrert tildeling: the delivering unit assesses and decides
  'allocation_board', // tildelingsnemnd/-råd
  'purchaser_provider', // bestiller–utfører, separate allocation unit
  'trust_model', // tillitsmodell, team-based allocation
  'hybrid', // e.g. a separate unit combined with team-based allocation (seed 000 "Sjøglott")
] as const;
export type OrganisationalModel = (typeof ORGANISATIONAL_MODELS)[number];

/** Written standard of Norwegian a person reads (målform). */
export const LANGUAGES = ['nb', 'nn'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The relation of a contact person to the person (kontaktperson). */
export const CONTACT_RELATIONS = [
  'relative', // pårørende
  'guardian', // verge (vergemålsloven)
  'representative', // fullmektig with written authority (fvl § 12)
] as const;
export type ContactRelation = (typeof CONTACT_RELATIONS)[number];
