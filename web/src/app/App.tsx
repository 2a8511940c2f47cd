import { useEffect, type ReactNode } from 'react';
import { AuditPage } from '../audit/AuditPage';
import { AccountPage } from '../account/AccountPage';
import { ResetPasswordPage } from '../account/ResetPasswordPage';
import { AuthPage } from '../auth/AuthPage';
import { KeyDetailPage } from '../keys/KeyDetailPage';
import { KeysPage } from '../keys/KeysPage';
import { RolesPage } from '../admin/RolesPage';
import { UsersPage } from '../admin/UsersPage';
import { Loading } from '../components/States';
import { AcceptInvitationPage } from '../workspaces/AcceptInvitationPage';
import { MembersPage } from '../workspaces/MembersPage';
import { WorkspaceSettingsPage } from '../workspaces/WorkspaceSettingsPage';
import { Layout } from './Layout';
import { navigate, useLocation, Link } from './router';
import { HOME_PATH, isOpenRoute, isPublicRoute, matchRoute, safeNextPath, type Route } from './routes';
import { useCan, useSession } from './session-context';
import { WorkspaceProvider } from './workspace-context';

export function App() {
  const session = useSession();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const redirect = redirectFor(session.status, route, pathname + search, search);

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  if (session.status === 'restoring') {
    return (
      <div className="fullscreen-center">
        <Loading label="Restoring your session…" />
      </div>
    );
  }
  if (redirect || route.name === 'home') return null;
  if (route.name === 'reset-password') return <ResetPasswordPage />;
  if (route.name === 'signin' || route.name === 'register') return <AuthPage key={route.name} mode={route.name} />;
  return (
    // Keyed by the user, so another account signing in never sees the last one's workspace choice.
    <WorkspaceProvider key={session.status === 'signed-in' ? session.user.id : ''}>
      <Layout>{page(route)}</Layout>
    </WorkspaceProvider>
  );
}

function redirectFor(status: string, route: Route | { name: 'home' }, here: string, search: string): string | null {
  if (status === 'restoring' || isOpenRoute(route)) return null;
  if (status === 'signed-out' && !isPublicRoute(route)) {
    return route.name === 'home' ? '/signin' : `/signin?next=${encodeURIComponent(here)}`;
  }
  if (status === 'signed-in' && isPublicRoute(route)) return safeNextPath(new URLSearchParams(search).get('next'));
  if (route.name === 'home') return HOME_PATH;
  return null;
}

function page(route: Route): ReactNode {
  switch (route.name) {
    case 'keys':
      return <NeedsPermission permission="keys:read"><KeysPage /></NeedsPermission>;
    case 'key':
      return <NeedsPermission permission="keys:read"><KeyDetailPage key={route.id} id={route.id} /></NeedsPermission>;
    case 'audit':
      return <AuditPage />;
    case 'users':
      return <NeedsPermission permission="users:read"><UsersPage /></NeedsPermission>;
    case 'roles':
      return <NeedsPermission permission="roles:read"><RolesPage /></NeedsPermission>;
    case 'members':
      return <MembersPage />;
    case 'workspace-settings':
      return <WorkspaceSettingsPage />;
    case 'accept-invitation':
      return <AcceptInvitationPage />;
    case 'account':
      return <AccountPage />;
    default:
      return <NotFound />;
  }
}

function NeedsPermission({ permission, children }: { permission: string; children: ReactNode }) {
  if (useCan(permission)) return children;
  return (
    <section className="page">
      <h1 tabIndex={-1}>Not available</h1>
      <p className="alert alert--info">
        This page needs the <code>{permission}</code> permission, which your roles do not grant.
      </p>
    </section>
  );
}

function NotFound() {
  return (
    <section className="page">
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is nothing here. <Link to={HOME_PATH}>Go to your API keys</Link>.
      </p>
    </section>
  );
}
