import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateBadge } from '../../../server/domain/criteria/evaluate-criteria.ts';
import {
  canonicalJson,
  contentHash,
  snapshotBadge,
  verifySnapshot,
} from '../../../server/domain/identity/content-hash.ts';
import { foldSkillStates } from '../../../server/domain/progress/skill-states.ts';
import { buildSkillGraph, requireSkillGraph } from '../../../server/domain/skills/skill-graph.ts';
import { buildBadge, buildEvent, buildSkill } from './builders.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'é' }, u: undefined })).toBe(
      '{"a":{"c":"é","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('does not depend on the order keys were written', () => {
    const one = { id: 'x', criteria: { allOf: [{ skill: 'a' }, { skill: 'b', minLevel: 2 }] } };
    const two = { criteria: { allOf: [{ skill: 'a' }, { minLevel: 2, skill: 'b' }] }, id: 'x' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('sorts keys by code units, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  it('refuses values JSON would change silently', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1n,
      () => 1,
      new Map(),
      circular,
      undefined,
    ]) {
      expect(() => canonicalJson(value)).toThrow(
        expect.objectContaining({ code: 'not-canonicalisable' }),
      );
    }
  });
});

describe('contentHash', () => {
  it('is sha256 of the canonical JSON, prefixed', () => {
    const value = { b: [1, 'deux'], a: true };
    const hex = createHash('sha256').update('{"a":true,"b":[1,"deux"]}').digest('hex');
    expect(contentHash(value)).toBe(`sha256:${hex}`);
    expect(contentHash({ a: true, b: [1, 'deux'] })).toBe(contentHash(value));
    expect(contentHash({ a: true, b: [1, 'trois'] })).not.toBe(contentHash(value));
  });
});

describe('snapshotBadge', () => {
  const v1Skills = [
    buildSkill('c/web'),
    buildSkill('c/mail', ['c/web']),
    buildSkill('c/docs', ['c/mail']),
    buildSkill('c/autre'),
  ];
  const v1Badge = buildBadge('c/courriel', { allOf: [{ skill: 'c/mail' }] });

  it('keeps the skills the criteria name and their prerequisites, frozen, with a verifiable hash', () => {
    const snapshot = snapshotBadge(v1Badge, v1Skills);
    expect(snapshot.skills.map((skill) => skill.id)).toEqual(['c/web', 'c/mail']);
    expect(buildSkillGraph(snapshot.skills).ok).toBe(true);
    expect(snapshot.hash).toBe(contentHash({ badge: v1Badge, skills: v1Skills.slice(0, 2) }));
    expect(verifySnapshot(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.badge.criteria)).toBe(true);
    expect(
      verifySnapshot({ ...snapshot, badge: { ...snapshot.badge, acceptsSelfAssessment: true } }),
    ).toBe(false);
  });

  it('throws when a skill the badge needs is not given', () => {
    expect(() => snapshotBadge(v1Badge, [buildSkill('c/mail', ['c/web'])])).toThrow(
      expect.objectContaining({ code: 'unknown-skill' }),
    );
  });

  it('still explains an award from version 1 after the live badge changed in version 2', () => {
    const events = [buildEvent('skill-validated', 'c/web', '2025-01-01T00:00:00Z', {})];
    events.push(buildEvent('skill-validated', 'c/mail', '2025-01-02T00:00:00Z', {}));
    // Version 1: the badge is awarded; the award keeps the snapshot.
    const award = snapshotBadge(v1Badge, v1Skills);
    const v1States = foldSkillStates(requireSkillGraph(v1Skills), events, {
      now: '2025-01-03T00:00:00Z',
    });
    expect(evaluateBadge(v1Badge.id, new Map([[v1Badge.id, v1Badge]]), v1States).eligible).toBe(
      true,
    );

    // Version 2 renames c/mail to c/courriel and asks for c/docs as well.
    const v2Skills = [
      buildSkill('c/web'),
      buildSkill('c/courriel', ['c/web']),
      buildSkill('c/docs', ['c/courriel']),
    ];
    const v2Badge = buildBadge('c/courriel', {
      allOf: [{ skill: 'c/courriel' }, { skill: 'c/docs' }],
    });
    const later = '2026-01-01T00:00:00Z';
    const v2States = foldSkillStates(requireSkillGraph(v2Skills), events, { now: later });
    expect(evaluateBadge(v2Badge.id, new Map([[v2Badge.id, v2Badge]]), v2States).eligible).toBe(
      false,
    );
    expect(contentHash(v2Badge)).not.toBe(contentHash(v1Badge));

    // The snapshot alone rebuilds what the badge meant and why it was awarded.
    expect(verifySnapshot(award)).toBe(true);
    const snapshotStates = foldSkillStates(requireSkillGraph(award.skills), events, { now: later });
    const explained = evaluateBadge(
      award.badge.id,
      new Map([[award.badge.id, award.badge]]),
      snapshotStates,
    );
    expect(explained).toMatchObject({
      eligible: true,
      met: [{ kind: 'skill', skillId: 'c/mail' }],
    });
  });
});
