/**
 * A failure told in plain words: the server's own message when it sent one (typed errors carry
 * French and English), otherwise a general sentence and a way to try again.
 */
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../app/graphql.ts';
import { useLocalized } from '../app/localized.ts';

/** What the server answered: a thrown error or a typed error of a mutation. */
export type Failure = Error | { message: LocalizedText } | undefined;

function messageOf(failure: Failure): LocalizedText | undefined {
  if (failure === undefined) return undefined;
  if ('messages' in failure) return failure.messages as LocalizedText | undefined;
  if (typeof failure.message === 'object') return failure.message;
  return undefined;
}

export function ErrorMessage({ error, onRetry }: { error: Failure; onRetry?: () => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const message = messageOf(error);
  return (
    <div className="notice notice-error" role="alert">
      <p>{message === undefined ? t('common.error') : localized(message)}</p>
      {onRetry === undefined ? null : (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
