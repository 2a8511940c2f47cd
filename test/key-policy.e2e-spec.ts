import { startTestApp, type TestApp } from './helpers/app.js';
import { auditEvents } from './helpers/audit.js';
import { createKey, register, type Session } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

/**
 * API.md §15: a workspace's key policy (PATCH /workspaces/:ws {keyPolicy}) — maxLifetimeDays,
 * requireIpAllowlist, allowedScopes, maxRateLimit. Keys against it are refused at create, PATCH,
 * rotate and transfer with 400 validation.failed naming the field and the policy; keys made
 * before it stay and are listed by ?violatesPolicy=true.
 */
let app: TestApp;
let owner: Session;

const NO_POLICY = { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null };

beforeAll(async () => {
  app = await startTestApp();
  await register(app.api, { name: 'Instance Admin' });
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
