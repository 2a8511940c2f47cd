import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KeywardGuardOptions } from '@keyward/sdk/nest';
import { createOrdersApp } from '../../sdk/examples/nest-orders/src/orders-app.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createKey, type CreatedKey, madeUpKey, msUntil, register } from '../helpers/factories.js';
import { freePort } from '../helpers/ports.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from '../helpers/workspaces.js';
import { sdk } from './clients.js';

/**
 * sdk/examples/nest-orders — another NestJS service whose routes need orders:read / orders:write —
 * guarded by @keyward/sdk/nest against the real Keyward. Keyward holds custom permissions like any
 * other: a key (or a custom workspace role) names orders:read, and verify checks it.
 */
const CACHE_TTL_MS = 1000;

let keyward: TestApp;
let owner: WorkspaceSession;
let shop: TestWorkspace;
let serviceKey: CreatedKey;
const started: NestFastifyApplication[] = [];

async function ordersService(options: Partial<KeywardGuardOptions> = {}): Promise<string> {
  const app = await createOrdersApp({ baseUrl: keyward.url, serviceKey: serviceKey.key, cacheTtlMs: CACHE_TTL_MS, ...options });
  started.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

const call = async (base: string, method: 'GET' | 'POST', key?: string, body?: unknown) => {
  const headers: Record<string, string> = { ...(key !== undefined && { 'x-api-key': key }), ...(body !== undefined && { 'content-type': 'application/json' }) };
  const response = await fetch(`${base}/orders`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any, retryAfter: response.headers.get('retry-after') };
};

const keyFor = (scopes: string[], extra: Record<string, unknown> = {}) => createKey(keyward.api, as(owner), { scopes, ...extra });

let orders: string;

beforeAll(async () => {
  keyward = await startTestApp();
  const first = await register(keyward.api, { name: 'Shop Owner' });
  shop = await newWorkspace(keyward, first, 'Shop');
  owner = calling(first, shop);
  serviceKey = await keyFor(['keys:verify'], { name: 'orders service' });
  orders = await ordersService();
});
afterAll(async () => {
  for (const app of started) await app.close();
  await keyward?.close();
});

describe('the nest-orders example behind KeywardGuard', () => {
  it('answers a key holding orders:read with the orders and who the key belongs to', async () => {
    const reader = await keyFor(['orders:read']);
    expect(await call(orders, 'GET', reader.key)).toEqual({
      status: 200,
      body: { owner: { id: owner.user.id, email: owner.user.email, name: 'Shop Owner' }, orders: [] },
      retryAfter: null,
    });
  });

  it('lets a key holding orders:write place an order in its owner’s name', async () => {
    const writer = await keyFor(['orders:read', 'orders:write']);
    const placed = await call(orders, 'POST', writer.key, { item: 'tea', quantity: 2 });
    expect([placed.status, placed.body]).toEqual([201, { id: expect.any(Number), item: 'tea', quantity: 2, placedBy: owner.user.id }]);
    expect((await call(orders, 'GET', writer.key)).body.orders).toContainEqual(placed.body);
  });

  it('refuses a key without orders:write with 403 permission.denied naming it, in Keyward’s error shape', async () => {
    const reader = await keyFor(['orders:read']);
    const refused = await call(orders, 'POST', reader.key, { item: 'tea' });
    expect(refused).toEqual({
      status: 403,
      body: { statusCode: 403, code: 'permission.denied', message: 'Permission denied', details: [{ required: 'orders:write' }], path: '/orders', timestamp: expect.any(String) },
      retryAfter: null,
    });
  });

  it('refuses a request without a key with 401 auth.required, and a made-up key with 401 api_key.invalid', async () => {
    expect([(await call(orders, 'GET')).status, (await call(orders, 'GET')).body.code]).toEqual([401, 'auth.required']);
    const madeUp = await call(orders, 'GET', await madeUpKey());
    expect([madeUp.status, madeUp.body.code, madeUp.body.message]).toEqual([401, 'api_key.invalid', 'API key is invalid']);
  });

  it('admits a member whose custom workspace role holds orders:read, and only to read', async () => {
    await keyward.api.post(`/workspaces/${shop.slug}/roles`, { name: 'clerk', permissions: ['orders:read', 'keys:read', 'keys:write'] }, as(owner));
    const clerk = await newMember(keyward, owner, shop, 'clerk', 'Clerk');
    const clerkKey = await createKey(keyward.api, as(clerk)); // default scopes: what the role holds, orders:read among them
    expect((await call(orders, 'GET', clerkKey.key)).body.owner.id).toBe(clerk.user.id);
    expect((await call(orders, 'POST', clerkKey.key, { item: 'tea' })).body.code).toBe('permission.denied');
  });

  it('refuses a revoked key within the cache bound, having served it from the cache until then', async () => {
    const reader = await keyFor(['orders:read']);
    const verifiedAt = Date.now();
    expect((await call(orders, 'GET', reader.key)).status).toBe(200);
    expect((await keyward.api.post(`/api-keys/${reader.id}/revoke`, undefined, as(owner))).status).toBe(200);
    expect((await call(orders, 'GET', reader.key)).status).toBe(200); // the cached answer, inside its TTL
    const refusedAfter = await msUntil(async () => (await call(orders, 'GET', reader.key)).status === 401, 5000);
    expect(Date.now() - verifiedAt).toBeLessThan(CACHE_TTL_MS + 1000);
    expect(refusedAfter).toBeLessThan(Infinity);
    expect((await call(orders, 'GET', reader.key)).body.code).toBe('api_key.revoked');
  });

  it('answers 429 with Retry-After once the key’s rate limit is spent, counting the uses served from the cache', async () => {
    const limited = await keyFor(['orders:read'], { rateLimit: 2 });
    expect((await call(orders, 'GET', limited.key)).status).toBe(200); // verified: 1 left
    expect((await call(orders, 'GET', limited.key)).status).toBe(200); // from the cache: the last one
    const refused = await call(orders, 'GET', limited.key);
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([429, 'rate_limit.exceeded', 'Rate limit exceeded']);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);
  });

  it('answers 429 for a key Keyward already counts as spent', async () => {
    const spent = await keyFor(['orders:read'], { rateLimit: 1 });
    await sdk(keyward, { apiKey: serviceKey.key }).keys.verify(spent.key);
    const refused = await call(orders, 'GET', spent.key);
    expect([refused.status, refused.body.code]).toEqual([429, 'rate_limit.exceeded']);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  });

  it('fails closed with 503 service.unavailable when Keyward cannot be reached', async () => {
    const stranded = await ordersService({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    const reader = await keyFor(['orders:read']);
    const refused = await call(stranded, 'GET', reader.key);
    expect([refused.status, refused.body.code]).toEqual([503, 'service.unavailable']);
  });
});
