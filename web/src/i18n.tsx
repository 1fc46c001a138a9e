/**
 * The interface's words in bokmål (default), nynorsk and English. Every string the user sees comes
 * from here. Every key must have words in all three languages: test/web/words.test.ts fails on a
 * gap. Should one reach production anyway, the lookup shows the bokmål words rather than nothing.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { viewWordsEn, viewWordsNb, viewWordsNn } from './words.ts';
import { coreNb, coreNn } from './wordsCore.ts';
import { coreEn } from './wordsCoreEn.ts';
import { serviceWordsEn, serviceWordsNb, serviceWordsNn } from './wordsServices.ts';
import { a11yWordsEn, a11yWordsNb, a11yWordsNn } from './wordsA11y.ts';
import { citizenWordsEn, citizenWordsNb, citizenWordsNn } from './wordsCitizen.ts';
import { leaderWordsEn, leaderWordsNb, leaderWordsNn } from './wordsLeader.ts';
import { placeWordsEn, placeWordsNb, placeWordsNn } from './wordsPlaces.ts';
import { workWordsEn, workWordsNb, workWordsNn } from './wordsWork.ts';
import { problemWordsEn, problemWordsNb, problemWordsNn } from './wordsProblems.ts';
import { assessmentWordsEn, assessmentWordsNb, assessmentWordsNn } from './wordsAssessment.ts';
import { adminWordsEn, adminWordsNb, adminWordsNn } from './wordsAdmin.ts';
import { steeringWordsEn, steeringWordsNb, steeringWordsNn } from './wordsSteering.ts';
import { workforceWordsEn, workforceWordsNb, workforceWordsNn } from './wordsWorkforce.ts';
import { kostraWordsEn, kostraWordsNb, kostraWordsNn } from './wordsKostra.ts';
import { equalTreatmentWordsEn, equalTreatmentWordsNb, equalTreatmentWordsNn } from './wordsEqualTreatment.ts';

export type Lang = 'nb' | 'nn' | 'en';

const nb = { ...coreNb, ...serviceWordsNb, ...viewWordsNb, ...leaderWordsNb, ...workWordsNb, ...placeWordsNb, ...citizenWordsNb, ...a11yWordsNb, ...problemWordsNb, ...assessmentWordsNb, ...adminWordsNb, ...steeringWordsNb, ...workforceWordsNb, ...equalTreatmentWordsNb, ...kostraWordsNb };
export type Key = keyof typeof nb;
type Dict = Partial<Record<Key, string>>;

const nn: Dict = {
  ...coreNn,
  ...serviceWordsNn,
  ...viewWordsNn,
  ...leaderWordsNn,
  ...workWordsNn,
  ...placeWordsNn,
  ...citizenWordsNn,
  ...a11yWordsNn,
  ...problemWordsNn,
  ...assessmentWordsNn,
  ...adminWordsNn,
  ...steeringWordsNn,
  ...workforceWordsNn,
  ...equalTreatmentWordsNn,
  ...kostraWordsNn,
};

const en: Dict = {
  ...coreEn,
  ...serviceWordsEn,
  ...viewWordsEn,
  ...leaderWordsEn,
  ...workWordsEn,
  ...placeWordsEn,
  ...citizenWordsEn,
  ...a11yWordsEn,
  ...problemWordsEn,
  ...assessmentWordsEn,
  ...adminWordsEn,
  ...steeringWordsEn,
  ...workforceWordsEn,
  ...equalTreatmentWordsEn,
  ...kostraWordsEn,
};

export const DICTS: Record<Lang, Dict> = { nb, nn, en };

interface I18n {
  readonly lang: Lang;
  readonly setLang: (l: Lang) => void;
  readonly t: (key: Key) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('tildel.lang') as Lang | null) ?? 'nb');
  const setLang = (l: Lang) => {
    localStorage.setItem('tildel.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  document.documentElement.lang = lang;
  const t = (key: Key) => DICTS[lang][key] ?? nb[key];
  return <Ctx.Provider value={{ lang, setLang, t }}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
