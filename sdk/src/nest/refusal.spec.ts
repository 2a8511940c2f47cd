import { ERROR_CATALOGUE } from '../../../src/common/errors/error-codes.js';
import { GUARD_MESSAGES, refusalOf, refusalOfVerdict, statusOfRefusal } from './refusal.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');

describe('the refusals of the guard', () => {
  it("use Keyward's own status and message for every code they answer with", () => {
    const codes = Object.keys(GUARD_MESSAGES) as Array<keyof typeof GUARD_MESSAGES>;
    expect(codes.map((code) => [code, statusOfRefusal(code), GUARD_MESSAGES[code]])).toEqual(codes.map((code) => [code, ERROR_CATALOGUE[code].status, ERROR_CATALOGUE[code].message]));
  });

  it('answer in the one error shape of API.md §1', () => {
    expect(refusalOf('api_key.revoked', '/orders', NOW)).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'api_key.revoked', message: 'API key has been revoked', path: '/orders', timestamp: '2026-11-23T10:00:00.000Z' },
    });
  });

  it('name the permissions a key lacks as details', () => {
    const refusal = refusalOfVerdict({ valid: false, code: 'permission.denied', missing: ['orders:write'] }, '/orders', NOW);
    expect([refusal.status, refusal.body.details]).toEqual([403, [{ required: 'orders:write' }]]);
  });

  it("say when a spent limit resets, at least a second ahead", () => {
    expect(refusalOfVerdict({ valid: false, code: 'rate_limit.exceeded', rateLimit: { limit: 1, remaining: 0, reset: 1800 } }, '/orders', NOW)).toMatchObject({ status: 429, retryAfter: 1800 });
    expect(refusalOfVerdict({ valid: false, code: 'rate_limit.exceeded', rateLimit: { limit: 1, remaining: 0, reset: 0 } }, '/orders', NOW).retryAfter).toBe(1);
  });

  it('refuse a key with any other code as one that does not authenticate', () => {
    expect(refusalOfVerdict({ valid: false, code: 'workspace.not_found' }, '/orders', NOW)).toMatchObject({ status: 401, body: { code: 'workspace.not_found', message: 'API key refused' } });
  });
});
