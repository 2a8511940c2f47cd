import type { Keyward } from '@keyward/sdk';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createKey, register } from '../helpers/factories.js';
import { collect, rejectionOf, sdk } from './clients.js';

/** The SDK's contents client with an API key, as a client of a protected resource would use it. */
let app: TestApp;
let writer: Keyward;
let reader: Keyward;

beforeAll(async () => {
  app = await startTestApp();
  const user = await register(app.api);
  writer = sdk(app, { apiKey: (await createKey(app.api, user.accessToken, { scopes: ['contents:read', 'contents:write', 'contents:delete'] })).key });
  reader = sdk(app, { apiKey: (await createKey(app.api, user.accessToken, { scopes: ['contents:read'] })).key });
});
afterAll(() => app?.close());

describe('client.contents', () => {
  it('creates, reads, updates, lists and deletes contents with a key', async () => {
    const created = await writer.contents.create({ title: 'Draft', body: 'text' });
    expect(created).toMatchObject({ title: 'Draft', body: 'text', status: 'draft' });
    expect((await writer.contents.update(created.id, { status: 'published' })).status).toBe('published');
    expect(await reader.contents.get(created.id)).toMatchObject({ id: created.id, status: 'published' });
    expect((await collect(reader.contents.list({ limit: 1 }))).map((content) => content.id)).toContain(created.id);
    await writer.contents.delete(created.id);
    expect((await rejectionOf(reader.contents.get(created.id))).code).toBe('content.not_found');
  });

  it("refuses what the key's scopes do not cover", async () => {
    const refused = await rejectionOf(reader.contents.create({ title: 'Nope' }));
    expect([refused.status, refused.code, refused.details]).toEqual([403, 'permission.denied', [{ required: 'contents:write' }]]);
  });

  it('answers ping with {pong: true}', async () => {
    expect(await sdk(app).ping()).toEqual({ pong: true });
  });
});
