import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource } from '../src/database/data-source.js';
import { migrateDatabase } from '../src/database/database-target.js';
import { personalSlug, SLUG_PATTERN } from '../src/workspaces/slugs.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { auditBarrier, awaitAuditEvents } from './helpers/audit.js';
import { createTestDatabase, undoMigrationsThrough } from './helpers/database.js';
import { createKey, type CreatedKey, register, type Session, setRoles } from './helpers/factories.js';

const WORKSPACES = 'Workspaces1795400600000';
const EDITOR = ['contents:read', 'contents:write'];
const MEMBER = ['contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write'];
const VIEWER = ['contents:read', 'keys:read', 'keys:write'];
/**
 * The old keys' scopes: exactly their owners' instance role permissions, so what they could do
 * before workspaces (role ∩ scopes) reads the same whoever evaluates it, and shows in /auth/me
 * even on the service that made them, where everyone already owns a personal workspace.
 */
const OLD_KEY_SCOPES = { A: ['*'], C: MEMBER, D: VIEWER };

type Label = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';
const hex = () => randomBytes(4).toString('hex');

/**
 * E-mails as people have them: plain ones, one whose slug-safe local part has a separator at the
 * 22-character cut, one with an accent. The migration and personalSlug() must agree on all of them.
 */
const EMAILS: Record<Label, () => string> = {
  A: () => `alice-${hex()}@example.com`,
  B: () => `${'b'.repeat(21)}.${hex()}@example.com`,
  C: () => `carol-${hex()}@example.com`,
  D: () => `dave.${hex()}@example.com`,
  E: () => `zoë-${hex()}@example.com`,
  F: () => `frank-${hex()}@example.com`,
  G: () => `grace-${hex()}@example.com`,
  H: () => `heidi-${hex()}@example.com`,
};

async function undoWorkspaces(url: string): Promise<void> {
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  try {
    await undoMigrationsThrough(dataSource, WORKSPACES);
  } finally {
    await dataSource.destroy();
  }
}

async function queryOnce<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The backfill, in terms that survive a down and up: e-mails, slugs and role names, not ids. */
async function backfillOf(url: string) {
  const memberships = await queryOnce<{ slug: string; email: string; role: string }>(
    url,
    `SELECT w.slug, u.email, m.role_name AS role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
     ORDER BY w.slug, u.email`,
  );
  const roles = await queryOnce<{ slug: string; name: string; permissions: string[] }>(
    url,
    `SELECT w.slug, r.name, r.permissions FROM workspace_roles r JOIN workspaces w ON w.id = r.workspace_id ORDER BY w.slug, r.name`,
  );
  const workspaces = await queryOnce<{ slug: string; name: string; personal: boolean; createdBy: string | null }>(
    url,
    `SELECT w.slug, w.name, w.personal, u.email AS "createdBy" FROM workspaces w LEFT JOIN users u ON u.id = w.created_by ORDER BY w.slug`,
  );
  return { memberships, roles, workspaces };
}

const workspacesExist = async (url: string) =>
  (await queryOnce<{ exists: boolean }>(url, `SELECT to_regclass('workspaces') IS NOT NULL AS exists`))[0].exists;

let url: string;
let app: TestApp | undefined;
const users = {} as Record<Label, Session>;
const keys = {} as Record<'A' | 'C' | 'D', CreatedKey>;
const permissionsBefore = {} as Record<'A' | 'C' | 'D', string[]>;
let checkedBefore = 0;

const running = (): TestApp => {
  if (!app) throw new Error('the app is not running');
  return app;
};

/**
 * Data as the service had it before workspaces: made through the API (real users, keys whose
 * secret we hold, audited uses), then the Workspaces migration undone, which takes the
 * workspace tables and everything the current code put in them away. Then the migration runs
 * the way main.ts runs it, on that data, and the service starts again on the same database.
 */
beforeAll(async () => {
  url = await createTestDatabase();
  const before = await startTestApp({ databaseUrl: url });
  try {
    for (const label of Object.keys(EMAILS) as Label[]) users[label] = await register(before.api, { email: EMAILS[label](), name: `User ${label}` });
    const A = users.A.accessToken;
    expect(users.A.user.roles).toEqual(['admin']); // the first account

    const editor = await before.api.post('/roles', { name: 'editor', description: 'Writes contents', permissions: EDITOR }, { token: A });
    expect(editor.status).toBe(201);
    for (const [label, roles] of [
      ['B', ['admin']],
      ['D', ['viewer']],
      ['E', ['auditor']],
      ['F', ['editor']],
    ] as Array<[Label, string[]]>) {
      const changed = await before.api.patch(`/users/${users[label].user.id}`, { roles }, { token: A });
      expect({ label, status: changed.status }).toEqual({ label, status: 200 });
    }
    // Before workspaces, a registration was a member.
    await setRoles(before, users.C.user.id, ['member']);
    await setRoles(before, users.G.user.id, ['member', 'editor']);
    await setRoles(before, users.H.user.id, []);

    for (const label of ['A', 'C', 'D'] as const) {
      keys[label] = await createKey(before.api, users[label].accessToken, { name: `old key of ${label}`, scopes: OLD_KEY_SCOPES[label] });
      const me = await before.api.get('/auth/me', { apiKey: keys[label].key });
      expect(me.status).toBe(200);
      permissionsBefore[label] = me.body.permissions;
      expect(permissionsBefore[label]).toEqual(OLD_KEY_SCOPES[label]);
    }
    for (const title of ['first', 'second']) {
      expect((await before.api.post('/contents', { title, body: 'before workspaces' }, { apiKey: keys.C.key })).status).toBe(201);
    }
    expect((await before.api.post('/contents', { title: 'by A' }, { token: A })).status).toBe(201);
    expect((await before.api.get('/contents', { apiKey: keys.D.key })).status).toBe(200);
    for (const label of ['A', 'C', 'D'] as const) await awaitAuditEvents(before, 'api_key.used', { apiKeyId: keys[label].id });

    const verified = await before.api.get('/audit-logs/verify', { token: A });
    expect(verified.body).toMatchObject({ valid: true });
    checkedBefore = verified.body.checked;
    expect(checkedBefore).toBeGreaterThan(10);
  } finally {
    await before.close();
  }

  await undoWorkspaces(url);
  expect(await workspacesExist(url)).toBe(false);
  expect(await migrateDatabase(url)).toContain(WORKSPACES);
  app = await startTestApp({ databaseUrl: url });
});
afterAll(() => app?.close());

describe('the Workspaces migration on data from before workspaces', () => {
  it('gives every existing user exactly one personal workspace, named Personal, which they own', async () => {
    const { rows } = await running().db.query<{ id: string; email: string; slug: string; name: string; roles: string[]; count: number }>(
      `SELECT u.id, u.email, min(w.slug) AS slug, min(w.name) AS name, array_agg(m.role_name) AS roles, count(w.id)::int AS count
       FROM users u
       LEFT JOIN workspaces w ON w.created_by = u.id AND w.personal
       LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = u.id
       GROUP BY u.id, u.email ORDER BY u.email`,
    );
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect({ email: row.email, count: row.count, name: row.name, roles: row.roles }).toEqual({ email: row.email, count: 1, name: 'Personal', roles: ['owner'] });
      expect(row.slug).toMatch(SLUG_PATTERN);
    }
    // Nobody else is in a personal workspace.
    const { rows: others } = await running().db.query(
      `SELECT m.user_id FROM memberships m JOIN workspaces w ON w.id = m.workspace_id WHERE w.personal AND m.user_id IS DISTINCT FROM w.created_by`,
    );
    expect(others).toEqual([]);
  });

  it('gives an existing user the personal slug a new user with the same e-mail and id gets', async () => {
    const { rows } = await running().db.query<{ id: string; email: string; slug: string }>(
      `SELECT u.id, u.email, w.slug FROM users u JOIN workspaces w ON w.created_by = u.id AND w.personal ORDER BY u.email`,
    );
    expect(rows.map((row) => ({ email: row.email, slug: row.slug }))).toEqual(rows.map((row) => ({ email: row.email, slug: personalSlug(row.email, row.id) })));
  });

  it('puts every user into the shared workspace default with the role named like their instance role', async () => {
    const { rows: [shared] } = await running().db.query(`SELECT name, personal, created_by FROM workspaces WHERE slug = 'default' AND deleted_at IS NULL`);
    expect(shared).toEqual({ name: 'Default', personal: false, created_by: users.A.user.id });

    const { rows } = await running().db.query<{ user_id: string; role_name: string }>(
      `SELECT m.user_id, m.role_name FROM memberships m JOIN workspaces w ON w.id = m.workspace_id WHERE w.slug = 'default'`,
    );
    const byUser = Object.fromEntries(rows.map((row) => [row.user_id, row.role_name]));
    expect(rows).toHaveLength(8);
    expect(Object.fromEntries((Object.keys(users) as Label[]).map((label) => [label, byUser[users[label].user.id]]))).toEqual({
      A: 'owner', // the earliest admin
      B: 'admin',
      C: 'member',
      D: 'viewer',
      E: 'auditor',
      F: 'editor',
      G: 'editor+member',
      H: 'no-permissions',
    });
  });

  it('copies custom roles into default and gives combined roles their union and the role-less an empty role', async () => {
    const { rows } = await running().db.query<{ name: string; permissions: string[] }>(
      `SELECT r.name, r.permissions FROM workspace_roles r JOIN workspaces w ON w.id = r.workspace_id WHERE w.slug = 'default' ORDER BY r.name`,
    );
    const { rows: [instanceEditor] } = await running().db.query(`SELECT permissions FROM roles WHERE name = 'editor' AND NOT built_in`);
    expect(instanceEditor.permissions).toEqual(EDITOR);
    expect(rows).toEqual([
      { name: 'editor', permissions: instanceEditor.permissions },
      { name: 'editor+member', permissions: [...new Set([...EDITOR, ...MEMBER])].sort() },
      { name: 'no-permissions', permissions: [] },
    ]);
    // No workspace but default has roles of its own.
    const { rows: elsewhere } = await running().db.query(`SELECT 1 FROM workspace_roles r JOIN workspaces w ON w.id = r.workspace_id WHERE w.slug <> 'default'`);
    expect(elsewhere).toEqual([]);
  });

  it('keeps every key made before it working, with the permissions it had', async () => {
    for (const label of ['A', 'C', 'D'] as const) {
      const me = await running().api.get('/auth/me', { apiKey: keys[label].key });
      expect({ label, status: me.status, permissions: me.body.permissions }).toEqual({ label, status: 200, permissions: permissionsBefore[label] });
      expect(me.body).toMatchObject({ authMethod: 'api_key', apiKey: { id: keys[label].id } });
    }
    expect((await running().api.get('/contents', { apiKey: keys.C.key })).body.items.map((item: { title: string }) => item.title)).toEqual(
      expect.arrayContaining(['first', 'second', 'by A']),
    );
  });

  it('moves every key and content made before it into default, where their owners and authors are members', async () => {
    const { rows } = await running().db.query<{ kind: string; slug: string; count: number }>(
      `SELECT 'key' AS kind, w.slug, count(*)::int AS count FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id GROUP BY w.slug
       UNION ALL SELECT 'content', w.slug, count(*)::int FROM contents c JOIN workspaces w ON w.id = c.workspace_id GROUP BY w.slug
       ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { kind: 'content', slug: 'default', count: 3 },
      { kind: 'key', slug: 'default', count: 3 },
    ]);
    const { rows: [defaultWorkspace] } = await running().db.query(`SELECT id FROM workspaces WHERE slug = 'default'`);
    const listed = await running().api.get(`/api-keys?limit=100`, { token: users.C.accessToken, headers: { 'x-workspace': 'default' } });
    expect(listed.body.items.map((key: { id: string; workspaceId: string }) => [key.id, key.workspaceId])).toEqual([[keys.C.id, defaultWorkspace.id]]);
  });

  it('keeps the audit chain written before it verifying, and new events continue it', async () => {
    // Everything earlier is stored first (the barrier's own event too), so the counts below move only with this test's request.
    await auditBarrier(running());
    const before = await running().api.get('/audit-logs/verify', { token: users.A.accessToken });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ valid: true });
    expect(before.body.checked).toBeGreaterThanOrEqual(checkedBefore);

    // The old key now acts in default: its new uses extend default's own chain, which verifies too.
    const defaultChain = async () => {
      const all = await running().api.get('/audit-logs/verify?all=true', { token: users.A.accessToken });
      expect(all.body.valid).toBe(true);
      const { rows: [shared] } = await running().db.query(`SELECT id FROM workspaces WHERE slug = 'default'`);
      return all.body.chains.find((chain: { workspaceId: string | null }) => chain.workspaceId === shared.id) ?? { valid: true, checked: 0 };
    };
    const checkedInDefault = (await defaultChain()).checked;
    const used = (await awaitAuditEvents(running(), 'api_key.used', { apiKeyId: keys.C.id })).length;
    await running().api.get('/auth/me', { apiKey: keys.C.key });
    const uses = await awaitAuditEvents(running(), 'api_key.used', { apiKeyId: keys.C.id }, used + 1);
    const { rows: [shared] } = await running().db.query(`SELECT id FROM workspaces WHERE slug = 'default'`);
    expect(uses.at(-1)?.workspaceId).toBe(shared.id);
    // The use, and whatever a detector made of it (a first use since the restart may look like a new IP), extend the chain.
    const extended = await defaultChain();
    expect(extended.valid).toBe(true);
    expect(extended.checked).toBeGreaterThanOrEqual(checkedInDefault + 1);
    const after = await running().api.get('/audit-logs/verify', { token: users.A.accessToken });
    expect(after.body).toMatchObject({ valid: true, checked: before.body.checked });
  });

  it('shows the new workspaces through the API: personal first, then default with the member role', async () => {
    // Access tokens issued before the restart still work; a fresh login would do as well.
    let token = users.C.accessToken;
    if ((await running().api.get('/auth/me', { token })).status !== 200) {
      token = (await running().api.post('/auth/login', { email: users.C.user.email, password: users.C.password })).body.accessToken;
    }
    const listed = await running().api.get('/workspaces', { token });
    expect(listed.status).toBe(200);
    expect(listed.body.map((w: { slug: string; personal: boolean; role: string; name: string }) => ({ personal: w.personal, role: w.role, name: w.name }))).toEqual([
      { personal: true, role: 'owner', name: 'Personal' },
      { personal: false, role: 'member', name: 'Default' },
    ]);
    expect(listed.body[1].slug).toBe('default');

    const members = await running().api.get('/workspaces/default/members?limit=100', { token: users.A.accessToken });
    expect(members.status).toBe(200);
    expect(members.body.items).toHaveLength(8);
    expect(new Set(members.body.items.map((m: { user: { id: string } }) => m.user.id))).toEqual(new Set(Object.values(users).map((s) => s.user.id)));
    expect(members.body.items.find((m: { user: { id: string } }) => m.user.id === users.G.user.id).role).toBe('editor+member');
  });

  it('goes down and up again on this data to the same workspaces, roles and memberships', async () => {
    await running().close();
    app = undefined;
    const migrated = await backfillOf(url);
    expect(migrated.memberships).toHaveLength(16);

    await undoWorkspaces(url);
    expect(await workspacesExist(url)).toBe(false);
    expect(await migrateDatabase(url)).toContain(WORKSPACES);
    expect(await backfillOf(url)).toEqual(migrated);

    app = await startTestApp({ databaseUrl: url });
    const me = await running().api.get('/auth/me', { apiKey: keys.D.key });
    expect({ status: me.status, permissions: me.body.permissions }).toEqual({ status: 200, permissions: permissionsBefore.D });
  });
});
