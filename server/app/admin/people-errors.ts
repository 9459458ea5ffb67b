/**
 * Refusals of the administrator's account and group management: each has a stable `code` and
 * a French and English message saying how to go on. Nothing is written when one is thrown.
 */
import { LocalisedError } from '../../auth/errors.ts';
import { UnknownPerson as UnknownAccount } from '../accounts/errors.ts';
import { UnknownPerson } from '../engine-errors.ts';

/** An administrator tried to take away their own admin role. */
export class CannotRemoveOwnAdminRole extends LocalisedError {
  constructor() {
    super('cannot-remove-own-admin-role', {
      fr: "Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.",
      en: 'You cannot remove your own administrator role: ask another administrator to do it.',
    });
  }
}

/** An administrator tried to disable their own account. */
export class CannotDisableOwnAccount extends LocalisedError {
  constructor() {
    super('cannot-disable-own-account', {
      fr: 'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.',
      en: 'You cannot disable your own account: ask another administrator to do it.',
    });
  }
}

/** Joining a group as trainer or learner needs that role first. */
export class RoleNotHeld extends LocalisedError {
  readonly personId: string;
  readonly role: string;

  /**
   * @param personId the person.
   * @param role the group role asked for (`trainer` or `learner`).
   */
  constructor(personId: string, role: 'trainer' | 'learner') {
    const fr = role === 'trainer' ? "d'animateur" : "d'apprenant";
    super('role-not-held', {
      fr: `Cette personne n'a pas le rôle ${fr} : donnez-lui d'abord ce rôle, puis ajoutez-la au groupe.`,
      en: `This person does not hold the ${role} role: grant it first, then add them to the group.`,
    });
    this.personId = personId;
    this.role = role;
  }
}

/** No curriculum of the catalog has this id. */
export class UnknownCurriculum extends LocalisedError {
  readonly curriculumId: string;

  /** @param curriculumId the id that was looked up. */
  constructor(curriculumId: string) {
    super('unknown-curriculum', {
      fr: `Aucun parcours n'a l'identifiant « ${curriculumId} » : choisissez-en un dans la liste des parcours.`,
      en: `No curriculum has the id "${curriculumId}": choose one from the list of curricula.`,
    });
    this.curriculumId = curriculumId;
  }
}

/**
 * The account use cases have an UnknownPerson of their own; the API shows one type for both.
 *
 * @returns the error to throw in place of `error`.
 */
export function asUnknownPerson(error: unknown): unknown {
  return error instanceof UnknownAccount ? new UnknownPerson(error.personId) : error;
}
