/** Progress in a curriculum: a bar and the same fact in words ("3 compétences sur 12"). */
import { useTranslation } from 'react-i18next';

export function ProgressBar({
  done,
  total,
  label,
}: {
  done: number;
  total: number;
  label: string;
}) {
  const { t } = useTranslation();
  const text = t('progress.skills', { count: done, total });
  return (
    <div className="progress">
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
      >
        <div
          className="progress-fill"
          style={{ width: `${total === 0 ? 0 : Math.round((done / total) * 100)}%` }}
        />
      </div>
      <p className="progress-text">{text}</p>
    </div>
  );
}
