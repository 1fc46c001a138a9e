/** User payments (egenandel og vederlag) under egenandelsforskriften: rules as data, yearly rates, computations. */
export { PAYMENT_RULES, SERVICE_PAYMENT, paymentKindOf, type PaymentKind, type PaymentRule, type PaymentRuleId } from './regulation.ts';
export {
  BASIC_AMOUNTS,
  STATE_RATES,
  basicAmountOn,
  municipalRatesProblems,
  stateRatesFor,
  type BasicAmount,
  type IncomeBand,
  type MunicipalPaymentRates,
  type RatesProblem,
  type StateRates,
} from './rates.ts';
export { bandFor, citationsOf, hoursPerMonth, longTermStayPayment, practicalHelpPayment, shortTermStayPayment, SHORT_TERM_DAYS_PER_YEAR, type Step } from './compute.ts';
export { daysInMonth, daysInPeriod, monthTerms, paymentStatement, type DecidedService, type MonthTerms, type IncomeBasis, type Missing, type PaymentLine, type PaymentStatement, type StatementInput } from './statement.ts';
