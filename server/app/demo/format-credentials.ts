/**
 * The console block `npm start` prints after seeding: how to sign in as the admin, the
 * trainers, the job counsellor and a few learners, in French and English. The passwords and
 * PINs were generated at seed time and are shown this once.
 */
import type { SeedDemoResult } from './seed-result.ts';

/**
 * @param result what `seedDemoData` returned.
 * @returns a few lines for the console, or an empty string when nothing was seeded.
 */
export function formatDemoCredentials(result: SeedDemoResult): string {
  if (!result.seeded) return '';
  const { admin, trainers, counsellor, learners } = result.credentials;
  const lines = [
    'Données de démonstration créées / Demo data seeded',
    `  Administratrice / Admin : ${admin.displayName} — ${admin.email} / ${admin.password}`,
    ...trainers.map(
      (trainer) =>
        `  Animateur·rice / Trainer : ${trainer.displayName} — ${trainer.email} / ${trainer.password}`,
    ),
    `  Conseillère emploi / Job counsellor : ${counsellor.displayName} — ${counsellor.email} / ${counsellor.password}`,
    '  Apprenant·es / Learners (e-mail + mot de passe, ou code + PIN / email + password, or code + PIN) :',
  ];
  for (const learner of learners) {
    if (!learner.showInConsole) continue;
    const secret =
      learner.email !== undefined
        ? `${learner.email} / ${learner.password ?? ''}`
        : `code ${learner.learnerCode ?? ''} / PIN ${learner.pin ?? ''}`;
    lines.push(`    ${learner.displayName} (${learner.profile}) — ${secret}`);
  }
  lines.push(
    `  … et ${learners.filter((l) => !l.showInConsole).length} autres / and more.`,
    '  Notez-les : ils ne seront plus affichés. / Write them down: they will not be shown again.',
  );
  return lines.join('\n');
}
