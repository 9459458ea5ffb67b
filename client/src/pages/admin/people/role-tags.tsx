/** A person's roles as small labels, in words ("Animateur·rice", "Administrateur·rice"). */
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../app/auth/auth-context.tsx';
import { ROLES } from '../admin-graphql.ts';

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const held = ROLES.filter((role) => roles.includes(role));
  if (held.length === 0) return <p>{t('admin.people.noRole')}</p>;
  return (
    <ul className="tag-list" aria-label={t('admin.people.roles')}>
      {held.map((role) => (
        <li key={role} className="tag">
          {t(`admin.role.${role}`)}
        </li>
      ))}
    </ul>
  );
}
