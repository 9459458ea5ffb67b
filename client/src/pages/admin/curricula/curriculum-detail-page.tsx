/**
 * One curriculum, read-only: its skills by module (how each is validated, its levels, its
 * prerequisites, how long a validation lasts, the public frameworks it matches) as tables, and
 * its badges (what they certify, the skills their criteria name — links to those skills' rows —,
 * the criteria in words, the public page) with their alignments to public frameworks. Everything
 * comes from one GraphQL request.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { ScrollTable } from '../scroll-table.tsx';
import {
  type Alignment,
  type CatalogBadge,
  CatalogQuery,
  type CatalogSkill,
} from './curricula-queries.ts';

/**
 * The HTML id of a skill's row, for the badges' links to it. Global ids are
 * `<curriculum>/<skill>` slugs; the slash is not welcome in a URL fragment.
 */
export function skillAnchor(skillId: string): string {
  return `skill-${skillId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A skill's alignments, one line each: "DigComp 2.6 : <name as a link>". */
function AlignmentList({ alignments }: { alignments: Alignment[] }) {
  const { t } = useTranslation();
  if (alignments.length === 0) return <>—</>;
  return (
    <ul className="alignment-list">
      {alignments.map((alignment) => (
        <li key={`${alignment.url} ${alignment.code ?? ''} ${alignment.name}`}>
          {alignment.code === null
            ? t('admin.curriculum.alignmentRefNoCode', { framework: alignment.framework })
            : t('admin.curriculum.alignmentRef', {
                framework: alignment.framework,
                code: alignment.code,
              })}{' '}
          <a href={alignment.url} rel="noopener noreferrer">
            {alignment.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

function SkillsTable({
  caption,
  skills,
  titleOf,
}: {
  caption: string;
  skills: CatalogSkill[];
  titleOf: (skillId: string) => string;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <ScrollTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('admin.curriculum.skill')}</th>
          <th scope="col">{t('admin.curriculum.validation')}</th>
          <th scope="col">{t('admin.curriculum.levels')}</th>
          <th scope="col">{t('admin.curriculum.prerequisites')}</th>
          <th scope="col">{t('admin.curriculum.validity')}</th>
          <th scope="col">{t('admin.curriculum.frameworks')}</th>
        </tr>
      </thead>
      <tbody>
        {skills.map((skill) => (
          <tr key={skill.id} id={skillAnchor(skill.id)}>
            <th scope="row">{localized(skill.title)}</th>
            <td>
              {skill.validationMethods.map((m) => t(`admin.method.${m}`)).join(', ')}
              {skill.selfAssessment ? (
                <>
                  <br />
                  {t('admin.curriculum.selfAssessment')}
                </>
              ) : null}
            </td>
            <td>
              {skill.levels.length === 0
                ? '—'
                : skill.levels.map((l) => `${l.level}. ${localized(l.title)}`).join(' · ')}
            </td>
            <td>
              {skill.prerequisiteIds.length === 0
                ? '—'
                : skill.prerequisiteIds.map(titleOf).join(' · ')}
            </td>
            <td>
              {skill.validityMonths === null
                ? t('admin.curriculum.forever')
                : t('admin.curriculum.months', { count: skill.validityMonths })}
            </td>
            <td>
              <AlignmentList alignments={skill.alignments} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function AlignmentsTable({ caption, alignments }: { caption: string; alignments: Alignment[] }) {
  const { t } = useTranslation();
  return (
    <ScrollTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('admin.curriculum.framework')}</th>
          <th scope="col">{t('admin.curriculum.version')}</th>
          <th scope="col">{t('admin.curriculum.code')}</th>
          <th scope="col">{t('admin.curriculum.label')}</th>
          <th scope="col">{t('admin.curriculum.link')}</th>
        </tr>
      </thead>
      <tbody>
        {alignments.map((alignment) => (
          <tr key={`${alignment.url} ${alignment.code ?? ''} ${alignment.name}`}>
            <td>{alignment.framework}</td>
            <td>{alignment.frameworkVersion}</td>
            <td>{alignment.code ?? '—'}</td>
            <th scope="row">{alignment.name}</th>
            <td>
              <a href={alignment.url} rel="noopener noreferrer">
                {t('admin.curriculum.open')}{' '}
                <span className="visually-hidden">{alignment.name}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function BadgeItem({
  badge,
  skillTitle,
  onThisPage,
}: {
  badge: CatalogBadge;
  skillTitle: (skillId: string) => string;
  onThisPage: (skillId: string) => boolean;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const skillsLabel = useId();
  const title = localized(badge.title);
  const publicPage = `/badges/definitions/${badge.id.split('/').map(encodeURIComponent).join('/')}`;
  return (
    <li>
      <div className="badge-head">
        <img className="badge-image" src={`${publicPage}.png`} alt="" width={96} height={96} />
        <h3>{title}</h3>
      </div>
      <p>{localized(badge.description)}</p>
      <p id={skillsLabel}>
        <strong>{t('admin.curriculum.criteriaSkills')}</strong>
        {badge.criteriaSkillIds.length === 0 ? ` ${t('admin.curriculum.noCriteriaSkills')}` : null}
      </p>
      {badge.criteriaSkillIds.length > 0 ? (
        <ul className="criteria-skills" aria-labelledby={skillsLabel}>
          {badge.criteriaSkillIds.map((skillId) => (
            <li key={skillId}>
              {onThisPage(skillId) ? (
                <a href={`#${skillAnchor(skillId)}`}>{skillTitle(skillId)}</a>
              ) : (
                skillTitle(skillId)
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <strong>{t('admin.curriculum.criteria')}</strong> {localized(badge.criteriaNarrative)}
      </p>
      <p>
        <a href={publicPage}>{t('admin.curriculum.publicPage', { badge: title })}</a>
      </p>
      {badge.alignments.length === 0 ? (
        <p>{t('admin.curriculum.noAlignments')}</p>
      ) : (
        <AlignmentsTable
          caption={t('admin.curriculum.alignmentsOf', { badge: title })}
          alignments={badge.alignments}
        />
      )}
    </li>
  );
}

export function CurriculumDetailPage({ curriculumId }: { curriculumId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { data, error, loading, reload } = useQuery(CatalogQuery, {});
  const curriculum = data?.curricula.find((c) => c.id === curriculumId);

  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    if (curriculum === undefined) return <p>{t('admin.curriculum.missing')}</p>;
    const titles = new Map(
      data.curricula.flatMap((c) => c.skills.map((s) => [s.id, localized(s.title)] as const)),
    );
    const titleOf = (id: string) => titles.get(id) ?? id;
    const shownHere = new Set(curriculum.skills.map((s) => s.id));
    return (
      <>
        <p className="lead">{localized(curriculum.description)}</p>
        <section aria-labelledby="curriculum-skills">
          <h2 id="curriculum-skills">
            {t('admin.curriculum.skillsTitle', { count: curriculum.skills.length })}
          </h2>
          {curriculum.modules.map((module) => {
            const skills = curriculum.skills
              .filter((s) => s.module === module.id)
              .sort((a, b) => a.order - b.order);
            if (skills.length === 0) return null;
            return (
              <SkillsTable
                key={module.id}
                caption={localized(module.title)}
                skills={skills}
                titleOf={titleOf}
              />
            );
          })}
        </section>
        <section aria-labelledby="curriculum-badges">
          <h2 id="curriculum-badges">
            {t('admin.curriculum.badgesTitle', { count: curriculum.badges.length })}
          </h2>
          <p className="hint">{t('admin.curriculum.badgesHint')}</p>
          <ul className="entity-list wide-list">
            {curriculum.badges.map((badge) => (
              <BadgeItem
                key={badge.id}
                badge={badge}
                skillTitle={titleOf}
                onThisPage={(id) => shownHere.has(id)}
              />
            ))}
          </ul>
        </section>
      </>
    );
  })();

  return (
    <AdminLayout
      title={curriculum === undefined ? t('admin.curriculum.title') : localized(curriculum.title)}
      back={{ href: adminPaths.curricula, label: t('admin.curricula.title') }}
    >
      {content}
    </AdminLayout>
  );
}
