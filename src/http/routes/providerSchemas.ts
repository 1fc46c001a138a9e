/** Response schemas of the provider side: agreements, orders, visits and imports, reports and the revision gate. */
import { z } from 'zod';
import { agreementInput, monthFigureInput } from '../../app/agreements.ts';
import { orderSchema } from '../../app/views.ts';
import { actionPayloadSchemas } from '../../domain/case/index.ts';
import { policyRulesSchema } from '../../domain/organisation/policy.ts';
import { priceModelSchema } from '../../domain/provider/pricing.ts';

export const agreementSchema = z.object({
  id: z.uuid(),
  providerUnitId: z.uuid(),
  providerName: z.string(),
  providerKind: z.string(),
  serviceCode: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  userChoice: z.boolean().describe('The provider is one the person may choose (brukervalg)'),
  responseDays: z.int().describe('Working days the provider has to answer an order'),
  priceModel: priceModelSchema,
});

/** The agreement version as added: the request with its new id. */
export const newAgreementSchema = agreementInput.extend({ id: z.uuid() });

/** A month's figure as recorded: a budget frame or a provider's expenses. */
export const monthFigureSchema = monthFigureInput;

const sent = actionPayloadSchemas.service_arranged.shape;
export const incomingOrderSchema = orderSchema.extend({
  caseId: z.uuid(),
  caseNumber: z.string(),
  personId: z.uuid(),
  personName: z.string(),
  serviceCode: z.string(),
  startOn: z.string().nullable(),
  details: z
    .union([sent.partOrder.unwrap(), sent.order.unwrap()])
    .nullable()
    .describe('What the provider needs: tasks, time, goals, practical information (the part order under mixed provision)'),
  caseVersion: z.int().describe('Send this as expectedVersion when you accept or reject the order'),
});

export const visitSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  providerUnitId: z.uuid(),
  status: z.enum(['performed', 'cancelled']),
  minutes: z.int(),
});

const importReport = {
  fileName: z.string(),
  rows: z.int(),
  accepted: z.int(),
  rejected: z.array(z.object({ line: z.int(), field: z.string(), message: z.string() })).describe('Every rejected row with line, field and reason'),
  detail: z.string(),
};
export const importResultSchema = z.object({ ...importReport, imported: z.boolean().describe('false on a dry run'), importId: z.uuid().nullable() });
export const importRejectedSchema = z
  .object({ type: z.string(), title: z.string(), status: z.literal(422), ...importReport, imported: z.literal(false), importId: z.null() })
  .describe('Nothing was imported: the report lists every rejected row');

export const escalationSchema = z.object({
  id: z.uuid(),
  kind: z.string().describe('budget_exceeded'),
  caseId: z.uuid(),
  caseNumber: z.string(),
  unitId: z.uuid().nullable(),
  detail: z.string(),
  raisedAt: z.string(),
});

export const revisionGateSchema = z.object({
  rule: policyRulesSchema.shape.changeRevision.unwrap().nullable().describe("The unit's revision rule; null when it has none"),
  gate: z
    .object({
      mayRevise: z.boolean(),
      checks: z.array(z.object({ id: z.enum(['sustained_change', 'iplos_change']), met: z.boolean(), detail: z.string() })).readonly(),
      citation: z.string(),
    })
    .nullable()
    .describe('null without a rule or a decision'),
});

export const changeReportSchema = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  seq: z.int(),
  reportedAt: z.string(),
  reportingUnitId: z.string().nullable(),
  description: z.string(),
  direction: z.enum(['increase', 'decrease']),
  decidedHoursPerWeek: z.number().nullable(),
  proposedHoursPerWeek: z.number().nullable(),
  open: z.boolean(),
  raisesOwnRevenue: z.boolean().describe("The change would raise the reporting provider's own revenue"),
});

export const hoursRoseSchema = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  hoursBefore: z.number(),
  hoursAfter: z.number(),
  decidedOn: z.string(),
  adlBefore: z.number().nullable(),
  adlAfter: z.number().nullable(),
});

const deviation = z.object({ amount: z.number(), percent: z.number().nullable() }).nullable();
export const settlementReportSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  settlements: z
    .array(
      z.object({
        providerUnitId: z.uuid(),
        providerName: z.string(),
        serviceCode: z.string(),
        agreementId: z.uuid(),
        basis: z.enum(['decided', 'performed']),
        lines: z.array(z.object({ element: z.string(), quantity: z.number(), unitPrice: z.number(), amount: z.number() })).readonly(),
        total: z.number(),
        onDecided: z.number(),
        onPerformed: z.number(),
        decidedHours: z.number(),
        performedHours: z.number(),
        performedDeviationPercent: z.number().nullable(),
        unresolved: z
          .array(
            z.object({
              element: z.string().describe('The price element, e.g. adl_share'),
              amount: z.number().describe('Kroner that could not be settled; not in total, onDecided or onPerformed'),
              reason: z.string(),
              caseIds: z.array(z.uuid()).readonly().describe('The cases whose missing facts keep the component from being computed'),
              caseNumbers: z.array(z.string()).readonly(),
            }),
          )
          .readonly()
          .describe('Components that cannot be computed (for example the ADL-weighted part of an ADL share while a user has no IPLOS scores): stated, never paid as zero'),
        cases: z
          .array(z.object({ caseNumber: z.string(), decidedHours: z.number(), performedHours: z.number(), performedVisits: z.number(), placeDays: z.number() }))
          .readonly()
          .optional()
          .describe("Each user's month under the agreement; only with cases=true (an Oslo-size month has about 24,000)"),
      }),
    )
    .describe('Per provider agreement: price basis, lines, total, decided and performed hours'),
  providers: z.array(
    z.object({ providerUnitId: z.uuid(), providerName: z.string(), paid: z.number(), unresolved: z.number().describe('Kroner of components that could not be computed; not in paid'), spent: z.number().nullable(), efficiencyDeviation: deviation.describe('Spent minus paid (effektivitetsavvik)') }),
  ),
  purchasers: z.array(
    z.object({ unitId: z.uuid(), unitName: z.string(), frame: z.number().nullable(), granted: z.number().describe('Decided value this month, in kroner'), activityDeviation: deviation.describe('Granted minus frame (aktivitetsavvik)') }),
  ),
});
/** A case's performed against decided time under one order in the month. */
export const deliveryRowSchema = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  providerUnitId: z.uuid(),
  serviceCode: z.string(),
  decidedHours: z.number(),
  performedHours: z.number(),
  performedPercent: z.number().nullable().describe('Performed in per cent of decided time'),
  visits: z.int(),
  cancelled: z.int(),
  cancelReasons: z.record(z.string(), z.int()),
});
export const deliveryReportSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(deliveryRowSchema),
});
export const deliveryPageSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(deliveryRowSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});
export const continuityReportSchema = z.object({
  month: z.string(),
  units: z.array(z.object({ unitId: z.uuid(), month: z.string(), users: z.int(), meanDistinctEmployees: z.number() })).readonly(),
  perUser: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), unitId: z.uuid(), distinctEmployees: z.int() })),
  weightedByUsers: z.number().nullable().describe('Mean over all users (each unit weighted by its number of users)'),
  unweightedMeanOfUnits: z.number().nullable().describe('Plain mean of the unit figures'),
  medianOverUsers: z.number().nullable(),
  note: z.string(),
});
