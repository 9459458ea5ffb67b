/**
 * The keys that sign the badges: each with its algorithm, when it was made and retired, and
 * whether it signs now. A new key (rotation) signs from now on; retiring a key stops it from
 * signing, while what it already signed stays valid. Both ask for a confirmation in plain words.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import { formatDate, useLocale } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { isTypedError } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { ScrollTable } from '../scroll-table.tsx';
import {
  type IssuerKey,
  IssuerKeysQuery,
  type KeyAlgorithm,
  RetireKeyMutation,
  RotateKeyMutation,
} from './keys-queries.ts';

const ALGORITHMS: readonly KeyAlgorithm[] = ['ED25519', 'RSA'];

/**
 * @returns the short name of a key: the start of the part of its id after `#` (a public key of
 *   some fifty characters), enough to tell keys apart on a phone.
 */
export function keyName(id: string): string {
  const fragment = id.includes('#') ? id.slice(id.lastIndexOf('#') + 1) : id;
  return fragment.length > 12 ? `${fragment.slice(0, 12)}…` : fragment;
}

type Pending =
  | { kind: 'rotate'; algorithm: KeyAlgorithm }
  | { kind: 'retire'; key: IssuerKey }
  | null;

export function KeysPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { graphql } = useAuth();
  const { data, error, loading, reload } = useQuery(IssuerKeysQuery, {});
  const [pending, setPending] = useState<Pending>(null);
  const [said, setSaid] = useState('');

  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    return (
      <ScrollTable caption={t('admin.keys.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('admin.keys.key')}</th>
            <th scope="col">{t('admin.keys.algorithm')}</th>
            <th scope="col">{t('admin.keys.created')}</th>
            <th scope="col">{t('admin.keys.state')}</th>
            <th scope="col">{t('admin.keys.action')}</th>
          </tr>
        </thead>
        <tbody>
          {data.issuerKeys.map((key) => (
            <tr key={key.id}>
              <th scope="row">
                <code className="hash" title={key.id}>
                  {keyName(key.id)}
                </code>
              </th>
              <td>{t(`admin.keys.algorithms.${key.algorithm}`)}</td>
              <td>{formatDate(key.createdAt, locale)}</td>
              <td>
                {key.active ? (
                  <span className="tag tag-good">
                    <span aria-hidden="true">✓ </span>
                    {t('admin.keys.active')}
                  </span>
                ) : (
                  <span className="tag">
                    {key.retiredAt === null
                      ? t('admin.keys.retired')
                      : t('admin.keys.retiredOn', { date: formatDate(key.retiredAt, locale) })}
                  </span>
                )}
              </td>
              <td>
                {key.active ? (
                  <button type="button" onClick={() => setPending({ kind: 'retire', key })}>
                    {t('admin.keys.retire')}
                    <span className="visually-hidden"> {keyName(key.id)}</span>
                  </button>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    );
  })();

  return (
    <AdminLayout title={t('admin.keys.title')}>
      <p>{t('admin.keys.intro')}</p>
      <p className="notice-slot" role="status">
        {said}
      </p>
      {content}
      <section aria-labelledby="rotate">
        <h2 id="rotate">{t('admin.keys.rotateTitle')}</h2>
        <p>{t('admin.keys.rotateIntro')}</p>
        <p className="button-row">
          {ALGORITHMS.map((algorithm) => (
            <button
              key={algorithm}
              type="button"
              onClick={() => setPending({ kind: 'rotate', algorithm })}
            >
              {t('admin.keys.rotate', { algorithm: t(`admin.keys.algorithms.${algorithm}`) })}
            </button>
          ))}
        </p>
      </section>
      {pending?.kind === 'rotate' ? (
        <ConfirmDialog
          title={t('admin.keys.rotateConfirmTitle', {
            algorithm: t(`admin.keys.algorithms.${pending.algorithm}`),
          })}
          description={
            <>
              <p>{t('admin.keys.rotateConfirmText')}</p>
              <p>{t('admin.keys.rotateConfirmOld')}</p>
            </>
          }
          confirmLabel={t('admin.keys.rotateConfirm')}
          onCancel={() => setPending(null)}
          onConfirm={async () => {
            const { key } = (await graphql(RotateKeyMutation, { algorithm: pending.algorithm }))
              .rotateIssuerKey;
            setPending(null);
            setSaid(t('admin.keys.rotated', { key: keyName(key.id) }));
            reload();
            return undefined;
          }}
        />
      ) : null}
      {pending?.kind === 'retire' ? (
        <ConfirmDialog
          title={t('admin.keys.retireConfirmTitle', { key: keyName(pending.key.id) })}
          description={
            <>
              <p>{t('admin.keys.retireConfirmText')}</p>
              <p>{t('admin.keys.retireConfirmValid')}</p>
            </>
          }
          confirmLabel={t('admin.keys.retire')}
          danger
          onCancel={() => setPending(null)}
          onConfirm={async () => {
            const result = (await graphql(RetireKeyMutation, { id: pending.key.id }))
              .retireIssuerKey;
            if (isTypedError(result)) return result;
            setPending(null);
            setSaid(t('admin.keys.retiredNow', { key: keyName(result.key.id) }));
            reload();
            return undefined;
          }}
        />
      ) : null}
    </AdminLayout>
  );
}
