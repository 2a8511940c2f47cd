/** The console's pages, matched from the URL path (the server falls back to index.html for all of them). */

export type Route =
  | { name: 'signin' }
  | { name: 'register' }
  | { name: 'keys' }
  | { name: 'key'; id: string }
  | { name: 'audit' }
  | { name: 'users' }
  | { name: 'roles' }
  | { name: 'members' }
  | { name: 'workspace-settings' }
  | { name: 'accept-invitation' }
  | { name: 'account' }
  | { name: 'reset-password' }
  | { name: 'oauth-apps' }
  | { name: 'authorized-apps' }
  | { name: 'oauth-consent'; uid: string }
  | { name: 'not-found' };

export const HOME_PATH = '/keys';

export function matchRoute(pathname: string): Route | { name: 'home' } {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/':
      return { name: 'home' };
    case '/signin':
      return { name: 'signin' };
    case '/register':
      return { name: 'register' };
    case '/keys':
      return { name: 'keys' };
    case '/audit':
      return { name: 'audit' };
    case '/admin/users':
      return { name: 'users' };
    case '/admin/roles':
      return { name: 'roles' };
    case '/members':
      return { name: 'members' };
    case '/workspace/settings':
      return { name: 'workspace-settings' };
    case '/invitations/accept':
      return { name: 'accept-invitation' };
    case '/account':
      return { name: 'account' };
    case RESET_PASSWORD_PATH:
      return { name: 'reset-password' };
    case '/oauth-apps':
      return { name: 'oauth-apps' };
    case AUTHORIZED_APPS_PATH:
      return { name: 'authorized-apps' };
  }
  const key = /^\/keys\/([^/]+)$/.exec(path);
  if (key) return { name: 'key', id: decodeURIComponent(key[1]) };
  // Where the authorization server sends a browser to consent (`consentPath`, src/oauth/server/provider-config.ts).
  const consent = /^\/oauth\/consent\/([^/]+)$/.exec(path);
  if (consent) return { name: 'oauth-consent', uid: decodeURIComponent(consent[1]) };
  return { name: 'not-found' };
}

/**
 * Where to be after switching workspace: a key belongs to one workspace, so its page gives way to
 * the new workspace's keys; every other page shows the new workspace's version of itself.
 */
export function pathAfterSwitchingWorkspace(pathname: string): string {
  return matchRoute(pathname).name === 'key' ? '/keys' : pathname;
}

/** Where an invitation link lands; a signed-out visitor signs in or registers and comes back to it. */
export const ACCEPT_INVITATION_PATH = '/invitations/accept';

/** Where an admin's reset link lands (`?token=…`); it opens signed in or not. */
export const RESET_PASSWORD_PATH = '/reset-password';

/** The apps I have let act for me, in the account area. */
export const AUTHORIZED_APPS_PATH = '/account/authorized-apps';

/** Pages that show the same with or without a session, outside the signed-in layout. */
export const isOpenRoute = (route: { name: string }) => route.name === 'reset-password';

export const isPublicRoute = (route: { name: string }) => route.name === 'signin' || route.name === 'register';

/**
 * Where to go after signing in. Only a path on this site is honoured, so a crafted
 * `?next=//evil.example` link cannot bounce a fresh session elsewhere.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME_PATH;
  const route = matchRoute(next.split(/[?#]/)[0]);
  return isPublicRoute(route) ? HOME_PATH : next;
}
