/**
 * The words of the population register (Folkeregisteret): the look-up in the registration form and
 * where a person's data came from on the person card (bokmål, nynorsk, English).
 */
export const folkeregisterWordsNb = {
  fregLookup: 'Hent fra Folkeregisteret',
  fregLooking: 'Henter fra Folkeregisteret …',
  fregFound: 'Hentet fra Folkeregisteret. Navn og adresse lagres slik registeret har dem når du registrerer.',
  fregProtected: 'Personen har beskyttet adresse (fortrolig eller strengt fortrolig). Adressen vises ikke her, men lagres beskyttet.',
  fregDied: 'Folkeregisteret oppgir at personen er død',
  fregNotFound: 'Folkeregisteret har ingen person med dette nummeret. Kontroller nummeret, eller fyll inn manuelt.',
  fregNotConfigured: 'Kommunen har ikke koblet til Folkeregisteret. Fyll inn opplysningene manuelt.',
  fregUnavailable: 'Folkeregisteret svarer ikke nå. Fyll inn opplysningene manuelt; personen registreres som manuelt registrert.',
  fregError: 'Oppslaget feilet',
  fregNeedsId: 'Skriv inn et fødselsnummer eller D-nummer med 11 siffer først.',
  fregAlreadyRegistered: 'Personen er allerede registrert i kommunen.',
  fregSource: 'Kilde',
  fregSourceRegister: 'Folkeregisteret, hentet {at}',
  fregSourceManual: 'Manuelt registrert',
  fregDiedOn: 'Død',
  fregMovedOutOn: 'Flyttet ut av kommunen',
  action_register_event: 'Hendelse i Folkeregisteret',
};
export type FolkeregisterKey = keyof typeof folkeregisterWordsNb;

export const folkeregisterWordsNn: Record<FolkeregisterKey, string> = {
  fregLookup: 'Hent frå Folkeregisteret',
  fregLooking: 'Hentar frå Folkeregisteret …',
  fregFound: 'Henta frå Folkeregisteret. Namn og adresse blir lagra slik registeret har dei når du registrerer.',
  fregProtected: 'Personen har verna adresse (fortruleg eller strengt fortruleg). Adressa blir ikkje vist her, men blir lagra verna.',
  fregDied: 'Folkeregisteret oppgir at personen er død',
  fregNotFound: 'Folkeregisteret har ingen person med dette nummeret. Kontroller nummeret, eller fyll inn manuelt.',
  fregNotConfigured: 'Kommunen har ikkje kopla til Folkeregisteret. Fyll inn opplysningane manuelt.',
  fregUnavailable: 'Folkeregisteret svarar ikkje no. Fyll inn opplysningane manuelt; personen blir registrert som manuelt registrert.',
  fregError: 'Oppslaget feila',
  fregNeedsId: 'Skriv inn eit fødselsnummer eller D-nummer med 11 siffer først.',
  fregAlreadyRegistered: 'Personen er allereie registrert i kommunen.',
  fregSource: 'Kjelde',
  fregSourceRegister: 'Folkeregisteret, henta {at}',
  fregSourceManual: 'Manuelt registrert',
  fregDiedOn: 'Død',
  fregMovedOutOn: 'Flytta ut av kommunen',
  action_register_event: 'Hending i Folkeregisteret',
};

export const folkeregisterWordsEn: Record<FolkeregisterKey, string> = {
  fregLookup: 'Fetch from the population register',
  fregLooking: 'Fetching from the population register …',
  fregFound: 'Fetched from the population register. Name and address are stored as the register has them when you register.',
  fregProtected: 'The person has a protected address (confidential or strictly confidential). The address is not shown here, but is stored protected.',
  fregDied: 'The population register says the person has died',
  fregNotFound: 'The population register has no person with this number. Check the number, or fill in by hand.',
  fregNotConfigured: 'The municipality has not connected the population register. Fill in the details by hand.',
  fregUnavailable: 'The population register does not answer now. Fill in the details by hand; the person is marked as registered by hand.',
  fregError: 'The look-up failed',
  fregNeedsId: 'Enter an 11-digit national identity or D-number first.',
  fregAlreadyRegistered: 'The person is already registered in the municipality.',
  fregSource: 'Source',
  fregSourceRegister: 'Population register, fetched {at}',
  fregSourceManual: 'Registered by hand',
  fregDiedOn: 'Died',
  fregMovedOutOn: 'Moved out of the municipality',
  action_register_event: 'Event in the population register',
};
