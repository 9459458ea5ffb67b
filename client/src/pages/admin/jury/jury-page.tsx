/**
 * A jury's decision (BAFA): the learner, the skill the jury decides, the outcome (reçu, ajourné,
 * refusé) and a comment, then a confirmation that repeats it all. "Reçu" validates the skill and
 * may award badges at once (they are listed); "refusé" flags the badges it breaks for review.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import type { LocalizedText } from '../../../app/graphql.ts';
import { useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import type { SkillStatus } from '../../../components/skill-status.ts';
import { StatusLabel } from '../../../components/status-label.tsx';
import { isTypedError } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { PersonPicker } from '../people/person-picker.tsx';
import { type JuryOutcome, JurySkillsQuery, RecordJuryDecisionMutation } from './jury-queries.ts';

const OUTCOMES: readonly JuryOutcome[] = ['RECU', 'AJOURNE', 'REFUSE'];

interface Recorded {
  learner: string;
  skill: string;
  status: SkillStatus;
  badges: Array<{ id: string; title: LocalizedText }>;
}

export function JuryPage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { graphql } = useAuth();
  const id = useId();
  const { data, error, loading, reload } = useQuery(JurySkillsQuery, {});
  const [learner, setLearner] = useState<{ id: string; name: string } | null>(null);
  const [skillId, setSkillId] = useState('');
  const [outcome, setOutcome] = useState<JuryOutcome | ''>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const summary = useRef<HTMLHeadingElement>(null);

  const groups = (data?.curricula ?? [])
    .map((curriculum) => ({
      curriculum,
      skills: curriculum.skills.filter((skill) => skill.validationMethods.includes('JURY')),
    }))
    .filter((group) => group.skills.length > 0);
  const skillTitle = (wanted: string) => {
    for (const group of groups) {
      const skill = group.skills.find((s) => s.id === wanted);
      if (skill !== undefined) return localized(skill.title);
    }
    return wanted;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const gaps = [
      ...(learner === null ? [t('admin.jury.missingLearner')] : []),
      ...(skillId === '' ? [t('admin.jury.missingSkill')] : []),
      ...(outcome === '' ? [t('admin.jury.missingOutcome')] : []),
    ];
    setMissing(gaps);
    if (gaps.length === 0) setConfirming(true);
  }

  if (loading && data === undefined) {
    return (
      <AdminLayout title={t('admin.jury.title')}>
        <Loading />
      </AdminLayout>
    );
  }
  if (data === undefined) {
    return (
      <AdminLayout title={t('admin.jury.title')}>
        <ErrorMessage error={error} onRetry={reload} />
      </AdminLayout>
    );
  }

  return (
    <AdminLayout title={t('admin.jury.title')}>
      <p>{t('admin.jury.intro')}</p>
      {recorded === null ? null : (
        <section className="notice notice-success" aria-labelledby={`${id}-done`}>
          <h2 id={`${id}-done`} ref={summary} tabIndex={-1}>
            {t('admin.jury.recorded', { name: recorded.learner, skill: recorded.skill })}
          </h2>
          <p>
            {t('admin.jury.stateNow')} <StatusLabel status={recorded.status} />
          </p>
          {recorded.badges.length === 0 ? null : (
            <>
              <p>{t('admin.jury.badges', { count: recorded.badges.length })}</p>
              <ul>
                {recorded.badges.map((badge) => (
                  <li key={badge.id}>
                    <Link href={adminPaths.award(badge.id)}>{localized(badge.title)}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <form onSubmit={submit} className="narrow" noValidate>
        {learner === null ? (
          <PersonPicker
            label={t('admin.jury.learner')}
            withRole="LEARNER"
            actionLabel={(person) => t('admin.jury.chooseLearner', { name: person.displayName })}
            onPick={(person) => setLearner({ id: person.id, name: person.displayName })}
          />
        ) : (
          <p className="button-row">
            <span>{t('admin.jury.learnerChosen', { name: learner.name })}</span>
            <button type="button" onClick={() => setLearner(null)}>
              {t('admin.jury.changeLearner')}
            </button>
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-skill`}>{t('admin.jury.skill')}</label>
          <select id={`${id}-skill`} value={skillId} onChange={(e) => setSkillId(e.target.value)}>
            <option value="">{t('admin.jury.chooseSkill')}</option>
            {groups.map(({ curriculum, skills }) => (
              <optgroup key={curriculum.id} label={localized(curriculum.title)}>
                {skills.map((skill) => (
                  <option key={skill.id} value={skill.id}>
                    {localized(skill.title)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <fieldset className="choice">
          <legend>{t('admin.jury.outcome')}</legend>
          {OUTCOMES.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="outcome"
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              <span>
                {t(`admin.jury.outcomes.${value}`)}
                <span className="hint"> — {t(`admin.jury.outcomeHints.${value}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-comment`}>{t('admin.jury.comment')}</label>
          <p className="hint" id={`${id}-comment-hint`}>
            {t('admin.jury.commentHint')}
          </p>
          <textarea
            id={`${id}-comment`}
            rows={3}
            maxLength={1000}
            aria-describedby={`${id}-comment-hint`}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        {missing.length === 0 ? null : (
          <div className="notice notice-error" role="alert">
            <ul>
              {missing.map((gap) => (
                <li key={gap}>{gap}</li>
              ))}
            </ul>
          </div>
        )}
        <button type="submit" className="primary">
          {t('admin.jury.submit')}
        </button>
      </form>
      {confirming && learner !== null && outcome !== '' ? (
        <ConfirmDialog
          title={t('admin.jury.confirmTitle')}
          description={
            <p>
              {t('admin.jury.confirmText', {
                name: learner.name,
                skill: skillTitle(skillId),
                outcome: t(`admin.jury.outcomes.${outcome}`),
              })}
            </p>
          }
          confirmLabel={t('admin.jury.confirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const result = (
              await graphql(RecordJuryDecisionMutation, {
                learnerId: learner.id,
                skillId,
                outcome,
                comment: comment.trim() === '' ? null : comment.trim(),
              })
            ).recordJuryDecision;
            if (isTypedError(result)) return result;
            setConfirming(false);
            setRecorded({
              learner: learner.name,
              skill: skillTitle(skillId),
              status: result.state.status,
              badges: result.issuedBadges,
            });
            setLearner(null);
            setSkillId('');
            setOutcome('');
            setComment('');
            // After the dialog gives the focus back, move it to the summary.
            window.setTimeout(() => summary.current?.focus(), 0);
            return undefined;
          }}
        />
      ) : null}
    </AdminLayout>
  );
}
