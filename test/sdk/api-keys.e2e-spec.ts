import type { ApiKey, Keyward } from '@keyward/sdk';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { register, type Session } from '../helpers/factories.js';
import { newMember, newWorkspace } from '../helpers/workspaces.js';
import { collect, rejectionOf, sdk, signedIn } from './clients.js';

/** The SDK's API-key client against the real service: every call of API.md §5, and walking pages. */
let app: TestApp;
let owner: Session;
let client: Keyward;

beforeAll(async () => {
  // 260 keys of one user, past the default cap of 100
  app = await startTestApp({ env: { MAX_KEYS_PER_USER: '1000' } });
  owner = await register(app.api);
  client = signedIn(app, owner);
});
afterAll(() => app?.close());

describe('client.apiKeys', () => {
  it('creates a key, shown once, that then authenticates', async () => {
    const created = await client.apiKeys.create({ name: 'deploy bot', scopes: ['contents:read'], metadata: { team: 'ops' } });
    expect(created).toMatchObject({ name: 'deploy bot', scopes: ['contents:read'], metadata: { team: 'ops' }, status: 'active', key: expect.stringMatching(/^kw_[0-9a-f]{8}_/) });
    expect((await sdk(app, { apiKey: created.key }).auth.me()).apiKey?.id).toBe(created.id);
    expect(await client.apiKeys.get(created.id)).not.toHaveProperty('key');
  });

  it('updates, revokes and deletes a key', async () => {
    const created = await client.apiKeys.create({ name: 'temp' });
    expect(await client.apiKeys.update(created.id, { name: 'renamed', active: false })).toMatchObject({ name: 'renamed', status: 'disabled' });
    expect((await client.apiKeys.revoke(created.id)).status).toBe('revoked');
    await expect(client.apiKeys.delete(created.id)).resolves.toBeUndefined();
    expect((await rejectionOf(client.apiKeys.get(created.id))).code).toBe('api_key.not_found');
  });

  it('rotates a key into a new one with the same settings, the old one revoked at once with no grace period', async () => {
    const created = await client.apiKeys.create({ name: 'rotating', rateLimit: 50 });
    const rotated = await client.apiKeys.rotate(created.id, { gracePeriodSeconds: 0 });
    expect(rotated).toMatchObject({ name: 'rotating', rateLimit: 50, rotatedFromId: created.id, key: expect.any(String) });
    expect((await client.apiKeys.get(created.id)).status).toBe('revoked');
  });

  it('reports a key’s usage', async () => {
    const created = await client.apiKeys.create({ name: 'used' });
    await sdk(app, { apiKey: created.key }).contents.list().page();
    const usage = await client.apiKeys.usage(created.id, { granularity: 'day' });
    expect(usage).toEqual({ totals: expect.objectContaining({ requests: expect.any(Number) }), series: expect.any(Array) });
  });

  it('transfers a key to another member of a workspace, and revokes all of a user’s keys', async () => {
    const team = await newWorkspace(app, owner, 'Transfers');
    const member = await newMember(app, owner, team, 'member', 'Heir');
    const scoped = client.workspace(team.slug).apiKeys;
    const created = await scoped.create({ name: 'handed over', scopes: ['contents:read', 'keys:admin'] });
    const transferred = await scoped.transfer(created.id, member.user.id);
    expect(transferred).toMatchObject({ userId: member.user.id, scopes: ['contents:read'], droppedScopes: ['keys:admin'] });
    const memberKeys = signedIn(app, member).workspace(team.slug).apiKeys;
    expect(await memberKeys.revokeAll()).toEqual({ revoked: 1 });
  });

  describe('list', () => {
    let created: ApiKey[];
    let walker: Keyward;

    beforeAll(async () => {
      walker = signedIn(app, await register(app.api));
      const keys = walker.apiKeys;
      created = [];
      // sequentially: the list is newest first, so creation order is the expected order reversed
      for (let i = 0; i < 260; i++) created.push(await keys.create({ name: `key ${i}` }));
      for (const key of created.slice(0, 10)) await keys.revoke(key.id);
    });

    it('walks every page of 250+ keys with for await, newest first', async () => {
      const seen = await collect(walker.apiKeys.list({ limit: 100 }));
      expect(seen.map((key) => key.id)).toEqual(created.map((key) => key.id).reverse());
    });

    it('walks the default page size too, and filters by status', async () => {
      const active = await collect(walker.apiKeys.list({ status: 'active' }));
      expect(active).toHaveLength(250);
      expect(new Set(active.map((key) => key.status))).toEqual(new Set(['active']));
      expect((await collect(walker.apiKeys.list({ status: 'revoked' }))).map((key) => key.id).sort()).toEqual(created.slice(0, 10).map((key) => key.id).sort());
    });

    it('gets one page, and the next from its cursor', async () => {
      const first = await walker.apiKeys.list({ limit: 7 }).page();
      expect(first.items).toHaveLength(7);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await walker.apiKeys.list({ limit: 7, cursor: first.nextCursor! }).page();
      expect(second.items.map((key) => key.id)).toEqual(created.map((key) => key.id).reverse().slice(7, 14));
    });

    it('walks page by page, the last page saying there is none after it', async () => {
      const pages = await collect(walker.apiKeys.list({ limit: 100 }).pages());
      expect(pages.map((page) => page.items.length)).toEqual([100, 100, 60]);
      expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, true]);
    });
  });
});
