import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { startTestApp, type TestApp } from './helpers/app.js';
import { register } from './helpers/factories.js';

let app: TestApp;

beforeAll(async () => {
  buildIfStale();
  app = await startTestApp();
});
afterAll(() => app?.close());

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the web console served at /', () => {
  it('has been built into dist/web', () => {
    expect(existsSync('dist/web/index.html')).toBe(true);
  });

  it('serves index.html at / without caching it', async () => {
    const res = await fetch(`${app.url}/`, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(readFileSync('dist/web/index.html', 'utf8'));
  });

  it('serves hashed assets cacheable for a year', async () => {
    const asset = readdirSync('dist/web/assets').find((name) => name.endsWith('.js'))!;
    const res = await fetch(`${app.url}/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers console pages (a reload of /keys/…) with index.html', async () => {
    const pages = ['/keys', '/keys/8f0c3c4e-1b1e-4f7e-9a57-0e2c9f1d1a11', '/audit?severity=critical', '/members', '/workspace/settings', '/invitations/accept?token=kwinv_abc', '/account', '/reset-password?token=kwpr_abc', '/oauth-apps', '/account/authorized-apps'];
    for (const page of pages) {
      const res = await fetch(`${app.url}${page}`, { headers: html });
      expect([page, res.status, res.headers.get('content-type')?.split(';')[0]]).toEqual([page, 200, 'text/html']);
    }
  });

  it('answers the OAuth consent page with index.html, though the authorization server answers the rest of /oauth/*', async () => {
    const consent = await fetch(`${app.url}/oauth/consent/Yc1xQk3bUn9rT5vW`, { headers: html });
    expect([consent.status, consent.headers.get('cache-control')]).toEqual([200, 'no-cache']);
    expect(await consent.text()).toBe(readFileSync('dist/web/index.html', 'utf8'));
    const authorize = await fetch(`${app.url}/oauth/authorize`, { headers: html, redirect: 'manual' });
    expect([authorize.status, authorize.headers.get('content-type')?.split(';')[0]]).toEqual([400, 'application/json']);
  });

  it('keeps the API’s JSON 404 for unknown API routes and missing assets', async () => {
    const api = await fetch(`${app.url}/api/v1/nope`, { headers: html });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('not_found');
    const asset = await fetch(`${app.url}/assets/missing.js`);
    expect(asset.status).toBe(404);
  });
});

describe('bodyless requests', () => {
  it('treats an empty body sent as application/json as no body', async () => {
    const session = await register(app.api);
    const res = await app.api.post('/api-keys/revoke-all', undefined, { token: session.accessToken, raw: '', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 0 });
  });
});
