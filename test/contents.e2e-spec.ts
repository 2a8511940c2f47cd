import { startTestApp, type TestApp } from './helpers/app.js';
import { register } from './helpers/factories.js';
import { as, newMember, newWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

let app: TestApp;
let member: WorkspaceSession;
let viewer: WorkspaceSession;
let auditor: WorkspaceSession;

/** Everyone works in one shared workspace, each with the workspace role they are named after. */
beforeAll(async () => {
  app = await startTestApp();
  const owner = await register(app.api); // the admin
  const team = await newWorkspace(app, owner, 'Editorial');
  member = await newMember(app, owner, team, 'member');
  viewer = await newMember(app, owner, team, 'viewer');
  auditor = await newMember(app, owner, team, 'auditor');
});
afterAll(() => app?.close());

describe('contents', () => {
  it('creates (201), reads, updates and deletes (204) with the member role', async () => {
    const asMember = as(member);
    const created = await app.api.post('/contents', { title: 'Hello', body: 'World', status: 'published' }, asMember);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Hello', body: 'World', status: 'published', authorId: member.user.id, workspaceId: expect.any(String) });
    const id = created.body.id;
    expect((await app.api.get(`/contents/${id}`, asMember)).body.title).toBe('Hello');
    const updated = await app.api.patch(`/contents/${id}`, { title: 'Hi', status: 'draft' }, asMember);
    expect(updated.body).toMatchObject({ title: 'Hi', body: 'World', status: 'draft' });
    expect((await app.api.delete(`/contents/${id}`, asMember)).status).toBe(204);
    expect((await app.api.get(`/contents/${id}`, asMember)).body.code).toBe('content.not_found');
  });

  it('defaults to a draft with an empty body', async () => {
    const res = await app.api.post('/contents', { title: 'Bare' }, as(member));
    expect(res.body).toMatchObject({ body: '', status: 'draft' });
  });

  it('pages the list newest first', async () => {
    for (const title of ['a', 'b', 'c']) await app.api.post('/contents', { title }, as(member));
    const first = await app.api.get('/contents?limit=2', as(viewer));
    expect(first.body.items.map((c: { title: string }) => c.title)).toEqual(['c', 'b']);
    const second = await app.api.get(`/contents?limit=2&cursor=${first.body.nextCursor}`, as(viewer));
    expect(second.body.items[0].title).toBe('a');
  });

  it('refuses a limit of 0 with 400 validation.failed naming limit', async () => {
    const res = await app.api.get('/contents?limit=0', as(member));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
  });

  it.each([
    ['an id that is not a UUID', ['2026-11-23T10:00:00.000Z', 'not-a-uuid']],
    ['a time PostgreSQL cannot hold', ['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']],
  ])('refuses a forged cursor holding %s with 400 validation.failed, not a 500', async (_label, forged) => {
    const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
    const res = await app.api.get(`/contents?cursor=${cursor}`, as(member));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details).toEqual([{ field: 'cursor', message: 'cursor is not valid' }]);
  });

  it('does not let an auditor list or read contents: 403 permission.denied naming contents:read', async () => {
    const { body } = await app.api.post('/contents', { title: 'Not for auditors' }, as(member));
    for (const path of ['/contents', `/contents/${body.id}`]) {
      const res = await app.api.get(path, as(auditor));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('permission.denied');
      expect(res.body.details).toEqual([{ required: 'contents:read' }]);
    }
  });

  it('lets a viewer read but not write or delete', async () => {
    const { body } = await app.api.post('/contents', { title: 'Read me' }, as(member));
    expect((await app.api.get(`/contents/${body.id}`, as(viewer))).status).toBe(200);
    const write = await app.api.post('/contents', { title: 'No' }, as(viewer));
    expect(write.status).toBe(403);
    expect(write.body.details).toEqual([{ required: 'contents:write' }]);
    const patch = await app.api.patch(`/contents/${body.id}`, { title: 'No' }, as(viewer));
    expect(patch.body.details).toEqual([{ required: 'contents:write' }]);
    const remove = await app.api.delete(`/contents/${body.id}`, as(viewer));
    expect(remove.body.details).toEqual([{ required: 'contents:delete' }]);
  });

  it('validates title and status', async () => {
    const res = await app.api.post('/contents', { title: '', status: 'secret' }, as(member));
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['status', 'title']);
  });

  it('refuses an update to an unknown status with 400 validation.failed and changes nothing', async () => {
    const { body } = await app.api.post('/contents', { title: 'Stays a draft' }, as(member));
    const res = await app.api.patch(`/contents/${body.id}`, { status: 'secret' }, as(member));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['status']);
    expect((await app.api.get(`/contents/${body.id}`, as(member))).body.status).toBe('draft');
  });

  it('answers unknown and malformed ids with 404 content.not_found', async () => {
    for (const [method, path] of [
      ['GET', '/contents/00000000-0000-4000-8000-000000000000'],
      ['PATCH', '/contents/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/contents/00000000-0000-4000-8000-000000000000'],
      ['GET', '/contents/123'],
    ]) {
      const res = await app.api.request(method, path, method === 'PATCH' ? { title: 'x' } : undefined, as(member));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('content.not_found');
    }
  });

  it('needs a principal', async () => {
    expect((await app.api.get('/contents')).body.code).toBe('auth.required');
  });
});
