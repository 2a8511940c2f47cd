import { KeywardError, type KeywardErrorCode } from '@keyward/sdk';
import type { ErrorCode } from '../../src/common/errors/error-codes.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createKey, register, type Session } from '../helpers/factories.js';
import { rejectionOf, sdk, signedIn } from './clients.js';

/** KeywardError against the real service: status, the §1 code, message, details and retryAfter. */
let app: TestApp;
let user: Session;

beforeAll(async () => {
  app = await startTestApp();
  user = await register(app.api);
});
afterAll(() => app?.close());

// Fails `npm run typecheck` when the SDK's codes and the server's catalogue differ, either way.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameCatalogue: Equals<KeywardErrorCode, ErrorCode> = true;

describe('KeywardError', () => {
  it("names the server's error catalogue as its codes", () => {
    expect(sameCatalogue).toBe(true);
  });

  it('carries 401 api_key.revoked with its message and path', async () => {
    const key = await createKey(app.api, user.accessToken);
    await signedIn(app, user).apiKeys.revoke(key.id);
    const error = await rejectionOf(sdk(app, { apiKey: key.key }).contents.list().page());
    expect(error).toBeInstanceOf(KeywardError);
    expect({ status: error.status, code: error.code, message: error.message, details: error.details, path: error.path }).toEqual({
      status: 401,
      code: 'api_key.revoked',
      message: 'API key has been revoked',
      details: [],
      path: '/api/v1/contents',
    });
  });

  it('carries 400 validation.failed with a detail per field', async () => {
    const error = await rejectionOf(signedIn(app, user).apiKeys.create({ name: 'x', rateLimit: -1 }));
    expect([error.status, error.code]).toEqual([400, 'validation.failed']);
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'rateLimit', message: expect.any(String) })]));
  });

  it('carries 403 auth.jwt_required for key management with a key, and 401 auth.required without credentials', async () => {
    const key = await createKey(app.api, user.accessToken, { scopes: ['contents:read'] });
    const denied = await rejectionOf(sdk(app, { apiKey: key.key }).apiKeys.list().page());
    expect([denied.status, denied.code]).toEqual([403, 'auth.jwt_required']);
    const anonymous = await rejectionOf(sdk(app).contents.list().page());
    expect([anonymous.status, anonymous.code]).toEqual([401, 'auth.required']);
  });

  it('carries 429 rate_limit.exceeded with retryAfter in seconds, handed over at once rather than slept through', async () => {
    const key = await createKey(app.api, user.accessToken, { rateLimit: 1 });
    const client = sdk(app, { apiKey: key.key, retry: {} }); // retries on: the hour-long Retry-After is past their budget
    await client.contents.list().page();
    const started = Date.now();
    const limited = await rejectionOf(client.contents.list().page());
    expect(Date.now() - started).toBeLessThan(2000);
    expect([limited.status, limited.code]).toEqual([429, 'rate_limit.exceeded']);
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(limited.retryAfter).toBeLessThanOrEqual(3600);
  });
});
