import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { adminAndUser, createKey, type Session } from './helpers/factories.js';

let app: TestApp;
let admin: Session;
let user: Session;

beforeAll(async () => {
  app = await startTestApp();
  ({ admin, user } = await adminAndUser(app));
});
afterAll(() => app?.close());

describe('management events record the status the route answered with', () => {
  it('records role.created 201, role.updated 200 and role.deleted 204, each with where the caller came from', async () => {
    const as = { token: admin.accessToken, headers: { 'user-agent': 'caller-audit-spec' } };
    expect((await app.api.post('/roles', { name: 'editor-x', permissions: ['contents:read'] }, as)).status).toBe(201);
    expect((await app.api.patch('/roles/editor-x', { description: 'edited' }, as)).status).toBe(200);
    expect((await app.api.delete('/roles/editor-x', as)).status).toBe(204);
    const statuses = await Promise.all(
      ['role.created', 'role.updated', 'role.deleted'].map(async (type) => {
        const [event] = await awaitAuditEvents(app, type, { userId: admin.user.id }, 1, (e) => e.details.role === 'editor-x');
        return [type, event.statusCode, event.userAgent, event.path];
      }),
    );
    expect(statuses).toEqual([
      ['role.created', 201, 'caller-audit-spec', '/api/v1/roles'],
      ['role.updated', 200, 'caller-audit-spec', '/api/v1/roles/editor-x'],
      ['role.deleted', 204, 'caller-audit-spec', '/api/v1/roles/editor-x'],
    ]);
  });

  it('records user.updated with 200', async () => {
    expect((await app.api.patch(`/users/${user.user.id}`, { name: 'Renamed' }, { token: admin.accessToken })).status).toBe(200);
    const [event] = await awaitAuditEvents(app, 'user.updated', { userId: admin.user.id }, 1, (e) => e.details.after?.name === 'Renamed');
    expect(event.statusCode).toBe(200);
  });

  it('records a key change with its route’s status and a refused one with 403', async () => {
    const key = await createKey(app.api, user.accessToken);
    expect((await app.api.post(`/api-keys/${key.id}/rotate`, {}, { token: admin.accessToken })).status).toBe(403);
    expect((await app.api.delete(`/api-keys/${key.id}`, { token: user.accessToken })).status).toBe(204);
    const [created] = await awaitAuditEvents(app, 'api_key.created', { apiKeyId: key.id });
    const [refused] = await awaitAuditEvents(app, 'permission.denied', { apiKeyId: key.id });
    const [deleted] = await awaitAuditEvents(app, 'api_key.deleted', { apiKeyId: key.id });
    expect([created.statusCode, refused.statusCode, refused.userId, deleted.statusCode]).toEqual([201, 403, admin.user.id, 204]);
  });
});
