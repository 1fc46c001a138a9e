/**
 * The purpose (behandlingsformål) a leader reads persons for. A leader sees counts only; persons in
 * lists, and the cases behind them, only for quality assurance or complaint handling (the server's
 * rule: src/domain/organisation/access.ts). The purpose the leader chose goes with every request in
 * the Tildel-Purpose header, is written to each person's access log, and is shown in the header so
 * the leader always sees what is recorded. Quality assurance is the default; the choice lasts the
 * browser tab's session.
 */
import { Alert, Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { api } from './api/client.ts';
import { useI18n, type Key } from './i18n.tsx';
import type { Me } from './session.ts';

export type ReadingPurpose = 'quality_assurance' | 'complaint_handling' | 'administration' | 'case_processing';

const STORED = 'tildel.purpose';
const LEADER_CHOICES: readonly ReadingPurpose[] = ['quality_assurance', 'complaint_handling', 'administration'];
/** Roles that handle cases by their own units' need: a leader who also holds one may read for case processing. */
const CASE_ROLES: readonly Me['roles'][number][] = ['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff'];

/** The purpose stated on every request, or null (the server's default, case processing). */
let stated: ReadingPurpose | null = null;

api.use({
  onRequest({ request }) {
    if (stated && !request.headers.has('tildel-purpose')) request.headers.set('tildel-purpose', stated);
    return request;
  },
});

/** The purposes this staff member chooses between (none for one who is not a leader). */
export function purposeChoices(me: Me): readonly ReadingPurpose[] {
  if (!me.roles.includes('leader')) return [];
  return me.roles.some((r) => CASE_ROLES.includes(r)) ? [...LEADER_CHOICES, 'case_processing'] : LEADER_CHOICES;
}

/** The purpose the staff member reads for from now on (the one chosen earlier in this tab's login, or quality assurance for a leader); null when logged out. */
export function statePurposeFor(me: Me | null): ReadingPurpose | null {
  // Logging out ends the choice: the next one to log in starts from the default.
  if (!me) sessionStorage.removeItem(STORED);
  const choices = me ? purposeChoices(me) : [];
  const earlier = sessionStorage.getItem(STORED);
  stated = choices.find((p) => p === earlier) ?? choices[0] ?? null;
  return stated;
}

/** Changes the purpose for the requests that follow. */
export function statePurpose(purpose: ReadingPurpose): void {
  stated = purpose;
  sessionStorage.setItem(STORED, purpose);
}

/** The header for a leader's read in views a team leader uses too: the chosen purpose, or quality assurance. */
export function purposeHeader(): { 'tildel-purpose': ReadingPurpose } {
  return { 'tildel-purpose': stated ?? 'quality_assurance' };
}

/** The purpose now stated (for views that explain what is recorded). */
export function currentPurpose(): ReadingPurpose | null {
  return stated;
}

export const purposeKey = (p: ReadingPurpose): Key => `purpose_${p}`;

/** The leader's purpose in the page header: always visible, and changed here. */
export function PurposeSelect({ me, value, onChange }: { me: Me; value: ReadingPurpose | null; onChange: (p: ReadingPurpose) => void }) {
  const { t } = useI18n();
  const choices = purposeChoices(me);
  if (choices.length === 0 || value === null) return null;
  return (
    <Field>
      <Label>{t('purposeLabel')}</Label>
      <Select
        value={value}
        data-size="sm"
        data-testid="purpose"
        onChange={(e) => {
          const chosen = choices.find((p) => p === e.target.value);
          if (chosen) onChange(chosen);
        }}
      >
        {choices.map((p) => (
          <Select.Option key={p} value={p}>
            {t(purposeKey(p))}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/** What a leader's lists are read for, in a line above them; for administration, why they hold no persons. */
export function PurposeNotice() {
  const { t } = useI18n();
  const purpose = currentPurpose();
  if (purpose === null) return null;
  return (
    <Alert data-color="info" data-testid="purpose-recorded">
      <Paragraph>
        {t('purposeRecorded')} <strong>{t(purposeKey(purpose))}</strong>. {t('purposeRecordedHelp')}
      </Paragraph>
      {purpose === 'administration' && <Paragraph>{t('purposeCountsOnly')}</Paragraph>}
    </Alert>
  );
}
