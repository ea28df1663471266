/**
 * Every screen and its address. The roadmap is bundled with the first page; every other screen is
 * a lazy chunk, so the editor (CodeMirror) and charts never weigh on the first load.
 */
import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { RoadmapPage } from '../features/roadmap/components/roadmap-page.tsx';
import { AppShell } from './app-shell.tsx';
import { NotFound } from './not-found.tsx';

const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: NotFound });

const page = (path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: lazyRouteComponent(load as () => Promise<Record<string, React.ComponentType>>, name),
  });

const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: RoadmapPage }),
  page('/topics/$topicId', () => import('../features/topic/components/topic-page.tsx'), 'TopicPage'),
  page('/exercises/$exerciseId', () => import('../features/exercise/components/exercise-page.tsx'), 'ExercisePage'),
  page('/quizzes/$quizId', () => import('../features/quiz/components/quiz-page.tsx'), 'QuizPage'),
  page('/review', () => import('../features/quiz/components/review-page.tsx'), 'ReviewPage'),
  page(
    '/notifications',
    () => import('../features/notifications/components/notifications-page.tsx'),
    'NotificationsPage',
  ),
  page('/search', () => import('../features/search/components/search-page.tsx'), 'SearchPage'),
  page('/dashboard', () => import('../features/dashboard/components/dashboard-page.tsx'), 'DashboardPage'),
  page('/sign-in', () => import('../features/auth/components/sign-in-page.tsx'), 'SignInPage'),
  page('/sign-up', () => import('../features/auth/components/sign-up-page.tsx'), 'SignUpPage'),
  page('/verify-email', () => import('../features/auth/components/verify-email-page.tsx'), 'VerifyEmailPage'),
  page('/forgot-password', () => import('../features/auth/components/forgot-password-page.tsx'), 'ForgotPasswordPage'),
  page('/reset-password', () => import('../features/auth/components/reset-password-page.tsx'), 'ResetPasswordPage'),
  page('/device', () => import('../features/auth/components/device-page.tsx'), 'DevicePage'),
  page('/account', () => import('../features/account/components/account-page.tsx'), 'AccountPage'),
  page('/profile', () => import('../features/profile/components/profile-page.tsx'), 'ProfilePage'),
  page('/u/$handle', () => import('../features/profile/components/public-portfolio-page.tsx'), 'PublicPortfolioPage'),
  page(
    '/credentials/$credentialId',
    () => import('../features/credentials/components/credential-page.tsx'),
    'CredentialPage',
  ),
  page('/cohorts', () => import('../features/cohorts/components/cohorts-page.tsx'), 'CohortsPage'),
  page('/cohorts/join', () => import('../features/cohorts/components/join-cohort-page.tsx'), 'JoinCohortPage'),
  page('/cohorts/$cohortId', () => import('../features/cohorts/components/cohort-page.tsx'), 'CohortPage'),
  page('/admin/outbox', () => import('../features/admin-mail/components/outbox-page.tsx'), 'OutboxPage'),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
