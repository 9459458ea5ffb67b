/**
 * The evidence of an award: for each requirement the learner met, a sentence saying which skill
 * was validated, how and when (or which badge was held), and the ledger events behind it. The
 * sentences name no one: not the trainer, not other learners.
 */
import type { EvidenceInput } from '../../../badges/ob3/build-credential.ts';
import type { LedgerEntry } from '../../db/repositories/progress-ledger-repository.ts';
import type { CriteriaReport } from '../../domain/criteria/evaluate-criteria.ts';
import type { SkillState, Validation } from '../../domain/progress/skill-states.ts';
import type { CatalogIndex } from './catalog-index.ts';

export interface AwardEvidence {
  /** For the credential and the OB 2.0 assertion. */
  evidence: EvidenceInput[];
  /** The ledger events that established the validations counted. */
  eventIds: string[];
}

/**
 * @param report the badge's criteria report (eligible).
 * @param states the learner's skill states the report was made from.
 * @param ledger the learner's ledger, in order.
 * @param index the catalog, for skill and badge titles.
 * @returns one evidence item per met requirement, in authoring order, and the events behind.
 */
export function awardEvidence(
  report: CriteriaReport,
  states: ReadonlyMap<string, SkillState>,
  ledger: readonly LedgerEntry[],
  index: CatalogIndex,
): AwardEvidence {
  const evidence: EvidenceInput[] = [];
  const eventIds: string[] = [];
  for (const requirement of report.met) {
    if (requirement.kind === 'badge') {
      const title = index.badge(requirement.badgeId)?.badge.title.fr ?? requirement.badgeId;
      evidence.push({ name: title, narrative: `Badge « ${title} » obtenu.` });
      continue;
    }
    const validation = states.get(requirement.skillId)?.validation;
    if (validation === undefined) continue;
    const skill = index.skill(requirement.skillId)?.skill;
    const title = skill?.title.fr ?? requirement.skillId;
    const level =
      validation.level === undefined
        ? ''
        : ` au niveau ${validation.level}${levelName(skill?.levels, validation.level)}`;
    evidence.push({
      name: title,
      narrative: `Compétence « ${title} » ${how(validation)} le ${frenchDate(validation.at)}${level}.`,
    });
    const event = sourceEvent(requirement.skillId, validation, ledger);
    if (event !== undefined) eventIds.push(event);
  }
  return { evidence, eventIds };
}

const EVENT_OF_SOURCE: Record<Validation['source'], string> = {
  trainer: 'skill-validated',
  jury: 'jury-decided',
  self: 'skill-self-assessed',
};

/** The last event of the skill that gave this validation. */
function sourceEvent(
  skillId: string,
  validation: Validation,
  ledger: readonly LedgerEntry[],
): string | undefined {
  const at = Date.parse(validation.at);
  for (let i = ledger.length - 1; i >= 0; i--) {
    const { event } = ledger[i] as LedgerEntry;
    if (event.skillId !== skillId || event.type !== EVENT_OF_SOURCE[validation.source]) continue;
    if (Date.parse(event.at) === at && event.by === validation.by) return event.id;
  }
  return undefined;
}

function how(validation: Validation): string {
  switch (validation.source) {
    case 'trainer':
      return 'validée par un animateur de la Grange';
    case 'jury':
      return 'validée par le jury';
    case 'self':
      return 'auto-évaluée';
  }
}

function levelName(
  levels: readonly { level: number; title: { fr: string } }[] | undefined,
  level: number,
): string {
  const title = levels?.find((l) => l.level === level)?.title.fr;
  return title === undefined ? '' : ` (« ${title} »)`;
}

function frenchDate(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(
    new Date(iso),
  );
}
