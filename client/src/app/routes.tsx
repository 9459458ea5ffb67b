/**
 * The route table. Every page is its own chunk, loaded when first opened, so the first page
 * load carries only the shell (see `npm run check:bundle`). To add a page: a folder in
 * `src/pages/`, a path in `paths.ts`, a line here (see client/README.md).
 */
import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Loading } from '../components/loading.tsx';
import { RequireRole } from '../components/require-role.tsx';
import { adminPaths } from '../pages/admin/admin-paths.ts';
import { paths } from './paths.ts';
import { RequireSignIn } from './require-sign-in.tsx';

const SignInPage = lazy(() =>
  import('../pages/sign-in/sign-in-page.tsx').then((m) => ({ default: m.SignInPage })),
);
const HomePage = lazy(() =>
  import('../pages/home/home-page.tsx').then((m) => ({ default: m.HomePage })),
);
const CurriculumPage = lazy(() =>
  import('../pages/curriculum/curriculum-page.tsx').then((m) => ({ default: m.CurriculumPage })),
);
const SkillPage = lazy(() =>
  import('../pages/skill/skill-page.tsx').then((m) => ({ default: m.SkillPage })),
);
const BadgesPage = lazy(() =>
  import('../pages/badges/badges-page.tsx').then((m) => ({ default: m.BadgesPage })),
);
const SettingsPage = lazy(() =>
  import('../pages/settings/settings-page.tsx').then((m) => ({ default: m.SettingsPage })),
);
const GoodbyePage = lazy(() =>
  import('../pages/settings/goodbye-page.tsx').then((m) => ({ default: m.GoodbyePage })),
);
const TrainerHomePage = lazy(() =>
  import('../pages/trainer/home/trainer-home-page.tsx').then((m) => ({
    default: m.TrainerHomePage,
  })),
);
const SessionPage = lazy(() =>
  import('../pages/trainer/session/session-page.tsx').then((m) => ({ default: m.SessionPage })),
);
const QueuePage = lazy(() =>
  import('../pages/trainer/queue/queue-page.tsx').then((m) => ({ default: m.QueuePage })),
);
const GroupProgressPage = lazy(() =>
  import('../pages/trainer/progress/group-progress-page.tsx').then((m) => ({
    default: m.GroupProgressPage,
  })),
);
const NewLearnerPage = lazy(() =>
  import('../pages/trainer/accounts/new-learner-page.tsx').then((m) => ({
    default: m.NewLearnerPage,
  })),
);
const CardsPage = lazy(() =>
  import('../pages/trainer/accounts/cards-page.tsx').then((m) => ({ default: m.CardsPage })),
);
const CheckInPage = lazy(() =>
  import('../pages/check-in/check-in-page.tsx').then((m) => ({ default: m.CheckInPage })),
);
const PathwayPage = lazy(() =>
  import('../pages/pathway/pathway-page.tsx').then((m) => ({ default: m.PathwayPage })),
);
// The counsellor's area: for counsellors only (the API refuses anyone else anyway).
const CounsellorHomePage = lazy(() =>
  import('../pages/counsellor/counsellor-home-page.tsx').then((m) => ({
    default: m.CounsellorHomePage,
  })),
);
const CounsellorLearnerPage = lazy(() =>
  import('../pages/counsellor/counsellor-learner-page.tsx').then((m) => ({
    default: m.CounsellorLearnerPage,
  })),
);
// The admin area: one chunk per page, opened to administrators only.
const AdminHomePage = lazy(() =>
  import('../pages/admin/home/admin-home-page.tsx').then((m) => ({ default: m.AdminHomePage })),
);
const PeoplePage = lazy(() =>
  import('../pages/admin/people/people-page.tsx').then((m) => ({ default: m.PeoplePage })),
);
const CreateStaffPage = lazy(() =>
  import('../pages/admin/people/create-staff-page.tsx').then((m) => ({
    default: m.CreateStaffPage,
  })),
);
const PersonPage = lazy(() =>
  import('../pages/admin/people/person-page.tsx').then((m) => ({ default: m.PersonPage })),
);
const GroupsPage = lazy(() =>
  import('../pages/admin/groups/groups-page.tsx').then((m) => ({ default: m.GroupsPage })),
);
const AdminGroupPage = lazy(() =>
  import('../pages/admin/groups/group-page.tsx').then((m) => ({ default: m.GroupPage })),
);
const CurriculaPage = lazy(() =>
  import('../pages/admin/curricula/curricula-page.tsx').then((m) => ({
    default: m.CurriculaPage,
  })),
);
const CurriculumDetailPage = lazy(() =>
  import('../pages/admin/curricula/curriculum-detail-page.tsx').then((m) => ({
    default: m.CurriculumDetailPage,
  })),
);
const KeysPage = lazy(() =>
  import('../pages/admin/keys/keys-page.tsx').then((m) => ({ default: m.KeysPage })),
);
const AwardsPage = lazy(() =>
  import('../pages/admin/awards/awards-page.tsx').then((m) => ({ default: m.AwardsPage })),
);
const AwardPage = lazy(() =>
  import('../pages/admin/awards/award-page.tsx').then((m) => ({ default: m.AwardPage })),
);
const BulkAwardPage = lazy(() =>
  import('../pages/admin/awards/bulk-award-page.tsx').then((m) => ({ default: m.BulkAwardPage })),
);
const JuryPage = lazy(() =>
  import('../pages/admin/jury/jury-page.tsx').then((m) => ({ default: m.JuryPage })),
);
const NotFoundPage = lazy(() =>
  import('../pages/not-found/not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

/** A page of the admin area: signed in, and an administrator. */
function Admin({ children }: { children: ReactNode }) {
  return (
    <RequireSignIn>
      <RequireRole allowed="ADMIN">{children}</RequireRole>
    </RequireSignIn>
  );
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path={paths.signIn}>
          <SignInPage />
        </Route>
        <Route path={paths.home}>
          <RequireSignIn>
            <HomePage />
          </RequireSignIn>
        </Route>
        <Route path="/parcours/:curriculumId">
          {(params) => (
            <RequireSignIn>
              <CurriculumPage curriculumId={params.curriculumId} />
            </RequireSignIn>
          )}
        </Route>
        <Route path="/competences/:curriculumId/:skillId">
          {(params) => (
            <RequireSignIn>
              <SkillPage skillId={`${params.curriculumId}/${params.skillId}`} />
            </RequireSignIn>
          )}
        </Route>
        <Route path={paths.badges}>
          <RequireSignIn>
            <BadgesPage />
          </RequireSignIn>
        </Route>
        <Route path={paths.settings}>
          <RequireSignIn>
            <SettingsPage />
          </RequireSignIn>
        </Route>
        <Route path={paths.goodbye}>
          <GoodbyePage />
        </Route>
        <Route path={paths.trainer.home}>
          <RequireSignIn>
            <TrainerHomePage />
          </RequireSignIn>
        </Route>
        <Route path="/animation/seances/:sessionId">
          {(params) => (
            <RequireSignIn>
              <SessionPage sessionId={params.sessionId} />
            </RequireSignIn>
          )}
        </Route>
        <Route path={paths.trainer.queue}>
          <RequireSignIn>
            <QueuePage />
          </RequireSignIn>
        </Route>
        <Route path="/animation/groupes/:groupId">
          {(params) => (
            <RequireSignIn>
              <GroupProgressPage groupId={params.groupId} />
            </RequireSignIn>
          )}
        </Route>
        <Route path={paths.trainer.newLearner}>
          <RequireSignIn>
            <NewLearnerPage />
          </RequireSignIn>
        </Route>
        <Route path={paths.trainer.cards}>
          <RequireSignIn>
            <CardsPage />
          </RequireSignIn>
        </Route>
        <Route path="/pointage/:code">
          {(params) => (
            <RequireSignIn>
              <CheckInPage code={params.code} />
            </RequireSignIn>
          )}
        </Route>
        <Route path={paths.pathway}>
          <RequireSignIn>
            <RequireRole allowed="LEARNER">
              <PathwayPage />
            </RequireRole>
          </RequireSignIn>
        </Route>
        <Route path={paths.counsellor.home}>
          <RequireSignIn>
            <RequireRole allowed="COUNSELLOR">
              <CounsellorHomePage />
            </RequireRole>
          </RequireSignIn>
        </Route>
        <Route path="/conseil/apprenants/:learnerId">
          {(params) => (
            <RequireSignIn>
              <RequireRole allowed="COUNSELLOR">
                <CounsellorLearnerPage learnerId={params.learnerId} />
              </RequireRole>
            </RequireSignIn>
          )}
        </Route>
        <Route path={adminPaths.home}>
          <Admin>
            <AdminHomePage />
          </Admin>
        </Route>
        <Route path={adminPaths.people}>
          <Admin>
            <PeoplePage />
          </Admin>
        </Route>
        <Route path={adminPaths.newStaffAccount}>
          <Admin>
            <CreateStaffPage />
          </Admin>
        </Route>
        <Route path="/admin/personnes/:personId">
          {(params) => (
            <Admin>
              <PersonPage personId={params.personId} />
            </Admin>
          )}
        </Route>
        <Route path={adminPaths.groups}>
          <Admin>
            <GroupsPage />
          </Admin>
        </Route>
        <Route path="/admin/groupes/:groupId">
          {(params) => (
            <Admin>
              <AdminGroupPage groupId={params.groupId} />
            </Admin>
          )}
        </Route>
        <Route path={adminPaths.curricula}>
          <Admin>
            <CurriculaPage />
          </Admin>
        </Route>
        <Route path="/admin/parcours/:curriculumId">
          {(params) => (
            <Admin>
              <CurriculumDetailPage curriculumId={params.curriculumId} />
            </Admin>
          )}
        </Route>
        <Route path={adminPaths.keys}>
          <Admin>
            <KeysPage />
          </Admin>
        </Route>
        <Route path={adminPaths.awards}>
          <Admin>
            <AwardsPage />
          </Admin>
        </Route>
        <Route path="/admin/badges/:awardId">
          {(params) => (
            <Admin>
              <AwardPage awardId={params.awardId} />
            </Admin>
          )}
        </Route>
        <Route path={adminPaths.bulkAward}>
          <Admin>
            <BulkAwardPage />
          </Admin>
        </Route>
        <Route path={adminPaths.jury}>
          <Admin>
            <JuryPage />
          </Admin>
        </Route>
        <Route>
          <NotFoundPage />
        </Route>
      </Switch>
    </Suspense>
  );
}
