/** A skill's status in words, with its symbol and colour: "✓ Acquise". */
import { useTranslation } from 'react-i18next';
import { type SkillStatus, STATUS_SYMBOL } from './skill-status.ts';

export function StatusLabel({ status }: { status: SkillStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${status.toLowerCase()}`}>
      <span aria-hidden="true" className="status-symbol">
        {STATUS_SYMBOL[status]}
      </span>{' '}
      {t(`status.${status}`)}
    </span>
  );
}
