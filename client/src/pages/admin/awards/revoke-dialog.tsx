/**
 * "Révoquer" a badge: the confirmation step, with the reason required. It says what follows in
 * plain words (every verifier will see the badge revoked, with the reason; the learner is told;
 * it cannot be undone). A flagged award is revoked as the decision on its flag, so the reason
 * is also kept as that decision.
 */
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import type { Failure } from '../../../components/error-message.tsx';
import { ReasonDialog } from '../../../components/reason-dialog.tsx';
import { isTypedError } from '../admin-graphql.ts';
import { ResolveFlagMutation, RevokeBadgeMutation } from './award-queries.ts';

export interface RevokeDialogProps {
  award: { id: string; title: string; learnerDisplayName: string; flagged: boolean };
  /** The award is revoked now (or was already). */
  onRevoked: () => void;
  onCancel: () => void;
}

export function RevokeDialog({ award, onRevoked, onCancel }: RevokeDialogProps) {
  const { t } = useTranslation();
  const { graphql } = useAuth();

  async function revoke(reason: string): Promise<Failure> {
    const result = award.flagged
      ? (
          await graphql(ResolveFlagMutation, {
            awardId: award.id,
            comment: reason,
            decision: 'REVOKE',
          })
        ).resolveAwardFlag
      : (await graphql(RevokeBadgeMutation, { awardId: award.id, reason })).revokeBadge;
    if (isTypedError(result)) return result;
    onRevoked();
    return undefined;
  }

  return (
    <ReasonDialog
      title={t('admin.revoke.title', { badge: award.title })}
      description={
        <>
          <p>{t('admin.revoke.text', { name: award.learnerDisplayName, badge: award.title })}</p>
          <p>{t('admin.revoke.final')}</p>
        </>
      }
      label={t('admin.revoke.reason')}
      hint={t('admin.revoke.reasonHint')}
      requiredMessage={t('admin.revoke.reasonMissing')}
      confirmLabel={t('admin.revoke.confirm')}
      danger
      onSubmit={revoke}
      onCancel={onCancel}
    />
  );
}
