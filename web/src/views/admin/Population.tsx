/**
 * The administrator enters the inhabitants by age as of 1 January of a year (issue 20 part 5): the
 * KOSTRA age groups 0–66, 67–79 and 80+, or single years of age pasted from SSB table 07459, with
 * the source. The server checks that the bands run from 0 without gap to an open end and names the
 * field it refuses. Earlier entries stay in the list; the latest of a year is in force.
 */
import { Heading, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok } from '../../api/client.ts';
import { ActionForm } from '../../case/ActionForm.tsx';
import { useI18n } from '../../i18n.tsx';
import { LoadState, useLoad } from '../../useLoad.tsx';

type Entry = Awaited<ReturnType<typeof loadPopulation>>[number];
type Band = Entry['bands'][number];

async function loadPopulation() {
  return ok(await api.GET('/api/v1/organisation/population'));
}

/** "67 1234" per line, the last "90+ 567": single-year bands. badLine: the first line that cannot be read (1-based). */
export function parseAgeLines(text: string): { bands: Band[]; badLine: number | null } {
  const bands: Band[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const m = /^(\d{1,3})(\+?)[\s;:,]+(\d[\d\s]*)$/.exec(line);
    if (!m) return { bands, badLine: i + 1 };
    const from = Number(m[1]);
    bands.push({ fromAge: from, toAge: m[2] === '+' ? null : from, inhabitants: Number((m[3] ?? '').replace(/\s/g, '')) });
  }
  return { bands, badLine: null };
}

const count = (v: string) => Number(v.replace(/\s/g, ''));

function RecordPopulation({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [young, setYoung] = useState('');
  const [middle, setMiddle] = useState('');
  const [old, setOld] = useState('');
  const [lines, setLines] = useState('');
  const [source, setSource] = useState('');
  const [lineError, setLineError] = useState<string | undefined>();
  const labels = { year: t('popYear'), bands: t('popBands'), source: t('popSource'), inhabitants: t('popTotal'), fromAge: t('popBands'), toAge: t('popBands') };
  const submit = async () => {
    const parsed = parseAgeLines(lines);
    setLineError(parsed.badLine === null ? undefined : t('popBadLine').replace('{n}', String(parsed.badLine)));
    if (parsed.badLine !== null) return;
    const groups: Band[] = [
      { fromAge: 0, toAge: 66, inhabitants: count(young) },
      { fromAge: 67, toAge: 79, inhabitants: count(middle) },
      { fromAge: 80, toAge: null, inhabitants: count(old) },
    ];
    const body = { year: Number(year), bands: parsed.bands.length ? parsed.bands : groups, source: source.trim() };
    ok(await api.POST('/api/v1/organisation/population', { params: { header: commandHeaders() }, body }));
    await onDone();
  };
  return (
    <ActionForm title={t('popRecord')} submitLabel={t('popSave')} onSubmit={submit} level={3} labels={labels} testId="population-form">
      {({ fieldError }) => (
        <>
          <Textfield label={labels.year} type="number" value={year} onChange={(e) => setYear(e.target.value)} error={fieldError('year')} />
          <Textfield label={t('popYoung')} inputMode="numeric" value={young} onChange={(e) => setYoung(e.target.value)} error={fieldError('bands.0.inhabitants')} />
          <Textfield label={t('popMiddle')} inputMode="numeric" value={middle} onChange={(e) => setMiddle(e.target.value)} error={fieldError('bands.1.inhabitants')} />
          <Textfield label={t('popOld')} inputMode="numeric" value={old} onChange={(e) => setOld(e.target.value)} error={fieldError('bands.2.inhabitants')} />
          <Textfield multiline rows={4} label={t('popLines')} description={t('popLinesHelp')} value={lines} onChange={(e) => setLines(e.target.value)} error={lineError ?? fieldError('bands')} />
          <Textfield label={labels.source} description={t('popSourceHelp')} value={source} onChange={(e) => setSource(e.target.value)} error={fieldError('source')} />
        </>
      )}
    </ActionForm>
  );
}

function PopulationTable({ entries }: { entries: Entry[] }) {
  const { t, lang } = useI18n();
  if (entries.length === 0) return <Paragraph data-testid="population-empty">{t('popNone')}</Paragraph>;
  const locale = lang === 'en' ? 'en-GB' : 'nb-NO';
  const band = (b: Band) => `${b.fromAge}${b.toAge === null ? '+' : b.toAge === b.fromAge ? '' : `–${b.toAge}`}: ${b.inhabitants.toLocaleString(locale)}`;
  return (
    <Table zebra data-testid="population-list">
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('popYear')}</Table.HeaderCell>
          <Table.HeaderCell>{t('popTotal')}</Table.HeaderCell>
          <Table.HeaderCell>{t('popBands')}</Table.HeaderCell>
          <Table.HeaderCell>{t('popSource')}</Table.HeaderCell>
          <Table.HeaderCell>{t('popRecordedBy')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {entries.map((e) => (
          <Table.Row key={e.id}>
            <Table.Cell>
              {e.year} <Tag data-color={e.inForce ? 'success' : 'neutral'}>{e.inForce ? t('popInForce') : t('popReplaced')}</Tag>
            </Table.Cell>
            <Table.Cell>{e.total.toLocaleString(locale)}</Table.Cell>
            <Table.Cell>{e.bands.length > 6 ? `${e.bands.length} ${t('popBands').toLowerCase()}` : e.bands.map(band).join('; ')}</Table.Cell>
            <Table.Cell>{e.source}</Table.Cell>
            <Table.Cell>{e.recordedBy.name}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

export function PopulationSection() {
  const { t } = useI18n();
  const loaded = useLoad(loadPopulation, []);
  return (
    <section className="stack" data-testid="admin-population">
      <Heading level={2} data-size="sm">
        {t('popTitle')}
      </Heading>
      <Paragraph>{t('popHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {loaded.data && <PopulationTable entries={loaded.data} />}
      <RecordPopulation onDone={loaded.reload} />
    </section>
  );
}
