/**
 * Who holds the case and who answers for the user: the case's owner (saksbehandler), given or
 * released; the service-responsible person (tjenesteansvarlig) and the primary contact; the person's
 * informed choice of provider under user choice (brukervalg); a request sent on to another unit
 * (re-routed; registration routes it first); and the correction of an earlier entry.
 */
import { Checkbox, Fieldset, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { serviceCode } from '../services.ts';
import { useI18n } from '../i18n.tsx';
import { actionKey } from '../labels.ts';
import type { Me, Reply } from '../session.ts';
import { ActionForm } from './ActionForm.tsx';
import { Choice, Pick, staffOption, useStaff, type Done } from './LifecycleFields.tsx';
import { appendAction, type CaseData, type HistoryEntry } from './useCase.ts';
import type { Unit } from './useUnits.ts';

const OWNER_ROLES = ['caseworker', 'team_leader', 'team_member'];
const RESPONSIBLE_ROLES = ['caseworker', 'team_leader', 'team_member', 'provider_staff'];
const CHOICES = ['provider', 'no_preference'] as const;

/** Give the case an owner (oneself or a colleague), or release it to the queue. */
export function AssignOwner({ c, me, onDone }: { c: CaseData; me: Me; onDone: Done }) {
  const { t } = useI18n();
  const staff = useStaff().filter((s) => s.roles.some((r) => OWNER_ROLES.includes(r)));
  const [owner, setOwner] = useState(c.owner?.id ?? me.staffId);
  const submit = async () => {
    await appendAction(c, { type: 'owner_assigned', payload: { ownerStaffId: owner || null } });
    await onDone();
  };
  return (
    <ActionForm title={t('ownerTitle')} submitLabel={t('ownerSubmit')} onSubmit={submit} testId="owner">
      {({ fieldError }) => (
        <>
          <Paragraph>
            {t('ownerCurrent')}: {c.owner?.name ?? t('ownerNone')}
          </Paragraph>
          <Pick label={t('ownerPick')} value={owner} onChange={setOwner} options={staff.map(staffOption)} none={t('ownerRelease')} error={fieldError('ownerStaffId')} />
        </>
      )}
    </ActionForm>
  );
}

/** The service-responsible person and the primary contact, from the staff of the municipality. */
export function AssignResponsibles({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const staff = useStaff().filter((s) => s.roles.some((r) => RESPONSIBLE_ROLES.includes(r)));
  const [responsible, setResponsible] = useState(c.serviceResponsibleStaffId ?? '');
  const [contact, setContact] = useState(c.primaryContactStaffId ?? '');
  const submit = async () => {
    await appendAction(c, { type: 'responsibles_assigned', payload: { serviceResponsibleStaffId: responsible, primaryContactStaffId: contact } });
    await onDone();
  };
  const options = staff.map(staffOption);
  return (
    <ActionForm title={t('responsiblesTitle')} submitLabel={t('responsiblesSubmit')} onSubmit={submit} testId="responsibles">
      {({ fieldError }) => (
        <div className="row">
          <Pick label={t('serviceResponsible')} value={responsible} onChange={setResponsible} options={options} none={t('pickOne')} error={fieldError('serviceResponsibleStaffId')} />
          <Pick label={t('primaryContact')} value={contact} onChange={setContact} options={options} none={t('pickOne')} error={fieldError('primaryContactStaffId')} />
        </div>
      )}
    </ActionForm>
  );
}

type Agreement = Reply<'/api/v1/provider-agreements', 'get'>[number];

/** The providers the person may choose among for the case's service today (user choice); empty where the service has none. */
function useChoiceProviders(code: string, today: string): { id: string; name: string }[] {
  const [providers, setProviders] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    const query = { on: today, serviceCode: serviceCode(code) };
    void api.GET('/api/v1/provider-agreements', { params: { query } }).then((r) => {
      const inChoice = (r.data ?? []).filter((a: Agreement) => a.userChoice);
      setProviders([...new Map(inChoice.map((a) => [a.providerUnitId, { id: a.providerUnitId, name: a.providerName }])).values()]);
    });
  }, [code, today]);
  return providers;
}

/**
 * Under user choice (brukervalg) the person is told of the approved providers and chooses one, or
 * none (the municipal provider delivers); the choice is recorded before the first order. Shown only
 * where the service has providers under user choice.
 */
export function ProviderChoice({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const providers = useChoiceProviders(c.serviceCode, today);
  const [unticked, setUnticked] = useState<string[]>([]);
  const [choice, setChoice] = useState<(typeof CHOICES)[number]>('provider');
  const [chosen, setChosen] = useState('');
  const [informedOn, setInformedOn] = useState(today);
  const presented = providers.map((u) => u.id).filter((id) => !unticked.includes(id));
  const toggle = (id: string, on: boolean) => setUnticked((p) => (on ? p.filter((x) => x !== id) : [...p, id]));
  if (providers.length === 0) return null;
  const submit = async () => {
    const providerUnitId = choice === 'provider' && chosen ? { providerUnitId: chosen } : {};
    await appendAction(c, { type: 'provider_chosen', payload: { choice, informedOn, presentedProviderUnitIds: presented, ...providerUnitId } });
    await onDone();
  };
  return (
    <ActionForm title={t('choiceTitle')} submitLabel={t('choiceSubmit')} onSubmit={submit} testId="provider-choice">
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('choicePresented')}</Fieldset.Legend>
            {providers.map((u) => (
              <Checkbox key={u.id} label={u.name} value={u.id} checked={presented.includes(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
            ))}
            {fieldError('presentedProviderUnitIds') && <ValidationMessage>{fieldError('presentedProviderUnitIds')}</ValidationMessage>}
          </Fieldset>
          <Textfield label={t('choiceInformedOn')} type="date" value={informedOn} onChange={(e) => setInformedOn(e.target.value)} error={fieldError('informedOn')} />
          <Choice legend={t('choiceKind')} name="provider-choice" options={CHOICES} value={choice} onChange={setChoice} words={(o) => `choice_${o}`} error={fieldError('choice')} />
          {choice === 'provider' && (
            <Pick label={t('choiceProvider')} value={chosen} onChange={setChosen} options={providers.filter((u) => presented.includes(u.id))} none={t('pickOne')} error={fieldError('providerUnitId')} />
          )}
        </>
      )}
    </ActionForm>
  );
}

/** Send a received request on to another unit's queue, saying why (registration routed it first, by the intake rules). */
export function RouteCase({ c, units, onDone }: { c: CaseData; units: Unit[] | null; onDone: Done }) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState('');
  const [rule, setRule] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'case_routed', payload: { unitId: unitId || null, districtId: c.districtId, rule } });
    await onDone();
  };
  const options = (units ?? []).filter((u) => u.id !== c.ownerUnitId && u.kind !== 'allocation_board');
  return (
    <ActionForm title={t('routeTitle')} submitLabel={t('routeSubmit')} onSubmit={submit} testId="route">
      {({ fieldError }) => (
        <>
          <Paragraph>
            {t('routeCurrent')}: {units?.find((u) => u.id === c.ownerUnitId)?.name ?? t('ownerNone')}
          </Paragraph>
          <Pick label={t('routeUnit')} value={unitId} onChange={setUnitId} options={options} none={t('pickOne')} error={fieldError('unitId')} />
          <Textfield multiline rows={2} label={t('routeRule')} value={rule} onChange={(e) => setRule(e.target.value)} error={fieldError('rule')} />
        </>
      )}
    </ActionForm>
  );
}

/** An entry as a choice: its number, what it was, when and by whom. */
const entryOption = (t: (k: ReturnType<typeof actionKey>) => string) => (e: HistoryEntry) => ({
  id: String(e.seq),
  name: `${e.seq}. ${t(actionKey(e.type))} — ${new Date(e.occurredAt).toLocaleDateString('nb-NO')} (${e.actorName})`,
});

/** A correction of an earlier entry; the entry stays as it was, and the correction is a new one. */
export function CorrectEntry({ c, history, onDone }: { c: CaseData; history: readonly HistoryEntry[]; onDone: Done }) {
  const { t } = useI18n();
  const [seq, setSeq] = useState('');
  const [correction, setCorrection] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'entry_corrected', payload: { correctsSeq: Number(seq), correction } });
    setCorrection('');
    await onDone();
  };
  return (
    <ActionForm title={t('correctTitle')} submitLabel={t('correctSubmit')} onSubmit={submit} testId="correct-entry">
      {({ fieldError }) => (
        <>
          <Pick label={t('correctEntry')} value={seq} onChange={setSeq} options={[...history].reverse().map(entryOption(t))} none={t('pickOne')} error={fieldError('correctsSeq')} />
          <Textfield multiline rows={2} label={t('correction')} value={correction} onChange={(e) => setCorrection(e.target.value)} error={fieldError('correction')} />
        </>
      )}
    </ActionForm>
  );
}
