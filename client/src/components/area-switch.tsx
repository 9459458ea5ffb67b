/**
 * For a person with several roles (a trainer or a job counsellor who also follows a curriculum): links between
 * their areas, the current one marked. Nothing for a person with one area.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useViewer } from '../app/auth/auth-context.tsx';
import { paths } from '../app/paths.ts';
import './area-switch.css';

export type Area = 'learner' | 'trainer' | 'counsellor';

export function AreaSwitch({ current }: { current: Area }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const areas: Array<{ area: Area; href: string; label: string }> = [];
  if (roles.includes('LEARNER')) {
    areas.push({ area: 'learner', href: paths.home, label: t('areas.learner') });
  }
  if (roles.includes('TRAINER')) {
    areas.push({ area: 'trainer', href: paths.trainer.home, label: t('areas.trainer') });
  }
  if (roles.includes('COUNSELLOR')) {
    areas.push({ area: 'counsellor', href: paths.counsellor.home, label: t('areas.counsellor') });
  }
  if (areas.length < 2) return null;
  return (
    <nav className="area-switch" aria-label={t('areas.label')}>
      <ul>
        {areas.map(({ area, href, label }) => (
          <li key={area}>
            <Link href={href} aria-current={area === current ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
