/** The words of page titles, the expired session and the page that is not there (bokmål, nynorsk, English). */
export const a11yWordsNb = {
  sessionExpired: 'Økten er utløpt, logg inn igjen.',
  notFoundTitle: 'Fant ikke siden',
  notFoundText: 'Siden finnes ikke, eller du har ikke tilgang til den.',
  notFoundHome: 'Gå til startsiden',
  notFoundHere: 'Fant ikke dette. Det finnes ikke, eller du har ikke tilgang til det.',
  tryAgain: 'Prøv igjen',
};

type Words = Partial<Record<keyof typeof a11yWordsNb, string>>;

export const a11yWordsNn: Words = {
  sessionExpired: 'Økta er gått ut, logg inn igjen.',
  notFoundTitle: 'Fann ikkje sida',
  notFoundText: 'Sida finst ikkje, eller du har ikkje tilgang til henne.',
  notFoundHome: 'Gå til startsida',
  notFoundHere: 'Fann ikkje dette. Det finst ikkje, eller du har ikkje tilgang til det.',
  tryAgain: 'Prøv igjen',
};

export const a11yWordsEn: Words = {
  sessionExpired: 'Your session has expired. Please log in again.',
  notFoundTitle: 'Page not found',
  notFoundText: 'The page does not exist, or you do not have access to it.',
  notFoundHome: 'Go to the start page',
  notFoundHere: 'Not found. It does not exist, or you do not have access to it.',
  tryAgain: 'Try again',
};
