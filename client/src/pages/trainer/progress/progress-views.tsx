/**
 * A group's progress in two views carrying the same facts. The table (learners × skills) gives
 * each cell a colour, a symbol and the status in words for screen readers, with sticky headers
 * and sideways scrolling on a phone; the text view is a list per learner, for screen readers
 * and for anyone who prefers reading. The legend says what each colour and symbol mean.
 */
import { useTranslation } from 'react-i18next';
import {
  SKILL_STATUSES,
  type SkillStatus,
  STATUS_SYMBOL,
} from '../../../components/skill-status.ts';
import { StatusLabel } from '../../../components/status-label.tsx';

export interface GridSkill {
  id: string;
  title: string;
}

export interface GridRow {
  learnerId: string;
  displayName: string;
  cells: Array<{ skillId: string; status: SkillStatus; level: number | null }>;
}

export function ProgressLegend() {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="legend">{t('trainer.progress.legend')}</h2>
      <ul className="legend progress-legend" aria-labelledby="legend">
        {SKILL_STATUSES.map((status) => (
          <li key={status}>
            <StatusLabel status={status} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function ProgressTable({
  skills,
  rows,
  caption,
}: {
  skills: readonly GridSkill[];
  rows: readonly GridRow[];
  caption: string;
}) {
  const { t } = useTranslation();
  return (
    // A scrolling region must be reachable with the keyboard to scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the region scrolls sideways on a phone.
    <section className="grid-scroll" aria-label={caption} tabIndex={0}>
      <table className="progress-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="grid-corner">
              {t('trainer.progress.learner')}
            </th>
            {skills.map((skill) => (
              <th scope="col" key={skill.id} data-skill-id={skill.id}>
                {skill.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.learnerId} data-learner-id={row.learnerId}>
              <th scope="row">{row.displayName}</th>
              {row.cells.map((cell) => (
                <td
                  key={cell.skillId}
                  className={`grid-cell status-${cell.status.toLowerCase()}`}
                  data-skill-id={cell.skillId}
                >
                  <span aria-hidden="true">{STATUS_SYMBOL[cell.status]}</span>
                  {cell.level === null ? null : <span aria-hidden="true">{cell.level}</span>}
                  <span className="visually-hidden">
                    {t(`status.${cell.status}`)}
                    {cell.level === null
                      ? ''
                      : `, ${t('trainer.decide.levelShort', { level: cell.level })}`}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ProgressText({
  skills,
  rows,
}: {
  skills: readonly GridSkill[];
  rows: readonly GridRow[];
}) {
  const { t } = useTranslation();
  const titles = new Map(skills.map((s) => [s.id, s.title]));
  return (
    <ul className="progress-text-view">
      {rows.map((row) => (
        <li key={row.learnerId} data-learner-id={row.learnerId}>
          <h2>{row.displayName}</h2>
          <ul>
            {row.cells.map((cell) => (
              <li key={cell.skillId} className="progress-skill" data-skill-id={cell.skillId}>
                {t('trainer.progress.skillLabel', {
                  skill: titles.get(cell.skillId) ?? cell.skillId,
                })}{' '}
                <StatusLabel status={cell.status} />
                {cell.level === null
                  ? null
                  : ` ${t('trainer.decide.levelShort', { level: cell.level })}`}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
