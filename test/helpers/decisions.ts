/**
 * Lawful decisions for tests: a `decision_made` payload that satisfies the content rules
 * (src/domain/decision/validate.ts) for a service, so a test that is about something else (orders,
 * letters, complaints, models) decides the way a caseworker would, and a test about one rule breaks
 * only that rule by overriding one field. And a completed assessment (kartlegging) for a decision to
 * rest on, recorded over the API.
 */
import { norwegianDate } from '../../src/app/clock.ts';
import type { ActionPayload } from '../../src/domain/case/actions.ts';
import { formsFor } from '../../src/domain/decision/forms.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import type { DecisionForm } from '../../src/domain/organisation/policy.ts';
import { findCatalogueEntry } from '../../src/domain/services/catalogue.ts';
import type { Client } from './api.ts';

type Decision = ActionPayload<'decision_made'>;

/** Overrides of the lawful defaults; a key given as `undefined` removes that field. */
export type DecisionOverrides = { [K in keyof Decision]?: Decision[K] | undefined } & {
  /** The service the request was for, when another is decided: the request is answered as refused. */
  readonly requested?: string;
};

const DEFAULT_GOALS = ['Mestre hverdagen hjemme'];

/** What each form demands (validate.ts, forms.ts): hours; tasks with norm times; a frame with goals; a place without hours. */
function formContent(form: DecisionForm | undefined, o: DecisionOverrides): Partial<Decision> {
  switch (form) {
    case 'time_fixed':
      return { hoursPerWeek: 2 };
    case 'norm_time':
      return { tasks: [{ text: 'Medisinhåndtering', normMinutes: 15, perWeek: 7 }] };
    case 'frame':
      return { frame: { maxHoursPerWeek: 4, goals: o.goals ?? DEFAULT_GOALS } };
    default:
      return {};
  }
}

/** The form a test leaves to the helper: time-fixed where the catalogue allows it, else the catalogue's first. */
function defaultForm(serviceCode: string): DecisionForm | undefined {
  const forms = formsFor(null, serviceCode);
  return forms.includes('time_fixed') ? 'time_fixed' : forms[0];
}

/** What a grant states beyond a refusal: its form and what the form demands, goals, and how long it runs. */
function grantContent(serviceCode: string, validFrom: string, o: DecisionOverrides): Partial<Decision> {
  const form = 'form' in o ? o.form : defaultForm(serviceCode);
  return {
    ...(form ? { form } : {}),
    ...formContent(form, o),
    ...(findCatalogueEntry(serviceCode)?.goalsRequired ? { goals: DEFAULT_GOALS } : {}),
    // An end date replaces "until further notice" (a decision has one or the other).
    ...(o.validTo ? {} : { untilFurtherNotice: true }),
    reevaluateBy: addDays(validFrom, 180),
  };
}

/**
 * A lawful decision on `serviceCode`: granted unless `outcome` says otherwise; in the form given, or
 * time-fixed where the catalogue allows it, else the catalogue's first form; what that form demands;
 * goals where the catalogue requires them; from today (Norway) until further notice with a
 * re-evaluation in six months; the considerations a refusal or partial grant needs; with `requested`,
 * the answer to a request for another service. The case must have a completed assessment (see
 * `completeAssessment`), unless `withoutAssessmentReason` is given.
 */
export function lawfulDecision(serviceCode: string, overrides: DecisionOverrides = {}): Decision {
  const { requested, ...o } = overrides;
  const outcome = o.outcome ?? 'granted';
  const validFrom = o.validFrom ?? norwegianDate();
  const considerations = outcome !== 'granted' ? { considerations: 'Behovet dekkes delvis av husstanden' } : {};
  const answer = requested && requested !== serviceCode ? { requestAnswer: { outcome: 'refused' as const, reasons: `Søknaden gjaldt ${requested}; behovet dekkes av en annen tjeneste` } } : {};
  const granted = outcome === 'refused' ? {} : grantContent(serviceCode, validFrom, o);
  return clean({ outcome, serviceCode, validFrom, summary: 'Vedtak', ...considerations, ...granted, ...answer, ...o } as Decision);
}

/** The action body of a lawful decision. */
export function decisionAction(serviceCode: string, overrides: DecisionOverrides = {}): { type: 'decision_made'; payload: Decision } {
  return { type: 'decision_made', payload: lawfulDecision(serviceCode, overrides) };
}

function clean(d: Decision): Decision {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as Decision;
}

/**
 * Records a completed assessment of the person (on the case, when given) over the API, so a decision
 * has the assessed facts it rests on (fvl §§ 17, 25). Returns the assessment.
 */
export async function completeAssessment(client: Client, personId: string, extra: Record<string, unknown> = {}): Promise<any> {
  const r = await client.command(`/api/v1/persons/${personId}/assessments`, {
    complete: true,
    assessedOn: norwegianDate(),
    scores: { household_tasks: 3, shopping: 3, own_health: 3 },
    whatMatters: 'Å bo hjemme så lenge som mulig',
    participants: [{ name: 'Kari Kartlegger', profession: 'Sykepleier' }],
    ...extra,
  });
  if (r.status !== 201) throw new Error(`assessment not recorded: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
