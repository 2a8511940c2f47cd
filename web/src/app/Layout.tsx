import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useCurrentWorkspacePermissions } from '../workspaces/use-current-permissions';
import { WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher';
import { isCurrent, navItems } from './nav-items';
import { Link, navigate, useLocation } from './router';
import { useInstancePermissions, useSession, useSessionStore } from './session-context';

export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const store = useSessionStore();
  const instancePermissions = useInstancePermissions();
  const workspacePermissions = useCurrentWorkspacePermissions();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-page navigation, move focus to the new page's heading as a full page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pathname]);

  const [signingOut, setSigningOut] = useState(false);
  async function signOut() {
    setSigningOut(true);
    await store.signOut();
    navigate('/signin');
  }

  const user = session.status === 'signed-in' ? session.user : null;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/keys" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Keyward <span className="brand__sub">Developer Center</span>
        </Link>
        <div className="topbar__workspace">
          <WorkspaceSwitcher />
          <Link
            to="/workspace/settings"
            className="button button--secondary button--small topbar__settings"
            title="Workspace settings"
            aria-current={pathname === '/workspace/settings' ? 'page' : undefined}
          >
            <span aria-hidden="true">⚙</span>
            <span className="visually-hidden">Workspace settings</span>
          </Link>
        </div>
        <nav aria-label="Main" className="topbar__nav">
          <ul>
            {navItems(instancePermissions, workspacePermissions).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={isCurrent(item, pathname) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar__user">
          {user && (
            <span className="topbar__email" title={user.roles.join(', ')}>
              {user.email}
            </span>
          )}
          <Link
            to="/account"
            className="button button--secondary button--small"
            title="Your password, sessions and two-factor sign-in"
            aria-current={pathname === '/account' || pathname.startsWith('/account/') ? 'page' : undefined}
          >
            Account
          </Link>
          <button type="button" className="button button--secondary button--small" onClick={signOut} disabled={signingOut}>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      <main id="main" ref={main} className="main">
        <ErrorBoundary key={pathname}>{children}</ErrorBoundary>
      </main>
    </div>
  );
}
