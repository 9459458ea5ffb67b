import { describe, expect, it } from 'vitest';
import { ruleLeaves, validateBadges } from '../../../server/domain/criteria/criteria-rule.ts';
import { buildBadge, buildGraph } from './builders.ts';

const graph = buildGraph(
  { 'c/a': [], 'c/b': ['c/a'], 'c/niveaux': [] },
  { 'c/niveaux': { levelCount: 2 } },
);

describe('ruleLeaves', () => {
  it('lists leaves in authoring order with paths shaped like the rule', () => {
    const leaves = ruleLeaves({
      allOf: [
        { skill: 'c/a' },
        { atLeast: 1, of: [{ badge: 'c/x' }, { skill: 'c/b', minLevel: 2 }] },
      ],
    });
    expect(leaves).toEqual([
      { kind: 'skill', skillId: 'c/a', path: ['allOf', 0] },
      { kind: 'badge', badgeId: 'c/x', path: ['allOf', 1, 'of', 0] },
      { kind: 'skill', skillId: 'c/b', minLevel: 2, path: ['allOf', 1, 'of', 1] },
    ]);
  });
});

describe('validateBadges', () => {
  it('accepts sound badges', () => {
    const badges = [
      buildBadge('c/debut', { allOf: [{ skill: 'c/a' }, { skill: 'c/niveaux', minLevel: 2 }] }),
      buildBadge('c/suite', { atLeast: 1, of: [{ badge: 'c/debut' }, { skill: 'c/b' }] }),
    ];
    expect(validateBadges(badges, graph)).toEqual([]);
  });

  it('reports every problem at once, with paths an editor can follow', () => {
    const badges = [
      buildBadge('c/un', {
        allOf: [
          { skill: 'c/inconnu' },
          { atLeast: 1, of: [{ skill: 'c/a' }, { badge: 'c/fantome' }] },
          { skill: 'c/niveaux', minLevel: 3 },
          { skill: 'c/a', minLevel: 1 },
        ],
      }),
      buildBadge('c/un', { skill: 'c/a' }),
    ];
    expect(validateBadges(badges, graph)).toEqual([
      { kind: 'duplicate-badge', badgeId: 'c/un', index: 1 },
      { kind: 'unknown-skill', badgeId: 'c/un', skillId: 'c/inconnu', path: ['allOf', 0, 'skill'] },
      {
        kind: 'unknown-badge',
        badgeId: 'c/un',
        referencedBadgeId: 'c/fantome',
        path: ['allOf', 1, 'of', 1, 'badge'],
      },
      {
        kind: 'level-out-of-range',
        badgeId: 'c/un',
        skillId: 'c/niveaux',
        minLevel: 3,
        levelCount: 2,
        path: ['allOf', 2, 'minLevel'],
      },
      {
        kind: 'level-out-of-range',
        badgeId: 'c/un',
        skillId: 'c/a',
        minLevel: 1,
        levelCount: 0,
        path: ['allOf', 3, 'minLevel'],
      },
    ]);
  });

  it('reports badges that require each other, directly or through others', () => {
    const badges = [
      buildBadge('c/a', { badge: 'c/b' }),
      buildBadge('c/b', { allOf: [{ skill: 'c/a' }, { badge: 'c/c' }] }),
      buildBadge('c/c', { badge: 'c/a' }),
      buildBadge('c/soi', { atLeast: 1, of: [{ badge: 'c/soi' }, { skill: 'c/a' }] }),
    ];
    const cycles = validateBadges(badges, graph).flatMap((problem) =>
      problem.kind === 'badge-cycle' ? [problem.cycle] : [],
    );
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(['c/soi', 'c/soi']);
    const loop = cycles.find((cycle) => cycle.length === 4);
    expect(new Set(loop)).toEqual(new Set(['c/a', 'c/b', 'c/c']));
    expect(loop?.[0]).toBe(loop?.[3]);
  });
});
