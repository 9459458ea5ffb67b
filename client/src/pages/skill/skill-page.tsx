/**
 * One skill: where the learner stands, what it is, what to do first, how to learn it, how it is
 * validated; then handing in evidence, self-assessment where allowed, and the history.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatDate, useLocale, useLocalized } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { useQuery } from '../../app/use-query.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { StatusLabel } from '../../components/status-label.tsx';
import { EvidenceForm } from './evidence-form.tsx';
import { SelfAssessmentForm } from './self-assessment-form.tsx';
import { skillHistory } from './skill-history.ts';
import { type SkillDetail, SkillQuery } from './skill-queries.ts';

// `TFunction`, not `ReturnType<typeof useTranslation>['t']`: with ~670 typed keys the latter
// makes TypeScript give up ("type instantiation is excessively deep").
function duration(minutes: number, t: TFunction): string {
  if (minutes < 60) return t('activity.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0
    ? t('activity.hours', { count: hours })
    : t('activity.hoursMinutes', { hours, minutes: rest });
}

export function SkillPage({ skillId }: { skillId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const curriculumId = skillId.split('/')[0] ?? '';
  const { data, error, loading, reload } = useQuery(SkillQuery, { curriculumId });

  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  const curriculum = data.curricula.find((c) => c.id === curriculumId);
  const skill = curriculum?.skills.find((s) => s.id === skillId) as SkillDetail | undefined;
  if (curriculum === undefined || skill === undefined) {
    return (
      <>
        <PageHeading title={t('skill.unknown')} />
        <p>
          <Link href={paths.home}>{t('notFound.home')}</Link>
        </p>
      </>
    );
  }
  const titles = new Map(
    data.curricula.flatMap((c) => c.skills.map((s) => [s.id, localized(s.title)] as const)),
  );
  const states = new Map(data.mySkillStates.map((s) => [s.skillId, s]));
  const state = states.get(skillId);
  const status = state?.status ?? 'LOCKED';
  const history = skillHistory(skillId, state, data.myNotifications);
  const acceptsEvidence = skill.validationMethods.includes('EVIDENCE');
  // A self-assessment guides the learner but does not count for badges: evidence and a new
  // self-assessment stay open until a trainer or a jury has validated the skill.
  const validatedByStaff = status === 'VALIDATED' && state?.source !== 'SELF';
  const levelTitle = (level: number) =>
    localized(skill.levels.find((l) => l.level === level)?.title ?? { fr: '', en: '' });

  return (
    <>
      <p className="breadcrumb">
        <Link href={paths.curriculum(curriculum.id)}>
          <span aria-hidden="true">← </span>
          {t('skill.back', { curriculum: localized(curriculum.title) })}
        </Link>
      </p>
      <PageHeading title={localized(skill.title)} />
      <div className="card state-card">
        <p>
          <StatusLabel status={status} />
          {state?.level == null
            ? null
            : ` — ${t('skill.levelNamed', { level: state.level, title: levelTitle(state.level) })}`}
        </p>
        {status === 'SUBMITTED' ? <p>{t('skill.submittedExplain')}</p> : null}
        {status === 'VALIDATED' && state?.source === 'SELF' ? (
          <p>{t('skill.selfExplain')}</p>
        ) : null}
        {status === 'LOCKED' ? <p>{t('skill.lockedExplain')}</p> : null}
      </div>

      <section aria-labelledby="about">
        <h2 id="about">{t('skill.about')}</h2>
        <p>{localized(skill.description)}</p>
      </section>

      <section aria-labelledby="before">
        <h2 id="before">{t('skill.prerequisites')}</h2>
        {skill.prerequisiteIds.length === 0 ? (
          <p>{t('skill.noPrerequisites')}</p>
        ) : (
          <ul>
            {skill.prerequisiteIds.map((id) => (
              <li key={id}>
                <Link href={paths.skill(id)}>{titles.get(id) ?? id}</Link>
                {states.get(id) === undefined ? null : (
                  <>
                    {' '}
                    (<StatusLabel status={states.get(id)?.status ?? 'LOCKED'} />)
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {skill.levels.length === 0 ? null : (
        <section aria-labelledby="levels">
          <h2 id="levels">{t('skill.levels')}</h2>
          <ol className="levels">
            {skill.levels.map((l) => (
              <li key={l.level}>
                <strong>{localized(l.title)}</strong>
                {l.description === null ? null : <> — {localized(l.description)}</>}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="activities">
        <h2 id="activities">{t('skill.activities')}</h2>
        <ul className="cards">
          {skill.activities.map((activity) => (
            <li className="card" key={`${activity.kind}-${activity.title.fr}`}>
              <h3>{localized(activity.title)}</h3>
              <p className="meta">
                {t(`activity.kind.${activity.kind}`)} · {duration(activity.durationMinutes, t)}
                {activity.unplugged ? ` · ${t('activity.unplugged')}` : ''}
              </p>
              {activity.description === null ? null : <p>{localized(activity.description)}</p>}
              {activity.url === null ? null : (
                <p>
                  <a href={activity.url} rel="noopener noreferrer">
                    {t('activity.open', { title: localized(activity.title) })}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="validation">
        <h2 id="validation">{t('skill.validation')}</h2>
        <ul>
          {skill.validationMethods.map((method) => (
            <li key={method}>{t(`validation.${method}`)}</li>
          ))}
        </ul>
        {skill.validityMonths === null ? null : (
          <p>{t('skill.validity', { count: skill.validityMonths })}</p>
        )}
      </section>

      {acceptsEvidence && !validatedByStaff ? (
        <section aria-labelledby="evidence">
          <h2 id="evidence">{t('evidence.title')}</h2>
          <EvidenceForm skillId={skill.id} onSent={reload} />
        </section>
      ) : null}

      {skill.selfAssessment && !validatedByStaff ? (
        <section aria-labelledby="self-assessment">
          <h2 id="self-assessment">{t('selfAssessment.title')}</h2>
          <SelfAssessmentForm skill={skill} onDone={reload} />
        </section>
      ) : null}

      <section aria-labelledby="history">
        <h2 id="history">{t('history.title')}</h2>
        {history.length === 0 ? (
          <p>{t('history.empty')}</p>
        ) : (
          <ul className="history">
            {history.map((entry) => (
              <li key={`${entry.kind}-${entry.at}`}>
                <time dateTime={entry.at}>{formatDate(entry.at, locale)}</time> —{' '}
                {entry.kind === 'validated'
                  ? t(`history.validated.${entry.source ?? 'TRAINER'}`)
                  : entry.kind === 'expires'
                    ? t('history.expires')
                    : t('history.rejected')}
                {entry.kind === 'validated' && entry.level !== null
                  ? ` (${t('skill.levelNamed', { level: entry.level, title: levelTitle(entry.level) })})`
                  : ''}
                {entry.kind === 'rejected' && entry.comment !== null ? (
                  <blockquote>{entry.comment}</blockquote>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
