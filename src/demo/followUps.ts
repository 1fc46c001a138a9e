/**
 * Work the rules create, in the demo (issue 14): so each role's queue shows it, the demo ends each
 * municipality with the follow-up rules run on its delivery data, and with a few cases of each new
 * kind of work written through the one pipeline: a consultation between the office and a provider
 * (one answered), a complaint about the delivery beside one about the decision, and requests answered
 * by a low-threshold offer where the criteria point there (Sammen om mestring pathway 1).
 */
import type { Faker } from '@faker-js/faker';
import type { AuthorityContext } from '../app/authority.ts';
import { appendToCase, writerAt } from '../app/casePipeline.ts';
import { AppError } from '../app/errors.ts';
import { runFollowUpRulesIn } from '../app/followUpRules.ts';
import type { ActionBody, CaseState } from '../domain/case/index.ts';
import { complaintTimeliness } from '../domain/decision/complaints.ts';
import { listCriteriaSets } from '../store/assessments.ts';
import type { Database } from '../store/database.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { isoDate } from './people.ts';

interface Row {
  id: string;
  state: CaseState;
}

async function casesIn(tx: Tx, where: string): Promise<Row[]> {
  const { rows } = await tx.query<Row>(`SELECT id, state FROM case_file WHERE municipality_id = current_municipality() AND ${where} ORDER BY case_number`);
  return rows;
}

/** Appends as the first of `staff` the policy allows (as a real office would: whoever may). */
async function append(tx: Tx, staff: readonly AuthorityContext[], caseId: string, body: ActionBody, at: Date): Promise<CaseState | null> {
  for (const who of staff) {
    try {
      return (await appendToCase(tx, writerAt(who, null, at), { caseId, body })).state;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.kind !== 'forbidden' && error.kind !== 'transition-not-allowed') return null;
    }
  }
  return null;
}

export async function loadDemoFollowUps(db: Database, municipalityId: string, staff: readonly AuthorityContext[], asOf: Date, f: Faker): Promise<void> {
  const scope = { municipalityId, staffId: null };
  const day = (back: number) => new Date(asOf.getTime() - back * 86_400_000);
  await inTenant(db.app, scope, async (tx) => {
    const active = f.helpers.shuffle(await casesIn(tx, `status = 'active' AND complaint_stage IS NULL AND provider_unit_id IS NOT NULL`));
    // Consultations: one waits for the provider's answer, one for the office to record the outcome.
    for (const [i, c] of active.slice(0, 2).entries()) {
      const asked = await append(tx, staff, c.id, { type: 'consultation_requested', payload: { to: 'provider', question: 'Hvordan fungerer morgenbesøkene nå, og trengs det mer tid?', answerBy: isoDate(day(-5)) } }, day(4));
      const consultation = asked?.consultations.at(-1);
      if (i === 1 && consultation) {
        await append(tx, staff, c.id, { type: 'consultation_answered', payload: { consultationSeq: consultation.seq, answer: 'Morgenbesøket tar ofte 15 minutter mer enn avsatt.' } }, day(2));
      }
    }
    // Both complaint tracks at once on one case.
    const both = active[2];
    if (both?.state.decision) {
      await append(tx, staff, both.id, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: isoDate(day(6)), summary: 'Hjelperne kommer ikke til avtalt tid.', concerns: 'delivery' } }, day(6));
      const receivedOn = isoDate(day(5));
      const late = complaintTimeliness(both.state.decision, receivedOn).late;
      await append(
        tx,
        staff,
        both.id,
        { type: 'complaint_received', payload: { complainant: 'person', receivedOn, summary: 'Mener vedtaket gir for lite hjelp.', concerns: 'decision', ...(late ? { lateAcceptedReason: 'Klager var innlagt på sykehus da vedtaket kom' } : {}) } },
        day(5),
      );
    }
    // Requests answered by a low-threshold offer, where the criteria point to a lower level first.
    const sets = await listCriteriaSets(tx);
    const assessing = await casesIn(tx, `status = 'under_assessment' AND service_code IN ('psychiatric_home_services', 'home_nursing', 'practical_help')`);
    for (const c of assessing.slice(0, 2)) {
      const set = sets.filter((s) => s.service_code === c.state.serviceCode && s.in_force_from !== null).at(-1);
      if (!set) continue;
      const evaluated = await append(
        tx,
        staff,
        c.id,
        {
          type: 'criteria_evaluated',
          payload: {
            criteriaSetId: set.id,
            serviceCode: set.service_code,
            version: set.version,
            assessmentId: null,
            verdict: 'try_lower_level',
            pathway: null,
            pathwayOutcome: null,
            guidance: { nb: 'Lavterskeltilbud må vurderes først', nn: 'Lågterskeltilbod må vurderast først' },
            results: [],
          },
        },
        day(3),
      );
      if (!evaluated) continue;
      await append(tx, staff, c.id, { type: 'request_answered_low_threshold', payload: { offer: 'Rask psykisk helsehjelp', agreedOn: isoDate(day(2)), personAccepted: true, toldOfRightToDecision: true } }, day(2));
    }
  });
  // The job runner's rules, run on the demo's delivery data as on the demo's day.
  await runFollowUpRulesIn(db, municipalityId, asOf);
}
