/**
 * The payment as the decision letter states it, in bokmål and nynorsk (egenandelsforskriften § 2:
 * the person is told in writing what they will pay): per service the amount a month and the rule
 * with its citation, or that nothing is charged, or what is still missing before the amount is known.
 */
import type { PaymentLine, PaymentStatement } from '../domain/payments/index.ts';
import { PAYMENT_RULES } from '../domain/payments/index.ts';
import { findCatalogueEntry } from '../domain/services/catalogue.ts';

type Lang = 'nb' | 'nn';

const MONTHS: Record<Lang, readonly string[]> = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  nn: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
};

export const PAYMENT_HEADING: Record<Lang, string> = { nb: 'Egenandel', nn: 'Eigendel' };

function kr(amount: number): string {
  return amount.toLocaleString('nb-NO').replace(/\u00a0|\u202f/g, ' ');
}

function name(code: string, lang: Lang): string {
  const n = findCatalogueEntry(code)?.name[lang] ?? code;
  return n.charAt(0).toLocaleLowerCase('nb') + n.slice(1);
}

function monthName(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[lang][m - 1]} ${y}`;
}

const cite = (l: PaymentLine) => l.citations.join('; ');

function missingText(l: PaymentLine, lang: Lang): string {
  const service = name(l.serviceCode, lang);
  if (l.missing === 'income_basis' || l.missing === 'net_income') {
    return lang === 'nb'
      ? `Egenandelen for ${service} regnes ut fra inntekt. Vi sender deg et eget vedtak om egenandelen når inntektsopplysningene er registrert (${cite(l)}).`
      : `Eigendelen for ${service} blir rekna ut frå inntekt. Vi sender deg eit eige vedtak om eigendelen når inntektsopplysningane er registrerte (${cite(l)}).`;
  }
  return lang === 'nb'
    ? `Egenandelen for ${service} fastsettes etter kommunens betalingssatser. Vi sender deg et eget vedtak om beløpet (${cite(l)}).`
    : `Eigendelen for ${service} blir fastsett etter betalingssatsane til kommunen. Vi sender deg eit eige vedtak om beløpet (${cite(l)}).`;
}

function amountText(l: PaymentLine, month: string, lang: Lang): string {
  const service = name(l.serviceCode, lang);
  const when = monthName(month, lang);
  const amount = kr(l.amount ?? 0);
  switch (l.kind) {
    case 'practical_help': {
      const under = l.under2G ? (lang === 'nb' ? ' Husstanden har inntekt under 2 G, og egenandelen er derfor begrenset.' : ' Hushaldet har inntekt under 2 G, og eigendelen er difor avgrensa.') : '';
      return lang === 'nb'
        ? `For ${service} betaler du ${amount} kroner for ${when} (${l.hoursPerMonth} timer), regnet ut fra husstandens inntekt (${cite(l)}).${under}`
        : `For ${service} betaler du ${amount} kroner for ${when} (${l.hoursPerMonth} timar), rekna ut frå inntekta til hushaldet (${cite(l)}).${under}`;
    }
    case 'short_term_stay':
      return lang === 'nb'
        ? `For ${service} betaler du ${amount} kroner for ${l.days} døgn i ${when} (${cite(l)}).`
        : `For ${service} betaler du ${amount} kroner for ${l.days} døgn i ${when} (${cite(l)}).`;
    default:
      return lang === 'nb'
        ? `For ${service} betaler du ${amount} kroner for ${when}, regnet ut fra inntekten din (${cite(l)}).`
        : `For ${service} betaler du ${amount} kroner for ${when}, rekna ut frå inntekta di (${cite(l)}).`;
  }
}

function lineText(l: PaymentLine, month: string, lang: Lang): string {
  const service = name(l.serviceCode, lang);
  if (l.kind === 'free') return lang === 'nb' ? `For ${service} betaler du ingen egenandel (${cite(l)}).` : `For ${service} betaler du ingen eigendel (${cite(l)}).`;
  if (l.kind === 'outside') {
    return lang === 'nb'
      ? `Forskrift om egenandel gjelder ikke ${service}. Kommunens prisliste viser hva du eventuelt betaler (${PAYMENT_RULES.legalBasis.citation}).`
      : `Forskrift om eigendel gjeld ikkje ${service}. Prislista til kommunen viser kva du eventuelt betaler (${PAYMENT_RULES.legalBasis.citation}).`;
  }
  return l.amount === null ? missingText(l, lang) : amountText(l, month, lang);
}

/** The paragraphs of the payment section; empty when the decision grants nothing. */
export function paymentParagraphs(statement: PaymentStatement | null | undefined, lang: Lang): string[] {
  if (!statement?.lines.length) return [];
  const lines = statement.lines.map((l) => lineText(l, statement.month, lang));
  const change =
    lang === 'nb'
      ? 'Egenandelen kan endre seg når inntekten din eller satsene endrer seg. Gi oss beskjed om endringer i inntekten.'
      : 'Eigendelen kan endre seg når inntekta di eller satsane endrar seg. Gi oss beskjed om endringar i inntekta.';
  return [...lines, ...staleRates(statement, lang), change];
}

/**
 * When the state's rates for the year are not yet recorded, an amount stated from the latest earlier
 * ones says so: the person is told in writing what they will pay (egenandelsforskriften § 2), and
 * this amount is provisional.
 */
function staleRates(statement: PaymentStatement, lang: Lang): string[] {
  if (!statement.stateRates.stale || !statement.lines.some((l) => l.amount !== null && l.amount > 0)) return [];
  const year = statement.stateRates.year;
  return [
    lang === 'nb'
      ? `Beløpet er regnet ut med statens satser for ${year}, de siste som er fastsatt. Når satsene for ${statement.month.slice(0, 4)} er fastsatt, regner vi egenandelen om og gir deg beskjed.`
      : `Beløpet er rekna ut med satsane til staten for ${year}, dei siste som er fastsette. Når satsane for ${statement.month.slice(0, 4)} er fastsette, reknar vi eigendelen om og gir deg beskjed.`,
  ];
}
