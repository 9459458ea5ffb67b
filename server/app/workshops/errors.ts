/**
 * Errors of the workshop use cases, each with a stable `code` and a French and English message
 * for the trainer or learner. Nothing is written when one is thrown.
 */
import { LocalisedError, type LocalisedMessage } from '../../auth/errors.ts';
import { calendarDayOf, formatLocalDate, formatLocalTime } from '../../domain/calendar.ts';

/** No workshop session has this id. */
export class UnknownWorkshopSession extends LocalisedError {
  readonly sessionId: string;

  /** @param sessionId the id looked up. */
  constructor(sessionId: string) {
    super('unknown-workshop-session', {
      fr: "Cette séance n'existe pas.",
      en: 'This workshop session does not exist.',
    });
    this.sessionId = sessionId;
  }
}

/** The check-in code names no session (mistyped, or an old card). */
export class InvalidCheckInCode extends LocalisedError {
  constructor() {
    super('invalid-check-in-code', {
      fr: "Ce code ne correspond à aucune séance. Scannez à nouveau le QR code affiché par l'animateur.",
      en: 'This code matches no session. Scan the QR code the trainer shows again.',
    });
  }
}

/** People who are not learners of the session's group. */
export class NotInGroup extends LocalisedError {
  readonly personIds: readonly string[];

  /** @param personIds who is not a learner of the group. */
  constructor(personIds: readonly string[]) {
    super('not-in-group', {
      fr: "Cette personne n'est pas inscrite comme apprenante dans le groupe de la séance.",
      en: "This person is not a learner of the session's group.",
    });
    this.personIds = personIds;
  }
}

/** A session whose title, times or skills are not valid. */
export class InvalidWorkshopSession extends LocalisedError {
  /** @param messages what is wrong, in both languages. */
  constructor(messages: { fr: string; en: string }) {
    super('invalid-workshop-session', messages);
  }
}

/** A withdrawal of a skill the learner holds no validation of: there is nothing to undo. */
export class NothingToWithdraw extends LocalisedError {
  readonly learnerId: string;
  readonly skillId: string;

  /**
   * @param learnerId the learner.
   * @param skillId the skill.
   * @param title the skill's title, in both languages.
   */
  constructor(learnerId: string, skillId: string, title: { fr: string; en: string }) {
    super('nothing-to-withdraw', {
      fr: `La compétence « ${title.fr} » n'est pas validée pour cette personne : il n'y a rien à retirer. Actualisez la page si elle vient d'être retirée.`,
      en: `The skill "${title.en}" is not validated for this learner: there is nothing to withdraw. Refresh the page if it was just withdrawn.`,
    });
    this.learnerId = learnerId;
    this.skillId = skillId;
  }
}

/** A session's times, as the error messages below write them. */
export interface SessionTimes {
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  /** The workshops' IANA zone: the times are written in local time there. */
  timeZone: string;
}

/**
 * A learner scans the QR code outside the check-in window (from shortly before the session
 * starts until it ends); the trainer's roll-call is still possible.
 */
export class CheckInClosed extends LocalisedError {
  /** When check-in opens and closes, ISO 8601. */
  readonly opensAt: string;
  readonly closesAt: string;

  /**
   * @param session the session and the zone to write its times in.
   * @param window when check-in opens and closes, in milliseconds since the epoch.
   * @param now the current instant: before the window, or after it.
   */
  constructor(session: SessionTimes, window: { opensAt: number; closesAt: number }, now: number) {
    const when = whenItHappens(session);
    const minutesBefore = Math.round((Date.parse(session.startsAt) - window.opensAt) / 60_000);
    super(
      'check-in-closed',
      now < window.opensAt
        ? {
            fr: `L'atelier n'est pas ouvert à l'enregistrement : il a lieu ${when.fr}. L'enregistrement ouvre ${minutesBefore} minutes avant le début.`,
            en: `The workshop is not open for check-in: it takes place ${when.en}. Check-in opens ${minutesBefore} minutes before it starts.`,
          }
        : {
            fr: `L'atelier n'est pas ouvert à l'enregistrement : il a eu lieu ${when.fr}. Si vous étiez là, demandez à l'animateur de vous noter présent.`,
            en: `The workshop is not open for check-in: it took place ${when.en}. If you were there, ask the trainer to mark you present.`,
          },
    );
    this.opensAt = new Date(window.opensAt).toISOString();
    this.closesAt = new Date(window.closesAt).toISOString();
  }
}

/** A roll-call for a session whose day has not come yet (most likely the wrong session). */
export class RollCallNotOpen extends LocalisedError {
  /** When the roll-call opens: the start of the session's local day, ISO 8601. */
  readonly opensAt: string;

  /**
   * @param session the session and the zone to write its times in.
   * @param opensAt the start of the session's local day, in milliseconds since the epoch.
   */
  constructor(session: SessionTimes, opensAt: number) {
    const when = whenItHappens(session);
    super('roll-call-not-open', {
      fr: `L'appel n'est pas encore possible : l'atelier a lieu ${when.fr}. Vous pourrez noter les présents à partir de ce jour-là.`,
      en: `Roll-call is not open yet: the workshop takes place ${when.en}. You can mark learners present from that day on.`,
    });
    this.opensAt = new Date(opensAt).toISOString();
  }
}

/**
 * @returns "le samedi 28 mars 2026 de 14:00 à 16:00" / "on Saturday, 28 March 2026 from 14:00
 *   to 16:00", or both dates when the session runs past local midnight.
 */
function whenItHappens({ startsAt, endsAt, timeZone }: SessionTimes): LocalisedMessage {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const [startFr, startEn] = [
    formatLocalDate(start, timeZone, 'fr'),
    formatLocalDate(start, timeZone, 'en'),
  ];
  const [from, to] = [formatLocalTime(start, timeZone), formatLocalTime(end, timeZone)];
  if (calendarDayOf(start, timeZone) === calendarDayOf(end, timeZone)) {
    return { fr: `le ${startFr} de ${from} à ${to}`, en: `on ${startEn} from ${from} to ${to}` };
  }
  return {
    fr: `du ${startFr} à ${from} au ${formatLocalDate(end, timeZone, 'fr')} à ${to}`,
    en: `from ${startEn} at ${from} to ${formatLocalDate(end, timeZone, 'en')} at ${to}`,
  };
}
