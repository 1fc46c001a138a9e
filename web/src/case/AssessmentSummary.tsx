/**
 * The latest assessment (kartlegging) of the person, read-only: when and by whom, what matters to
 * the person in their words, goals, the IPLOS scores with the variables' names and the scores'
 * meanings in the chosen language, who took part, and whether the IPLOS record is complete.
 */
import { Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Lang } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { useLoad } from '../useLoad.tsx';
import { dateIn } from './caseFileFormat.ts';
import { Empty, Facts, Panel, useReloadOn } from './Panel.tsx';

type Assessment = Reply<'/api/v1/persons/{id}/assessments', 'get'>['assessments'][number];
type Iplos = Reply<'/api/v1/iplos/variables', 'get'>;

function Scores({ a, iplos, lang }: { a: Assessment; iplos: Iplos; lang: Lang }) {
  const { t } = useI18n();
  const scored = Object.entries(a.scores);
  if (scored.length === 0) return <Empty>{t('cfNoScores')}</Empty>;
  const name = (code: string) => iplos.variables.find((v) => v.code === code)?.name[lang] ?? code;
  const meaning = (score: number) => (iplos.scores as Record<string, Record<Lang, string>>)[String(score)]?.[lang] ?? String(score);
  return (
    <Table data-size="sm">
      <caption className="ds-sr-only">{t('cfScores')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('cfFunction')}</Table.HeaderCell>
          <Table.HeaderCell>{t('cfScore')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {scored.map(([code, score]) => (
          <Table.Row key={code}>
            <Table.Cell>{name(code)}</Table.Cell>
            <Table.Cell>
              {score} – {meaning(score)}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function Latest({ a, iplos }: { a: Assessment; iplos: Iplos }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Paragraph>
        <Tag data-color={a.status === 'completed' ? 'success' : 'warning'}>{t(a.status === 'completed' ? 'cfCompleted' : 'cfDraft')}</Tag>
      </Paragraph>
      <Facts
        rows={[
          [t('assessedOn'), dateIn(lang, a.assessedOn)],
          [t('cfAssessor'), a.assessor.name],
          [t('whatMatters'), a.whatMatters ?? a.whatMattersMissingReason],
          [t('cfGoals'), a.goals.map((g) => `${g.text} (${t('cfFollowUpOn')} ${dateIn(lang, g.followUpOn)})`).join('; ')],
          [t('cfResources'), a.resources],
          [t('cfParticipants'), a.participants.map((p) => `${p.name} (${p.profession})`).join(', ')],
          [t('cfJointVisit'), a.jointVisit ? t('cfYes') : null],
        ]}
      />
      <Scores a={a} iplos={iplos} lang={lang} />
    </>
  );
}

/** `version`: the case's version, so the summary is read again after the case changed (an assessment saved from the case, say). */
export function AssessmentSummary({ personId, version }: { personId: string; version: number }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => {
    const path = { params: { path: { id: personId } } };
    const [list, iplos] = await Promise.all([api.GET('/api/v1/persons/{id}/assessments', path), api.GET('/api/v1/iplos/variables')]);
    return { list: ok(list), iplos: ok(iplos) };
  }, [personId]);
  useReloadOn(loaded.reload, version);
  const latest = loaded.data?.list.assessments.at(-1);
  const status = loaded.data?.list.iplos.status;
  return (
    <Panel title={t('cfAssessment')} testId="assessment-summary" loaded={loaded}>
      {status && <Paragraph data-size="sm">{t(`cfIplos_${status}`)}</Paragraph>}
      {latest && loaded.data ? <Latest a={latest} iplos={loaded.data.iplos} /> : <Empty>{t('cfNoAssessment')}</Empty>}
    </Panel>
  );
}
