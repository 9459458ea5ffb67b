/**
 * A learner's tracks written down as text, so their states can be worked out without replaying
 * the whole ledger: the tracks saved after event N, read back and folded on with the events
 * after N (`foldTracks`), settle to exactly the states of the whole ledger (a property test
 * checks it). Tracks judge nothing about the current time, so a saved snapshot never goes
 * stale with the clock; it does with the catalog (which skills exist and how long their
 * validations last), which is why the database keeps it with the catalog's key.
 */
import type { Track, Validation } from './skill-states.ts';
import { newTrack } from './skill-states.ts';

/** Bumped when the written form changes: older snapshots are then ignored and rebuilt. */
const FORMAT = 1;

/**
 * @param tracks the tracks of a learner's skills with events.
 * @returns their text form (JSON).
 */
export function encodeTracks(tracks: ReadonlyMap<string, Track>): string {
  // JSON drops the members that are undefined: a track is written with what it holds.
  return JSON.stringify({ format: FORMAT, tracks: [...tracks] });
}

/**
 * @param text what `encodeTracks` wrote.
 * @returns the tracks, each with every member present (as `newTrack` gives them), or
 *   undefined when the text is not a snapshot of this format: the caller folds the whole
 *   ledger instead, which is always right.
 */
export function decodeTracks(text: string): Map<string, Track> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || parsed.format !== FORMAT || !Array.isArray(parsed.tracks)) {
    return undefined;
  }
  const tracks = new Map<string, Track>();
  for (const entry of parsed.tracks as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isRecord(entry[1])) {
      return undefined;
    }
    const track = readTrack(entry[1]);
    if (track === undefined) return undefined;
    tracks.set(entry[0], track);
  }
  return tracks;
}

function readTrack(saved: Record<string, unknown>): Track | undefined {
  const track = newTrack();
  if (typeof saved.pending !== 'boolean' || typeof saved.withdrawn !== 'boolean') return undefined;
  track.pending = saved.pending;
  track.withdrawn = saved.withdrawn;
  if (saved.official !== undefined) {
    if (!isValidation(saved.official)) return undefined;
    track.official = copyValidation(saved.official);
  }
  if (saved.self !== undefined) {
    if (!isValidation(saved.self)) return undefined;
    track.self = copyValidation(saved.self);
  }
  for (const key of ['officialUntil', 'selfUntil'] as const) {
    const value = saved[key];
    if (value === undefined) continue;
    if (typeof value !== 'number') return undefined;
    track[key] = value;
  }
  if (saved.lastEventAt !== undefined) {
    if (typeof saved.lastEventAt !== 'string') return undefined;
    track.lastEventAt = saved.lastEventAt;
  }
  if (saved.lastRejection !== undefined) {
    const rejection = saved.lastRejection;
    if (
      !isRecord(rejection) ||
      typeof rejection.by !== 'string' ||
      typeof rejection.at !== 'string' ||
      typeof rejection.comment !== 'string'
    ) {
      return undefined;
    }
    track.lastRejection = { by: rejection.by, at: rejection.at, comment: rejection.comment };
  }
  return track;
}

function isValidation(value: unknown): value is Validation {
  return (
    isRecord(value) &&
    (value.source === 'self' || value.source === 'trainer' || value.source === 'jury') &&
    typeof value.by === 'string' &&
    typeof value.at === 'string' &&
    (value.level === undefined || typeof value.level === 'number') &&
    (value.expiresAt === undefined || typeof value.expiresAt === 'string')
  );
}

/** The members in the order `applyToTrack` writes them (states are compared and serialized). */
function copyValidation(saved: Validation): Validation {
  const copy: Validation = { source: saved.source, by: saved.by, at: saved.at };
  if (saved.level !== undefined) copy.level = saved.level;
  if (saved.expiresAt !== undefined) copy.expiresAt = saved.expiresAt;
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
