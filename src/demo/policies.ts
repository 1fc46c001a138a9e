/**
 * The policies the demo municipalities run under (seed 000's case table). Solstad shows a model
 * change on a date: purchaser–provider from 2020, with activity-based funding from 2025.
 */
import type { PolicyRules } from '../domain/organisation/policy.ts';
import { POLICY_TEMPLATES } from '../domain/organisation/templates.ts';
import { OSLO_TABLE_3_1 } from './oslo.ts';

/** Oslo's districts choose their own model (seed 003 L489–510): local teams, hybrids, or a central unit. */
const OSLO: DemoPolicy[] = [
  { effectiveFrom: '2021-01-01', rules: POLICY_TEMPLATES.hybrid, note: 'Overordnet standard for helsetjenester i hjemmet' },
  ...Object.entries(OSLO_TABLE_3_1).map(([district, cls]) => ({
    district,
    effectiveFrom: '2021-01-01',
    rules: cls === 1 ? POLICY_TEMPLATES.trust_model : cls === 3 ? POLICY_TEMPLATES.purchaser_provider : POLICY_TEMPLATES.hybrid,
    note: `Modell ${String(cls).replace('.', ',')} (Tabell 3.1)`,
  })),
];

export interface DemoPolicy {
  /** A district's own policy; leave out for the whole municipality. */
  readonly district?: string;
  readonly effectiveFrom: string;
  readonly rules: PolicyRules;
  readonly note: string;
}

export const DEMO_POLICIES: Readonly<Record<string, readonly DemoPolicy[]>> = {
  granvik: [{ effectiveFrom: '2020-01-01', rules: POLICY_TEMPLATES.trust_model, note: 'Teambasert tildeling etter tillitsmodellen' }],
  solstad: [
    { effectiveFrom: '2020-01-01', rules: POLICY_TEMPLATES.purchaser_provider, note: 'Bestiller–utfører med eget tildelingskontor' },
    {
      effectiveFrom: '2025-01-01',
      rules: { ...POLICY_TEMPLATES.purchaser_provider_abf, scarcePlaces: 'priority_list' },
      note: 'Aktivitetsbasert finansiering: pengene følger vedtaket. Ventelister med prioriteringsgrupper (som Trondheim)',
    },
  ],
  sjoglott: [{ effectiveFrom: '2020-01-01', rules: POLICY_TEMPLATES.hybrid, note: 'Tildelingseining kombinert med heimebasert team' }],
  vindnes: [{ effectiveFrom: '2020-01-01', rules: POLICY_TEMPLATES.allocation_board, note: 'Tildelingsråd som møtes fast' }],
  bladal: [
    {
      effectiveFrom: '2018-01-01',
      rules: { ...POLICY_TEMPLATES.purchaser_provider, scarcePlaces: 'refuse_and_watch' },
      note: 'Adskilt forvaltningskontor fra 2018. Avslag når ingen plass er ledig, med tilbud i mellomtiden og oppfølging (som Bergen)',
    },
  ],
  oslo: OSLO,
};
