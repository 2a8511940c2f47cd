import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, register, type Session } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

/**
 * API.md §9: another workspace's objects do not exist for a tenant — 404, never 403. Every
 * operation /docs-json lists under /workspaces/{ws}/ and every un-prefixed workspace resource, with
 * every method it has, is tried by the owner of another workspace (who holds `*` in theirs) and
 * by that owner's `*` key; then the victim's object ids are tried inside the attacker's own
 * workspace; then the attacker reads the audit log for anything of the victim's.
 */

interface Operation {
  method: string;
  path: string;
}

/** Instance routes under /workspaces/{ws}/: they check an instance permission, not membership (PATCH …/plan: workspaces:write). */
const INSTANCE_ROUTES = new Set(['PATCH /api/v1/workspaces/{ws}/plan']);
/** The un-prefixed paths that mean "the workspace of the call" (API.md §9); /audit-logs/verify is the instance chain's. */
const UN_PREFIXED = /^\/api\/v1\/(api-keys|contents|audit-logs)(\/|$)/;
const INSTANCE_CHAIN_ROUTE = 'GET /api/v1/audit-logs/verify';
/** Bodies valid enough to get past validation, which answers before any lookup: the lookup is what is swept. */
const VALID_BODIES: Array<[RegExp, () => object]> = [
  [/^POST .*\/api-keys\/\{id\}\/transfer$/, () => ({ userId: attacker.user.id })],
  [/^PATCH .*\/members\/\{userId\}$/, () => ({ role: 'viewer' })],
  [/^PUT .*\/limits$/, () => ({ limits: [] })],
];

let app: TestApp;
let operations: Operation[];
let victimOwner: WorkspaceSession;
let victim: TestWorkspace;
let attacker: Session;
let attackersWorkspace: TestWorkspace;
let attackersKey: string;
/** Real ids of the victim workspace's objects, by the path segment that names them. */
const victimIds: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ env: { AUTH_RATE_LIMIT: '100000', USER_RATE_LIMIT: '100000' } });
  await register(app.api, { name: 'Instance Admin' });
  const owner = await register(app.api, { name: 'Victim Owner' });
  victim = await newWorkspace(app, owner, 'Victim');
  victimOwner = calling(owner, victim);
  const member = await newMember(app, owner, victim, 'member', 'Victim Member');
  const key = await createKey(app.api, as(member), { scopes: ['contents:read'] });
  await app.api.get('/contents', { apiKey: key.key });
  await awaitAuditEvents(app, 'api_key.used', { apiKeyId: key.id });
  victimIds['api-keys'] = key.id;
  victimIds.contents = (await app.api.post('/contents', { title: 'victim’s' }, as(victimOwner))).body.id;
  victimIds.members = member.user.id;
  victimIds.invitations = (await app.api.post(`/workspaces/${victim.slug}/invitations`, { email: 'pending@example.com', role: 'viewer' }, as(victimOwner))).body.id;
  victimIds.roles = (await app.api.post(`/workspaces/${victim.slug}/roles`, { name: 'victim-editor', permissions: ['contents:read'] }, as(victimOwner))).body.name;
  victimIds['oauth-apps'] = (await app.api.post(`/workspaces/${victim.slug}/oauth-apps`, { name: 'Victim app', type: 'public', redirectUris: ['https://victim.example.com/cb'] }, as(victimOwner))).body.id;
  const { rows } = await app.db.query<{ id: string }>('SELECT id FROM audit_events WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1', [victim.id]);
  victimIds['audit-logs'] = rows[0].id;

  attacker = await register(app.api, { name: 'Attacker' });
  attackersWorkspace = await newWorkspace(app, attacker, 'Attacker Inc');
  attackersKey = (await createKey(app.api, as(calling(attacker, attackersWorkspace)), { scopes: ['*'] })).key;

  const document = (await app.api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs-json')).body;
  operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.keys(byMethod)
      .filter((method) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
}, 60_000);
afterAll(() => app?.close());

const label = (operation: Operation) => `${operation.method} ${operation.path}`;

/** `/api/v1/workspaces/{ws}/api-keys/{id}/usage` → a real URL: `ws` as given, every other parameter the victim's id of that resource. */
function concrete(path: string, workspace: string): string {
  return path
    .replace(/^\/api\/v1/, '')
    .replace('{ws}', workspace)
    .replace(/\/([a-z-]+)\/\{[A-Za-z]+\}/g, (_match, resource: string) => `/${resource}/${victimIds[resource] ?? '00000000-0000-4000-8000-000000000000'}`);
}

async function send(operation: Operation, path: string, options: { token?: string; apiKey?: string; headers?: Record<string, string> }) {
  const valid = VALID_BODIES.find(([pattern]) => pattern.test(label(operation)))?.[1]();
  const body = operation.method === 'GET' || operation.method === 'DELETE' ? undefined : (valid ?? {});
  const response = await app.api.request(operation.method, path, body, options);
  return { request: `${operation.method} ${path}`, status: response.status, code: response.body?.code as string | undefined };
}

const workspaceRoutes = () => operations.filter((operation) => operation.path.startsWith('/api/v1/workspaces/{ws}') && !INSTANCE_ROUTES.has(label(operation)));
const unPrefixedRoutes = () => operations.filter((operation) => UN_PREFIXED.test(operation.path) && label(operation) !== INSTANCE_CHAIN_ROUTE);

describe('another workspace’s member, on every workspace-scoped route of the victim', () => {
  it('covers every operation under /workspaces/{ws}/ but the instance ones, with every method', () => {
    const methods = new Set(workspaceRoutes().map((operation) => operation.method));
    expect(workspaceRoutes().length).toBeGreaterThan(30);
    expect([...methods].sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
  });

  it.each([
    ['by id', () => victim.id],
    ['by slug', () => victim.slug],
  ])('answers 404 workspace.not_found on /workspaces/{ws}/… named %s, signed in', async (_how, reference) => {
    const answers = [];
    for (const operation of workspaceRoutes()) answers.push(await send(operation, concrete(operation.path, reference()), { token: attacker.accessToken }));
    expect(answers.filter((answer) => answer.status !== 404 || answer.code !== 'workspace.not_found')).toEqual([]);
  });

  it('answers 404 workspace.not_found on the un-prefixed routes with X-Workspace naming the victim', async () => {
    const answers = [];
    for (const operation of unPrefixedRoutes()) {
      answers.push(await send(operation, concrete(operation.path, victim.id), { token: attacker.accessToken, headers: { 'x-workspace': victim.slug } }));
    }
    expect(answers.length).toBeGreaterThan(15);
    expect(answers.filter((answer) => answer.status !== 404 || answer.code !== 'workspace.not_found')).toEqual([]);
  });

  it('answers the attacker’s * key with 404 workspace.not_found on the victim’s paths (or 403 auth.jwt_required where no key may go)', async () => {
    const answers = [];
    for (const operation of workspaceRoutes()) answers.push(await send(operation, concrete(operation.path, victim.id), { apiKey: attackersKey }));
    const leaks = answers.filter((answer) => !(answer.status === 404 && answer.code === 'workspace.not_found') && !(answer.status === 403 && answer.code === 'auth.jwt_required'));
    expect(leaks).toEqual([]);
    expect(answers.filter((answer) => answer.code === 'workspace.not_found').length).toBeGreaterThan(5);
  });
});

describe('the victim’s object ids inside the attacker’s own workspace', () => {
  it('answers every operation that names an object with 404 <thing>.not_found', async () => {
    const byId = [...workspaceRoutes(), ...unPrefixedRoutes()].filter((operation) => /\{(id|userId|name)\}/.test(operation.path));
    expect(byId.length).toBeGreaterThan(15);
    const answers = [];
    for (const operation of byId) {
      answers.push(await send(operation, concrete(operation.path, attackersWorkspace.slug), { token: attacker.accessToken, headers: { 'x-workspace': attackersWorkspace.slug } }));
    }
    expect(answers.filter((answer) => answer.status !== 404 || !answer.code?.endsWith('.not_found'))).toEqual([]);
  });
});

describe('the victim’s audit events', () => {
  it('shows the attacker none, in their workspace’s log or their own events, and leaves the victim’s objects as they were', async () => {
    for (const options of [{ token: attacker.accessToken }, as(calling(attacker, attackersWorkspace))]) {
      const listed = await app.api.get('/audit-logs?limit=500', options);
      expect(listed.status).toBe(200);
      expect(listed.body.items.filter((event: { workspaceId: string | null }) => event.workspaceId === victim.id)).toEqual([]);
    }
    // The attacker's own attempts are in their log (their key's uses); nothing of the victim's workspace is.
    const exported = await fetch(`${app.url}/api/v1/workspaces/${attackersWorkspace.slug}/audit-logs/export`, { headers: { authorization: `Bearer ${attacker.accessToken}` } });
    const lines = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line) as { workspaceId: string | null; userId: string | null });
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((event) => event.workspaceId !== attackersWorkspace.id)).toEqual([]);
    expect((await app.api.get(`/contents/${victimIds.contents}`, as(victimOwner))).body.title).toBe('victim’s');
    expect((await app.api.get(`/api-keys/${victimIds['api-keys']}`, as(victimOwner))).body.status).toBe('active');
    expect((await app.api.get(`/workspaces/${victim.slug}/members?limit=100`, as(victimOwner))).body.items).toHaveLength(2);
  });
});
