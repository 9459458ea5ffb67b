/**
 * One badge of the learner: its image, whether it stands (valid, expired or revoked, in words),
 * when it was earned, and what to do with it: share the verification link, add it to LinkedIn,
 * download it (PNG and SVG images carry the signed badge inside; JSON is the badge itself), or
 * show the QR code of the link to someone next to you.
 */
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkedInAddUrl } from '../../../../badges/share/linkedin-url.ts';
import { formatDate, useLocale, useLocalized } from '../../app/localized.ts';
import { Loading } from '../../components/loading.tsx';
import type { AwardItem } from './badge-queries.ts';

const QrCode = lazy(() => import('./qr-code.tsx'));

export type BadgeStanding = 'valid' | 'expired' | 'revoked';

/** @returns whether the award stands at `now`. */
export function standingOf(award: AwardItem, now: Date): BadgeStanding {
  if (award.revoked) return 'revoked';
  if (award.validUntil !== null && new Date(award.validUntil) <= now) return 'expired';
  return 'valid';
}

const STANDING_SYMBOL: Record<BadgeStanding, string> = { valid: '✓', expired: '↻', revoked: '✗' };

/** The badge's colour and first letter, when its image cannot be shown (e.g. a private profile). */
function ImageFallback({ award }: { award: AwardItem }) {
  const localized = useLocalized();
  return (
    <svg className="badge-image" viewBox="0 0 120 120" width="120" height="120" aria-hidden="true">
      <circle cx="60" cy="60" r="56" fill={award.badge?.image.color ?? '#20384f'} />
      <text x="60" y="76" textAnchor="middle" fontSize="44" fill="#ffffff" fontWeight="700">
        {localized(award.title).slice(0, 1).toUpperCase()}
      </text>
    </svg>
  );
}

export function BadgeCard({
  award,
  curriculumTitle,
  revocationReason,
  now,
}: {
  award: AwardItem;
  curriculumTitle?: string;
  revocationReason?: string;
  now: Date;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const id = useId();
  const [imageFailed, setImageFailed] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const [copied, setCopied] = useState(false);
  const title = localized(award.title);
  const standing = standingOf(award, now);
  const files = `/badges/${encodeURIComponent(award.id)}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(award.verificationUrl);
      setCopied(true);
    } catch {
      // No clipboard (old browser, refused): the link stays visible to copy by hand.
      setCopied(false);
    }
  }

  return (
    <article className={`card badge-card badge-${standing}`} aria-labelledby={`${id}-title`}>
      <div className="badge-head">
        {imageFailed ? (
          <ImageFallback award={award} />
        ) : (
          <img
            className="badge-image"
            src={`${files}.png`}
            width="120"
            height="120"
            alt={t('badges.imageAlt', { title })}
            onError={() => setImageFailed(true)}
          />
        )}
        <div>
          <h3 id={`${id}-title`}>{title}</h3>
          <p className={`standing standing-${standing}`}>
            <span aria-hidden="true">{STANDING_SYMBOL[standing]}</span>{' '}
            {t(`badges.standing.${standing}`)}
          </p>
        </div>
      </div>
      {award.badge === null ? null : <p>{localized(award.badge.description)}</p>}
      <dl>
        {curriculumTitle === undefined ? null : (
          <>
            <dt>{t('badges.curriculum')}</dt>
            <dd>{curriculumTitle}</dd>
          </>
        )}
        <dt>{t('badges.issuedAt')}</dt>
        <dd>
          <time dateTime={award.issuedAt}>{formatDate(award.issuedAt, locale)}</time>
        </dd>
        {award.validUntil === null ? null : (
          <>
            <dt>{t('badges.validUntil')}</dt>
            <dd>
              <time dateTime={award.validUntil}>{formatDate(award.validUntil, locale)}</time>
            </dd>
          </>
        )}
      </dl>
      {standing === 'revoked' ? (
        <p>
          {revocationReason === undefined
            ? t('badges.revokedExplain')
            : t('badges.revokedReason', { reason: revocationReason })}
        </p>
      ) : (
        <>
          <h4>{t('badges.share')}</h4>
          <div className="field">
            <label htmlFor={`${id}-link`}>{t('badges.link')}</label>
            <input id={`${id}-link`} type="url" readOnly value={award.verificationUrl} />
          </div>
          <ul className="actions">
            <li>
              <button type="button" onClick={() => void copy()}>
                {t('badges.copy')}
              </button>
            </li>
            <li>
              <a href={award.verificationUrl}>{t('badges.open')}</a>
            </li>
            <li>
              <a
                href={linkedInAddUrl({
                  name: title,
                  issuedAt: award.issuedAt,
                  certUrl: award.verificationUrl,
                  certId: award.id,
                })}
                rel="noopener noreferrer"
              >
                {t('badges.linkedIn')}
              </a>
            </li>
            <li>
              <button
                type="button"
                aria-expanded={showQr}
                aria-controls={`${id}-qr`}
                onClick={() => setShowQr((shown) => !shown)}
              >
                {showQr ? t('badges.hideQr') : t('badges.showQr')}
              </button>
            </li>
          </ul>
          {copied ? (
            <p className="notice notice-success" role="status">
              {t('badges.copied')}
            </p>
          ) : null}
          <div id={`${id}-qr`} className="qr">
            {showQr ? (
              <Suspense fallback={<Loading />}>
                <QrCode text={award.verificationUrl} label={t('badges.qrLabel', { title })} />
              </Suspense>
            ) : null}
          </div>
        </>
      )}
      <h4>{t('badges.download')}</h4>
      <ul className="actions">
        <li>
          <a href={`${files}.png`} download>
            {t('badges.downloadPng')}
          </a>
        </li>
        <li>
          <a href={`${files}.svg`} download>
            {t('badges.downloadSvg')}
          </a>
        </li>
        <li>
          <a href={`${files}.json`} download>
            {t('badges.downloadJson')}
          </a>
        </li>
      </ul>
    </article>
  );
}
