import { startTestApp, type TestApp } from './helpers/app.js';
import { register, setRoles, type Session } from './helpers/factories.js';

let app: TestApp;
let member: Session;
let viewer: Session;
let auditor: Session;

beforeAll(async () => {
  app = await startTestApp();
  await register(app.api); // the admin
  member = await register(app.api);
  viewer = await register(app.api);
  await setRoles(app, viewer.user.id, ['viewer']);
  auditor = await register(app.api);
  await setRoles(app, auditor.user.id, ['auditor']);
});
afterAll(() => app?.close());

describe('contents', () => {
  it('creates (201), reads, updates and deletes (204) with the member role', async () => {
    const token = member.accessToken;
    const created = await app.api.post('/contents', { title: 'Hello', body: 'World', status: 'published' }, { token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Hello', body: 'World', status: 'published', authorId: member.user.id });
    const id = created.body.id;
    expect((await app.api.get(`/contents/${id}`, { token })).body.title).toBe('Hello');
    const updated = await app.api.patch(`/contents/${id}`, { title: 'Hi', status: 'draft' }, { token });
    expect(updated.body).toMatchObject({ title: 'Hi', body: 'World', status: 'draft' });
    expect((await app.api.delete(`/contents/${id}`, { token })).status).toBe(204);
    expect((await app.api.get(`/contents/${id}`, { token })).body.code).toBe('content.not_found');
  });

  it('defaults to a draft with an empty body', async () => {
    const res = await app.api.post('/contents', { title: 'Bare' }, { token: member.accessToken });
    expect(res.body).toMatchObject({ body: '', status: 'draft' });
  });

  it('pages the list newest first', async () => {
    for (const title of ['a', 'b', 'c']) await app.api.post('/contents', { title }, { token: member.accessToken });
    const first = await app.api.get('/contents?limit=2', { token: viewer.accessToken });
    expect(first.body.items.map((c: { title: string }) => c.title)).toEqual(['c', 'b']);
    const second = await app.api.get(`/contents?limit=2&cursor=${first.body.nextCursor}`, { token: viewer.accessToken });
    expect(second.body.items[0].title).toBe('a');
  });

  it('refuses a limit of 0 with 400 validation.failed naming limit', async () => {
    const res = await app.api.get('/contents?limit=0', { token: member.accessToken });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
  });

  it.each([
    ['an id that is not a UUID', ['2026-11-23T10:00:00.000Z', 'not-a-uuid']],
    ['a time PostgreSQL cannot hold', ['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']],
  ])('refuses a forged cursor holding %s with 400 validation.failed, not a 500', async (_label, forged) => {
    const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
    const res = await app.api.get(`/contents?cursor=${cursor}`, { token: member.accessToken });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details).toEqual([{ field: 'cursor', message: 'cursor is not valid' }]);
  });

  it('does not let an auditor list or read contents: 403 permission.denied naming contents:read', async () => {
    const { body } = await app.api.post('/contents', { title: 'Not for auditors' }, { token: member.accessToken });
    for (const path of ['/contents', `/contents/${body.id}`]) {
      const res = await app.api.get(path, { token: auditor.accessToken });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('permission.denied');
      expect(res.body.details).toEqual([{ required: 'contents:read' }]);
    }
  });

  it('lets a viewer read but not write or delete', async () => {
    const { body } = await app.api.post('/contents', { title: 'Read me' }, { token: member.accessToken });
    expect((await app.api.get(`/contents/${body.id}`, { token: viewer.accessToken })).status).toBe(200);
    const write = await app.api.post('/contents', { title: 'No' }, { token: viewer.accessToken });
    expect(write.status).toBe(403);
    expect(write.body.details).toEqual([{ required: 'contents:write' }]);
    const patch = await app.api.patch(`/contents/${body.id}`, { title: 'No' }, { token: viewer.accessToken });
    expect(patch.body.details).toEqual([{ required: 'contents:write' }]);
    const remove = await app.api.delete(`/contents/${body.id}`, { token: viewer.accessToken });
    expect(remove.body.details).toEqual([{ required: 'contents:delete' }]);
  });

  it('validates title and status', async () => {
    const res = await app.api.post('/contents', { title: '', status: 'secret' }, { token: member.accessToken });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['status', 'title']);
  });

  it('refuses an update to an unknown status with 400 validation.failed and changes nothing', async () => {
    const { body } = await app.api.post('/contents', { title: 'Stays a draft' }, { token: member.accessToken });
    const res = await app.api.patch(`/contents/${body.id}`, { status: 'secret' }, { token: member.accessToken });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['status']);
    expect((await app.api.get(`/contents/${body.id}`, { token: member.accessToken })).body.status).toBe('draft');
  });

  it('answers unknown and malformed ids with 404 content.not_found', async () => {
    for (const [method, path] of [
      ['GET', '/contents/00000000-0000-4000-8000-000000000000'],
      ['PATCH', '/contents/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/contents/00000000-0000-4000-8000-000000000000'],
      ['GET', '/contents/123'],
    ]) {
      const res = await app.api.request(method, path, method === 'PATCH' ? { title: 'x' } : undefined, { token: member.accessToken });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('content.not_found');
    }
  });

  it('needs a principal', async () => {
    expect((await app.api.get('/contents')).body.code).toBe('auth.required');
  });
});
