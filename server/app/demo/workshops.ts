/**
 * The demo's workshop sessions: a few past afternoons of the seniors' café and the code club,
 * with who was there, and one session of the seniors today. Times are local times in the
 * workshops' zone (a 14:00 workshop stays at 14:00 across summer time), relative to the day
 * of the seed, so the demo reads the same whenever it is seeded.
 */
import {
  addCalendarDays,
  atLocalTime,
  calendarDayBounds,
  calendarDayOf,
} from '../../domain/calendar.ts';

/** One session to create, before the groups and learners have ids. */
export interface PlannedSession {
  /** The group's curriculum (one demo group per curriculum). */
  curriculumId: string;
  title: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  targetSkills: string[];
  /** Who was there (learner keys of the cast) and how they were marked present. */
  present: Array<{ learnerKey: string; method: 'qr' | 'roll-call' }>;
}

interface PastSession {
  curriculumId: string;
  daysAgo: number;
  /** Local start and length. */
  at: [hour: number, minute: number];
  minutes: number;
  title: string;
  targetSkills: string[];
  present: PlannedSession['present'];
}

const S = 'seniors-numerique';
const K = 'coding-kids';

const PAST_SESSIONS: readonly PastSession[] = [
  {
    curriculumId: S,
    daysAgo: 21,
    at: [14, 0],
    minutes: 120,
    title: 'Premiers pas sur la tablette',
    targetSkills: [`${S}/allumer-son-appareil`, `${S}/utiliser-l-ecran-tactile`],
    present: [
      { learnerKey: 'jeannine', method: 'roll-call' },
      { learnerKey: 'michel', method: 'roll-call' },
      { learnerKey: 'gerard', method: 'roll-call' },
    ],
  },
  {
    curriculumId: S,
    daysAgo: 14,
    at: [14, 0],
    minutes: 120,
    title: 'Chercher sur Internet sans se faire avoir',
    targetSkills: [`${S}/rechercher-sur-internet`, `${S}/reperer-un-site-officiel`],
    present: [
      { learnerKey: 'jeannine', method: 'roll-call' },
      { learnerKey: 'gerard', method: 'qr' },
    ],
  },
  {
    curriculumId: S,
    daysAgo: 7,
    at: [14, 0],
    minutes: 120,
    title: 'Créer son adresse mail',
    targetSkills: [`${S}/creer-une-adresse-mail`],
    present: [
      { learnerKey: 'jeannine', method: 'qr' },
      { learnerKey: 'michel', method: 'roll-call' },
      { learnerKey: 'gerard', method: 'qr' },
    ],
  },
  {
    curriculumId: K,
    daysAgo: 13,
    at: [14, 0],
    minutes: 150,
    title: 'Club code : faire répéter le lutin',
    targetSkills: [`${K}/boucle-repeter`],
    present: [
      { learnerKey: 'emma', method: 'roll-call' },
      { learnerKey: 'nathan', method: 'roll-call' },
      { learnerKey: 'chloe', method: 'roll-call' },
    ],
  },
  {
    curriculumId: K,
    daysAgo: 6,
    at: [14, 0],
    minutes: 150,
    title: 'Club code : mon premier jeu Scratch',
    targetSkills: [`${K}/creer-un-projet-scratch`],
    present: [
      { learnerKey: 'emma', method: 'roll-call' },
      { learnerKey: 'chloe', method: 'roll-call' },
    ],
  },
];

const TODAY_SESSION_MINUTES = 120;
const HALF_HOUR = 30 * 60_000;

/**
 * @param now the seeding instant.
 * @param timeZone the workshops' IANA zone.
 * @returns the past sessions with attendance, then today's seniors session (nobody checked in
 *   yet: the demo can scan its QR code or call the roll).
 */
export function planDemoSessions(now: Date, timeZone: string): PlannedSession[] {
  const today = calendarDayOf(now.getTime(), timeZone);
  const past = PAST_SESSIONS.map((session) => {
    const day = addCalendarDays(today, -session.daysAgo);
    const start = atLocalTime(day, session.at[0], session.at[1], timeZone);
    return {
      curriculumId: session.curriculumId,
      title: session.title,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + session.minutes * 60_000).toISOString(),
      targetSkills: session.targetSkills,
      present: session.present,
    };
  });
  // Today's session started at the last half hour, so its QR check-in is open when the demo
  // starts; near midnight it moves back so it stays on today's date.
  const { start: dayStart, end: dayEnd } = calendarDayBounds(now.getTime(), timeZone);
  const length = TODAY_SESSION_MINUTES * 60_000;
  const start = Math.max(
    dayStart,
    Math.min(Math.floor(now.getTime() / HALF_HOUR) * HALF_HOUR, dayEnd - length),
  );
  return [
    ...past,
    {
      curriculumId: S,
      title: 'Envoyer son premier mail',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + length).toISOString(),
      // A newcomer can leave this session with « Messagerie »: creating the address comes
      // last, so the mail itself stays the skill the page opens on.
      targetSkills: [
        `${S}/envoyer-un-mail`,
        `${S}/envoyer-une-piece-jointe`,
        `${S}/creer-une-adresse-mail`,
      ],
      present: [],
    },
  ];
}
