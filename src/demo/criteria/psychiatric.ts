import type { CriteriaRules } from '../../domain/criteria/criteriaSet.ts';

/**
 * Seed 004's allocation criteria for psychiatric home services (psykisk helsearbeid i hjemmet),
 * from the preliminary table of workshop 2 (seed 004 L2095–2187; seed-notes §B2.4) and the final
 * rule of workshops 3–4 (L2212–2232): "Sammen om mestring" pathway 1 → a low-threshold offer without
 * a decision; pathways 2 and 3 → a decision. «Eksempel — kommunen må selv fastsette.»
 *
 * The table is ambiguous about autism spectrum disorders (seed-notes §B2.4, §C3 question 1): the row
 * order makes them an exception to the mild/moderate exclusion, but they may be meant as a separate
 * exclusion. We ship the row-order reading; the other is this one-line change:
 */
export const AUTISM_READING = 'exception' as 'exception' | 'exclusion';

const yes = (key: string) => `answers.${key} = true`;
const autism = { id: 'autism_spectrum', expression: 'has_diagnosis("F84")', text: { nb: 'Personer med autismespekterforstyrrelser', nn: 'Personar med autismespekterforstyrringar' }, kind: 'rule' as const };

export const PSYCHIATRIC_HOME_SERVICES: CriteriaRules = {
  serviceCode: 'psychiatric_home_services',
  answers: {
    serious_problem: { type: 'boolean', label: { nb: 'Alvorlig psykisk helseproblem med betydelig nedsatt funksjonsevne', nn: 'Alvorleg psykisk helseproblem med monaleg nedsett funksjonsevne' } },
    low_threshold_considered: { type: 'boolean', label: { nb: 'Lavterskeltilbud er vurdert', nn: 'Lågterskeltilbod er vurdert' } },
    help_necessary: { type: 'boolean', label: { nb: 'Helsehjelpen er nødvendig for å mestre eget liv', nn: 'Helsehjelpa er naudsynt for å meistre eige liv' } },
    consents: { type: 'boolean', label: { nb: 'Samtykker og deltar etter evne i egen bedringsprosess', nn: 'Samtykkjer og deltek etter evne i eigen betringsprosess' } },
    change_or_stability: { type: 'boolean', label: { nb: 'Tjenesten kan føre til endring eller stabilitet', nn: 'Tenesta kan føre til endring eller stabilitet' } },
    right_provider: { type: 'boolean', label: { nb: 'Forsvarlig, og psykisk helsetjeneste er rett tilbyder', nn: 'Forsvarleg, og psykisk helseteneste er rett tilbydar' } },
    benefits: { type: 'boolean', label: { nb: 'Kan nyttiggjøre seg hjelpen', nn: 'Kan nyttiggjere seg hjelpa' } },
    mild_only: { type: 'boolean', label: { nb: 'Lettere til moderate plager; behov kun for lavterskeltilbud', nn: 'Lettare til moderate plager; behov berre for lågterskeltilbod' } },
    multidose_elsewhere: { type: 'boolean', label: { nb: 'Kan benytte multidose utenfor våre tjenester', nn: 'Kan nytte multidose utanfor tenestene våre' } },
    medication_administration: { type: 'boolean', label: { nb: 'Trenger medisinadministrering', nn: 'Treng medisinadministrering' } },
    needs_specialist: { type: 'boolean', label: { nb: 'Trenger behandling i spesialisthelsetjenesten', nn: 'Treng behandling i spesialisthelsetenesta' } },
    coordination: { type: 'boolean', label: { nb: 'Kommunen har koordineringsansvar (med eller uten individuell plan)', nn: 'Kommunen har koordineringsansvar (med eller utan individuell plan)' } },
    pathway: { type: 'number', label: { nb: 'Hovedforløp (Sammen om mestring): 1, 2 eller 3', nn: 'Hovudforløp (Saman om meistring): 1, 2 eller 3' } },
  },
  inclusion: [
    { id: 'adult', expression: 'age >= 18', text: { nb: 'Må være 18 år eller eldre', nn: 'Må vere 18 år eller eldre' }, kind: 'rule' },
    { id: 'serious_problem', expression: yes('serious_problem'), text: { nb: 'Alvorlig psykisk helseproblem med betydelig nedsatt funksjonsevne', nn: 'Alvorleg psykisk helseproblem med monaleg nedsett funksjonsevne' }, kind: 'judgement' },
    { id: 'low_threshold_first', expression: yes('low_threshold_considered'), text: { nb: 'Lavterskeltilbud må vurderes først', nn: 'Lågterskeltilbod må vurderast først' }, kind: 'judgement' },
    { id: 'necessary', expression: yes('help_necessary'), text: { nb: 'Helsehjelpen må være nødvendig, og søker må trenge bistand for å mestre eget liv', nn: 'Helsehjelpa må vere naudsynt, og søkjar må trenge bistand for å meistre eige liv' }, kind: 'judgement' },
    { id: 'consent', expression: yes('consents'), text: { nb: 'Bruker samtykker og deltar etter evne i egen bedringsprosess', nn: 'Brukar samtykkjer og deltek etter evne i eigen betringsprosess' }, kind: 'judgement' },
    { id: 'change_or_stability', expression: yes('change_or_stability'), text: { nb: 'Tjenesten må føre til endring eller stabilitet', nn: 'Tenesta må føre til endring eller stabilitet' }, kind: 'judgement' },
    { id: 'right_provider', expression: yes('right_provider'), text: { nb: 'Tjenesten må være forsvarlig, og psykisk helsetjeneste må være rett tilbyder', nn: 'Tenesta må vere forsvarleg, og psykisk helseteneste må vere rett tilbydar' }, kind: 'judgement' },
    { id: 'benefits', expression: yes('benefits'), text: { nb: 'Bruker må kunne nyttiggjøre seg hjelpen', nn: 'Brukar må kunne nyttiggjere seg hjelpa' }, kind: 'judgement' },
  ],
  exclusions: [
    {
      id: 'mild_only',
      expression: yes('mild_only'),
      text: { nb: 'Lettere til moderate psykiske helseplager; de som kun trenger et lavterskeltilbud', nn: 'Lettare til moderate psykiske helseplager; dei som berre treng eit lågterskeltilbod' },
      kind: 'judgement',
      exceptions: AUTISM_READING === 'exception' ? [autism] : [],
      referTo: { nb: 'Lavterskeltilbud: gruppetilbud, aktivitetshus, Rask psykisk helsehjelp', nn: 'Lågterskeltilbod: gruppetilbod, aktivitetshus, Rask psykisk helsehjelp' },
    },
    ...(AUTISM_READING === 'exclusion' ? [{ ...autism, exceptions: [] }] : []),
    {
      id: 'multidose_elsewhere',
      expression: yes('multidose_elsewhere'),
      text: { nb: 'Kan benytte seg av multidose utenfor våre tjenester', nn: 'Kan nytte multidose utanfor tenestene våre' },
      kind: 'judgement',
      exceptions: [{ id: 'medication_administration', expression: yes('medication_administration'), text: { nb: 'Medisinadministrering', nn: 'Medisinadministrering' }, kind: 'judgement' }],
    },
    {
      id: 'needs_specialist',
      expression: yes('needs_specialist'),
      text: { nb: 'Er i behov av behandling i spesialisthelsetjenesten', nn: 'Treng behandling i spesialisthelsetenesta' },
      kind: 'judgement',
      exceptions: [{ id: 'coordination', expression: yes('coordination'), text: { nb: 'Koordineringsansvar, med eller uten individuell plan', nn: 'Koordineringsansvar, med eller utan individuell plan' }, kind: 'judgement' }],
      referTo: { nb: 'Spesialisthelsetjenesten (DPS)', nn: 'Spesialisthelsetenesta (DPS)' },
    },
    { id: 'under_18', expression: 'age < 18', text: { nb: 'Under 18 år', nn: 'Under 18 år' }, kind: 'rule', exceptions: [], referTo: { nb: 'Kommunens tjenester for barn og unge', nn: 'Kommunen sine tenester for born og unge' } },
  ],
  lowerLevels: [],
  pathways: [
    { id: '1', when: 'answers.pathway = 1', outcome: 'low_threshold', text: { nb: 'Hovedforløp 1 (milde og kortvarige problemer): lavterskeltilbud uten vedtak', nn: 'Hovudforløp 1 (milde og kortvarige problem): lågterskeltilbod utan vedtak' } },
    { id: '2', when: 'answers.pathway = 2', outcome: 'decision', text: { nb: 'Hovedforløp 2: vedtak om psykisk helsearbeid i hjemmet', nn: 'Hovudforløp 2: vedtak om psykisk helsearbeid i heimen' } },
    { id: '3', when: 'answers.pathway = 3', outcome: 'decision', text: { nb: 'Hovedforløp 3: vedtak om psykisk helsearbeid i hjemmet', nn: 'Hovudforløp 3: vedtak om psykisk helsearbeid i heimen' } },
  ],
  // Duration and evaluation interval are absent in seed 004 (§B2.6); these are our defaults.
  defaultDurationMonths: 12,
  evaluationIntervalMonths: 6,
};
