/**
 * The `<option>`s of a level picker (« Niveau 2 — Autonome »), shared by the session's
 * validation grid and the evidence review, which label their `<select>` differently.
 */
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../app/graphql.ts';
import { useLocalized } from '../app/localized.ts';

export function LevelOptions({ levels }: { levels: { level: number; title: LocalizedText }[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <>
      {levels.map((l) => (
        <option key={l.level} value={l.level}>
          {t('trainer.decide.levelOption', { level: l.level, title: localized(l.title) })}
        </option>
      ))}
    </>
  );
}
