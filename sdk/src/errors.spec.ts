import { KeywardError, keywardErrorOf } from './errors.js';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const body = { statusCode: 429, code: 'rate_limit.exceeded', message: 'Rate limit exceeded', path: '/api/v1/contents', timestamp: '2026-11-23T10:00:00.000Z' };

describe('keywardErrorOf', () => {
  it("carries the body's code, message, details and path, and the status", () => {
    const details = [{ field: 'name', message: 'name must be shorter' }];
    const error = keywardErrorOf(400, { ...body, statusCode: 400, code: 'validation.failed', message: 'Request validation failed', details }, null, NOW);
    expect(error).toBeInstanceOf(KeywardError);
    expect(error).toBeInstanceOf(Error);
    expect({ name: error.name, status: error.status, code: error.code, message: error.message, details: error.details, path: error.path, retryAfter: error.retryAfter }).toEqual({
      name: 'KeywardError',
      status: 400,
      code: 'validation.failed',
      message: 'Request validation failed',
      details,
      path: '/api/v1/contents',
      retryAfter: undefined,
    });
  });

  it('gives retryAfter in whole seconds from delay-seconds or an HTTP-date', () => {
    expect(keywardErrorOf(429, body, '42', NOW).retryAfter).toBe(42);
    expect(keywardErrorOf(429, body, 'Mon, 23 Nov 2026 10:00:01 GMT', NOW).retryAfter).toBe(1);
  });

  it('gives an empty details list when the body has none', () => {
    expect(keywardErrorOf(429, body, null, NOW).details).toEqual([]);
  });

  it('names a status without an error body by what it means', () => {
    expect([502, 503, 504, 429, 404, 500, 418].map((status) => keywardErrorOf(status, null, null, NOW).code)).toEqual([
      'service.unavailable',
      'service.unavailable',
      'service.unavailable',
      'rate_limit.exceeded',
      'not_found',
      'internal.error',
      'internal.error',
    ]);
    expect(keywardErrorOf(502, '<html>Bad gateway</html>', null, NOW).message).toBe('Keyward answered 502 without an error body');
  });
});

describe('KeywardError.is', () => {
  it('tells a KeywardError, and one with a given code, from anything else', () => {
    const error = keywardErrorOf(401, { ...body, statusCode: 401, code: 'api_key.revoked', message: 'API key has been revoked' }, null, NOW);
    expect(KeywardError.is(error)).toBe(true);
    expect(KeywardError.is(error, 'api_key.revoked')).toBe(true);
    expect(KeywardError.is(error, 'api_key.expired')).toBe(false);
    expect(KeywardError.is(new Error('x'))).toBe(false);
  });
});
