/**
 * The municipality's administrator (issue 17 §6) configures the organisation as dated data: units
 * and districts, staff, geographic areas, routing rules, merges of units, CSV import, budgets over
 * the year, and the log of every change. Each change holds from a date (today or later), so what held before is kept. The
 * administrator sees no personal data of applicants.
 */
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState, type ReactNode } from 'react';
import { api, ok } from '../../api/client.ts';
import { useI18n, type Key } from '../../i18n.tsx';
import { LoadState, useLoad, type Loaded } from '../../useLoad.tsx';
import type { Organisation } from './adminData.ts';
import { AreasSection } from './Areas.tsx';
import { BudgetSection } from './Budget.tsx';
import { ChangeLogSection } from './ChangeLog.tsx';
import { ImportSection } from './CsvImport.tsx';
import { IntegrationsSection } from './Integrations.tsx';
import { PaymentRatesSection } from './PaymentRates.tsx';
import { PopulationSection } from './Population.tsx';
import { MergeSection } from './Merge.tsx';
import { RoutingRulesSection } from './RoutingRules.tsx';
import { StaffSection } from './Staff.tsx';
import { UnitsSection } from './Units.tsx';

const SECTIONS = ['units', 'staff', 'areas', 'rules', 'merge', 'import', 'budget', 'payments', 'population', 'integrations', 'log'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_KEYS: Readonly<Record<Section, Key>> = {
  units: 'adminSectionUnits',
  staff: 'adminSectionStaff',
  areas: 'adminSectionAreas',
  rules: 'adminSectionRules',
  merge: 'adminSectionMerge',
  import: 'adminSectionImport',
  budget: 'adminSectionBudget',
  payments: 'adminSectionPayments',
  population: 'adminSectionPopulation',
  integrations: 'adminSectionIntegrations',
  log: 'adminSectionLog',
};

function SectionNav({ current, onChoose }: { current: Section; onChoose: (s: Section) => void }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('adminSections')} data-testid="admin-sections">
      <ul className="row plain-list">
        {SECTIONS.map((s) => (
          <li key={s}>
            <Button variant={s === current ? 'primary' : 'secondary'} data-size="sm" aria-current={s === current ? 'true' : undefined} onClick={() => onChoose(s)}>
              {t(SECTION_KEYS[s])}
            </Button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A section that needs the organisation: its loading and error state until it is there. */
function WithOrganisation({ loaded, children }: { loaded: Loaded<Organisation>; children: (org: Organisation) => ReactNode }) {
  return loaded.data ? children(loaded.data) : <LoadState loaded={loaded} />;
}

function SectionView({ section, loaded, onChoose }: { section: Section; loaded: Loaded<Organisation>; onChoose: (s: Section) => void }) {
  // Refused ending a unit that still holds cases or members: to merging, with that unit chosen.
  const [mergeFrom, setMergeFrom] = useState('');
  const toMerge = (unitId: string) => {
    setMergeFrom(unitId);
    onChoose('merge');
  };
  switch (section) {
    case 'import':
      return <ImportSection onImported={loaded.reload} />;
    case 'log':
      return <ChangeLogSection />;
    case 'integrations':
      return <IntegrationsSection />;
    case 'payments':
      return <PaymentRatesSection />;
    case 'population':
      return <PopulationSection />;
    case 'units':
      return <WithOrganisation loaded={loaded}>{(org) => <UnitsSection org={org} onChanged={loaded.reload} onMerge={toMerge} />}</WithOrganisation>;
    case 'staff':
      return <WithOrganisation loaded={loaded}>{(org) => <StaffSection org={org} onChanged={loaded.reload} />}</WithOrganisation>;
    case 'areas':
      return <WithOrganisation loaded={loaded}>{(org) => <AreasSection org={org} />}</WithOrganisation>;
    case 'rules':
      return <WithOrganisation loaded={loaded}>{(org) => <RoutingRulesSection org={org} />}</WithOrganisation>;
    case 'budget':
      return <WithOrganisation loaded={loaded}>{(org) => <BudgetSection org={org} />}</WithOrganisation>;
    case 'merge':
      return <WithOrganisation loaded={loaded}>{(org) => <MergeSection org={org} onChanged={loaded.reload} fromUnitId={mergeFrom} />}</WithOrganisation>;
  }
}

export function Admin() {
  const { t } = useI18n();
  const [section, setSection] = useState<Section>('units');
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/organisation', { params: { query: { history: 'true' } } })), []);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('adminTitle')}
      </Heading>
      <Paragraph>
        {t('adminHelp')}
        {loaded.data && ` ${t('adminMunicipality').replace('{name}', loaded.data.municipality.name)}`}
      </Paragraph>
      <SectionNav current={section} onChoose={setSection} />
      <SectionView section={section} loaded={loaded} onChoose={setSection} />
    </div>
  );
}
