/**
 * The roll-call: every learner of the group, those present first marked with how (QR code or
 * roll-call), the others as one big button each: one tap notes them present. The tap shows at
 * once and is put back, with the reason, if the server refuses it. (Marking present cannot be
 * taken back: the API keeps attendance as a record of who came.)
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import type { Attendee, GroupMember } from '../trainer-queries.ts';

export interface RollCallProps {
  learners: readonly GroupMember[];
  attendance: readonly Attendee[];
  /** Notes the learner present (the page then passes the new attendance). */
  markPresent: (learnerId: string) => Promise<{ ok: true } | { ok: false; error: Failure }>;
}

export function RollCall({ learners, attendance, markPresent }: RollCallProps) {
  const { t } = useTranslation();
  const [marking, setMarking] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<{ name: string; error: Failure } | null>(null);

  const present = new Map<string, Attendee>();
  for (const a of attendance) if (!present.has(a.personId)) present.set(a.personId, a);
  const count = learners.filter((l) => present.has(l.personId) || marking.has(l.personId)).length;

  async function mark(learner: GroupMember) {
    if (marking.has(learner.personId)) return;
    setFailure(null);
    setMarking((previous) => new Set(previous).add(learner.personId));
    const result = await markPresent(learner.personId);
    setMarking((previous) => {
      const next = new Set(previous);
      next.delete(learner.personId);
      return next;
    });
    if (!result.ok) setFailure({ name: learner.displayName, error: result.error });
  }

  return (
    <>
      <p className="roll-call-count" role="status">
        {t('trainer.rollCall.count', { count, total: learners.length })}
      </p>
      {failure === null ? null : (
        <>
          <p className="field-error">{t('trainer.rollCall.failed', { name: failure.name })}</p>
          <ErrorMessage error={failure.error} />
        </>
      )}
      <ul className="roll-call">
        {learners.map((learner) => {
          const attendee = present.get(learner.personId);
          const pending = marking.has(learner.personId);
          if (attendee !== undefined || pending) {
            return (
              <li key={learner.personId} className="roll-call-present">
                <span aria-hidden="true" className="roll-call-symbol">
                  ✓
                </span>{' '}
                <span>
                  {learner.displayName} —{' '}
                  {pending
                    ? t('trainer.rollCall.marking')
                    : attendee?.method === 'QR'
                      ? t('trainer.rollCall.presentQr')
                      : t('trainer.rollCall.present')}
                </span>
              </li>
            );
          }
          return (
            <li key={learner.personId}>
              <button type="button" className="roll-call-button" onClick={() => void mark(learner)}>
                <span aria-hidden="true" className="roll-call-symbol">
                  ○
                </span>
                <span>
                  {learner.displayName}{' '}
                  <span className="visually-hidden">— {t('trainer.rollCall.markHint')}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
