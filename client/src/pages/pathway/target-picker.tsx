/**
 * Choosing target jobs: a checkbox per job profile (title and ROME code), at most five, the
 * order kept as chosen (the API takes them most wanted first). Once five are ticked, the rest
 * say why they cannot be ticked instead of silently refusing.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/localized.ts';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import type { JobProfile } from './pathway-queries.ts';

/** What `setTargetJobs` accepts (schema: "at most 5"). */
export const MAX_TARGET_JOBS = 5;

export function TargetPicker({
  jobs,
  chosen,
  onSave,
}: {
  jobs: JobProfile[];
  chosen: string[];
  onSave: (jobIds: string[]) => Promise<Failure>;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const id = useId();
  const [selection, setSelection] = useState<string[]>(chosen);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [saved, setSaved] = useState('');
  const full = selection.length >= MAX_TARGET_JOBS;

  function toggle(jobId: string, checked: boolean) {
    setSaved('');
    setSelection((current) =>
      checked ? [...current, jobId] : current.filter((other) => other !== jobId),
    );
  }

  async function save() {
    setBusy(true);
    setFailure(undefined);
    const result = await onSave(selection);
    setBusy(false);
    setFailure(result);
    if (result === undefined) setSaved(t('pathway.targets.saved'));
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="choice">
        <legend>{t('pathway.targets.legend', { count: MAX_TARGET_JOBS })}</legend>
        <p className="hint" id={`${id}-hint`}>
          {t('pathway.targets.count', { count: selection.length, max: MAX_TARGET_JOBS })}
        </p>
        {jobs.map((job) => {
          const checked = selection.includes(job.id);
          return (
            <label key={job.id}>
              <input
                type="checkbox"
                name="targetJob"
                value={job.id}
                checked={checked}
                disabled={!checked && full}
                aria-describedby={`${id}-hint`}
                onChange={(e) => toggle(job.id, e.target.checked)}
              />
              <span>
                {localized(job.title)}
                {job.romeCode === null ? null : (
                  <span className="meta"> — {t('pathway.romeCode', { code: job.romeCode })}</span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>
        {t('pathway.targets.save')}
      </button>
      <p role="status" className="copy-status">
        {saved}
      </p>
      {failure === undefined ? null : <ErrorMessage error={failure} />}
    </form>
  );
}
