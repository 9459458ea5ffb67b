/**
 * A group's progress grid: where each learner stands on each skill of the group's curriculum,
 * as a table or as text (`?vue=texte`, kept in the address like the curriculum page's list).
 */
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { useLocalized } from '../../../app/localized.ts';
import { paths } from '../../../app/paths.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { TrainerOnly } from '../trainer-only.tsx';
import {
  expandGrid,
  GroupProgressQuery,
  GroupQuery,
  type TrainerGroup,
  type TypedError,
} from '../trainer-queries.ts';
import { type GridSkill, ProgressLegend, ProgressTable, ProgressText } from './progress-views.tsx';

function Grid({ group }: { group: TrainerGroup & { curriculumId: string } }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const asText = new URLSearchParams(search).get('vue') === 'texte';
  const { data, error, loading, reload } = useQuery(GroupProgressQuery, {
    groupId: group.id,
    curriculumId: group.curriculumId,
  });
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  const compact = data.progressGrid;
  if (compact.__typename !== 'ProgressGrid' || !('rows' in compact)) {
    return <ErrorMessage error={compact as TypedError} onRetry={reload} />;
  }
  const grid = expandGrid(compact);
  const titles = new Map(compact.skills.map((s) => [s.id, localized(s.title)] as const));
  const skills: GridSkill[] = grid.skillIds.map((id) => ({ id, title: titles.get(id) ?? id }));
  return (
    <>
      <div className="graph-toolbar">
        <button
          type="button"
          aria-pressed={!asText}
          onClick={() => navigate(location, { replace: true })}
        >
          {t('trainer.progress.asTable')}
        </button>
        <button
          type="button"
          aria-pressed={asText}
          onClick={() => navigate(`${location}?vue=texte`, { replace: true })}
        >
          {t('trainer.progress.asText')}
        </button>
      </div>
      {grid.rows.length === 0 ? (
        <p>{t('trainer.progress.noLearner')}</p>
      ) : asText ? (
        <ProgressText skills={skills} rows={grid.rows} />
      ) : (
        <>
          <ProgressLegend />
          <ProgressTable
            skills={skills}
            rows={grid.rows}
            caption={t('trainer.progress.caption', { group: group.name })}
          />
        </>
      )}
    </>
  );
}

function GroupProgress({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useQuery(GroupQuery, { id: groupId });
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  const group = data.group;
  if (group.__typename !== 'Group' || !('learners' in group)) {
    return (
      <>
        <PageHeading title={t('trainer.progress.unknownGroup')} />
        <ErrorMessage error={group as TypedError} />
      </>
    );
  }
  const { curriculumId } = group;
  return (
    <>
      <PageHeading title={t('trainer.progress.title', { group: group.name })} />
      <p>
        <Link href={`${paths.trainer.newLearner}?groupe=${encodeURIComponent(group.id)}`}>
          {t('trainer.home.newLearner')}
        </Link>
      </p>
      {curriculumId === null ? (
        <p>{t('trainer.home.noCurriculum')}</p>
      ) : (
        <Grid group={{ ...group, curriculumId }} />
      )}
    </>
  );
}

export function GroupProgressPage({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  return (
    <TrainerOnly>
      <p className="breadcrumb">
        <Link href={paths.trainer.home}>
          <span aria-hidden="true">← </span>
          {t('trainer.home.back')}
        </Link>
      </p>
      <GroupProgress groupId={groupId} />
    </TrainerOnly>
  );
}
