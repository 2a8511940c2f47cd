import fc from 'fast-check';
import type { KeyPolicy } from '../src/access/call-workspace.js';
import { breaksPolicySql } from '../src/api-keys/management/key-policy-sql.js';
import { keyPolicyViolations, type PolicedKey } from '../src/api-keys/management/key-policy.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { auditEvents } from './helpers/audit.js';
import { createKey, register, type Session } from './helpers/factories.js';
import type { ApiResponse } from './helpers/http.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

/**
 * API.md §15: a workspace's key policy (PATCH /workspaces/:ws {keyPolicy}) — maxLifetimeDays,
 * requireIpAllowlist, allowedScopes, maxRateLimit. Keys against it are refused at create, PATCH,
 * rotate and transfer with 400 validation.failed naming the field and the policy; keys made
 * before it stay and are listed by ?violatesPolicy=true.
 */
let app: TestApp;
let instanceAdmin: Session;
let owner: Session;

const NO_POLICY: KeyPolicy = { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null };
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const detail = (field: string, policy: string) => ({ field, policy, message: expect.any(String) });

beforeAll(async () => {
  app = await startTestApp();
  instanceAdmin = await register(app.api, { name: 'Instance Admin' });
  owner = await register(app.api, { name: 'Owner' });
});
afterAll(() => app?.close());

/** A shared workspace of the owner's with `policy` set, and the owner calling in it. */
async function workspaceWithPolicy(policy: object): Promise<{ workspace: TestWorkspace; inIt: WorkspaceSession }> {
  const workspace = await newWorkspace(app, owner, 'Policed');
  const inIt = calling(owner, workspace);
  if (Object.keys(policy).length) {
    const set = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: policy }, as(inIt));
    if (set.status !== 200) throw new Error(`setting the policy answered ${set.status}: ${JSON.stringify(set.body)}`);
  }
  return { workspace, inIt };
}

describe('PATCH /workspaces/:ws {keyPolicy}', () => {
  it('shows no policy on a new workspace, in the workspace and in the list', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    expect(workspace).toMatchObject({ keyPolicy: NO_POLICY });
    const listed = (await app.api.get('/workspaces', as(inIt))).body as Array<{ id: string; keyPolicy: object }>;
    expect(listed.find((item) => item.id === workspace.id)?.keyPolicy).toEqual(NO_POLICY);
  });

  it('sets the rules an admin names, keeps the others, and shows them in GET and the list', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const admin = await newMember(app, owner, workspace, 'admin', 'Admin');
    const first = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxLifetimeDays: 90, allowedScopes: ['contents:read', 'contents:*'] } }, as(admin));
    expect([first.status, first.body.keyPolicy]).toEqual([200, { ...NO_POLICY, maxLifetimeDays: 90, allowedScopes: ['contents:*'] }]);
    const second = await app.api.patch(`/workspaces/${workspace.id}`, { keyPolicy: { requireIpAllowlist: true, maxRateLimit: 100 } }, as(admin));
    const all = { maxLifetimeDays: 90, requireIpAllowlist: true, allowedScopes: ['contents:*'], maxRateLimit: 100 };
    expect(second.body.keyPolicy).toEqual(all);
    expect((await app.api.get(`/workspaces/${workspace.slug}`, as(inIt))).body.keyPolicy).toEqual(all);
    const listed = (await app.api.get('/workspaces', as(admin))).body as Array<{ id: string; keyPolicy: object }>;
    expect(listed.find((item) => item.id === workspace.id)?.keyPolicy).toEqual(all);
  });

  it('lifts a rule set to null and leaves the rest', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({ maxLifetimeDays: 30, requireIpAllowlist: true, allowedScopes: ['contents:read'], maxRateLimit: 10 });
    const lifted = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxLifetimeDays: null, requireIpAllowlist: null } }, as(inIt));
    expect(lifted.body.keyPolicy).toEqual({ ...NO_POLICY, allowedScopes: ['contents:read'], maxRateLimit: 10 });
    const cleared = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { allowedScopes: null, maxRateLimit: null } }, as(inIt));
    expect(cleared.body.keyPolicy).toEqual(NO_POLICY);
    const { rows } = await app.db.query('SELECT key_policy FROM workspaces WHERE id = $1', [workspace.id]);
    expect(rows[0].key_policy).toEqual({});
  });

  it('records workspace.key_policy_changed with before and after in the workspace’s chain', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({ maxRateLimit: 500 });
    await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxRateLimit: 50, maxLifetimeDays: 7 } }, as(inIt));
    const events = (await auditEvents(app, 'workspace.key_policy_changed', { userId: owner.user.id })).filter((event) => event.details.workspaceId === workspace.id);
    expect(events.map((event) => [event.workspaceId, event.details.before, event.details.after])).toEqual([
      [workspace.id, NO_POLICY, { ...NO_POLICY, maxRateLimit: 500 }],
      [workspace.id, { ...NO_POLICY, maxRateLimit: 500 }, { ...NO_POLICY, maxRateLimit: 50, maxLifetimeDays: 7 }],
    ]);
    const renames = (await auditEvents(app, 'workspace.updated', { userId: owner.user.id })).filter((event) => event.details.workspaceId === workspace.id);
    expect(renames).toEqual([]);
    const verified = await app.api.get(`/workspaces/${workspace.slug}/audit-logs/verify`, as(inIt));
    expect([verified.status, verified.body.valid]).toEqual([200, true]);
  });

  it('refuses a member (no members:write) with 403 permission.denied, and leaves the policy as it was', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({ maxRateLimit: 100 });
    const member = await newMember(app, owner, workspace, 'member', 'Member');
    const refused = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxRateLimit: null } }, as(member));
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([403, 'permission.denied', [{ required: 'members:write' }]]);
    expect((await app.api.get(`/workspaces/${workspace.slug}`, as(inIt))).body.keyPolicy.maxRateLimit).toBe(100);
  });

  it('refuses a role with members:write but not keys:admin with 403 permission.denied naming keys:admin', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    await app.api.post(`/workspaces/${workspace.slug}/roles`, { name: 'people-manager', permissions: ['members:*'] }, as(inIt));
    const manager = await newMember(app, owner, workspace, 'people-manager', 'People manager');
    const refused = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxLifetimeDays: 1 } }, as(manager));
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([403, 'permission.denied', [{ required: 'keys:admin' }]]);
    expect((await app.api.patch(`/workspaces/${workspace.slug}`, { name: 'Renamed' }, as(manager))).status).toBe(200);
  });

  it('answers another workspace’s admin with 404 workspace.not_found', async () => {
    const { workspace } = await workspaceWithPolicy({});
    const stranger = await register(app.api, { name: 'Stranger' });
    const theirs = await newWorkspace(app, stranger, 'Elsewhere');
    const strangersAdmin = await newMember(app, stranger, theirs, 'admin', 'Their admin');
    const refused = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxRateLimit: 1 } }, { token: strangersAdmin.accessToken });
    expect([refused.status, refused.body.code]).toEqual([404, 'workspace.not_found']);
  });

  it('refuses an API key with 403 auth.jwt_required, even one with every scope', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const key = await createKey(app.api, as(inIt), { scopes: ['*'] });
    const refused = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxRateLimit: 1 } }, { apiKey: key.key });
    expect([refused.status, refused.body.code]).toEqual([403, 'auth.jwt_required']);
  });

  it('refuses rules that are not rules with 400 validation.failed naming the field', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const fieldsOf = async (keyPolicy: unknown) => {
      const response = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy }, as(inIt));
      return [response.status, response.body.code, [...new Set(response.body.details.map((detail: { field: string }) => detail.field))]];
    };
    expect(await fieldsOf({ maxLifetimeDays: 0 })).toEqual([400, 'validation.failed', ['keyPolicy.maxLifetimeDays']]);
    expect(await fieldsOf({ allowedScopes: [] })).toEqual([400, 'validation.failed', ['keyPolicy.allowedScopes']]);
    expect(await fieldsOf({ allowedScopes: ['not a scope'] })).toEqual([400, 'validation.failed', ['keyPolicy.allowedScopes']]);
    expect(await fieldsOf({ maxRateLimit: 1.5 })).toEqual([400, 'validation.failed', ['keyPolicy.maxRateLimit']]);
    expect(await fieldsOf({ requireIpAllowlist: 'yes' })).toEqual([400, 'validation.failed', ['keyPolicy.requireIpAllowlist']]);
    expect(await fieldsOf({ maxKeys: 3 })).toEqual([400, 'validation.failed', ['keyPolicy.maxKeys']]);
    expect(await fieldsOf(null)).toEqual([400, 'validation.failed', ['keyPolicy']]);
    expect(await fieldsOf([])).toEqual([400, 'validation.failed', ['keyPolicy']]);
  });
});

/** Each rule alone: a policy, create bodies against it and one within it, a PATCH against it, and what the refusal names. */
const RULES = [
  { rule: 'maxLifetimeDays', policy: { maxLifetimeDays: 30 }, against: [{}, { expiresAt: null }, { expiresAt: inDays(31) }], within: { expiresAt: inDays(29) }, patch: { expiresAt: null }, field: 'expiresAt' },
  { rule: 'requireIpAllowlist', policy: { requireIpAllowlist: true }, against: [{}, { allowedIps: [] }], within: { allowedIps: ['203.0.113.0/24'] }, patch: { allowedIps: [] }, field: 'allowedIps' },
  { rule: 'allowedScopes', policy: { allowedScopes: ['contents:read', 'keys:*'] }, against: [{ scopes: ['contents:write'] }, { scopes: ['contents:*'] }, { scopes: ['*'] }], within: { scopes: ['contents:read', 'keys:read'] }, patch: { scopes: ['contents:read', 'contents:delete'] }, field: 'scopes' },
  { rule: 'maxRateLimit', policy: { maxRateLimit: 100 }, against: [{ rateLimit: 101 }], within: { rateLimit: 100 }, patch: { rateLimit: 101 }, field: 'rateLimit' },
] as const;

describe('each rule of the policy, on the keys of the workspace', () => {
  it.each(RULES)('refuses creating a key against $rule with 400 validation.failed naming $field and the policy, and creates one within it', async ({ rule, policy, against, within, field }) => {
    const { inIt } = await workspaceWithPolicy(policy);
    for (const body of against) {
      const refused = await app.api.post('/api-keys', { name: 'against', ...body }, as(inIt));
      expect({ body, status: refused.status, code: refused.body.code, details: refused.body.details }).toEqual({ body, status: 400, code: 'validation.failed', details: [detail(field, rule)] });
    }
    expect((await app.api.post('/api-keys', { name: 'within', ...within }, as(inIt))).status).toBe(201);
  });

  it.each(RULES)('refuses a PATCH that sets $field against $rule, and keeps the key as it was', async ({ rule, policy, within, patch, field }) => {
    const { inIt } = await workspaceWithPolicy(policy);
    const key = await createKey(app.api, as(inIt), { ...within });
    const refused = await app.api.patch(`/api-keys/${key.id}`, patch, as(inIt));
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([400, 'validation.failed', [detail(field, rule)]]);
    const kept = (await app.api.get(`/api-keys/${key.id}`, as(inIt))).body;
    expect(kept[field]).toEqual(key[field]);
    expect((await app.api.patch(`/api-keys/${key.id}`, { name: 'renamed', ...within }, as(inIt))).status).toBe(200);
  });

  it('names every rule a key breaks at once, with the refusal’s message saying it is the policy', async () => {
    const { inIt } = await workspaceWithPolicy({ maxLifetimeDays: 30, requireIpAllowlist: true, allowedScopes: ['contents:read'], maxRateLimit: 100 });
    const refused = await app.api.post('/api-keys', { name: 'all wrong', scopes: ['*'], rateLimit: 1000 }, as(inIt));
    expect(refused.body).toMatchObject({ statusCode: 400, code: 'validation.failed', message: 'The key does not meet this workspace’s key policy' });
    expect(refused.body.details).toEqual([detail('expiresAt', 'maxLifetimeDays'), detail('allowedIps', 'requireIpAllowlist'), detail('scopes', 'allowedScopes'), detail('rateLimit', 'maxRateLimit')]);
  });

  it('gives a key created without scopes the usual defaults narrowed to allowedScopes', async () => {
    const { inIt } = await workspaceWithPolicy({ allowedScopes: ['contents:*', 'users:read'] });
    const key = await createKey(app.api, as(inIt));
    expect(key.scopes).toEqual(['contents:delete', 'contents:read', 'contents:write']);
  });

  it('refuses a key created without scopes when the policy allows none of the owner’s defaults, naming allowedScopes', async () => {
    const { workspace } = await workspaceWithPolicy({ allowedScopes: ['audit:read'] });
    const member = await newMember(app, owner, workspace, 'member', 'Member');
    const refused = await app.api.post('/api-keys', { name: 'defaults' }, as(member));
    expect([refused.status, refused.body.details]).toEqual([400, [detail('scopes', 'allowedScopes')]]);
  });

  it('gives a key created without rateLimit the lowest of DEFAULT_RATE_LIMIT, the plan’s and the policy’s maximum', async () => {
    const { inIt } = await workspaceWithPolicy({ maxRateLimit: 70 });
    expect((await createKey(app.api, as(inIt))).rateLimit).toBe(70);
  });

  it('keeps the plan’s maxRateLimit binding where it is the lower one, refused as the plan’s without naming the policy', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({ maxRateLimit: 70 });
    await app.api.patch(`/workspaces/${workspace.slug}/plan`, { maxRateLimit: 50 }, { token: instanceAdmin.accessToken });
    const byPlan = await app.api.post('/api-keys', { name: 'fast', rateLimit: 60 }, as(inIt));
    expect([byPlan.status, byPlan.body.details]).toEqual([400, [{ field: 'rateLimit', message: 'rateLimit must not be greater than 50' }]]);
    await app.api.patch(`/workspaces/${workspace.slug}/plan`, { maxRateLimit: 1000 }, { token: instanceAdmin.accessToken });
    const byPolicy = await app.api.post('/api-keys', { name: 'fast', rateLimit: 80 }, as(inIt));
    expect([byPolicy.status, byPolicy.body.details]).toEqual([400, [detail('rateLimit', 'maxRateLimit')]]);
  });
});

describe('keys made before the policy', () => {
  const STRICT = { maxLifetimeDays: 30, requireIpAllowlist: true, allowedScopes: ['contents:read'], maxRateLimit: 100 };

  it('are not revoked when a policy tightens: they keep working', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const key = await createKey(app.api, as(inIt), { scopes: ['contents:read', 'contents:write'] });
    await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: STRICT }, as(inIt));
    expect((await app.api.get('/contents', { apiKey: key.key })).status).toBe(200);
    expect((await app.api.get(`/api-keys/${key.id}`, as(inIt))).body.status).toBe('active');
  });

  it('may be renamed, disabled or brought closer to the policy, but not re-enabled or widened while outside it', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const key = await createKey(app.api, as(inIt), { scopes: ['*'], rateLimit: 1000, expiresAt: inDays(60) });
    await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: STRICT }, as(inIt));
    const patch = (body: object) => app.api.patch(`/api-keys/${key.id}`, body, as(inIt));
    expect((await patch({ name: 'renamed', description: 'made before the policy', active: false })).status).toBe(200);
    expect((await patch({ allowedIps: ['10.0.0.0/8'] })).status).toBe(200);
    const reenabled = await patch({ active: true });
    expect([reenabled.status, reenabled.body.details]).toEqual([400, [detail('expiresAt', 'maxLifetimeDays'), detail('scopes', 'allowedScopes'), detail('rateLimit', 'maxRateLimit')]]);
    expect((await patch({ expiresAt: inDays(20), scopes: ['contents:read'], rateLimit: 100 })).status).toBe(200);
    expect((await patch({ active: true })).body.status).toBe('active');
  });

  it('hold an instance keys:admin acting by id from elsewhere to the key’s own workspace’s policy', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const key = await createKey(app.api, as(inIt), { scopes: ['contents:read'] });
    await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxLifetimeDays: 30 } }, as(inIt));
    const refused = await app.api.patch(`/api-keys/${key.id}`, { expiresAt: inDays(200) }, { token: instanceAdmin.accessToken });
    expect([refused.status, refused.body.details]).toEqual([400, [detail('expiresAt', 'maxLifetimeDays')]]);
    expect((await app.api.patch(`/api-keys/${key.id}`, { expiresAt: inDays(20) }, { token: instanceAdmin.accessToken })).status).toBe(200);
  });

  it('are not rotated while outside the policy: the successor would be a new key against it', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const key = await createKey(app.api, as(inIt), { scopes: ['contents:read'] });
    await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxLifetimeDays: 30 } }, as(inIt));
    const refused = await app.api.post(`/api-keys/${key.id}/rotate`, {}, as(inIt));
    expect([refused.status, refused.body.details]).toEqual([400, [detail('expiresAt', 'maxLifetimeDays')]]);
    expect((await app.api.get('/contents', { apiKey: key.key })).status).toBe(200);
    await app.api.patch(`/api-keys/${key.id}`, { expiresAt: inDays(10) }, as(inIt));
    const rotated = await app.api.post(`/api-keys/${key.id}/rotate`, {}, as(inIt));
    expect([rotated.status, rotated.body.rotatedFromId]).toEqual([201, key.id]);
  });

  it('are transferred only within the policy, judged on the scopes the new owner keeps', async () => {
    const { workspace, inIt } = await workspaceWithPolicy({});
    const leaving = await newMember(app, owner, workspace, 'member', 'Leaving');
    const toMember = await newMember(app, owner, workspace, 'member', 'Member');
    const toViewer = await newMember(app, owner, workspace, 'viewer', 'Viewer');
    const key = await createKey(app.api, as(leaving), { scopes: ['contents:read', 'contents:write'] });
    await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { allowedScopes: ['contents:read', 'keys:*'] } }, as(inIt));
    const refused = await app.api.post(`/workspaces/${workspace.slug}/api-keys/${key.id}/transfer`, { userId: toMember.user.id }, as(inIt));
    expect([refused.status, refused.body.details]).toEqual([400, [detail('scopes', 'allowedScopes')]]);
    expect((await app.api.get(`/api-keys/${key.id}`, as(inIt))).body.userId).toBe(leaving.user.id);
    const moved = await app.api.post(`/workspaces/${workspace.slug}/api-keys/${key.id}/transfer`, { userId: toViewer.user.id }, as(inIt));
    expect([moved.status, moved.body.userId, moved.body.scopes, moved.body.droppedScopes]).toEqual([200, toViewer.user.id, ['contents:read'], ['contents:write']]);
  });
});

describe('GET …/api-keys?violatesPolicy=', () => {
  let workspace: TestWorkspace;
  let inIt: WorkspaceSession;
  let member: WorkspaceSession;
  const violators: string[] = [];
  const compliant: string[] = [];

  beforeAll(async () => {
    ({ workspace, inIt } = await workspaceWithPolicy({}));
    member = await newMember(app, owner, workspace, 'member', 'Member');
    const ok = { scopes: ['contents:read'], expiresAt: inDays(10), allowedIps: ['10.0.0.0/8'], rateLimit: 10 };
    const make = async (session: WorkspaceSession, body: object, list: string[]) => list.push((await createKey(app.api, as(session), { ...ok, ...body })).id);
    await make(inIt, {}, compliant);
    await make(inIt, { expiresAt: null }, violators);
    await make(member, { expiresAt: inDays(40) }, violators);
    await make(inIt, { allowedIps: [] }, violators);
    await make(member, {}, compliant);
    await make(inIt, { scopes: ['contents:*'] }, violators);
    await make(member, { rateLimit: 11 }, violators);
    await make(inIt, { scopes: ['keys:read'], rateLimit: 5 }, compliant);
    // A revoked key grants nothing: it breaks no policy any more.
    const revoked = await createKey(app.api, as(inIt), { ...ok, scopes: ['*'] });
    await app.api.post(`/api-keys/${revoked.id}/revoke`, {}, as(inIt));
    compliant.push(revoked.id);
    const set = await app.api.patch(`/workspaces/${workspace.slug}`, { keyPolicy: { maxLifetimeDays: 30, requireIpAllowlist: true, allowedScopes: ['contents:read', 'keys:*'], maxRateLimit: 10 } }, as(inIt));
    expect(set.status).toBe(200);
  });

  /** Every id a list gives, following nextCursor page by page. */
  async function everyPage(path: string, session: WorkspaceSession, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<{ items: Array<{ id: string }>; nextCursor: string | null }> = await app.api.get(`${path}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, as(session));
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((key) => key.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids;
  }

  const newestFirst = (ids: string[]) => [...ids].reverse();

  it('lists exactly the keys that break the current policy, newest first, page by page', async () => {
    const listed = await everyPage(`/workspaces/${workspace.slug}/api-keys?violatesPolicy=true&all=true`, inIt, 2);
    expect(listed).toEqual(newestFirst(violators));
  });

  it('lists every other key with violatesPolicy=false', async () => {
    const listed = await everyPage(`/workspaces/${workspace.slug}/api-keys?violatesPolicy=false&all=true`, inIt, 3);
    expect(listed).toEqual(newestFirst(compliant));
  });

  it('answers the same on the un-prefixed path in the workspace of the call', async () => {
    expect(await everyPage('/api-keys?violatesPolicy=true&all=true', inIt, 100)).toEqual(newestFirst(violators));
  });

  it('keeps a member to their own keys, as the list always does', async () => {
    const own = await everyPage('/api-keys?violatesPolicy=true', member, 100);
    const mine = (await everyPage('/api-keys?all=false', member, 100)).filter((id) => violators.includes(id));
    expect(own).toEqual(mine);
    expect(own.length).toBe(2);
    const others = await app.api.get('/api-keys?violatesPolicy=true&all=true', as(member));
    expect([others.status, others.body.code]).toEqual([403, 'permission.denied']);
  });

  it('lists no key as violating in a workspace without a policy', async () => {
    const { inIt: plain } = await workspaceWithPolicy({});
    const key = await createKey(app.api, as(plain), { scopes: ['*'] });
    expect((await app.api.get('/api-keys?violatesPolicy=true', as(plain))).body.items).toEqual([]);
    expect((await app.api.get('/api-keys?violatesPolicy=false', as(plain))).body.items.map((item: { id: string }) => item.id)).toEqual([key.id]);
  });

  it('refuses a violatesPolicy that is neither true nor false with 400 validation.failed naming it', async () => {
    const refused = await app.api.get('/api-keys?violatesPolicy=yes', as(inIt));
    expect([refused.status, refused.body.code, refused.body.details.map((item: { field: string }) => item.field)]).toEqual([400, 'validation.failed', ['violatesPolicy']]);
  });
});

describe('the violatesPolicy filter in SQL', () => {
  /** breaksPolicySql over one key given as values, with the `:policy…` parameters made positional. */
  async function breaksInSql(policy: KeyPolicy, key: PolicedKey, now: Date): Promise<boolean> {
    const { where, parameters } = breaksPolicySql(policy, now);
    const values: unknown[] = [key.scopes, key.expiresAt, key.allowedIps, key.rateLimit];
    const positional = where.replace(/:(policy[A-Za-z]+)/g, (_match, name: string) => `$${values.push(parameters[name])}`);
    const { rows } = await app.db.query<{ breaks: boolean }>(
      `SELECT ${positional} AS breaks FROM (SELECT CAST($1 AS text[]) AS scopes, CAST($2 AS timestamptz) AS expires_at, CAST($3 AS text[]) AS allowed_ips, CAST($4 AS int) AS rate_limit) k`,
      values,
    );
    return rows[0].breaks;
  }

  it('agrees with keyPolicyViolations on every policy and key (property)', async () => {
    const permission = fc.constantFrom('*', 'contents:*', 'contents:read', 'contents:write', 'keys:*', 'keys:read', 'keys:admin', 'audit:read', 'contentsx:read');
    const policy = fc.record({
      maxLifetimeDays: fc.option(fc.integer({ min: 1, max: 60 })),
      requireIpAllowlist: fc.boolean(),
      allowedScopes: fc.option(fc.uniqueArray(permission, { minLength: 1, maxLength: 4 })),
      maxRateLimit: fc.option(fc.integer({ min: 1, max: 200 })),
    });
    const now = new Date();
    const key = fc.record({
      scopes: fc.uniqueArray(permission, { minLength: 1, maxLength: 4 }),
      expiresAt: fc.option(fc.integer({ min: -10, max: 90 }).map((days) => new Date(now.getTime() + days * DAY))),
      allowedIps: fc.constantFrom([], ['10.0.0.0/8']),
      rateLimit: fc.integer({ min: 1, max: 300 }),
    });
    await fc.assert(
      fc.asyncProperty(policy, key, async (rules, settings) => {
        expect(await breaksInSql(rules, settings, now)).toBe(keyPolicyViolations(rules, settings, now).length > 0);
      }),
      { numRuns: 200 },
    );
  });
});
