/**
 * What the proof and key checks found, before it becomes a readable check: a status, a reason
 * code (which picks the message) and technical detail. Shared by the Data Integrity and VC-JWT
 * paths, and by the status list check (which needs only the verdict).
 */
import { printable } from '../verify/printable.ts';
import type { CheckStatus } from '../verify/report.ts';

export type ProofReason =
  | 'ok'
  | 'no-proof'
  | 'unsupported'
  | 'unknown-proof'
  | 'unreachable'
  | 'key-outside-issuer'
  | 'key-not-published'
  | 'bad-signature'
  | 'bad-header'
  | 'claims-mismatch';

export type KeyReason =
  | 'ok'
  | 'no-proof'
  | 'no-key'
  | 'outside-issuer'
  | 'not-published'
  | 'not-authorised'
  | 'retired'
  | 'self-asserted'
  | 'unreachable'
  | 'unsupported';

export type Assessment<R extends string> = { status: CheckStatus; reason: R; detail: string };

export type ProofOutcome = {
  proof: Assessment<ProofReason>;
  issuerKey: Assessment<KeyReason>;
};

/** Orders statuses: passed is best, failed worst. */
export function rank(status: CheckStatus): number {
  return status === 'passed' ? 2 : status === 'could-not-check' ? 1 : 0;
}

/**
 * Whether a key that carries a retirement date (`revoked`) was still in service for every
 * given signing time. A missing or unreadable time counts as "after": a retired key has to
 * prove it signed before.
 *
 * @param revoked the key's `revoked` member, if any.
 * @param signedAt the times the signature claims (proof `created`, `validFrom`, `nbf`).
 * @returns undefined when in service, else the reason in words.
 */
export function retiredProblem(revoked: unknown, signedAt: readonly unknown[]): string | undefined {
  if (revoked === undefined) return undefined;
  const retiredAt = typeof revoked === 'string' ? Date.parse(revoked) : Number.NaN;
  if (Number.isNaN(retiredAt)) return `the key is marked revoked (${printable(revoked)})`;
  for (const time of signedAt) {
    const at = typeof time === 'string' ? Date.parse(time) : Number.NaN;
    if (Number.isNaN(at)) return `the key was retired on ${revoked} and a signing time is missing`;
    if (at >= retiredAt) return `the key was retired on ${revoked}, before ${String(time)}`;
  }
  return undefined;
}

/** The controller part of a key id: everything before `#`. */
export function controllerOf(keyId: string): string {
  return keyId.split('#')[0] ?? keyId;
}

/**
 * Whether a controller document lists a key in `assertionMethod` (absolute id, relative
 * `#fragment`, or an embedded method object).
 */
export function listsAssertionMethod(controller: Record<string, unknown>, keyId: string): boolean {
  const entries = Array.isArray(controller.assertionMethod)
    ? controller.assertionMethod
    : controller.assertionMethod === undefined
      ? []
      : [controller.assertionMethod];
  const fragment = `#${keyId.split('#')[1] ?? ''}`;
  return entries.some((entry) => {
    const id = typeof entry === 'string' ? entry : (entry as { id?: unknown } | null)?.id;
    return id === keyId || id === fragment;
  });
}
