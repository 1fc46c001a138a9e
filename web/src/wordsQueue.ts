/**
 * The words of the work queue (Arbeidsliste) and of the received date on registration (bokmål,
 * nynorsk, English): search by case number, the counts, sortable columns, the days to a due date
 * and why an age is never below zero. Nynorsk and English are complete records, so a key missing in
 * one of them does not compile.
 */
export const queueWordsNb = {
  queueSearch: 'Søk på saksnummer',
  queueNoMatch: 'Ingen oppgaver har et saksnummer som passer søket.',
  queueCounts: 'Oppgaver i utvalget',
  queueOverdue: 'Over frist',
  queueShowing: 'Viser',
  queueLoadMore: 'Vis flere',
  queueLoadingMore: 'Henter flere oppgaver …',
  queueMoreFailed: 'Kunne ikke hente flere oppgaver',
  queuePageSize: 'Oppgaver per side',
  queueSortLoaded: 'Sorteringen gjelder oppgavene som er hentet; lista kommer eldste først.',
  queueAgeHelp:
    'Alder er dager siden oppgaven kom i lista (for en søknad: siden den ble mottatt), aldri under null. En oppgave med frist viser hvor mange dager det er igjen. Over frist telles fra de samme oppgavene som på lederens side.',
  queueSortHint: 'Velg en kolonneoverskrift for å sortere.',
  dueToday: 'i dag',
  dueTomorrow: 'i morgen',
  dueInDays: 'om {n} dager',
  overdueOneDay: '1 dag over fristen',
  overdueDays: '{n} dager over fristen',
  receivedOnHelp: 'Dagen søknaden kom til kommunen. Fristene regnes fra denne datoen.',
  receivedOnFuture: 'Mottatt dato kan ikke være fram i tid.',
  receivedOnMissing: 'Oppgi mottatt dato.',
  postalCodeLabel: 'Postnummer',
  postalCodeHelp: 'For en ny person: postnummeret finner bydel eller område, og dermed hvor søknaden fordeles.',
  diagnosisGroupLabel: 'Diagnosegruppe (valgfritt)',
  diagnosisGroupNone: 'Ikke oppgitt',
};

export type QueueKey = keyof typeof queueWordsNb;

export const queueWordsNn: Record<QueueKey, string> = {
  queueSearch: 'Søk på saksnummer',
  queueNoMatch: 'Ingen oppgåver har eit saksnummer som passar søket.',
  queueCounts: 'Oppgåver i utvalet',
  queueOverdue: 'Over frist',
  queueShowing: 'Viser',
  queueLoadMore: 'Vis fleire',
  queueLoadingMore: 'Hentar fleire oppgåver …',
  queueMoreFailed: 'Kunne ikkje hente fleire oppgåver',
  queuePageSize: 'Oppgåver per side',
  queueSortLoaded: 'Sorteringa gjeld oppgåvene som er henta; lista kjem eldste først.',
  queueAgeHelp:
    'Alder er dagar sidan oppgåva kom i lista (for ein søknad: sidan han vart motteken), aldri under null. Ei oppgåve med frist viser kor mange dagar det er att. Over frist blir talt frå dei same oppgåvene som på leiarsida.',
  queueSortHint: 'Vel ei kolonneoverskrift for å sortere.',
  dueToday: 'i dag',
  dueTomorrow: 'i morgon',
  dueInDays: 'om {n} dagar',
  overdueOneDay: '1 dag over fristen',
  overdueDays: '{n} dagar over fristen',
  receivedOnHelp: 'Dagen søknaden kom til kommunen. Fristane blir rekna frå denne datoen.',
  receivedOnFuture: 'Motteken dato kan ikkje vere fram i tid.',
  receivedOnMissing: 'Oppgi motteken dato.',
  postalCodeLabel: 'Postnummer',
  postalCodeHelp: 'For ein ny person: postnummeret finn bydel eller område, og dermed kvar søknaden blir fordelt.',
  diagnosisGroupLabel: 'Diagnosegruppe (valfritt)',
  diagnosisGroupNone: 'Ikkje oppgitt',
};

export const queueWordsEn: Record<QueueKey, string> = {
  queueSearch: 'Search by case number',
  queueNoMatch: 'No task has a case number matching the search.',
  queueCounts: 'Tasks in this view',
  queueOverdue: 'Overdue',
  queueShowing: 'Showing',
  queueLoadMore: 'Show more',
  queueLoadingMore: 'Loading more tasks …',
  queueMoreFailed: 'Could not load more tasks',
  queuePageSize: 'Tasks per page',
  queueSortLoaded: 'Sorting applies to the tasks loaded; the list comes oldest first.',
  queueAgeHelp:
    "Age is the days since the task entered the list (for a request: since it was received), never below zero. A task with a due date shows the days left. Overdue counts the same tasks as the leader's page.",
  queueSortHint: 'Choose a column heading to sort.',
  dueToday: 'today',
  dueTomorrow: 'tomorrow',
  dueInDays: 'in {n} days',
  overdueOneDay: '1 day overdue',
  overdueDays: '{n} days overdue',
  receivedOnHelp: 'The day the request reached the municipality. Deadlines count from this date.',
  receivedOnFuture: 'The date received cannot be in the future.',
  receivedOnMissing: 'Give the date received.',
  postalCodeLabel: 'Postcode',
  postalCodeHelp: 'For a new person: the postcode finds the district or area, and so where the request is routed.',
  diagnosisGroupLabel: 'Diagnosis group (optional)',
  diagnosisGroupNone: 'Not stated',
};
