/**
 * Routing rules: where a new request goes, tried in order of priority; each rule's conditions and
 * target said in words, the form for a new one and one to end a rule from a date.
 */
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { osloDate } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';
import { LoadState, useLoad } from '../../useLoad.tsx';
import { dayWords, notEnded, type Area, type Organisation, type RoutingRule } from './adminData.ts';
import { EndDated } from './Areas.tsx';
import { RuleForm } from './RuleForm.tsx';
import { conditionWords, targetWords } from './ruleWords.ts';

function RuleTable({ org, rules, areas }: { org: Organisation; rules: readonly RoutingRule[]; areas: readonly Area[] }) {
  const { t } = useI18n();
  const sorted = [...rules].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  return (
    <Table zebra data-testid="admin-rules">
      <caption className="ds-sr-only">{t('adminRules')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('adminPriority')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminName')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminConditions')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminTarget')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminValidFrom')}</Table.HeaderCell>
          <Table.HeaderCell>{t('adminValidTo')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {sorted.map((r) => {
          const conditions = conditionWords(t, r.conditions, org, areas);
          return (
            <Table.Row key={r.id} data-testid={`admin-rule-${r.name}`}>
              <Table.Cell>{r.priority}</Table.Cell>
              <Table.Cell>{r.name}</Table.Cell>
              <Table.Cell>{conditions.length === 0 ? t('adminEveryRequest') : conditions.map((c) => <div key={c}>{c}</div>)}</Table.Cell>
              <Table.Cell>{targetWords(t, r.target, org)}</Table.Cell>
              <Table.Cell>{dayWords(r.validFrom)}</Table.Cell>
              <Table.Cell>{r.validTo ? dayWords(r.validTo) : '–'}</Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table>
  );
}

export function RoutingRulesSection({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => {
    const [rules, areas] = await Promise.all([api.GET('/api/v1/routing-rules'), api.GET('/api/v1/organisation/areas')]);
    return { rules: ok(rules), areas: ok(areas) };
  }, []);
  const data = loaded.data;
  const end = async (id: string, body: { effectiveOn: string; reason: string }) => {
    ok(await api.POST('/api/v1/routing-rules/{id}/end', { params: { path: { id }, header: commandHeaders() }, body }));
    await loaded.reload();
  };
  const open = data?.rules.filter((r) => notEnded(r, osloDate())) ?? [];
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('adminRules')}
      </Heading>
      <Paragraph data-size="sm">{t('adminRulesHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {data && data.rules.length === 0 && <Paragraph data-testid="admin-rules-empty">{t('adminNoRules')}</Paragraph>}
      {data && data.rules.length > 0 && <RuleTable org={org} rules={data.rules} areas={data.areas} />}
      {data && <RuleForm org={org} areas={data.areas.filter((a) => notEnded(a, osloDate()))} onDone={loaded.reload} />}
      {open.length > 0 && <EndDated title={t('adminEndRule')} label={t('adminRule')} rows={open} end={end} testId="admin-end-rule" />}
    </div>
  );
}
