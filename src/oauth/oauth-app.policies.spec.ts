import { isOAuthScope, isRedirectUri, normalizeScopes, scopePermissions } from './oauth-app.policies.js';

describe('isRedirectUri', () => {
  it.each(['https://app.example.com/callback', 'https://app.example.com/cb?x=1', 'http://localhost:8080/cb', 'http://127.0.0.1/cb', 'http://[::1]:3000/cb'])(
    'accepts %s',
    (uri) => expect(isRedirectUri(uri)).toBe(true),
  );

  it.each([
    'http://app.example.com/cb',
    'https://app.example.com/cb#frag',
    'https://*.example.com/cb',
    'https://user:pass@app.example.com/cb',
    'javascript:alert(1)',
    'app.example.com/cb',
    'http://localhost.evil.com/cb',
    42,
  ])('refuses %s', (uri) => expect(isRedirectUri(uri)).toBe(false));

  it('refuses a URI longer than 2000 characters', () => {
    expect(isRedirectUri(`https://a.example.com/${'x'.repeat(2000)}`)).toBe(false);
  });
});

describe('scopes', () => {
  it('accepts permissions and the aliases, nothing else', () => {
    expect(['read', 'write', 'delete', 'admin', 'contents:read', 'keys:*'].every(isOAuthScope)).toBe(true);
    expect(['openid', 'Read', '', 'contents'].some(isOAuthScope)).toBe(false);
  });

  it('expands read to every read permission and admin to the management wildcards', () => {
    expect(scopePermissions(['read'])).toEqual(expect.arrayContaining(['contents:read', 'keys:read', 'audit:read', 'members:read', 'apps:read']));
    expect(scopePermissions(['read'])).not.toContain('contents:write');
    expect(scopePermissions(['admin'])).toEqual(['apps:*', 'members:*', 'roles:*']);
    expect(scopePermissions(['contents:read', 'contents:*'])).toEqual(['contents:*']);
  });

  it('stores scope tokens once each, sorted', () => {
    expect(normalizeScopes(['write', 'read', 'write'])).toEqual(['read', 'write']);
  });
});
