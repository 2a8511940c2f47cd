import { startTestApp, type TestApp } from './helpers/app.js';
import { eventually, register, type Session } from './helpers/factories.js';
import { anyRange, chainRange } from './helpers/audit.js';

let app: TestApp;
let admin: Session; // instance admin
let owner: Session;
let member: Session;
let workspace: { id: string; slug: string };
let other: { id: string };

const as = (session: Session) => ({ token: session.accessToken });

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api);
  owner = await register(app.api);
  member = await register(app.api);
  workspace = (await app.api.post('/workspaces', { name: 'Chained', slug: 'chained' }, as(owner))).body;
  other = (await app.api.post('/workspaces', { name: 'Other', slug: 'other-chain' }, as(owner))).body;
  const { token } = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: member.user.email, role: 'member' }, as(owner))).body;
  await app.api.post('/invitations/accept', { token }, as(member));
  await app.api.patch(`/workspaces/${workspace.id}/members/${member.user.id}`, { role: 'viewer' }, as(owner));
});
afterAll(() => app?.close());

const chainOf = async (type: string, workspaceId: string) =>
  (await app.db.query(`SELECT chain_id FROM audit_events WHERE type = $1 AND details->>'workspaceId' = $2`, [type, workspaceId])).rows.map((row) => row.chain_id);

describe('a hash chain per workspace', () => {
  it('appends the workspace’s own events to its chain, and nothing of another workspace', async () => {
    for (const type of ['workspace.created', 'invitation.created', 'invitation.accepted', 'member.updated']) {
      expect([type, await chainOf(type, workspace.id)]).toEqual([type, [workspace.id]]);
    }
    const { rows } = await app.db.query(`SELECT DISTINCT details->>'workspaceId' AS ws FROM audit_events WHERE chain_id = $1`, [workspace.id]);
    expect(rows).toEqual([{ ws: workspace.id }]);
    expect(await chainOf('workspace.created', other.id)).toEqual([other.id]);
  });

  it('keeps sign-ins and user changes in the instance chain', async () => {
    const { rows } = await app.db.query(`SELECT DISTINCT chain_id FROM audit_events WHERE type IN ('auth.registered', 'auth.login')`);
    expect(rows).toEqual([{ chain_id: '00000000-0000-0000-0000-000000000000' }]);
  });

  it('lets the workspace’s owner verify its chain: GET /workspaces/:ws/audit-logs/verify', async () => {
    const response = await app.api.get(`/workspaces/${workspace.slug}/audit-logs/verify`, as(owner));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: true, checked: 4, ...(await chainRange(app.db, workspace.id)) });
  });

  it('needs audit:read in that workspace: a viewer gets 403, a non-member 404', async () => {
    const viewer = await app.api.get(`/workspaces/${workspace.id}/audit-logs/verify`, as(member));
    expect([viewer.status, viewer.body.details]).toEqual([403, [{ required: 'audit:read' }]]);
    // The refusal is the workspace's own event (written in the background).
    await eventually(async () => expect(await chainOf('permission.denied', workspace.id)).toEqual([workspace.id]));
    const outsider = await register(app.api);
    const response = await app.api.get(`/workspaces/${workspace.id}/audit-logs/verify`, as(outsider));
    expect([response.status, response.body.code]).toEqual([404, 'workspace.not_found']);
  });

  it('lets an instance auditor verify every chain with ?all=true', async () => {
    const response = await app.api.get('/audit-logs/verify?all=true', as(admin));
    expect(response.status).toBe(200);
    expect(response.body.valid).toBe(true);
    expect(response.body.chains[0]).toMatchObject({ workspaceId: null, valid: true });
    expect(response.body.chains).toEqual(
      expect.arrayContaining([
        { workspaceId: workspace.id, valid: true, checked: 5, ...(await chainRange(app.db, workspace.id)) },
        { workspaceId: other.id, valid: true, checked: 1, ...(await chainRange(app.db, other.id)) },
      ]),
    );
    expect((await app.api.get('/audit-logs/verify', as(admin))).body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
  });

  it('refuses ?all=true without instance audit:read, even to a workspace owner', async () => {
    const response = await app.api.get('/audit-logs/verify?all=true', as(owner));
    expect([response.status, response.body.code]).toEqual([403, 'permission.denied']);
    expect((await app.api.get('/audit-logs/verify?all=yes', as(admin))).body.code).toBe('validation.failed');
  });

  it('finds an edited event in the workspace’s chain, while the other chains stay valid', async () => {
    const [edited] = (await app.db.query(`SELECT id FROM audit_events WHERE chain_id = $1 AND type = 'invitation.created'`, [workspace.id])).rows;
    await app.db.query('ALTER TABLE audit_events DISABLE TRIGGER "TRG_audit_events_append_only"');
    try {
      await app.db.query(`UPDATE audit_events SET details = details || '{"role": "owner"}' WHERE id = $1`, [edited.id]);
    } finally {
      await app.db.query('ALTER TABLE audit_events ENABLE TRIGGER "TRG_audit_events_append_only"');
    }
    expect((await app.api.get(`/workspaces/${workspace.id}/audit-logs/verify`, as(owner))).body).toMatchObject({ valid: false, firstInvalidId: edited.id });
    const all = (await app.api.get('/audit-logs/verify?all=true', as(admin))).body;
    expect(all.valid).toBe(false);
    expect(all.chains.filter((chain: { valid: boolean }) => !chain.valid).map((chain: { workspaceId: string }) => chain.workspaceId)).toEqual([workspace.id]);
  });
});
