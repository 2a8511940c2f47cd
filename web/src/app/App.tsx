import { useEffect, type ReactNode } from 'react';
import { AuditPage } from '../audit/AuditPage';
import { AccountPage } from '../account/AccountPage';
import { ResetPasswordPage } from '../account/ResetPasswordPage';
import { AuthPage } from '../auth/AuthPage';
import { KeyDetailPage } from '../keys/KeyDetailPage';
import { KeysPage } from '../keys/KeysPage';
import { RolesPage } from '../admin/RolesPage';
import { UsersPage } from '../admin/UsersPage';
import { Loading, NotAvailable } from '../components/States';
import { AcceptInvitationPage } from '../workspaces/AcceptInvitationPage';
import { MembersPage } from '../workspaces/MembersPage';
import { AuthorizedAppsPage } from '../oauth/AuthorizedAppsPage';
import { ConsentPage } from '../oauth/ConsentPage';
import { OAuthAppsPage } from '../oauth-apps/OAuthAppsPage';
import { WorkspaceGate } from '../workspaces/WorkspaceGate';
import { WorkspaceSettingsPage } from '../workspaces/WorkspaceSettingsPage';
import { Layout } from './Layout';
import { navigate, useLocation, Link } from './router';
import { HOME_PATH, isOpenRoute, isPublicRoute, matchRoute, safeNextPath, type Route } from './routes';
import { useInstanceCan, useSession } from './session-context';
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
  // An app's request, on its own card: the console's navigation would only lead away from it.
  if (route.name === 'oauth-consent') return <ConsentPage key={route.uid} uid={route.uid} />;
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

/**
 * Workspace pages act in the current workspace, with my permissions there (WorkspaceGate);
 * the instance admin pages need a permission of my instance roles.
 */
function page(route: Route): ReactNode {
  switch (route.name) {
    case 'keys':
      return <WorkspaceGate title="API keys" needs="keys:read"><KeysPage /></WorkspaceGate>;
    case 'key':
      return <WorkspaceGate title="API key" needs="keys:read"><KeyDetailPage key={route.id} id={route.id} /></WorkspaceGate>;
    case 'audit':
      return <WorkspaceGate title="Audit log"><AuditPage /></WorkspaceGate>;
    case 'members':
      return <WorkspaceGate title="Members"><MembersPage /></WorkspaceGate>;
    case 'oauth-apps':
      return <WorkspaceGate title="OAuth apps" needs="apps:read"><OAuthAppsPage /></WorkspaceGate>;
    case 'workspace-settings':
      return <WorkspaceGate title="Workspace settings"><WorkspaceSettingsPage /></WorkspaceGate>;
    case 'users':
      return <NeedsInstancePermission permission="users:read"><UsersPage /></NeedsInstancePermission>;
    case 'roles':
      return <NeedsInstancePermission permission="roles:read"><RolesPage /></NeedsInstancePermission>;
    case 'accept-invitation':
      return <AcceptInvitationPage />;
    case 'account':
      return <AccountPage />;
    case 'authorized-apps':
      return <AuthorizedAppsPage />;
    default:
      return <NotFound />;
  }
}

function NeedsInstancePermission({ permission, children }: { permission: string; children: ReactNode }) {
  if (useInstanceCan(permission)) return children;
  return <NotAvailable permission={permission} notGrantedBy="your roles do not grant" />;
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
