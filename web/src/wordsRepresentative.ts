/**
 * The words of the check of a representative's authority (fvl § 12): a request someone sent for the
 * person through the digital channel waits for it, and the office records how it was checked and
 * whether the authority was verified (bokmål, nynorsk, English).
 */
export const representativeWordsNb = {
  repCheckTitle: 'Kontroll av fullmakt',
  repCheckPendingTitle: 'Fullmakten må kontrolleres',
  repCheckPending: 'Søknaden er sendt av en annen på vegne av personen: kontroller fullmakten før saken avgjøres.',
  repCheckLaw: 'Forvaltningsloven § 12: den som opptrer for en part, må kunne vise at hen har fullmakt eller er verge. Saken kan ikke avgjøres eller besvares med et lavterskeltilbud før kontrollen er registrert.',
  repCheckWaits: 'Saksbehandleren for saken kontrollerer fullmakten.',
  repSentBy: 'Sendt av',
  repCheckRecord: 'Registrer kontrollen',
  repOutcome: 'Resultat av kontrollen',
  repOutcome_verified: 'Fullmakten er bekreftet',
  repOutcome_not_verified: 'Fullmakten kunne ikke bekreftes',
  repOutcomeRequired: 'Velg resultatet av kontrollen.',
  repHow: 'Hvordan fullmakten ble kontrollert',
  repHow_document_seen: 'Skriftlig fullmakt er sett',
  repHow_guardianship_register: 'Oppslag i vergemålsregisteret',
  repHow_person_confirmed: 'Personen har selv bekreftet',
  repHow_other: 'Annet',
  repNote: 'Hva som ble kontrollert',
  repVerified: 'Fullmakten er kontrollert og bekreftet. Saken kan avgjøres.',
  repNotVerified: 'Fullmakten kunne ikke bekreftes. Ta kontakt med personen selv om søknaden, og gi ikke den som søkte, opplysninger om saken.',
  repCheckFirst: 'Fullmakten til den som søkte for personen, er ikke kontrollert ennå. Registrer kontrollen under «Kontroll av fullmakt» før saken avgjøres (forvaltningsloven § 12).',
  repCheckedBy: 'Kontrollert av',
};

export type RepresentativeKey = keyof typeof representativeWordsNb;

export const representativeWordsNn: Record<RepresentativeKey, string> = {
  repCheckTitle: 'Kontroll av fullmakt',
  repCheckPendingTitle: 'Fullmakta må kontrollerast',
  repCheckPending: 'Søknaden er send av ein annan på vegner av personen: kontroller fullmakta før saka blir avgjord.',
  repCheckLaw: 'Forvaltningslova § 12: den som opptrer for ein part, må kunne vise at hen har fullmakt eller er verje. Saka kan ikkje avgjerast eller svarast med eit lågterskeltilbod før kontrollen er registrert.',
  repCheckWaits: 'Saksbehandlaren for saka kontrollerer fullmakta.',
  repSentBy: 'Send av',
  repCheckRecord: 'Registrer kontrollen',
  repOutcome: 'Resultat av kontrollen',
  repOutcome_verified: 'Fullmakta er stadfesta',
  repOutcome_not_verified: 'Fullmakta kunne ikkje stadfestast',
  repOutcomeRequired: 'Vel resultatet av kontrollen.',
  repHow: 'Korleis fullmakta vart kontrollert',
  repHow_document_seen: 'Skriftleg fullmakt er sett',
  repHow_guardianship_register: 'Oppslag i verjemålsregisteret',
  repHow_person_confirmed: 'Personen har sjølv stadfesta',
  repHow_other: 'Anna',
  repNote: 'Kva som vart kontrollert',
  repVerified: 'Fullmakta er kontrollert og stadfesta. Saka kan avgjerast.',
  repNotVerified: 'Fullmakta kunne ikkje stadfestast. Ta kontakt med personen sjølv om søknaden, og gi ikkje den som søkte, opplysningar om saka.',
  repCheckFirst: 'Fullmakta til den som søkte for personen, er ikkje kontrollert enno. Registrer kontrollen under «Kontroll av fullmakt» før saka blir avgjord (forvaltningslova § 12).',
  repCheckedBy: 'Kontrollert av',
};

export const representativeWordsEn: Record<RepresentativeKey, string> = {
  repCheckTitle: "Checking the representative's authority",
  repCheckPendingTitle: 'The authority must be checked',
  repCheckPending: "The request was sent by someone else on the person's behalf: check their authority before the case is decided.",
  repCheckLaw: 'Public Administration Act (forvaltningsloven) § 12: someone acting for a party must be able to show a power of attorney or guardianship. The case cannot be decided or answered with a low-threshold offer until the check is recorded.',
  repCheckWaits: "The case's caseworker checks the authority.",
  repSentBy: 'Sent by',
  repCheckRecord: 'Record the check',
  repOutcome: 'Outcome of the check',
  repOutcome_verified: 'The authority is verified',
  repOutcome_not_verified: 'The authority could not be verified',
  repOutcomeRequired: 'Choose the outcome of the check.',
  repHow: 'How the authority was checked',
  repHow_document_seen: 'Written authority seen',
  repHow_guardianship_register: 'Looked up in the guardianship register',
  repHow_person_confirmed: 'The person confirmed it',
  repHow_other: 'Other',
  repNote: 'What was checked',
  repVerified: 'The authority is checked and verified. The case may be decided.',
  repNotVerified: 'The authority could not be verified. Contact the person themself about the request, and give the one who applied no information about the case.',
  repCheckFirst: "The authority of the one who applied for the person is not checked yet. Record the check of the representative's authority above before the case is decided (forvaltningsloven § 12).",
  repCheckedBy: 'Checked by',
};
