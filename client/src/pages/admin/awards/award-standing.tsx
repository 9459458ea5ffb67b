/** Where an award stands, in words and a symbol (never colour alone). */
import { useTranslation } from 'react-i18next';
import { formatDate, useLocale } from '../../../app/localized.ts';
import type { AdminAward } from './award-queries.ts';

export type Standing = 'revoked' | 'flagged' | 'expired' | 'valid';

/** @returns the award's standing: revoked first, then flagged, expired, valid. */
export function standingOf(award: AdminAward, now: Date): Standing {
  if (award.revoked) return 'revoked';
  if (award.flagged) return 'flagged';
  if (award.validUntil !== null && new Date(award.validUntil) < now) return 'expired';
  return 'valid';
}

const LOOK: Record<Standing, { className: string; symbol: string }> = {
  valid: { className: 'tag tag-good', symbol: '✓' },
  flagged: { className: 'tag tag-warning', symbol: '⚠' },
  expired: { className: 'tag tag-bad', symbol: '↻' },
  revoked: { className: 'tag tag-bad', symbol: '✗' },
};

export function StandingTag({ award, now }: { award: AdminAward; now: Date }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const standing = standingOf(award, now);
  const { className, symbol } = LOOK[standing];
  return (
    <span className={className}>
      <span aria-hidden="true">{symbol} </span>
      {standing === 'revoked' && award.revokedAt !== null
        ? t('admin.awards.revokedOn', { date: formatDate(award.revokedAt, locale) })
        : t(`admin.awards.standing.${standing}`)}
    </span>
  );
}
