/**
 * Creates an account for a learner without email (a child, a senior): a learner code for their
 * QR card and a PIN, both shown once to the trainer who prints the card. Only the PIN's hash is
 * kept. A minor's account needs a guardian's consent and starts private.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Forbidden } from '../../auth/errors.ts';
import { generateLearnerCode, generatePin, learnerQrPayload } from '../../auth/learner-codes.ts';
import { hasRole, isAdmin, type Viewer } from '../../auth/policies.ts';
import { hashSecret } from '../../auth/secret-hash.ts';
import { addEnrolments } from '../../db/repositories/demo-seed-repository.ts';
import type { Person } from '../../db/repositories/people-repository.ts';
import { currentViewer } from './actor.ts';
import type { AccountsDeps } from './deps.ts';
import { GuardianConsentRequired, InvalidInput, UnknownGroup } from './errors.ts';

/** The form a trainer fills in. */
export const CreateLearnerAccountInput = z.object({
  /** The group the learner joins; required for trainers (one they train), optional for admins. */
  groupId: z.string().min(1).max(64).optional(),
  displayName: z.string().trim().min(1).max(200),
  isMinor: z.boolean(),
  locale: z.enum(['fr', 'en']).optional(),
  guardian: z
    .object({
      name: z.string().trim().min(1).max(200),
      contact: z.string().trim().max(320).optional(),
      /** What the guardian agrees to (e.g. "suivi des compétences, badges non publics"). */
      scope: z.string().trim().min(1).max(2000),
      /**
       * Whether the guardian lets the minor create public share links of their pathway and
       * badges. Off unless the guardian says so; an admin can change it later.
       */
      allowsPublicShare: z.boolean().default(false),
    })
    .optional(),
});

export type CreateLearnerAccountInput = z.input<typeof CreateLearnerAccountInput>;

/** The account and its secrets, returned this once. */
export interface CreatedLearnerAccount {
  person: Person;
  learnerCode: string;
  /** The PIN in clear: shown once, never stored. */
  pin: string;
  /** What the printable QR card encodes: `grange:learner:<code>`. */
  qrPayload: string;
}

// With ~600 million codes a collision is rare; a few retries make it practically impossible.
const CODE_ATTEMPTS = 10;

/**
 * @param viewer a trainer of `input.groupId`, or an admin.
 * @param input the learner's name, whether they are a minor, and their guardian's consent.
 * @returns the account, its learner code, PIN and QR payload.
 * @throws InvalidInput (nothing written); Forbidden unless the viewer is an admin or trains the
 *   group; UnknownGroup; GuardianConsentRequired for a minor without a guardian (nothing
 *   written).
 */
export async function createLearnerAccount(
  deps: AccountsDeps,
  viewer: Viewer,
  input: CreateLearnerAccountInput,
): Promise<CreatedLearnerAccount> {
  const parsed = CreateLearnerAccountInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { groupId, displayName, isMinor, locale, guardian } = parsed.data;

  const pin = generatePin();
  // Hashed before the transaction: SQLite has one connection, and it should not wait on scrypt.
  const pinHash = await hashSecret(pin);
  const now = deps.clock();

  return deps.db.transaction(async (trx) => {
    const actor = await currentViewer(deps, viewer, trx);
    if (!isAdmin(actor)) {
      if (!hasRole(actor, 'trainer')) throw new Forbidden();
      if (!groupId) {
        throw new InvalidInput([
          { path: 'groupId', message: 'a trainer adds the learner to one of their groups' },
        ]);
      }
      const memberships = await deps.groups.activeMembershipsOf([actor.personId], trx);
      const trains = memberships.some((m) => m.groupId === groupId && m.role === 'trainer');
      if (!trains) throw new Forbidden();
    } else if (groupId) {
      const group = await deps.groups.findById(groupId, trx);
      if (!group || group.archivedAt) throw new UnknownGroup(groupId);
    }
    if (isMinor && !guardian) throw new GuardianConsentRequired();

    let learnerCode: string | undefined;
    for (let attempt = 0; attempt < CODE_ATTEMPTS && !learnerCode; attempt += 1) {
      const candidate = generateLearnerCode();
      if (!(await deps.people.learnerCodeExists(candidate, trx))) learnerCode = candidate;
    }
    if (!learnerCode) throw new Error('could not find a free learner code');

    const person = await deps.people.create(
      {
        id: randomUUID(),
        displayName,
        learnerCode,
        locale: locale ?? 'fr',
        isMinor,
        // Minors are private by default: nothing of theirs is public until someone opens it.
        privateProfile: isMinor,
        roles: ['learner'],
      },
      now,
      trx,
    );
    await deps.credentials.set('pin', person.id, pinHash, now, trx);
    if (guardian) {
      await deps.people.addGuardianConsent(
        {
          id: randomUUID(),
          personId: person.id,
          guardianName: guardian.name,
          guardianContact: guardian.contact || null,
          scope: guardian.scope,
          recordedBy: actor.personId,
          givenAt: now,
          withdrawnAt: null,
          allowsPublicShare: guardian.allowsPublicShare,
        },
        trx,
      );
    }
    if (groupId) {
      await deps.groups.addMember({ groupId, personId: person.id, role: 'learner' }, now, trx);
      // Joining a group enrols in its curriculum, as an admin adding a member does
      // (admin/group-members.ts): otherwise the new learner's home shows no curriculum.
      const group = await deps.groups.findById(groupId, trx);
      if (group?.curriculumId) {
        await addEnrolments(trx, [
          { personId: person.id, curriculumId: group.curriculumId, enrolledAt: now },
        ]);
      }
    }
    return { person, learnerCode, pin, qrPayload: learnerQrPayload(learnerCode) };
  });
}
