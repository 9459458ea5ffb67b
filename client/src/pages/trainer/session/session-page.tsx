/**
 * A workshop session, on the trainer's phone during the workshop: the QR code learners scan to
 * check in, the roll-call, then for each target skill a row per learner present with
 * "Acquis / En cours / Pas encore". The attendance is asked again every 20 seconds while the
 * page is shown, so QR check-ins appear without a reload.
 */
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAuth, useViewer } from '../../../app/auth/auth-context.tsx';
import { useLocale, useLocalized } from '../../../app/localized.ts';
import { paths } from '../../../app/paths.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { formatHours } from '../session-times.ts';
import { TrainerOnly } from '../trainer-only.tsx';
import {
  type Attendee,
  RecordAttendanceMutation,
  SessionContextQuery,
  SessionQuery,
  type SkillSummary,
  type TypedError,
  type WorkshopSession,
} from '../trainer-queries.ts';
import { useDecisionActions } from './decision-actions.ts';
import type { CellState } from './decision-rows.ts';
import { RollCall } from './roll-call.tsx';
import { type PresentLearner, ValidationGrid } from './validation-grid.tsx';

const QrCode = lazy(() => import('../../badges/qr-code.tsx'));

const ATTENDANCE_REFRESH_MS = 20_000;

function CheckInCode({ code, title }: { code: string; title: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(true);
  const id = useId();
  const url = `${window.location.origin}${paths.checkIn(code)}`;
  return (
    <>
      <p>{t('trainer.session.qrHint')}</p>
      <button
        type="button"
        aria-expanded={shown}
        aria-controls={`${id}-qr`}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? t('trainer.session.hideQr') : t('trainer.session.showQr')}
      </button>
      <div id={`${id}-qr`} className="check-in-qr">
        {shown ? (
          <Suspense fallback={<Loading />}>
            <QrCode text={url} label={t('trainer.session.qrLabel', { title })} />
          </Suspense>
        ) : null}
      </div>
    </>
  );
}

function SessionWorkspace({
  session,
  reloadSession,
}: {
  session: WorkshopSession;
  reloadSession: () => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const viewer = useViewer();
  const { graphql } = useAuth();
  const actions = useDecisionActions(session.id);
  // Target skills of one session belong to its group's curriculum.
  const curriculumId = session.targetSkills[0]?.split('/')[0] ?? '';
  const context = useQuery(SessionContextQuery, {
    groupId: session.groupId,
    curriculumId,
    withGrid: curriculumId !== '',
  });
  const [chosen, setChosen] = useState(session.targetSkills[0] ?? '');
  const [marked, setMarked] = useState<Attendee[]>([]);
  const [settled, setSettled] = useState<Record<string, CellState>>({});
  const pickerId = useId();

  const attendance = useMemo(() => {
    const all = new Map<string, Attendee>();
    for (const a of [...session.attendance, ...marked])
      if (!all.has(a.personId)) all.set(a.personId, a);
    return [...all.values()];
  }, [session.attendance, marked]);

  const markPresent = useCallback(
    async (learnerId: string) => {
      try {
        const { recordAttendance: result } = await graphql(RecordAttendanceMutation, {
          sessionId: session.id,
          learnerIds: [learnerId],
        });
        if (result.__typename === 'RecordAttendanceSuccess' && 'attendance' in result) {
          setMarked(result.attendance);
          return { ok: true as const };
        }
        return { ok: false as const, error: result as TypedError };
      } catch (error) {
        return { ok: false as const, error: error instanceof Error ? error : undefined };
      }
    },
    [graphql, session.id],
  );

  const onSettled = useCallback((learnerId: string, skillId: string, state: CellState) => {
    setSettled((previous) => ({ ...previous, [`${learnerId}|${skillId}`]: state }));
  }, []);

  const data = context.data;
  if (context.loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={context.error} onRetry={context.reload} />;
  if (data.group.__typename !== 'Group' || !('learners' in data.group)) {
    return <ErrorMessage error={data.group as TypedError} />;
  }
  const group = data.group;
  const skills = new Map<string, SkillSummary>(
    data.curricula.flatMap((c) => c.skills.map((s) => [s.id, s] as const)),
  );
  const grid =
    data.progressGrid !== undefined && 'rows' in data.progressGrid ? data.progressGrid : undefined;
  const cellOf = (learnerId: string, skillId: string): CellState => {
    const known = settled[`${learnerId}|${skillId}`];
    if (known !== undefined) return known;
    const cell = grid?.rows
      .find((r) => r.learnerId === learnerId)
      ?.cells.find((c) => c.skillId === skillId);
    return { status: cell?.status ?? 'LOCKED', level: cell?.level ?? null };
  };
  const presentIds = new Set(attendance.map((a) => a.personId));
  const skill = skills.get(chosen);
  // A trainer who also learns in the group is never their own judge.
  const present: PresentLearner[] = group.learners
    .filter((l) => presentIds.has(l.personId) && l.personId !== viewer.id)
    .map((l) => ({ ...l, state: cellOf(l.personId, chosen) }));

  return (
    <>
      <p className="meta">
        {formatHours(session.startsAt, session.endsAt, locale)} · {group.name}
      </p>

      <section aria-labelledby="check-in">
        <h2 id="check-in">{t('trainer.session.checkIn')}</h2>
        <CheckInCode code={session.checkInCode} title={session.title} />
      </section>

      <section aria-labelledby="roll-call">
        <div className="section-head">
          <h2 id="roll-call">{t('trainer.session.rollCall')}</h2>
          <button type="button" onClick={reloadSession}>
            {t('trainer.session.refresh')}
          </button>
        </div>
        <p className="hint">{t('trainer.session.rollCallHint')}</p>
        <RollCall learners={group.learners} attendance={attendance} markPresent={markPresent} />
      </section>

      <section aria-labelledby="validate">
        <h2 id="validate">{t('trainer.session.validate')}</h2>
        {session.targetSkills.length === 0 ? (
          <p>{t('trainer.session.noTargetSkills')}</p>
        ) : (
          <>
            {session.targetSkills.length === 1 ? null : (
              <fieldset className="choice skill-picker">
                <legend>{t('trainer.session.whichSkill')}</legend>
                {session.targetSkills.map((skillId) => (
                  <label key={skillId}>
                    <input
                      type="radio"
                      name={`${pickerId}-skill`}
                      value={skillId}
                      checked={chosen === skillId}
                      onChange={() => setChosen(skillId)}
                    />
                    {localized(skills.get(skillId)?.title ?? { fr: skillId, en: skillId })}
                  </label>
                ))}
              </fieldset>
            )}
            {skill === undefined ? (
              <p>{t('trainer.session.unknownSkill', { skill: chosen })}</p>
            ) : (
              <>
                <h3>{localized(skill.title)}</h3>
                <ValidationGrid
                  key={skill.id}
                  skill={skill}
                  learners={present}
                  actions={actions}
                  onSettled={onSettled}
                />
              </>
            )}
          </>
        )}
      </section>
    </>
  );
}

export function SessionPage({ sessionId }: { sessionId: string }) {
  return (
    <TrainerOnly>
      <Session sessionId={sessionId} />
    </TrainerOnly>
  );
}

function Session({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useQuery(SessionQuery, { id: sessionId });

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, ATTENDANCE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const back = (
    <p className="breadcrumb">
      <Link href={paths.trainer.home}>
        <span aria-hidden="true">← </span>
        {t('trainer.home.back')}
      </Link>
    </p>
  );
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  const session = data.workshopSession;
  if (session.__typename !== 'WorkshopSession' || !('checkInCode' in session)) {
    return (
      <>
        {back}
        <PageHeading title={t('trainer.session.unknown')} />
        <ErrorMessage error={session as TypedError} />
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeading title={session.title} />
      <SessionWorkspace session={session} reloadSession={reload} />
    </>
  );
}
