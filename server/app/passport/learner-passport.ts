/**
 * The signed-in learner's printable skills passport (A4 PDF, French or English): their
 * standing badges with each one's image, skills and levels reached, framework codes and
 * verification page (address and QR code; for a private profile, whose badge pages do not
 * open, a note on checking it through a share link or the CLR file), then the skills a trainer or a jury validated that
 * belong to none of those badges. The learner chooses whether their name is printed.
 */
import {
  buildPassportPdf,
  type PassportBadge,
  type PassportLang,
  type PassportSkill,
} from '../../../badges/passport/passport-pdf.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { awardImages } from '../read-published.ts';
import {
  type LearnerExportDeps,
  type LearnerRecord,
  officiallyValidated,
  readLearnerRecord,
  skillsOfAward,
  verificationPageUrl,
} from './learner-record.ts';

export interface PassportOptions {
  lang: PassportLang;
  /** Leave the learner's name out (it is printed otherwise). */
  hideName: boolean;
}

/**
 * @param deps the database, catalog, issuer, public URL and clock.
 * @param personId the learner (the signed-in person).
 * @param options the language and whether to print the name.
 * @returns the PDF bytes.
 * @throws UnknownPerson when the person does not exist.
 */
export async function exportLearnerPassport(
  deps: LearnerExportDeps,
  personId: string,
  options: PassportOptions,
): Promise<Buffer> {
  const record = await readLearnerRecord(deps, personId);
  const { lang } = options;
  const inBadges = new Set(record.awards.flatMap(skillsOfAward));
  const badges = record.awards.map((award): PassportBadge => {
    const found = record.index.badge(award.badgeId);
    return {
      name: found?.badge.title[lang] ?? award.credential.name,
      ...(found === undefined ? {} : { description: found.badge.description[lang] }),
      issuedAt: award.issuedAt,
      ...(award.validUntil === undefined ? {} : { validUntil: award.validUntil }),
      imagePng: awardImages(deps, award).png,
      verificationUrl: verificationPageUrl(record.base, award.id),
      // A private profile's badge pages answer 404: a QR code to one would lead nowhere.
      privatePage: record.person.privateProfile,
      skills: skillsOfAward(award).map((skillId) =>
        passportSkill(record, skillId, record.states.get(skillId), lang),
      ),
      alignments: (found?.badge.alignments ?? []).map((alignment) => ({
        framework: alignment.framework,
        name: alignment.name,
        ...(alignment.code === undefined ? {} : { code: alignment.code }),
      })),
    };
  });
  const otherSkills = [...record.states.values()]
    .filter((state) => officiallyValidated(state) && !inBadges.has(state.skillId))
    .map((state) => ({
      ...passportSkill(record, state.skillId, state, lang),
      validatedAt: state.validation?.at ?? record.now.toISOString(),
    }));
  return buildPassportPdf({
    lang,
    ...(options.hideName ? {} : { learnerName: record.person.displayName }),
    issuer: { name: deps.issuer.profile.name, url: deps.issuer.profile.url },
    generatedAt: record.now.toISOString(),
    badges,
    otherSkills,
    verifyPageUrl: `${record.base}/verify`,
  });
}

function passportSkill(
  record: LearnerRecord,
  skillId: string,
  state: SkillState | undefined,
  lang: PassportLang,
): PassportSkill {
  const skill = record.index.skill(skillId)?.skill;
  const level = state?.validation?.level;
  const levelTitle =
    level === undefined ? undefined : skill?.levels?.find((l) => l.level === level)?.title[lang];
  return {
    name: skill?.title[lang] ?? skillId,
    ...(levelTitle === undefined ? {} : { level: levelTitle }),
  };
}
