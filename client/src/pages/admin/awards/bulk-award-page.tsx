/**
 * Award a badge outright to a list of learners (a CSV pasted or chosen as a file, with the
 * column "email" or "learner_code"): first a preview, row by row, that writes nothing and says
 * what is wrong with each row; then, after a confirmation, the award, with each row's result.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import { useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { asError, isTypedError } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { ScrollTable } from '../scroll-table.tsx';
import { BadgeCatalogQuery } from './award-queries.ts';
import {
  type BulkAwardRow,
  ConfirmBulkAwardMutation,
  PreviewBulkAwardQuery,
} from './bulk-award-queries.ts';

function RowsTable({ caption, rows }: { caption: string; rows: BulkAwardRow[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <ScrollTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('admin.bulk.line')}</th>
          <th scope="col">{t('admin.bulk.identifier')}</th>
          <th scope="col">{t('admin.bulk.learner')}</th>
          <th scope="col">{t('admin.bulk.result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.line}>
            <th scope="row">{row.line}</th>
            <td>{row.identifier}</td>
            <td>{row.learnerDisplayName ?? '—'}</td>
            <td className={row.status === 'OK' ? 'bulk-row-ok' : 'bulk-row-problem'}>
              <span aria-hidden="true">{row.status === 'OK' ? '✓ ' : '✗ '}</span>
              {t(`admin.bulk.status.${row.status}`)}
              {row.message === null ? null : (
                <>
                  <br />
                  {localized(row.message)}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function BulkAwardPage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { graphql } = useAuth();
  const id = useId();
  const catalog = useQuery(BadgeCatalogQuery, {});
  const [badgeId, setBadgeId] = useState('');
  const [csv, setCsv] = useState('');
  const [failure, setFailure] = useState<Failure>(undefined);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ okCount: number; rows: BulkAwardRow[] } | null>(null);
  const [done, setDone] = useState<{ okCount: number; rows: BulkAwardRow[] } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  async function readFile(file: File | undefined) {
    if (file === undefined) return;
    setCsv(await file.text());
    setPreview(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setPreview(null);
    setDone(null);
    if (badgeId === '' || csv.trim() === '') {
      setFailure({ message: { fr: t('admin.bulk.missing'), en: t('admin.bulk.missing') } });
      return;
    }
    setBusy(true);
    try {
      const result = (await graphql(PreviewBulkAwardQuery, { badgeId, csv })).previewBulkAward;
      if (isTypedError(result)) setFailure(result);
      else {
        setPreview({ okCount: result.okCount, rows: result.rows });
        window.setTimeout(() => previewHeading.current?.focus(), 0);
      }
    } catch (error) {
      setFailure(asError(error));
    } finally {
      setBusy(false);
    }
  }

  const badges = catalog.data?.curricula ?? [];
  const badgeTitle = badges.flatMap((c) => c.badges).find((b) => b.id === badgeId)?.title ?? null;

  return (
    <AdminLayout
      title={t('admin.bulk.title')}
      back={{ href: adminPaths.awards, label: t('admin.awards.title') }}
    >
      <p>{t('admin.bulk.intro')}</p>
      <pre className="panel">{t('admin.bulk.sample')}</pre>
      {catalog.loading && catalog.data === undefined ? <Loading /> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-badge`}>{t('admin.bulk.badge')}</label>
          <select
            id={`${id}-badge`}
            value={badgeId}
            onChange={(event) => {
              setBadgeId(event.target.value);
              setPreview(null);
            }}
          >
            <option value="">{t('admin.bulk.chooseBadge')}</option>
            {badges.map((curriculum) => (
              <optgroup key={curriculum.id} label={localized(curriculum.title)}>
                {curriculum.badges.map((badge) => (
                  <option key={badge.id} value={badge.id}>
                    {localized(badge.title)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-csv`}>{t('admin.bulk.csv')}</label>
          <p className="hint" id={`${id}-csv-hint`}>
            {t('admin.bulk.csvHint')}
          </p>
          <textarea
            id={`${id}-csv`}
            rows={6}
            spellCheck={false}
            aria-describedby={`${id}-csv-hint`}
            value={csv}
            onChange={(event) => {
              setCsv(event.target.value);
              setPreview(null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('admin.bulk.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(event) => void readFile(event.target.files?.[0])}
          />
        </div>
        {failure === undefined ? null : <ErrorMessage error={failure} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('dialog.working') : t('admin.bulk.preview')}
        </button>
      </form>
      {preview === null ? null : (
        <section aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`} ref={previewHeading} tabIndex={-1}>
            {t('admin.bulk.previewTitle', { count: preview.okCount, total: preview.rows.length })}
          </h2>
          <RowsTable caption={t('admin.bulk.previewCaption')} rows={preview.rows} />
          {preview.okCount === 0 ? (
            <p>{t('admin.bulk.nothingToAward')}</p>
          ) : (
            <button type="button" className="primary" onClick={() => setConfirming(true)}>
              {t('admin.bulk.award', { count: preview.okCount })}
            </button>
          )}
        </section>
      )}
      {done === null ? null : (
        <section aria-labelledby={`${id}-done`} className="notice notice-success">
          <h2 id={`${id}-done`}>{t('admin.bulk.done', { count: done.okCount })}</h2>
          <RowsTable caption={t('admin.bulk.doneCaption')} rows={done.rows} />
        </section>
      )}
      {confirming && preview !== null ? (
        <ConfirmDialog
          title={t('admin.bulk.confirmTitle')}
          description={
            <p>
              {t('admin.bulk.confirmText', {
                count: preview.okCount,
                badge: badgeTitle === null ? badgeId : localized(badgeTitle),
              })}
            </p>
          }
          confirmLabel={t('admin.bulk.award', { count: preview.okCount })}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const result = (await graphql(ConfirmBulkAwardMutation, { badgeId, csv }))
              .confirmBulkAward;
            if (isTypedError(result)) return result;
            setConfirming(false);
            setPreview(null);
            setDone({ okCount: result.okCount, rows: result.rows });
            return undefined;
          }}
        />
      ) : null}
    </AdminLayout>
  );
}
