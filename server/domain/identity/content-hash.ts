/**
 * Content fingerprints: a curriculum version, or a badge definition frozen at issue time, is
 * named by the SHA-256 of its canonical JSON. A badge issued from version N stays explainable
 * after version N+1 because the award keeps the snapshot (definition, skills, hash) it was
 * judged against.
 *
 * The canonical form follows RFC 8785 (JCS) for the values curricula contain: object keys
 * sorted by UTF-16 code units, no whitespace, numbers and strings as `JSON.stringify` writes
 * them. Properties whose value is undefined are dropped; values JSON cannot say without loss
 * (NaN, Infinity, bigint, functions, Maps, circular references) are refused rather than
 * silently changed, since two different contents must never share a hash.
 */
import { createHash } from 'node:crypto';
import type { BadgeDefinition } from '../criteria/criteria-rule.ts';
import { ruleLeaves } from '../criteria/criteria-rule.ts';
import { NotCanonicalisable, UnknownSkill } from '../errors.ts';
import type { SkillNodeInput } from '../skills/skill-graph.ts';

/**
 * @param value plain data: objects, arrays, strings, finite numbers, booleans, null (and
 *   objects with `toJSON`, such as Dates).
 * @returns one JSON text per value, whatever the key order it was built with.
 * @throws NotCanonicalisable for values with no faithful JSON form.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set(), '$');
}

/**
 * @param value plain data, as for {@link canonicalJson}.
 * @returns `sha256:` followed by the hex digest of the canonical JSON (UTF-8).
 */
export function contentHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}

export interface BadgeSnapshot {
  readonly badge: BadgeDefinition;
  /** The skills the criteria name, and their prerequisites, so the snapshot builds a graph alone. */
  readonly skills: readonly SkillNodeInput[];
  readonly hash: string;
}

/**
 * Freezes what a badge meant when it was issued: its definition and the skills its criteria
 * name, with their transitive prerequisites (so `buildSkillGraph(snapshot.skills)` works on
 * its own). Badges named by the criteria are not copied: an award records the badges the
 * learner held, which meet those leaves.
 *
 * @param badge the live badge definition.
 * @param skills the live skill nodes (all of them, or at least the ones the badge needs).
 * @returns a deep, frozen copy with its content hash.
 * @throws UnknownSkill when a skill the badge needs is not among `skills`.
 */
export function snapshotBadge(badge: BadgeDefinition, skills: SkillNodeInput[]): BadgeSnapshot {
  const byId = new Map<string, SkillNodeInput>();
  for (const skill of skills) if (!byId.has(skill.id)) byId.set(skill.id, skill);
  const needed = new Set<string>();
  const queue: string[] = [];
  for (const leaf of ruleLeaves(badge.criteria)) {
    if (leaf.kind === 'skill' && !needed.has(leaf.skillId)) {
      needed.add(leaf.skillId);
      queue.push(leaf.skillId);
    }
  }
  for (let head = 0; head < queue.length; head += 1) {
    const skillId = queue[head] as string;
    const skill = byId.get(skillId);
    if (skill === undefined) throw new UnknownSkill(skillId);
    for (const prerequisite of skill.prerequisites) {
      if (needed.has(prerequisite)) continue;
      needed.add(prerequisite);
      queue.push(prerequisite);
    }
  }
  // Keep the caller's order (authoring order) rather than discovery order: it reads better.
  const kept = skills.filter((skill) => needed.has(skill.id) && byId.get(skill.id) === skill);
  const content = JSON.parse(canonicalJson({ badge, skills: kept })) as {
    badge: BadgeDefinition;
    skills: SkillNodeInput[];
  };
  return deepFreeze({ badge: content.badge, skills: content.skills, hash: contentHash(content) });
}

/**
 * @param snapshot a snapshot, possibly read back from storage.
 * @returns true when its content still matches its hash.
 */
export function verifySnapshot(snapshot: BadgeSnapshot): boolean {
  return contentHash({ badge: snapshot.badge, skills: snapshot.skills }) === snapshot.hash;
}

function write(value: unknown, ancestors: Set<object>, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisable(`${where} is ${value}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new NotCanonicalisable(`${where} is a ${typeof value}`);
  }
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return write(toJson.call(value), ancestors, where);
  if (ancestors.has(value)) throw new NotCanonicalisable(`${where} refers back to itself`);
  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    // As in JSON, an array keeps its length: a missing entry is written null.
    text = `[${value.map((item, i) => (item === undefined ? 'null' : write(item, ancestors, `${where}[${i}]`))).join(',')}]`;
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new NotCanonicalisable(
        `${where} is a ${prototype?.constructor?.name ?? 'special object'}`,
      );
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    text = `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], ancestors, `${where}.${key}`)}`).join(',')}}`;
  }
  ancestors.delete(value);
  return text;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
