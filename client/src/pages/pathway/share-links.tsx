/**
 * The learner's share links: a form to create one (what to show, for how long), the address
 * shown once with a copy button, and the list of links with their state in words, what they
 * show, who opened them and when, and « Retirer ce lien » after a confirmation.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useLocale, useLocalized } from '../../app/localized.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import type { PathwayBadge, ShareLink, ShareLinkWithOpenings } from './pathway-queries.ts';

/** Lifetimes offered, in days (the API takes 1 to 365). */
export const SHARE_DAYS = [7, 30, 90, 365] as const;

export type ShareState = 'active' | 'expired' | 'revoked';

/** @returns whether a link still opens, at `now`. */
export function shareState(link: ShareLink, now: Date): ShareState {
  if (link.revokedAt !== null) return 'revoked';
  return new Date(link.expiresAt).getTime() <= now.getTime() ? 'expired' : 'active';
}

const STATE_SYMBOL: Record<ShareState, string> = { active: '✓', expired: '⌛', revoked: '✗' };

export interface ShareRequest {
  targets: boolean;
  milestones: boolean;
  awardIds: string[];
  days: number;
}

export function CreateShareLinkForm({
  badges,
  onCreate,
}: {
  badges: PathwayBadge[];
  /** @returns the public address, or what went wrong. */
  onCreate: (request: ShareRequest) => Promise<{ url: string } | { failure: Failure }>;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const id = useId();
  const [targets, setTargets] = useState(true);
  const [milestones, setMilestones] = useState(true);
  const [awardIds, setAwardIds] = useState<string[]>(badges.map((b) => b.awardId));
  const [days, setDays] = useState<number>(30);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [url, setUrl] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setFailure(undefined);
    setUrl(null);
    const result = await onCreate({ targets, milestones, awardIds, days });
    setBusy(false);
    if ('url' in result) setUrl(result.url);
    else setFailure(result.failure);
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <fieldset className="choice">
        <legend>{t('pathway.share.what')}</legend>
        <label>
          <input type="checkbox" checked={targets} onChange={(e) => setTargets(e.target.checked)} />
          {t('pathway.share.targets')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={milestones}
            onChange={(e) => setMilestones(e.target.checked)}
          />
          {t('pathway.share.milestones')}
        </label>
        {badges.map((badge) => (
          <label key={badge.awardId}>
            <input
              type="checkbox"
              checked={awardIds.includes(badge.awardId)}
              onChange={(e) =>
                setAwardIds((current) =>
                  e.target.checked
                    ? [...current, badge.awardId]
                    : current.filter((other) => other !== badge.awardId),
                )
              }
            />
            {t('pathway.share.badge', { badge: localized(badge.name) })}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-days`}>{t('pathway.share.days')}</label>
        <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {SHARE_DAYS.map((d) => (
            <option key={d} value={d}>
              {t('pathway.share.dayCount', { count: d })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('pathway.share.create')}
      </button>
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      {url === null ? null : (
        <div className="notice notice-success">
          <p>{t('pathway.share.created')}</p>
          <div className="field">
            <label htmlFor={`${id}-url`}>{t('pathway.share.url')}</label>
            <input id={`${id}-url`} type="text" readOnly value={url} />
          </div>
          <CopyButton text={url} label={t('pathway.share.copy')} fieldId={`${id}-url`} />
        </div>
      )}
    </form>
  );
}

function ShareLinkItem({
  item,
  now,
  onRevoke,
}: {
  item: ShareLinkWithOpenings;
  now: Date;
  onRevoke: (id: string) => Promise<Failure>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const { link, openings } = item;
  const state = shareState(link, now);
  const shared = [
    link.sharesTargets ? t('pathway.share.sharesTargets') : null,
    link.sharesMilestones ? t('pathway.share.sharesMilestones') : null,
    link.awardIds.length === 0
      ? null
      : t('pathway.share.sharesBadges', { count: link.awardIds.length }),
  ].filter((s): s is string => s !== null);
  const created = formatDate(link.createdAt, locale);
  return (
    <li className="card share-link">
      <h3>{t('pathway.share.linkOf', { date: created })}</h3>
      <p className={`pathway-state share-${state}`}>
        <span aria-hidden="true" className="status-symbol">
          {STATE_SYMBOL[state]}
        </span>{' '}
        {state === 'revoked'
          ? t('pathway.share.revokedOn', { date: formatDate(link.revokedAt ?? '', locale) })
          : state === 'expired'
            ? t('pathway.share.expiredOn', { date: formatDate(link.expiresAt, locale) })
            : t('pathway.share.activeUntil', { date: formatDate(link.expiresAt, locale) })}
      </p>
      <p>{t('pathway.share.shows', { list: shared.join(', ') })}</p>
      <h4>
        {openings.length === 0
          ? t('pathway.share.noOpenings')
          : t('pathway.share.openings', { count: openings.length })}
      </h4>
      {openings.length === 0 ? null : (
        <ul className="openings">
          {openings.map((opening) => (
            <li key={`${opening.openedAt}:${opening.userAgent}`}>
              {t('pathway.share.openedOn', {
                date: new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
                  dateStyle: 'long',
                  timeStyle: 'short',
                  timeZone: 'Europe/Paris',
                }).format(new Date(opening.openedAt)),
                device: opening.userAgent,
              })}
            </li>
          ))}
        </ul>
      )}
      {state === 'active' ? (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('pathway.share.revoke', { date: created })}
        </button>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('pathway.share.revokeTitle')}
          description={<p>{t('pathway.share.revokeText')}</p>}
          confirmLabel={t('pathway.share.revokeConfirm')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const failure = await onRevoke(link.id);
            if (failure === undefined) setConfirming(false);
            return failure;
          }}
        />
      ) : null}
    </li>
  );
}

export function ShareLinkList({
  links,
  now = new Date(),
  onRevoke,
}: {
  links: ShareLinkWithOpenings[];
  now?: Date;
  onRevoke: (id: string) => Promise<Failure>;
}) {
  const { t } = useTranslation();
  if (links.length === 0) return <p>{t('pathway.share.none')}</p>;
  return (
    <ul className="cards">
      {links.map((item) => (
        <ShareLinkItem key={item.link.id} item={item} now={now} onRevoke={onRevoke} />
      ))}
    </ul>
  );
}
