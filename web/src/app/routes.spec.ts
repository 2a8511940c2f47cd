import { matchRoute, pathAfterSwitchingWorkspace, safeNextPath } from './routes';

describe('matchRoute', () => {
  it.each([
    ['/', { name: 'home' }],
    ['/signin', { name: 'signin' }],
    ['/register', { name: 'register' }],
    ['/keys', { name: 'keys' }],
    ['/keys/', { name: 'keys' }],
    ['/audit', { name: 'audit' }],
    ['/admin/users', { name: 'users' }],
    ['/admin/roles', { name: 'roles' }],
    ['/members', { name: 'members' }],
    ['/workspace/settings', { name: 'workspace-settings' }],
    ['/invitations/accept', { name: 'accept-invitation' }],
    ['/account', { name: 'account' }],
    ['/reset-password', { name: 'reset-password' }],
    ['/keys/3f0c1e9a-0000-4000-8000-000000000001', { name: 'key', id: '3f0c1e9a-0000-4000-8000-000000000001' }],
    ['/oauth-apps', { name: 'oauth-apps' }],
    ['/account/authorized-apps', { name: 'authorized-apps' }],
    ['/oauth/consent/Yc1xQk3bUn9rT5vW-_', { name: 'oauth-consent', uid: 'Yc1xQk3bUn9rT5vW-_' }],
  ])('matches %s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each(['/nope', '/keys/a/b', '/admin', '/workspace', '/invitations', '/oauth/consent', '/oauth/consent/a/b', '/oauth/authorize'])('answers not-found for %s', (path) => {
    expect(matchRoute(path)).toEqual({ name: 'not-found' });
  });
});

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/audit?severity=critical')).toBe('/audit?severity=critical');
  });

  it.each(['//evil.example/keys', '/\\evil.example', 'https://evil.example', 'keys', '', null])('refuses %s and goes home', (next) => {
    expect(safeNextPath(next)).toBe('/keys');
  });

  it('brings a visitor who signed in from an invitation link back to it, token and all', () => {
    expect(safeNextPath('/invitations/accept?token=kwinv_abc')).toBe('/invitations/accept?token=kwinv_abc');
  });

  it('lets a reset link through as the way back, as any page on this site', () => {
    expect(safeNextPath('/account')).toBe('/account');
  });

  it('brings a visitor who signed in from an authorization back to its consent page', () => {
    expect(safeNextPath('/oauth/consent/Yc1xQk3bUn9rT5vW')).toBe('/oauth/consent/Yc1xQk3bUn9rT5vW');
  });

  it('does not send a freshly signed-in user back to the sign-in page', () => {
    expect(safeNextPath('/signin')).toBe('/keys');
  });
});

describe('pathAfterSwitchingWorkspace', () => {
  it("leaves a key's page for the keys list: the key belongs to the workspace left behind", () => {
    expect(pathAfterSwitchingWorkspace('/keys/3f0c1e9a-0000-4000-8000-000000000001')).toBe('/keys');
  });

  it.each(['/keys', '/audit', '/members', '/workspace/settings', '/account', '/oauth-apps'])('stays on %s, which shows the new workspace', (path) => {
    expect(pathAfterSwitchingWorkspace(path)).toBe(path);
  });
});
