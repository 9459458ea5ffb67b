/**
 * Keep a flagged badge: the flag is cleared and the comment is kept with the award, so the next
 * administrator knows why. The comment is required.
 */
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import type { Failure } from '../../../components/error-message.tsx';
import { ReasonDialog } from '../../../components/reason-dialog.tsx';
import { isTypedError } from '../admin-graphql.ts';
import { ResolveFlagMutation } from './award-queries.ts';

export function KeepDialog({
  award,
  onKept,
  onCancel,
}: {
  award: { id: string; title: string; learnerDisplayName: string };
  onKept: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { graphql } = useAuth();

  async function keep(comment: string): Promise<Failure> {
    const result = (
      await graphql(ResolveFlagMutation, { awardId: award.id, comment, decision: 'KEEP' })
    ).resolveAwardFlag;
    if (isTypedError(result)) return result;
    onKept();
    return undefined;
  }

  return (
    <ReasonDialog
      title={t('admin.keep.title', { badge: award.title })}
      description={<p>{t('admin.keep.text', { name: award.learnerDisplayName })}</p>}
      label={t('admin.keep.comment')}
      hint={t('admin.keep.commentHint')}
      requiredMessage={t('admin.keep.commentMissing')}
      confirmLabel={t('admin.keep.confirm')}
      onSubmit={keep}
      onCancel={onCancel}
    />
  );
}
