import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, type CreatedKey, madeUpKey, register, wrongSecretFor } from './helpers/factories.js';
import { countQueries } from './helpers/query-counter.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

/** API.md §12: another service checks the keys its clients send, with a key of the same workspace holding keys:verify. */
let app: TestApp;
let owner: WorkspaceSession;
let team: TestWorkspace;
let serviceKey: CreatedKey;

beforeAll(async () => {
  app = await startTestApp();
  const first = await register(app.api, { name: 'Owner' });
  team = await newWorkspace(app, first, 'Shop');
  owner = calling(first, team);
  serviceKey = await createKey(app.api, as(owner), { name: 'orders service', scopes: ['keys:verify'] });
});
afterAll(() => app?.close());

const verify = (body: Record<string, unknown>, apiKey = serviceKey.key) => app.api.post('/keys/verify', body, { apiKey });

describe('POST /keys/verify', () => {
  it('answers a valid key with who it is, what it may do there, its rate limit, expiry and metadata, and audits it as the key’s use', async () => {
    const member = await newMember(app, owner, team, 'member', 'Client Owner');
    const client = await createKey(app.api, as(member), { scopes: ['contents:read', 'contents:write'], rateLimit: 10, metadata: { plan: 'gold' } });
    const res = await verify({ key: client.key, permissions: ['contents:read'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: true,
      keyId: client.id,
      keyPrefix: client.keyPrefix,
      workspaceId: team.id,
      owner: { id: member.user.id, email: member.user.email, name: 'Client Owner' },
      permissions: ['contents:read', 'contents:write'],
      rateLimit: { limit: 10, remaining: 9, reset: expect.any(Number) },
      expiresAt: null,
      metadata: { plan: 'gold' },
    });
    const [used] = await awaitAuditEvents(app, 'api_key.used', { apiKeyId: client.id });
    expect(used).toMatchObject({ userId: member.user.id, workspaceId: team.id, statusCode: 200, details: { via: 'verify', valid: true } });
  });

  it('answers wrong, made-up and malformed keys with 200 valid:false api_key.invalid', async () => {
    const client = await createKey(app.api, as(owner));
    for (const key of [wrongSecretFor(client.key), await madeUpKey(), 'kw_not-a-key']) {
      const res = await verify({ key });
      expect([res.status, res.body]).toEqual([200, { valid: false, code: 'api_key.invalid' }]);
    }
  });

  it('answers a revoked or disabled key with the code it would get on a request of its own', async () => {
    const revoked = await createKey(app.api, as(owner));
    await app.api.post(`/api-keys/${revoked.id}/revoke`, undefined, as(owner));
    expect((await verify({ key: revoked.key })).body).toEqual({ valid: false, code: 'api_key.revoked' });
    const disabled = await createKey(app.api, as(owner));
    await app.api.patch(`/api-keys/${disabled.id}`, { active: false }, as(owner));
    expect((await verify({ key: disabled.key })).body).toEqual({ valid: false, code: 'api_key.disabled' });
  });

  it('answers a key of another workspace exactly like a key that does not exist', async () => {
    const outsider = await register(app.api);
    const theirs = await createKey(app.api, outsider.accessToken);
    expect((await verify({ key: theirs.key })).body).toEqual({ valid: false, code: 'api_key.invalid' });
  });

  it('lists the permissions a key lacks as missing, with permission.denied', async () => {
    const reader = await createKey(app.api, as(owner), { scopes: ['contents:read'] });
    const res = await verify({ key: reader.key, permissions: ['contents:read', 'contents:write', 'keys:admin'] });
    expect(res.body).toMatchObject({ valid: false, code: 'permission.denied', missing: ['contents:write', 'keys:admin'], keyId: reader.id });
  });

  it('spends the verified key’s own rate limit, shared with its direct requests, and says rate_limit.exceeded once it is spent', async () => {
    const limited = await createKey(app.api, as(owner), { rateLimit: 2 });
    expect((await app.api.get('/contents', { apiKey: limited.key })).status).toBe(200);
    expect((await verify({ key: limited.key })).body).toMatchObject({ valid: true, rateLimit: { limit: 2, remaining: 0 } });
    expect((await verify({ key: limited.key })).body).toMatchObject({ valid: false, code: 'rate_limit.exceeded', rateLimit: { limit: 2, remaining: 0 } });
    expect((await app.api.get('/contents', { apiKey: limited.key })).status).toBe(429);
  });

  it('follows the owner’s membership: a removed owner’s key is api_key.owner_not_member', async () => {
    const leaver = await newMember(app, owner, team, 'member', 'Leaver');
    const key = await createKey(app.api, as(leaver));
    expect((await verify({ key: key.key })).body.valid).toBe(true);
    await app.api.delete(`/workspaces/${team.slug}/members/${leaver.user.id}`, as(owner));
    expect((await verify({ key: key.key })).body).toEqual({ valid: false, code: 'api_key.owner_not_member' });
  });

  it('checks a key’s IP allowlist against the client address the caller passes on, and refuses without one', async () => {
    const pinned = await createKey(app.api, as(owner), { allowedIps: ['203.0.113.0/24'] });
    expect((await verify({ key: pinned.key, ip: '203.0.113.9' })).body.valid).toBe(true);
    expect((await verify({ key: pinned.key, ip: '198.51.100.1' })).body).toEqual({ valid: false, code: 'api_key.ip_not_allowed' });
    expect((await verify({ key: pinned.key })).body).toEqual({ valid: false, code: 'api_key.ip_not_allowed' });
  });

  it('needs keys:verify in the workspace: 403 permission.denied naming it', async () => {
    const plain = await createKey(app.api, as(owner), { scopes: ['contents:read'] });
    const res = await verify({ key: plain.key }, plain.key);
    expect([res.status, res.body.code, res.body.details]).toEqual([403, 'permission.denied', [{ required: 'keys:verify' }]]);
  });

  it('refuses a body without a key, or with a permission that is none, with 400 validation.failed', async () => {
    const missing = await verify({});
    expect([missing.status, missing.body.code, [...new Set(missing.body.details.map((detail: { field: string }) => detail.field))]]).toEqual([400, 'validation.failed', ['key']]);
    const bad = await verify({ key: 'x', permissions: ['not a permission'] });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation.failed']);
  });

  it('runs no query for a warm verification', async () => {
    const client = await createKey(app.api, as(owner), { scopes: ['contents:read'] });
    expect((await verify({ key: client.key })).body.valid).toBe(true);
    const counter = countQueries(app);
    try {
      for (let i = 0; i < 20; i++) expect((await verify({ key: client.key, permissions: ['contents:read'] })).body.valid).toBe(true);
      expect(counter.queries).toEqual([]);
    } finally {
      counter.stop();
    }
  });
});
