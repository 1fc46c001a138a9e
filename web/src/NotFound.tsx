/** The page for a route that is not there (or not for the user's roles). */
import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useI18n } from './i18n.tsx';

export function NotFound({ home }: { home: string }) {
  const { t } = useI18n();
  return (
    <section className="stack" data-testid="not-found">
      <Heading level={1} data-size="lg">
        {t('notFoundTitle')}
      </Heading>
      <Paragraph>{t('notFoundText')}</Paragraph>
      <Paragraph>
        <Link href={`#${home}`}>{t('notFoundHome')}</Link>
      </Paragraph>
    </section>
  );
}
