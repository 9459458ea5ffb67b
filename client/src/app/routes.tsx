/**
 * The route table. Every page is its own chunk, loaded when first opened, so the first page
 * load carries only the shell (see `npm run check:bundle`). To add a page: a folder in
 * `src/pages/`, a path in `paths.ts`, a line here (see client/README.md).
 */
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Loading } from '../components/loading.tsx';
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
const NotFoundPage = lazy(() =>
  import('../pages/not-found/not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

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
        <Route>
          <NotFoundPage />
        </Route>
      </Switch>
    </Suspense>
  );
}
