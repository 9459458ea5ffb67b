/**
 * Where a session's QR code leads (`/pointage/<code>`): the learner, signed in (the sign-in
 * page brings them back here), is checked in at once and told so, or told plainly why not
 * (not open yet, over, not their group).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { gql } from '../../app/graphql.ts';
import { formatDate, useLocale } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';

const CheckInMutation = gql<
  {
    checkIn:
      | { __typename: 'CheckInSuccess'; title: string; startsAt: string; endsAt: string }
      | { __typename: string; code: string; message: { fr: string; en: string } };
  },
  { code: string }
>(`mutation CheckIn($code: String!) {
  checkIn(code: $code) {
    __typename
    ... on CheckInSuccess { title startsAt endsAt }
    ... on LocalizedError { code message { fr en } }
  }
}`);

type Outcome = { ok: true; title: string; startsAt: string } | { ok: false; error: Failure };

export function CheckInPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { graphql } = useAuth();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const sent = useRef(false);

  useEffect(() => {
    // Once per visit, even when React runs effects twice in development.
    if (sent.current) return;
    sent.current = true;
    graphql(CheckInMutation, { code }).then(
      ({ checkIn }) =>
        setOutcome(
          checkIn.__typename === 'CheckInSuccess' && 'title' in checkIn
            ? { ok: true, title: checkIn.title, startsAt: checkIn.startsAt }
            : { ok: false, error: checkIn as Failure },
        ),
      (error: unknown) =>
        setOutcome({ ok: false, error: error instanceof Error ? error : undefined }),
    );
  }, [graphql, code]);

  return (
    <>
      <PageHeading title={t('checkIn.title')} />
      {outcome === null ? (
        <Loading />
      ) : outcome.ok ? (
        <p className="notice notice-success" role="status">
          {t('checkIn.done', {
            title: outcome.title,
            date: formatDate(outcome.startsAt, locale),
          })}
        </p>
      ) : (
        <ErrorMessage error={outcome.error} />
      )}
      <p>
        <Link href={paths.home}>{t('notFound.home')}</Link>
      </p>
    </>
  );
}
