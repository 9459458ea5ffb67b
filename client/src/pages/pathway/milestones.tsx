/**
 * The milestones of the pathway (projet professionnel défini, CV prêt, …) in order: each one
 * reached says when and who noted it; one not yet reached can be ticked with its date. The
 * learner and the counsellor use the same list (`onSet` sends `setMilestone`).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useLocale, useLocalized } from '../../app/localized.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import type { Pathway } from './pathway-queries.ts';

/** Today in the workshops' time zone, as `YYYY-MM-DD` (the form the API takes). */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

export type SetMilestone = (milestoneId: string, reachedOn: string | null) => Promise<Failure>;

function MilestoneRow({
  id,
  label,
  reached,
  onSet,
}: {
  id: string;
  label: string;
  reached: { reachedOn: string; who: string } | undefined;
  onSet: SetMilestone;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fieldId = useId();
  const [date, setDate] = useState(todayInParis());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(undefined);

  async function send(reachedOn: string | null) {
    setBusy(true);
    setFailure(undefined);
    const result = await onSet(id, reachedOn);
    setBusy(false);
    setFailure(result);
  }

  return (
    <li className="card milestone">
      <h3>{label}</h3>
      {reached === undefined ? (
        <>
          <p>
            <span aria-hidden="true" className="status-symbol">
              ○
            </span>{' '}
            {t('pathway.milestones.notYet')}
          </p>
          <div className="field">
            <label htmlFor={fieldId}>{t('pathway.milestones.date', { milestone: label })}</label>
            <DateField
              id={fieldId}
              value={date}
              max={todayInParis()}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
          <button type="button" disabled={busy} onClick={() => void send(date)}>
            {t('pathway.milestones.tick', { milestone: label })}
          </button>
        </>
      ) : (
        <>
          <p className="pathway-state">
            <span aria-hidden="true" className="status-symbol">
              ✓
            </span>{' '}
            {t('pathway.milestones.reached', {
              date: formatDate(`${reached.reachedOn}T12:00:00Z`, locale),
              who: reached.who,
            })}
          </p>
          <button type="button" disabled={busy} onClick={() => void send(null)}>
            {t('pathway.milestones.clear', { milestone: label })}
          </button>
        </>
      )}
      {failure === undefined ? null : <ErrorMessage error={failure} />}
    </li>
  );
}

/**
 * @param props.viewerId who is looking, to say « vous » for what they noted.
 */
export function Milestones({
  pathway,
  viewerId,
  onSet,
}: {
  pathway: Pathway;
  viewerId: string;
  onSet: SetMilestone;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const who = (setBy: string) =>
    setBy === viewerId
      ? t('pathway.milestones.byYou')
      : setBy === pathway.learnerId
        ? t('pathway.milestones.byLearner')
        : t('pathway.milestones.byCounsellor');
  return (
    <ul className="cards">
      {pathway.allMilestones.map((definition) => {
        const reached = pathway.milestones.find((m) => m.milestoneId === definition.id);
        return (
          <MilestoneRow
            key={`${definition.id}:${reached?.reachedOn ?? ''}`}
            id={definition.id}
            label={localized(definition.label)}
            reached={
              reached === undefined
                ? undefined
                : { reachedOn: reached.reachedOn, who: who(reached.setBy) }
            }
            onSet={onSet}
          />
        );
      })}
    </ul>
  );
}
