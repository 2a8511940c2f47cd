import type { TestApp } from '../helpers/app.js';
import { awaitAuditEvents } from '../helpers/audit.js';
import { createKey, register } from '../helpers/factories.js';

// Data the journeys set up through the API, so the pages show what real use looks like.

/** A realistic key list around the journey's key: one in use, one disabled, one not valid yet. */
export async function seedOtherKeys(app: TestApp, who: { email: string; password: string }): Promise<void> {
  const { accessToken: token } = (await app.api.post('/auth/login', { email: who.email, password: who.password })).body;
  const billing = await createKey(app.api, token, { name: 'Billing worker', description: 'Syncs invoices nightly', scopes: ['contents:read', 'contents:write'], rateLimit: 5000 });
  expect((await app.api.get('/contents', { apiKey: billing.key })).status).toBe(200);
  const smoke = await createKey(app.api, token, { name: 'Staging smoke tests', scopes: ['contents:read'] });
  expect((await app.api.patch(`/api-keys/${smoke.id}`, { active: false }, { token })).status).toBe(200);
  await createKey(app.api, token, { name: 'Partner import', validFrom: new Date(Date.now() + 3 * 86_400_000).toISOString(), rateLimit: 200 });
}

/** Another user's key, used, revoked and then presented again (which the detectors flag). */
export async function keyActivityOfAnotherUser(app: TestApp, password: string): Promise<{ keyId: string; keyPrefix: string }> {
  const sam = await register(app.api, { email: 'sam@acme.test', name: 'Sam', password });
  const key = await createKey(app.api, sam.accessToken, { name: 'Reporting export', scopes: ['contents:read'] });
  expect((await app.api.get('/contents', { apiKey: key.key })).status).toBe(200);
  expect((await app.api.post(`/api-keys/${key.id}/revoke`, undefined, { token: sam.accessToken })).status).toBe(200);
  expect((await app.api.get('/contents', { apiKey: key.key })).body.code).toBe('api_key.revoked');
  await awaitAuditEvents(app, 'suspicious.revoked_key_used', { apiKeyId: key.id });
  return { keyId: key.id, keyPrefix: key.keyPrefix };
}
