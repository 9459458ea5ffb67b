/**
 * The curriculum as a list, module by module: the same facts as the drawing (status, level
 * reached, levels, prerequisites and where they stand), readable by anyone, with any tool.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { paths } from '../../app/paths.ts';
import { StatusLabel } from '../../components/status-label.tsx';
import type { ModuleView, SkillView } from './skill-view.ts';

function SkillItem({ skill }: { skill: SkillView }) {
  const { t } = useTranslation();
  return (
    <li className="card skill-item" data-skill-id={skill.id}>
      <h4>
        <Link href={paths.skill(skill.id)}>{skill.title}</Link>
      </h4>
      <dl>
        <dt>{t('skill.status')}</dt>
        <dd>
          <StatusLabel status={skill.status} />
          {skill.level === null
            ? null
            : ` — ${t('skill.levelOf', { level: skill.level, total: skill.levels.length })}`}
        </dd>
        <dt>{t('skill.prerequisites')}</dt>
        <dd>
          {skill.prerequisites.length === 0 ? (
            t('skill.noPrerequisites')
          ) : (
            <ul className="inline-list">
              {skill.prerequisites.map((p) => (
                <li key={p.id}>
                  <Link href={paths.skill(p.id)}>{p.title}</Link>
                  {p.status === null ? null : (
                    <>
                      {' '}
                      (<StatusLabel status={p.status} />)
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {skill.levels.length === 0 ? null : (
          <>
            <dt>{t('skill.levels')}</dt>
            <dd>
              <ol className="levels">
                {skill.levels.map((level) => (
                  <li key={level}>{level}</li>
                ))}
              </ol>
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

export function SkillList({
  skills,
  modules,
}: {
  skills: readonly SkillView[];
  modules: readonly ModuleView[];
}) {
  return (
    <div className="skill-list">
      {modules.map((module) => {
        const inModule = skills.filter((s) => s.moduleId === module.id);
        if (inModule.length === 0) return null;
        return (
          <section key={module.id} aria-labelledby={`module-${module.id}`}>
            <h3 id={`module-${module.id}`}>{module.title}</h3>
            <ul className="cards">
              {inModule.map((skill) => (
                <SkillItem key={skill.id} skill={skill} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
