/**
 * Norwegian national identity numbers: fødselsnummer (fnr), D-number (dnr), and synthetic numbers
 * from the test environment Test Norge (tnr, month + 80) used by the demo data so that no demo
 * person can be a real one. Validation is done by NAV's maintained library @navikt/fnrvalidator.
 *
 * These numbers are personal data of the most sensitive kind for identification: they are never
 * written to logs (see http/logging.ts) and are shown masked where the full number is not needed.
 */
import validator from '@navikt/fnrvalidator';

export type NationalIdKind = 'fnr' | 'dnr' | 'tnr';

export type NationalIdCheck =
  | { readonly valid: true; readonly kind: NationalIdKind; readonly birthDate: string }
  | { readonly valid: false; readonly reason: string };

export interface NationalIdPolicy {
  /** Whether synthetic Test Norge numbers are accepted (demo and test environments). */
  readonly allowSynthetic: boolean;
}

const REASONS: Record<string, string> = {
  'fnr, dnr or hnr must consist of 11 digits': 'must be 11 digits',
  "checksums don't match": 'the control digits do not match (check for a typing error)',
  'invalid date': 'the first six digits are not a valid date of birth',
};

/** Checks a fødselsnummer, D-number or (if allowed) synthetic number and finds the birth date. */
export function checkNationalId(value: string, policy: NationalIdPolicy): NationalIdCheck {
  const result = validator.idnr(value);
  if (result.status === 'invalid') {
    return { valid: false, reason: result.reasons.map((r) => REASONS[r] ?? r).join('; ') };
  }
  const kind = result.type;
  if (kind !== 'fnr' && kind !== 'dnr' && kind !== 'tnr') {
    return { valid: false, reason: `numbers of the kind ${kind} are not accepted; use a fødselsnummer or D-number` };
  }
  if (kind === 'tnr' && !policy.allowSynthetic) {
    return { valid: false, reason: 'synthetic test numbers are not accepted in this installation' };
  }
  return { valid: true, kind, birthDate: birthDateOf(value, kind) };
}

/**
 * The birth date encoded in the number. A D-number adds 40 to the day, a Test Norge number adds 80
 * to the month; the century follows from the individual number (digits 7–9) as Skatteetaten
 * assigns them.
 */
export function birthDateOf(value: string, kind: NationalIdKind): string {
  const day = Number(value.slice(0, 2)) - (kind === 'dnr' ? 40 : 0);
  const month = Number(value.slice(2, 4)) - (kind === 'tnr' ? 80 : 0);
  const yy = Number(value.slice(4, 6));
  const individual = Number(value.slice(6, 9));
  const year = centuryOf(individual, yy) + yy;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function centuryOf(individual: number, yy: number): number {
  if (individual <= 499) return 1900;
  if (individual <= 749 && yy >= 54) return 1800;
  if (individual >= 900 && yy >= 40) return 1900;
  return 2000;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The number with the personal part hidden, for lists and letters that need no more: 010190*****. */
export function maskNationalId(value: string): string {
  return `${value.slice(0, 6)}*****`;
}
