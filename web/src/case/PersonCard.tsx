/**
 * The person card (personopplysninger): name, age, address, written language, GP and contacts, and
 * who acts for the person in the case (and, with full access, the GP recorded anew). The address is what GET /persons/{id} gives: for a protected
 * person (fortrolig / strengt fortrolig adresse) the server leaves it out for those who may not see
 * it, and the card says only that the address is protected.
 */
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { useLoad } from '../useLoad.tsx';
import { osloDate } from '../dates.ts';
import { ageOn, dateIn, fill } from './caseFileFormat.ts';
import { Empty, Facts, Panel } from './Panel.tsx';
import { gpWords, RecordGp } from './PersonGp.tsx';
import { PersonIncome } from './PersonIncome.tsx';

export type Person = Reply<'/api/v1/persons/{id}', 'get'>;
type Contact = NonNullable<Person['contacts']>[number];
/** Who applied for the person (from the request), when someone did. */
export interface Representative {
  readonly name: string;
  readonly authority: string;
}

function addressWords(p: Person, t: (k: Key) => string): string {
  const a = p.address;
  const parts = [a?.line, [a?.postalCode, a?.postalPlace].filter(Boolean).join(' ')].filter(Boolean);
  if (parts.length > 0) return parts.join(', ');
  return p.protectedAddress ? t('cfAddressHidden') : t('cfNoAddress');
}

/** Where the person's data came from: the population register (with when it was fetched), or typed in. */
function sourceWords(p: Person, t: (k: Key) => string, lang: Parameters<typeof dateIn>[0]): string {
  const checkedAt = p.source.checkedAt;
  return p.source.kind === 'folkeregister' && checkedAt ? fill(t('fregSourceRegister'), { at: dateIn(lang, osloDate(new Date(checkedAt))) }) : t('fregSourceManual');
}

function ContactLine({ c }: { c: Contact }) {
  const { t } = useI18n();
  const reach = [c.phone ? `${t('cfPhone')} ${c.phone}` : null, c.email ? `${t('cfEmail')} ${c.email}` : null].filter(Boolean).join(' · ');
  return (
    <li>
      <strong>{c.name}</strong> ({t(`cfRelation_${c.relation}`)}){c.authority ? `, ${c.authority}` : ''}
      {reach ? ` — ${reach}` : ''}
    </li>
  );
}

export function PersonCard({ personId, representative, mayEdit = false }: { personId: string; representative?: Representative | null; mayEdit?: boolean }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/persons/{id}', { params: { path: { id: personId } } })), [personId]);
  const p = loaded.data;
  return (
    <Panel title={t('cfPerson')} testId="person-card" loaded={loaded}>
      {p && (
        <>
          <Paragraph>
            <strong>
              {p.givenName} {p.familyName}
            </strong>{' '}
            · {fill(t('cfYears'), { n: ageOn(p.birthDate, osloDate()) })}
            {p.protectedAddress && (
              <>
                {' '}
                <Tag data-color="warning" data-testid="protected-address">
                  {t('cfProtectedAddress')}
                </Tag>
              </>
            )}
          </Paragraph>
          <Facts
            rows={[
              [t('cfBorn'), dateIn(lang, p.birthDate)],
              [t('nationalId'), p.nationalIdMasked],
              [t('cfAddress'), <span data-testid="person-address">{addressWords(p, t)}</span>],
              [t('cfWrittenLanguage'), t(`cfLang_${p.language}`)],
              [t('fregSource'), <span data-testid="person-source">{sourceWords(p, t, lang)}</span>],
              [t('fregDiedOn'), p.diedOn ? dateIn(lang, p.diedOn) : null],
              [t('fregMovedOutOn'), p.movedOutOn ? dateIn(lang, p.movedOutOn) : null],
              [t('cfRepresentative'), representative ? `${representative.name} (${representative.authority})` : null],
              [t('cfGp'), <span data-testid="person-gp">{gpWords(p.gp, t, lang)}</span>],
            ]}
          />
          {mayEdit && <RecordGp personId={personId} onDone={loaded.reload} />}
          {mayEdit && <PersonIncome personId={personId} />}
          <Paragraph data-size="sm">
            <strong>{t('cfContacts')}</strong>
          </Paragraph>
          {p.contacts?.length ? (
            <ul>
              {p.contacts.map((c) => (
                <ContactLine key={c.id} c={c} />
              ))}
            </ul>
          ) : (
            <Empty>{t('cfNoContacts')}</Empty>
          )}
        </>
      )}
    </Panel>
  );
}
