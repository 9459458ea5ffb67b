/**
 * A curriculum: its progress, then its skills as a drawing (the default on large screens) or as
 * a list, with a switch between the two. The choice is in the address (`?vue=liste`), so the
 * back button and a shared link keep it.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { useLocalized } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { useQuery } from '../../app/use-query.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { SKILL_STATUSES } from '../../components/skill-status.ts';
import { StatusLabel } from '../../components/status-label.tsx';
import { CurriculumQuery } from './curriculum-queries.ts';
import { SkillGraph } from './skill-graph.tsx';
import { SkillList } from './skill-list.tsx';
import type { ModuleView, SkillView } from './skill-view.ts';

export function CurriculumPage({ curriculumId }: { curriculumId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const asList = new URLSearchParams(search).get('vue') === 'liste';
  const { data, error, loading, reload } = useQuery(CurriculumQuery, { curriculumId });

  const view = useMemo(() => {
    if (data === undefined) return undefined;
    const curriculum = data.curricula.find((c) => c.id === curriculumId);
    if (curriculum === undefined) return null;
    const states = new Map(data.mySkillStates.map((s) => [s.skillId, s]));
    const titles = new Map(
      data.curricula.flatMap((c) => c.skills.map((s) => [s.id, localized(s.title)] as const)),
    );
    const skills: SkillView[] = curriculum.skills.map((skill) => ({
      id: skill.id,
      title: localized(skill.title),
      moduleId: skill.module,
      status: states.get(skill.id)?.status ?? 'LOCKED',
      level: states.get(skill.id)?.level ?? null,
      levels: skill.levels.map((l) => localized(l.title)),
      prerequisites: skill.prerequisiteIds.map((id) => ({
        id,
        title: titles.get(id) ?? id,
        status: states.get(id)?.status ?? null,
      })),
    }));
    const modules: ModuleView[] = curriculum.modules.map((m) => ({
      id: m.id,
      title: localized(m.title),
    }));
    return { curriculum, skills, modules };
  }, [data, curriculumId, localized]);

  if (loading && data === undefined) return <Loading />;
  if (view === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  if (view === null) {
    return (
      <>
        <PageHeading title={t('curriculum.unknown')} />
        <p>
          <Link href={paths.home}>{t('notFound.home')}</Link>
        </p>
      </>
    );
  }
  const { curriculum, skills, modules } = view;
  const title = localized(curriculum.title);
  const acquired = skills.filter((s) => s.status === 'VALIDATED').length;
  const present = SKILL_STATUSES.filter((status) => skills.some((s) => s.status === status));
  return (
    <>
      <PageHeading title={title} />
      <p>{localized(curriculum.description)}</p>
      <ProgressBar
        done={curriculum.myProgress?.skillsAcquired ?? acquired}
        total={skills.length}
        label={t('progress.label', { curriculum: title })}
      />
      <section aria-labelledby="skills-heading">
        <div className="section-head">
          <h2 id="skills-heading">{t('curriculum.skills')}</h2>
          <button
            type="button"
            className="secondary"
            onClick={() => navigate(asList ? location : `${location}?vue=liste`, { replace: true })}
          >
            {asList ? t('curriculum.showGraph') : t('curriculum.showList')}
          </button>
        </div>
        <p className="legend">
          <span>{t('curriculum.legend')}</span>{' '}
          {present.map((status) => (
            <span key={status} className="legend-item">
              <StatusLabel status={status} />
            </span>
          ))}
        </p>
        {asList ? (
          <SkillList skills={skills} modules={modules} />
        ) : (
          <>
            <p className="hint">{t('curriculum.graphHelp')}</p>
            <SkillGraph skills={skills} label={t('curriculum.graphLabel', { curriculum: title })} />
          </>
        )}
      </section>
    </>
  );
}
