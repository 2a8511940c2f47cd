import { startTestApp, type TestApp } from './helpers/app.js';
import { anyRange, awaitAuditEvents, type StoredEvent } from './helpers/audit.js';
import { createKey, register, type Session, wrongSecretFor } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

let app: TestApp;
/** Alice, Bob and Carol work in the admin's shared workspace; the auditor is an instance auditor. */
let admin: WorkspaceSession;
let alice: WorkspaceSession;
let bob: WorkspaceSession;
let auditor: Session;
let carol: WorkspaceSession;
let aliceKey: { id: string; key: string };
let deletedKey: { id: string; key: string };
/** Events about alice's keys that someone else caused: their userId is not alice's. */
let othersOnAliceKeys: StoredEvent[];
let carolDemoted: string;
let refreshReused: StoredEvent;

beforeAll(async () => {
  app = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  const first = await register(app.api, { name: 'Admin' });
  const team = await newWorkspace(app, first, 'Team');
  admin = calling(first, team);
  alice = await newMember(app, first, team, 'member', 'Alice');
  bob = await newMember(app, first, team, 'member', 'Bob');
  auditor = await register(app.api, { name: 'Auditor' });
  await app.api.patch(`/users/${auditor.user.id}`, { roles: ['auditor'] }, as(admin));
  aliceKey = await createKey(app.api, as(alice), { name: 'alice key' });
  deletedKey = await createKey(app.api, as(alice), { name: 'deleted later' });
  for (let i = 0; i < 3; i++) await app.api.get('/auth/me', { apiKey: aliceKey.key, headers: { 'x-forwarded-for': '203.0.113.5' } });
  await app.api.get('/auth/me', { apiKey: deletedKey.key });
  // Someone else's doing on alice's keys: a guessed secret (no user) and an admin's edit.
  for (const key of [aliceKey, deletedKey]) {
    await app.api.get('/auth/me', { apiKey: wrongSecretFor(key.key), headers: { 'x-forwarded-for': '198.51.100.66' } });
    await app.api.patch(`/api-keys/${key.id}`, { description: 'checked by admin' }, as(admin));
  }
  await app.api.delete(`/api-keys/${deletedKey.id}`, as(alice));
  await createKey(app.api, as(bob), { name: 'bob key' });
  carol = await newMember(app, first, team, 'member', 'Carol');
  await app.api.patch(`/users/${carol.user.id}`, { roles: ['viewer'] }, as(admin));
  // A critical event (a spent refresh token presented again) beside the warnings above.
  await app.api.post('/auth/refresh', { refreshToken: bob.refreshToken });
  await app.api.post('/auth/refresh', { refreshToken: bob.refreshToken });
  // The reuse revoked bob's sign-in, access token included: he signs in again to read the log.
  const again = await app.api.post('/auth/login', { email: bob.user.email, password: bob.password });
  bob = { ...bob, accessToken: again.body.accessToken, refreshToken: again.body.refreshToken };
  await awaitAuditEvents(app, 'api_key.used', { apiKeyId: deletedKey.id });
  await awaitAuditEvents(app, 'api_key.used', { apiKeyId: aliceKey.id }, 3);
  const failed = await Promise.all([aliceKey, deletedKey].map(async (key) => (await awaitAuditEvents(app, 'api_key.auth_failed', { apiKeyId: key.id }))[0]));
  const edited = await Promise.all([aliceKey, deletedKey].map(async (key) => (await awaitAuditEvents(app, 'api_key.updated', { apiKeyId: key.id }))[0]));
  othersOnAliceKeys = [...failed, ...edited];
  [refreshReused] = await awaitAuditEvents(app, 'auth.refresh_reused', { userId: bob.user.id });
  [{ id: carolDemoted }] = (await awaitAuditEvents(app, 'user.updated', { userId: admin.user.id })).filter((e) => e.details.targetUserId === carol.user.id);
});
afterAll(() => app?.close());

const list = (session: Session, query = '') => app.api.get(`/audit-logs?limit=500${query}`, as(session));

describe('who sees what', () => {
  it('shows a user without audit:read only events about themselves or their keys, deleted keys included', async () => {
    const res = await list(alice);
    expect(res.status).toBe(200);
    const events = res.body.items;
    expect(events.length).toBeGreaterThan(0);
    const aliceKeys = [aliceKey.id, deletedKey.id];
    expect(events.every((e: any) => e.userId === alice.user.id || aliceKeys.includes(e.apiKeyId) || e.details.targetUserId === alice.user.id)).toBe(true);
    expect(events.some((e: any) => e.type === 'api_key.used' && e.apiKeyId === deletedKey.id)).toBe(true);
    expect(events.some((e: any) => e.type === 'api_key.deleted' && e.apiKeyId === deletedKey.id)).toBe(true);
    expect(events.some((e: any) => e.userId === bob.user.id)).toBe(false);
  });

  it('shows a user what others did with their keys (a guessed secret, an admin’s edit), deleted key included; not another user', async () => {
    expect(othersOnAliceKeys.map((e) => [e.type, e.userId === alice.user.id])).toEqual([
      ['api_key.auth_failed', false],
      ['api_key.auth_failed', false],
      ['api_key.updated', false],
      ['api_key.updated', false],
    ]);
    const ids = othersOnAliceKeys.map((e) => e.id);
    const seenByAlice = (await list(alice)).body.items.map((e: any) => e.id);
    expect(ids.filter((id) => seenByAlice.includes(id))).toEqual(ids);
    const seenByBob = (await list(bob)).body.items.map((e: any) => e.id);
    expect(ids.filter((id) => seenByBob.includes(id))).toEqual([]);
    for (const id of ids) {
      expect((await app.api.get(`/audit-logs/${id}`, as(alice))).status).toBe(200);
      expect((await app.api.get(`/audit-logs/${id}`, as(bob))).status).toBe(404);
    }
  });

  it('shows a user the change an admin made to them (user.updated), and not an unrelated user', async () => {
    const carols = (await list(carol, '&type=user.updated')).body.items;
    expect(carols.map((e: any) => e.id)).toEqual([carolDemoted]);
    expect(carols[0]).toMatchObject({ userId: admin.user.id, details: { targetUserId: carol.user.id, after: { roles: ['viewer'] } } });
    expect((await app.api.get(`/audit-logs/${carolDemoted}`, as(carol))).status).toBe(200);
    expect((await list(bob, '&type=user.updated')).body.items).toEqual([]);
    expect((await app.api.get(`/audit-logs/${carolDemoted}`, as(bob))).status).toBe(404);
  });

  it('shows an auditor every event', async () => {
    const events = (await list(auditor)).body.items;
    const users = new Set(events.map((e: any) => e.userId));
    for (const user of [admin, alice, bob]) expect(users.has(user.user.id)).toBe(true);
  });

  it('answers another user’s event with 404 audit.not_found, and one’s own with the event', async () => {
    const bobsEvent = (await list(bob, '&type=api_key.created')).body.items[0];
    const own = await app.api.get(`/audit-logs/${bobsEvent.id}`, as(bob));
    expect(own.status).toBe(200);
    expect(own.body).toEqual(bobsEvent);
    const other = await app.api.get(`/audit-logs/${bobsEvent.id}`, as(alice));
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('audit.not_found');
    expect((await app.api.get(`/audit-logs/${bobsEvent.id}`, as(auditor))).status).toBe(200);
    expect((await app.api.get('/audit-logs/not-a-uuid', as(auditor))).body.code).toBe('audit.not_found');
  });

  it('needs a principal', async () => {
    expect((await app.api.get('/audit-logs')).body.code).toBe('auth.required');
  });
});

describe('filters and paging', () => {
  it('returns events in the contract shape, newest first', async () => {
    const events = (await list(auditor)).body.items;
    expect(Object.keys(events[0]).sort()).toEqual(['apiKeyId', 'details', 'id', 'ip', 'keyPrefix', 'method', 'occurredAt', 'path', 'severity', 'statusCode', 'type', 'userAgent', 'userId', 'workspaceId']);
    const times = events.map((e: any) => new Date(e.occurredAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it.each([
    ['type=api_key.used', (e: any) => e.type === 'api_key.used'],
    ['type=api_key.created,api_key.deleted', (e: any) => ['api_key.created', 'api_key.deleted'].includes(e.type)],
    ['type=auth.*', (e: any) => e.type.startsWith('auth.')],
    ['ip=203.0.113.5', (e: any) => e.ip === '203.0.113.5'],
  ])('filters by %s', async (query, matches) => {
    const events = (await list(auditor, `&${query}`)).body.items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every(matches)).toBe(true);
  });

  it('filters by severity: info leaves out the warnings and the critical event, warning returns only warnings', async () => {
    const warnings = othersOnAliceKeys.filter((e) => e.severity === 'warning').map((e) => e.id);
    expect(warnings).toHaveLength(2);
    expect(refreshReused.severity).toBe('critical');
    const ids = async (query: string) => (await list(auditor, query)).body.items.map((e: any) => e.id);
    expect(await ids('')).toEqual(expect.arrayContaining([...warnings, refreshReused.id]));

    const info = (await list(auditor, '&severity=info')).body.items;
    expect(info.length).toBeGreaterThan(0);
    expect(info.every((e: any) => e.severity === 'info')).toBe(true);
    const warning = (await list(auditor, '&severity=warning')).body.items;
    expect(warning.every((e: any) => e.severity === 'warning')).toBe(true);
    expect(warning.map((e: any) => e.id)).toEqual(expect.arrayContaining(warnings));
    expect(await ids('&severity=critical')).toEqual([refreshReused.id]);
    expect(await ids('&severity=warning,critical')).toEqual(expect.arrayContaining([...warnings, refreshReused.id]));
  });

  it('filters by userId and apiKeyId', async () => {
    const byUser = (await list(auditor, `&userId=${bob.user.id}`)).body.items;
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.every((e: any) => e.userId === bob.user.id)).toBe(true);
    const byKey = (await list(auditor, `&apiKeyId=${aliceKey.id}&type=api_key.used`)).body.items;
    expect(byKey).toHaveLength(3);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const all = (await list(auditor)).body.items;
    const middle = all[Math.floor(all.length / 2)].occurredAt;
    const after = (await list(auditor, `&from=${middle}`)).body.items;
    const before = (await list(auditor, `&to=${middle}`)).body.items;
    expect(after.every((e: any) => e.occurredAt >= middle)).toBe(true);
    expect(before.every((e: any) => e.occurredAt < middle)).toBe(true);
    expect(after.length + before.length).toBe(all.length);
  });

  it('pages with a cursor without repeating or skipping an event', async () => {
    const all = (await list(auditor)).body.items.map((e: any) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await app.api.get(`/audit-logs?limit=4${cursor ? `&cursor=${cursor}` : ''}`, as(auditor));
      seen.push(...page.body.items.map((e: any) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('refuses a limit over 500 and unknown filters', async () => {
    expect((await app.api.get('/audit-logs?limit=501', as(auditor))).body.code).toBe('validation.failed');
    expect((await app.api.get('/audit-logs?severity=loud', as(auditor))).body.code).toBe('validation.failed');
    expect((await app.api.get('/audit-logs?colour=red', as(auditor))).body.code).toBe('validation.failed');
  });
});

describe('export', () => {
  it('streams NDJSON: one event per line, same filters as the list', async () => {
    const res = await fetch(`${app.url}/api/v1/audit-logs/export?format=ndjson&type=api_key.used`, { headers: { authorization: `Bearer ${auditor.accessToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="keyward-audit-.*\.ndjson"/);
    const lines = (await res.text()).trim().split('\n').map((line) => JSON.parse(line));
    const listed = (await list(auditor, '&type=api_key.used')).body.items;
    // Each line is the listed event plus what an offline verifier needs to recompute its hash.
    expect(lines.map(({ seq: _seq, chainId: _chain, canonicalVersion: _version, prevHash: _prev, hash: _hash, ...event }) => event)).toEqual(listed);
    for (const line of lines) {
      expect(line).toMatchObject({ seq: expect.any(Number), chainId: expect.any(String), canonicalVersion: 1, prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });

  it('streams CSV with a header row', async () => {
    const res = await fetch(`${app.url}/api/v1/audit-logs/export?format=csv&userId=${bob.user.id}`, { headers: { authorization: `Bearer ${auditor.accessToken}` } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = (await res.text()).trim().split('\r\n');
    expect(rows[0]).toBe('id,occurredAt,type,severity,userId,apiKeyId,keyPrefix,ip,userAgent,method,path,statusCode,details,workspaceId');
    expect(rows.length - 1).toBe((await list(auditor, `&userId=${bob.user.id}`)).body.items.length);
    expect(rows.slice(1).every((row) => row.includes(bob.user.id))).toBe(true);
  });

  it('needs audit:read', async () => {
    const res = await app.api.get('/audit-logs/export?format=csv', as(alice));
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([{ required: 'audit:read' }]);
  });
});

describe('tamper evidence', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the table, even for a superuser', async () => {
    await expect(app.db.query(`UPDATE audit_events SET status_code = 200`)).rejects.toThrow(/append-only/);
    await expect(app.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(app.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('verifies the instance chain, then names the first event edited behind the trigger’s back', async () => {
    const valid = await app.api.get('/audit-logs/verify', as(auditor));
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
    // Sign-ins and user changes: the key uses are the workspace's chain's (API.md §9).
    expect(valid.body.checked).toBeGreaterThan(5);

    const { rows } = await app.db.query(`SELECT id FROM audit_events WHERE type = 'auth.registered' AND workspace_id IS NULL ORDER BY seq LIMIT 1 OFFSET 1`);
    const tampered = rows[0].id;
    await app.db.query('ALTER TABLE audit_events DISABLE TRIGGER "TRG_audit_events_append_only"');
    try {
      await app.db.query(`UPDATE audit_events SET ip = '10.6.6.6' WHERE id = $1`, [tampered]);
    } finally {
      await app.db.query('ALTER TABLE audit_events ENABLE TRIGGER "TRG_audit_events_append_only"');
    }
    const broken = await app.api.get('/audit-logs/verify', as(auditor));
    expect(broken.body).toMatchObject({ valid: false, firstInvalidId: tampered });
  });

  it('needs audit:read to verify', async () => {
    expect((await app.api.get('/audit-logs/verify', as(alice))).status).toBe(403);
  });
});
