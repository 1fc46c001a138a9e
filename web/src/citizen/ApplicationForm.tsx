/** The application: for oneself or for someone one acts for (with the authority, fvl § 12), and the receipt. */
import { Alert, Button, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { paths } from '../api/schema';
import { useServices } from '../services.ts';
import type { Reply } from '../session.ts';
import { RepresentativeAuthority } from '../views/RepresentativeFields.tsx';

type Receipt = Reply<'/api/v1/citizen/applications', 'post', 201>;
type Body = paths['/api/v1/citizen/applications']['post']['requestBody']['content']['application/json'];

const EMPTY = { applyFor: 'self' as 'self' | 'someone_else', serviceCode: 'practical_help', description: '', whatMatters: '', phone: '', nationalId: '', givenName: '', familyName: '', authority: 'power_of_attorney', documentedOn: '' };

export function ApplicationForm({ onSent }: { onSent: () => void }) {
  const { t, lang } = useI18n();
  const services = useServices();
  const [v, setV] = useState(EMPTY);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const fieldError = (f: string) => problem?.fieldError(f);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const common = { serviceCode: v.serviceCode, description: v.description, ...(v.whatMatters ? { whatMatters: v.whatMatters } : {}), ...(v.phone ? { phone: v.phone } : {}) };
    const body =
      v.applyFor === 'self'
        ? { applyFor: 'self', language: lang === 'nn' ? 'nn' : 'nb', ...common }
        : { applyFor: 'someone_else', person: { nationalId: v.nationalId, givenName: v.givenName, familyName: v.familyName }, authority: v.authority, ...(v.documentedOn ? { documentedOn: v.documentedOn } : {}), ...common };
    try {
      setReceipt(ok(await api.POST('/api/v1/citizen/applications', { params: { header: commandHeaders() }, body: body as Body })));
      setProblem(null);
      setV(EMPTY);
      onSent();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    }
  };
  return (
    <section className="panel stack" aria-labelledby="apply-title">
      <Heading level={2} data-size="md" id="apply-title">
        {t('applyTitle')}
      </Heading>
      {/* A live region that is there before the receipt, so the receipt is announced when it comes. */}
      <div role="status" aria-live="polite">
        {receipt && <ReceiptNote receipt={receipt} />}
      </div>
      <form className="stack" onSubmit={submit} noValidate>
        <Fieldset>
          <Fieldset.Legend>{t('applyFor')}</Fieldset.Legend>
          {(['self', 'someone_else'] as const).map((a) => (
            <Radio key={a} name="applyFor" value={a} label={t(`applyFor_${a}` as Key)} checked={v.applyFor === a} onChange={() => setV({ ...v, applyFor: a })} />
          ))}
        </Fieldset>
        {v.applyFor === 'someone_else' && <OtherPersonFields v={v} set={set} fieldError={fieldError} />}
        <Field>
          <Label>{t('service')}</Label>
          <Select value={v.serviceCode} onChange={set('serviceCode')}>
            {services.map((s) => (
              <Select.Option key={s.code} value={s.code}>
                {s.name[lang]}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Textfield multiline rows={4} label={t('needDescription')} value={v.description} onChange={set('description')} error={fieldError('description')} />
        <Textfield multiline rows={2} label={t('whatMattersToYou')} value={v.whatMatters} onChange={set('whatMatters')} error={fieldError('whatMatters')} />
        <Textfield label={t('phone')} type="tel" autoComplete="tel" value={v.phone} onChange={set('phone')} error={fieldError('phone')} />
        {problem && (
          <Alert data-color="danger" role="alert">
            {problem.message}
          </Alert>
        )}
        <div>
          <Button type="submit">{t('sendApplication')}</Button>
        </div>
      </form>
    </section>
  );
}

/** The receipt; when it comes, scrolled into view and focused (on a phone the form above it is long). */
function ReceiptNote({ receipt }: { receipt: Receipt }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [receipt]);
  return (
    <Alert data-color="success" data-testid="citizen-receipt" ref={ref} tabIndex={-1} style={{ scrollMarginBlockStart: 'var(--ds-size-4)' }}>
      <Heading level={3} data-size="xs">
        {t('receiptTitle')}
      </Heading>
      <Paragraph>
        {t('receiptCaseNumber')}: <strong data-testid="citizen-case-number">{receipt.caseNumber}</strong>. {t('receiptReplyBy')} <strong>{receipt.replyBy}</strong> ({receipt.replyByCitation}).
      </Paragraph>
    </Alert>
  );
}

type Values = typeof EMPTY;
type Setter = (k: keyof Values) => (e: { target: { value: string } }) => void;

/** The person applied for, and the applicant's authority to act for them (fvl § 12). */
function OtherPersonFields({ v, set, fieldError }: { v: Values; set: Setter; fieldError: (f: string) => string | undefined }) {
  const { t } = useI18n();
  return (
    <Fieldset>
      <Fieldset.Legend>{t('otherPerson')}</Fieldset.Legend>
      <Textfield label={t('citizenNationalId')} inputMode="numeric" value={v.nationalId} onChange={set('nationalId')} error={fieldError('person.nationalId')} />
      <div className="row">
        <Textfield label={t('givenName')} value={v.givenName} onChange={set('givenName')} error={fieldError('person.givenName')} />
        <Textfield label={t('familyName')} value={v.familyName} onChange={set('familyName')} error={fieldError('person.familyName')} />
      </div>
      <div className="row">
        <RepresentativeAuthority authority={v.authority} onAuthority={set('authority')} />
        <Textfield label={t('documentedOnLabel')} type="date" value={v.documentedOn} onChange={set('documentedOn')} error={fieldError('documentedOn')} />
      </div>
    </Fieldset>
  );
}
