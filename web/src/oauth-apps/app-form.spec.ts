import type { OAuthApp } from '../api/types';
import { APP_SCOPE_ALIASES, APP_SCOPE_PERMISSIONS, appFormFromApp, emptyAppForm, redirectUriLines, validateAppUpdate, validateNewApp } from './app-form';

const APP: OAuthApp = {
  id: 'a1', workspaceId: 'w1', name: 'Zapier', clientId: 'kwc_1', type: 'confidential', redirectUris: ['https://zapier.example/cb', 'http://localhost:8080/cb'],
  scopes: ['contents:write', 'read'], createdBy: 'u1', createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
};

const form = (overrides = {}) => ({ ...emptyAppForm(), name: 'Zapier', redirectUris: 'https://zapier.example/cb', ...overrides });

describe('the scopes offered', () => {
  it('are the aliases of API.md §11, then workspace permissions, never an instance-only one or a wildcard', () => {
    expect(APP_SCOPE_ALIASES).toEqual(['read', 'write', 'delete', 'admin']);
    expect(APP_SCOPE_PERMISSIONS).toEqual(expect.arrayContaining(['contents:read', 'keys:admin', 'members:write', 'apps:read', 'audit:read']));
    expect(APP_SCOPE_PERMISSIONS.filter((scope) => scope.startsWith('users:') || scope.endsWith(':*'))).toEqual([]);
  });
});

describe('redirectUriLines', () => {
  it('reads one URI a line, trimmed, without blank lines or repeats', () => {
    expect(redirectUriLines(' https://a.example/cb \n\nhttps://b.example/cb\nhttps://a.example/cb\n')).toEqual(['https://a.example/cb', 'https://b.example/cb']);
  });
});

describe('validateNewApp', () => {
  it('starts a confidential app asking for read, as the server would default it', () => {
    expect(emptyAppForm()).toEqual({ name: '', redirectUris: '', type: 'confidential', scopes: ['read'] });
  });

  it('builds the body of a registration, the name trimmed', () => {
    expect(validateNewApp(form({ name: '  Zapier ', type: 'public', scopes: ['read', 'contents:write'] }))).toEqual({
      ok: true,
      body: { name: 'Zapier', type: 'public', redirectUris: ['https://zapier.example/cb'], scopes: ['read', 'contents:write'] },
    });
  });

  it('accepts plain http on a loopback address, for native and development clients', () => {
    expect(validateNewApp(form({ redirectUris: 'http://127.0.0.1:4000/callback\nhttp://localhost/cb' })).ok).toBe(true);
  });

  it('names each redirect URI the server would refuse', () => {
    const result = validateNewApp(form({ redirectUris: 'http://zapier.example/cb\nhttps://ok.example/cb\nhttps://x.example/cb#frag\nhttps://*.example/cb' }));
    expect(result.ok ? [] : result.errors.redirectUris).toEqual([
      'http://zapier.example/cb: use https, or http on localhost, 127.0.0.1 or [::1], with no # fragment or *.',
      'https://x.example/cb#frag: use https, or http on localhost, 127.0.0.1 or [::1], with no # fragment or *.',
      'https://*.example/cb: use https, or http on localhost, 127.0.0.1 or [::1], with no # fragment or *.',
    ]);
  });

  it('requires a name, a redirect URI and a scope', () => {
    const result = validateNewApp({ name: ' ', redirectUris: '\n', type: 'confidential', scopes: [] });
    expect(result.ok ? {} : Object.keys(result.errors)).toEqual(['name', 'redirectUris', 'scopes']);
  });

  it('refuses more than ten redirect URIs and a name over 100 characters', () => {
    const uris = Array.from({ length: 11 }, (_, i) => `https://app.example/cb${i}`).join('\n');
    const result = validateNewApp(form({ name: 'x'.repeat(101), redirectUris: uris }));
    expect(result.ok ? {} : result.errors).toEqual({ name: ['At most 100 characters.'], redirectUris: ['At most 10 redirect URIs.'] });
  });
});

describe('validateAppUpdate', () => {
  it('sends nothing when nothing changed, whatever the order of the lines and the ticks', () => {
    const values = { ...appFormFromApp(APP), redirectUris: 'http://localhost:8080/cb\nhttps://zapier.example/cb', scopes: ['read', 'contents:write'] };
    expect(validateAppUpdate(values, APP)).toEqual({ ok: true, body: {} });
  });

  it('sends only the fields that changed', () => {
    expect(validateAppUpdate({ ...appFormFromApp(APP), scopes: ['read'] }, APP)).toEqual({ ok: true, body: { scopes: ['read'] } });
    expect(validateAppUpdate({ ...appFormFromApp(APP), name: 'Zapier 2', redirectUris: 'https://zapier.example/v2' }, APP)).toEqual({
      ok: true,
      body: { name: 'Zapier 2', redirectUris: ['https://zapier.example/v2'] },
    });
  });

  it('checks an edit as strictly as a registration', () => {
    expect(validateAppUpdate({ ...appFormFromApp(APP), redirectUris: '' }, APP).ok).toBe(false);
  });
});
