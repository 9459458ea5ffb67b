import { describe, expect, it } from 'vitest';
import {
  canSeeLearner,
  canValidate,
  canWithdrawValidation,
  type GroupMembership,
  isAdmin,
  type Viewer,
} from '../../../server/auth/policies.ts';
import type { Role } from '../../../server/auth/roles.ts';

// Two groups: Claire trains "code-club" (Léo, Inès learn there); Marc trains "seniors" (Inès
// learns there too). Claire also learns in "seniors".
const memberships: GroupMembership[] = [
  { groupId: 'code-club', personId: 'claire', role: 'trainer' },
  { groupId: 'code-club', personId: 'leo', role: 'learner' },
  { groupId: 'code-club', personId: 'ines', role: 'learner' },
  { groupId: 'seniors', personId: 'marc', role: 'trainer' },
  { groupId: 'seniors', personId: 'ines', role: 'learner' },
  { groupId: 'seniors', personId: 'claire', role: 'learner' },
];

const as = (personId: string, ...roles: Role[]): Viewer => ({ personId, roles });

describe('canValidate', () => {
  it.each<[string, Viewer, string, boolean]>([
    ['a trainer, for a learner of their group', as('claire', 'trainer'), 'leo', true],
    ['a trainer, for a learner of two groups', as('marc', 'trainer'), 'ines', true],
    ['a trainer, for a learner of another group', as('marc', 'trainer'), 'leo', false],
    [
      'a trainer, for themselves (even as a learner elsewhere)',
      as('claire', 'trainer'),
      'claire',
      false,
    ],
    [
      'a trainer of the group who learns in it, by the other trainer',
      as('marc', 'trainer'),
      'claire',
      true,
    ],
    ['a group trainer without the trainer role any more', as('claire', 'learner'), 'leo', false],
    ['an admin who trains no group', as('admin', 'admin'), 'leo', false],
    ['a counsellor', as('coralie', 'counsellor'), 'leo', false],
    ['a learner, for a classmate', as('ines', 'learner'), 'leo', false],
    ['a learner, for themselves', as('leo', 'learner'), 'leo', false],
  ])('%s → %s', (_, viewer, learnerId, expected) => {
    expect(canValidate(viewer, learnerId, memberships)).toBe(expected);
  });

  it('ignore learner memberships in groups the trainer only learns in', () => {
    expect(canValidate(as('claire', 'trainer'), 'ines', memberships)).toBe(true);
    const onlySeniors = memberships.filter((m) => m.groupId === 'seniors');
    expect(canValidate(as('claire', 'trainer'), 'ines', onlySeniors)).toBe(false);
  });
});

describe('canWithdrawValidation', () => {
  it.each<[string, Viewer, string, boolean]>([
    ['a trainer, for a learner of their group', as('claire', 'trainer'), 'leo', true],
    ['a trainer, for a learner of another group', as('marc', 'trainer'), 'leo', false],
    ['a trainer, for themselves', as('claire', 'trainer'), 'claire', false],
    ['an admin who trains no group', as('admin', 'admin'), 'leo', true],
    ['an admin, for themselves', as('leo', 'learner', 'admin'), 'leo', false],
    ['a counsellor', as('coralie', 'counsellor'), 'leo', false],
    ['a learner, for themselves', as('leo', 'learner'), 'leo', false],
  ])('%s → %s', (_, viewer, learnerId, expected) => {
    expect(canWithdrawValidation(viewer, learnerId, memberships)).toBe(expected);
  });
});

describe('canSeeLearner', () => {
  it.each<[string, Viewer, string, boolean]>([
    ['the learner themselves', as('leo', 'learner'), 'leo', true],
    ['their trainer', as('claire', 'trainer'), 'leo', true],
    ['a trainer of another group', as('marc', 'trainer'), 'leo', false],
    ['an admin', as('admin', 'admin'), 'leo', true],
    ['a counsellor (follows are not stored yet)', as('coralie', 'counsellor'), 'leo', false],
    ['a classmate', as('ines', 'learner'), 'leo', false],
    ['a trainer, themselves', as('claire', 'trainer'), 'claire', true],
  ])('%s → %s', (_, viewer, learnerId, expected) => {
    expect(canSeeLearner(viewer, learnerId, memberships)).toBe(expected);
  });
});

describe('isAdmin', () => {
  it.each<[Role[], boolean]>([
    [['admin'], true],
    [['trainer', 'admin'], true],
    [['trainer'], false],
    [[], false],
  ])('%j → %s', (roles, expected) => {
    expect(isAdmin(as('x', ...roles))).toBe(expected);
  });
});
