import type { Keyward } from '@keyward/sdk';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createKey, type CreatedKey, register } from '../helpers/factories.js';
import { as, calling, newWorkspace, type WorkspaceSession } from '../helpers/workspaces.js';
import { rejectionOf, sdk } from './clients.js';

/** client.keys.verify (API.md §12) with a service key holding keys:verify. */
let app: TestApp;
let owner: WorkspaceSession;
let service: Keyward;

beforeAll(async () => {
  app = await startTestApp();
  const first = await register(app.api, { name: 'Owner' });
  owner = calling(first, await newWorkspace(app, first, 'Shop'));
  service = sdk(app, { apiKey: (await createKey(app.api, as(owner), { name: 'orders service', scopes: ['keys:verify'] })).key });
});
afterAll(() => app?.close());

describe('client.keys.verify', () => {
  let client: CreatedKey;
  beforeAll(async () => {
    client = await createKey(app.api, as(owner), { scopes: ['orders:read'], metadata: { plan: 'gold' } });
  });

  it('answers a valid key with its owner, permissions and rate limit', async () => {
    expect(await service.keys.verify(client.key, { permissions: ['orders:read'] })).toMatchObject({
      valid: true,
      keyId: client.id,
      owner: { id: owner.user.id, name: 'Owner' },
      permissions: ['orders:read'],
      rateLimit: { limit: 1000, remaining: expect.any(Number) },
      metadata: { plan: 'gold' },
    });
  });

  it('answers a missing permission as valid:false permission.denied with what is missing, not as an error', async () => {
    expect(await service.keys.verify(client.key, { permissions: ['orders:write'] })).toMatchObject({ valid: false, code: 'permission.denied', missing: ['orders:write'] });
  });

  it('answers a revoked key as valid:false api_key.revoked', async () => {
    const revoked = await createKey(app.api, as(owner));
    await app.api.post(`/api-keys/${revoked.id}/revoke`, undefined, as(owner));
    expect(await service.keys.verify(revoked.key)).toEqual({ valid: false, code: 'api_key.revoked' });
  });

  it('fails with a KeywardError when the calling key may not verify', async () => {
    const refused = await rejectionOf(sdk(app, { apiKey: client.key }).keys.verify(client.key));
    expect([refused.status, refused.code, refused.details]).toEqual([403, 'permission.denied', [{ required: 'keys:verify' }]]);
  });
});
