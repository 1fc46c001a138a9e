/**
 * A patient ready for discharge (utskrivningsklar pasient): when the hospital notifies the
 * municipality, the municipality must answer the same day whether it can receive the patient, and
 * when it cannot (or does not answer), it pays for each day the patient stays from the day the patient
 * was declared ready.
 * The rules as data with their citations, and the pure function that dates them from a notification.
 */
import { osloDate } from './deadlines.ts';
import type { LegalRule } from './rules.ts';

const REGULATION = 'forskrift om kommunal medfinansiering av spesialisthelsetjenesten og kommunal betaling for utskrivningsklare pasienter (FOR-2011-11-18-1115)';

/**
 * The paragraphs as Helse- og omsorgsdepartementet quotes them in its interpretation «Betalingsplikt ved
 * avmelding på grunn av ny sykdom, komplikasjon eller lignende» (regjeringen.no, id682786): § 8 the notice
 * of an admitted patient, § 9 when a patient is ready for discharge, § 10 the notice that the patient is
 * ready, which the municipality answers, and § 13 second paragraph the payment: «fra og med det døgnet
 * pasienten blir erklært utskrivningsklar og vilkårene i § 8 til § 10 er oppfylt, og kommunen har gitt
 * beskjed om at den ikke kan ta imot pasienten», or has not answered the notice under § 10.
 */
export const DISCHARGE_RULES = {
  answerSameDay: {
    id: 'discharge_answer_same_day',
    citation: `${REGULATION} § 10`,
    requirement: {
      nb: 'Når sykehuset har meldt at pasienten er utskrivningsklar, skal kommunen straks og senest samme dag gi beskjed om den kan ta imot pasienten.',
      en: 'When the hospital has notified that the patient is ready for discharge, the municipality answers at once, and the same day at the latest, whether it can receive the patient.',
    },
    verify: 'That the answer is due the same day (§ 10, as the notice it answers) against the current text on Lovdata; the department’s interpretation confirms the notice is § 10.',
  },
  paymentFromDeclaredDay: {
    id: 'discharge_payment_from_declared_day',
    citation: `${REGULATION} § 13 andre ledd`,
    requirement: {
      nb: 'Kan kommunen ikke ta imot pasienten, eller svarer den ikke på meldingen, betaler kommunen fra og med det døgnet pasienten ble erklært utskrivningsklar.',
      en: 'When the municipality cannot receive the patient, or does not answer the notice, it pays from the day the patient was declared ready for discharge.',
    },
    verify: 'The day rate (set yearly by the department) is not modelled; § 13 as quoted by the department in 2012 against the current text on Lovdata.',
  },
} as const satisfies Record<string, LegalRule>;

export interface DischargeDates {
  /** The Norwegian date the notice was received. */
  readonly notifiedOn: string;
  /** The municipality's answer is due this day (the same day). */
  readonly answerBy: string;
  readonly answerCitation: string;
  /** From this day the municipality pays while the patient stays, if it cannot receive them. */
  readonly paymentFrom: string;
  readonly paymentCitation: string;
}

/**
 * The dates a notice of a patient ready for discharge sets, counted in Norwegian dates from when the
 * notice was received (not from when the hospital wrote it, nor from the day it says the patient is ready).
 * The same-day answer is a calendar day: hospitals discharge on weekends and holidays too.
 */
export function dischargeDates(receivedAt: Date | string): DischargeDates {
  const notifiedOn = osloDate(receivedAt);
  return {
    notifiedOn,
    answerBy: notifiedOn,
    answerCitation: DISCHARGE_RULES.answerSameDay.citation,
    paymentFrom: notifiedOn,
    paymentCitation: DISCHARGE_RULES.paymentFromDeclaredDay.citation,
  };
}
