/**
 * "Je pense savoir le faire": where the curriculum allows it, the learner says so (with a level
 * when the skill has levels). It guides what comes next; a trainer still validates for badges.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { useLocalized } from '../../app/localized.ts';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import { SelfAssessMutation, type SkillDetail } from './skill-queries.ts';

export function SelfAssessmentForm({ skill, onDone }: { skill: SkillDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { graphql } = useAuth();
  const [level, setLevel] = useState<number | null>(skill.levels[0]?.level ?? null);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    try {
      const data = await graphql(SelfAssessMutation, { skillId: skill.id, level });
      if (data.selfAssess.__typename === 'SelfAssessSuccess') {
        setDone(true);
        onDone();
      } else if ('message' in data.selfAssess) {
        setFailure(data.selfAssess);
      }
    } catch (error) {
      setFailure(error instanceof Error ? error : undefined);
    }
  }

  return (
    <form onSubmit={submit} className="stack">
      <p>{t('selfAssessment.explain')}</p>
      {skill.levels.length === 0 ? null : (
        <fieldset className="choice">
          <legend>{t('selfAssessment.level')}</legend>
          {skill.levels.map((l) => (
            <label key={l.level}>
              <input
                type="radio"
                name="level"
                value={l.level}
                checked={level === l.level}
                onChange={() => setLevel(l.level)}
              />
              {t('skill.levelNamed', { level: l.level, title: localized(l.title) })}
            </label>
          ))}
        </fieldset>
      )}
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      {done ? (
        <p className="notice notice-success" role="status">
          {t('selfAssessment.done')}
        </p>
      ) : null}
      <button type="submit" className="secondary">
        {t('selfAssessment.submit')}
      </button>
    </form>
  );
}
