/**
 * One piece of evidence to review: who, which skill, when, what they handed in (a text, a link,
 * a photo shown from its signed link, a PDF to open), then "Valider" (at a level when the skill
 * has levels) or "Refuser" with a comment the learner reads (required). After the decision the
 * item says what was done and takes the focus, so keyboard users keep their place.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import { formatDate, useLocale, useLocalized } from '../../../app/localized.ts';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { LevelOptions } from '../../../components/level-options.tsx';
import {
  type QueueEvidence,
  RejectSkillMutation,
  type TypedError,
  ValidateSkillMutation,
  type ValidationRequest,
} from '../trainer-queries.ts';

/** @returns « 120 Ko », « 2,3 Mo » / "120 KB", "2.3 MB". */
function fileSize(bytes: number, locale: string): string {
  const kilobytes = Math.max(1, Math.round(bytes / 1024));
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 1,
  });
  return kilobytes < 1024
    ? `${number.format(kilobytes)} ${locale === 'fr' ? 'Ko' : 'KB'}`
    : `${number.format(kilobytes / 1024)} ${locale === 'fr' ? 'Mo' : 'MB'}`;
}

function EvidenceView({
  evidence,
  learnerName,
  onExpired,
}: {
  evidence: QueueEvidence;
  learnerName: string;
  onExpired: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [photoFailed, setPhotoFailed] = useState(false);
  const file = evidence.file;
  const fileLink = (url: string, name: string | null, sizeBytes: number) => (
    <p>
      <a href={url} className="evidence-link">
        {t('trainer.queue.openFile', {
          name: name ?? t('trainer.queue.document'),
          size: fileSize(sizeBytes, locale),
        })}
      </a>
    </p>
  );
  return (
    <div className="evidence">
      {evidence.text === null ? null : <blockquote>{evidence.text}</blockquote>}
      {evidence.url === null ? null : (
        <p>
          <a href={evidence.url} rel="noopener noreferrer nofollow" className="evidence-link">
            {t('trainer.queue.openLink')} <span className="url">{evidence.url}</span>
          </a>
        </p>
      )}
      {file === null || file.url === null ? null : !file.mediaType.startsWith('image/') ? (
        fileLink(file.url, file.name, file.sizeBytes)
      ) : photoFailed ? (
        // The signed link lives 10 minutes, and some phones' photos (HEIC) cannot be shown by
        // every browser: offer the file and fresh links, never reload on our own (no loop).
        <>
          <p>{t('trainer.queue.photoFailed')}</p>
          {fileLink(file.url, file.name, file.sizeBytes)}
          <button type="button" onClick={onExpired}>
            {t('trainer.queue.reloadPhotos')}
          </button>
        </>
      ) : (
        <img
          className="evidence-photo"
          src={file.url}
          alt={t('trainer.queue.photoAlt', { name: learnerName })}
          onError={() => setPhotoFailed(true)}
        />
      )}
    </div>
  );
}

type Decision = { kind: 'validated'; badges: string[] } | { kind: 'rejected' };

export function ReviewItem({
  request,
  onExpired,
}: {
  request: ValidationRequest;
  onExpired: () => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const { graphql } = useAuth();
  const id = useId();
  const levels = request.skill?.levels ?? [];
  const [level, setLevel] = useState<number | null>(levels[0]?.level ?? null);
  const [refusing, setRefusing] = useState(false);
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const commentField = useRef<HTMLTextAreaElement>(null);
  const skillTitle = request.skill === null ? request.skillId : localized(request.skill.title);
  // Every item has the same buttons: their names say which request they decide.
  const context = `${request.learnerName}, ${skillTitle}`;

  useEffect(() => {
    if (decision !== null) outcome.current?.focus();
  }, [decision]);
  useEffect(() => {
    if (refusing) commentField.current?.focus();
  }, [refusing]);

  async function run(send: () => Promise<Decision | TypedError>) {
    setBusy(true);
    setFailure(null);
    try {
      const result = await send();
      if ('kind' in result) setDecision(result);
      else setFailure(result);
    } catch (error) {
      setFailure(error instanceof Error ? error : undefined);
    } finally {
      setBusy(false);
    }
  }

  const validate = () =>
    run(async () => {
      const { validateSkill: r } = await graphql(ValidateSkillMutation, {
        input: { learnerId: request.learnerId, skillId: request.skillId, level, sessionId: null },
      });
      if (r.__typename === 'ValidateSkillSuccess' && 'issuedBadges' in r) {
        return { kind: 'validated', badges: r.issuedBadges.map((b) => localized(b.title)) };
      }
      return r as TypedError;
    });

  const reject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (comment.trim() === '') {
      setCommentMissing(true);
      commentField.current?.focus();
      return;
    }
    void run(async () => {
      const { rejectSkill: r } = await graphql(RejectSkillMutation, {
        input: { learnerId: request.learnerId, skillId: request.skillId, comment: comment.trim() },
      });
      return r.__typename === 'RejectSkillSuccess' ? { kind: 'rejected' } : (r as TypedError);
    });
  };

  return (
    <article className="card review-item" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {request.learnerName} — {skillTitle}
      </h2>
      <p className="meta">
        {t('trainer.queue.sentOn', { date: formatDate(request.submittedAt, locale) })}
      </p>
      {request.evidence.map((evidence) => (
        <EvidenceView
          key={evidence.id}
          evidence={evidence}
          learnerName={request.learnerName}
          onExpired={onExpired}
        />
      ))}

      {decision !== null ? (
        <div className="notice notice-success" ref={outcome} tabIndex={-1} role="status">
          <p>
            {decision.kind === 'validated'
              ? t('trainer.queue.validated', { name: request.learnerName })
              : t('trainer.queue.rejected', { name: request.learnerName })}
          </p>
          {decision.kind === 'validated'
            ? decision.badges.map((badge) => (
                <p key={badge}>
                  {t('trainer.decide.badgeIssued', { name: request.learnerName, badge })}
                </p>
              ))
            : null}
        </div>
      ) : refusing ? (
        <form className="stack" onSubmit={reject} noValidate>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('trainer.queue.why')}</label>
            <p className="hint" id={`${id}-comment-hint`}>
              {t('trainer.queue.whyHint')}
            </p>
            <textarea
              id={`${id}-comment`}
              ref={commentField}
              rows={3}
              maxLength={1000}
              required
              aria-invalid={commentMissing}
              aria-describedby={`${id}-comment-hint${commentMissing ? ` ${id}-comment-error` : ''}`}
              value={comment}
              onChange={(event) => {
                setComment(event.target.value);
                if (event.target.value.trim() !== '') setCommentMissing(false);
              }}
            />
            {commentMissing ? (
              <p className="field-error" id={`${id}-comment-error`}>
                {t('trainer.queue.whyRequired')}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t('trainer.queue.sendRefusal')}
            </button>
            <button type="button" onClick={() => setRefusing(false)}>
              {t('trainer.queue.back')}
            </button>
          </div>
        </form>
      ) : (
        <div className="stack">
          {levels.length === 0 ? null : (
            <div className="field">
              <label htmlFor={`${id}-level`}>{t('trainer.decide.level')}</label>
              <select
                id={`${id}-level`}
                value={level ?? ''}
                onChange={(event) => setLevel(Number(event.target.value))}
              >
                <LevelOptions levels={levels} />
              </select>
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="decide-acquired"
              disabled={busy}
              onClick={() => void validate()}
            >
              {t('trainer.queue.validate')} <span className="visually-hidden">— {context}</span>
            </button>
            <button type="button" disabled={busy} onClick={() => setRefusing(true)}>
              {t('trainer.queue.refuse')} <span className="visually-hidden">— {context}</span>
            </button>
          </div>
        </div>
      )}
      {failure === null ? null : <ErrorMessage error={failure} />}
    </article>
  );
}
