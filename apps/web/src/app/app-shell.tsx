/** The frame around every screen: skip link, header with navigation, theme switch and account menu, main area. */
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { ThemeMenu } from '../components/ui/theme-menu.tsx';
import { useMe, useSignOut } from '../features/auth/api/use-me.ts';
import { NotificationsLink } from '../features/notifications/components/notifications-link.tsx';
import { useDueCount } from '../features/quiz/api/use-quiz.ts';
import { useSearchShortcut } from '../features/search/components/search-shortcut.ts';

/** "Review", with how many questions are due today when there are any. */
function ReviewLink({ signedIn }: { signedIn: boolean }) {
  const due = useDueCount(signedIn);
  const n = due.data ?? 0;
  return (
    <Link to="/review">
      Review
      {n > 0 && (
        <span className="nav-badge">
          {n > 99 ? '99+' : n}
          <span className="visually-hidden"> due</span>
        </span>
      )}
    </Link>
  );
}

export function AppShell() {
  useSearchShortcut();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = me.data;
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <nav className="nav" aria-label="Main">
          <Link to="/" className="brand" aria-label="Backpath, the roadmap">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>Backpath</span>
          </Link>
          <ul className="nav-links">
            <li>
              <Link to="/" activeOptions={{ exact: true }}>
                Roadmap
              </Link>
            </li>
            <li>
              <Link to="/search" aria-keyshortcuts="/ Control+K" title="Search (/ or Ctrl-K)">
                Search
              </Link>
            </li>
            {user && (
              <>
                <li>
                  <Link to="/dashboard">Dashboard</Link>
                </li>
                <li>
                  <ReviewLink signedIn />
                </li>
                <li>
                  <NotificationsLink signedIn />
                </li>
                <li>
                  <Link to="/profile">Profile</Link>
                </li>
                {user.role !== 'learner' && (
                  <li>
                    <Link to="/cohorts">Cohorts</Link>
                  </li>
                )}
                {user.role === 'admin' && (
                  <li>
                    <Link to="/admin/outbox">Outbox</Link>
                  </li>
                )}
              </>
            )}
          </ul>
          <div className="nav-account">
            <ThemeMenu />
            {user ? (
              <>
                <span className="nav-user" title={user.email}>
                  {user.name}
                </span>
                <Link to="/account">Account</Link>
                <button
                  type="button"
                  className="button ghost"
                  onClick={async () => {
                    await signOut();
                    await navigate({ to: '/' });
                  }}
                >
                  Sign out
                </button>
              </>
            ) : me.isSuccess ? (
              <>
                <Link to="/sign-in">Sign in</Link>
                <Link to="/sign-up" className="button primary small">
                  Sign up
                </Link>
              </>
            ) : null}
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Backpath — a self-hosted path from beginner to backend engineer.</p>
      </footer>
    </>
  );
}
