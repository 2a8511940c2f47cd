import { NO_QUOTA } from './limits/quota.js';
import { AppError } from '../common/errors/app-error.js';
import { callerOf, successStatusOf } from './caller.decorator.js';
import { type Caller, callerEvent, refusalEvent } from './caller.js';
import type { Principal } from './principal.js';

const user = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.com', name: 'A', roles: [], active: true, createdAt: new Date(0), twoFactorEnabled: false };
const context = { ip: '203.0.113.9', userAgent: 'spec', method: 'PATCH', path: '/api/v1/x' };

function withHttpCode(code?: number): object {
  const handler = () => undefined;
  if (code !== undefined) Reflect.defineMetadata('__httpCode__', code, handler);
  return handler;
}

describe('successStatusOf', () => {
  it('takes a handler’s @HttpCode, else 201 for POST and 200 for anything else, as Nest answers', () => {
    expect(successStatusOf(withHttpCode(204), 'DELETE')).toBe(204);
    expect(successStatusOf(withHttpCode(200), 'POST')).toBe(200);
    expect(successStatusOf(withHttpCode(), 'POST')).toBe(201);
    expect(successStatusOf(withHttpCode(), 'PATCH')).toBe(200);
  });
});

describe('callerOf', () => {
  it('works the request context out only when asked, once', () => {
    let reads = 0;
    const request = { ip: '203.0.113.9', method: 'GET', url: '/api/v1/x?apikey=kw_secret', headers: { 'user-agent': 'spec' } };
    Object.defineProperty(request, 'url', { get: () => (reads++, '/api/v1/x?apikey=kw_secret') });
    const caller = callerOf(request as never, withHttpCode());
    expect(reads).toBe(0);
    expect(caller.context.path).not.toContain('kw_secret');
    expect(caller.context).toBe(caller.context);
    expect(reads).toBe(1);
    expect(caller.principal).toBeNull();
  });
});

describe('callerEvent and refusalEvent', () => {
  const keyPrincipal: Principal = {
    user,
    authMethod: 'api_key',
    permissions: [],
    apiKey: { id: '00000000-0000-4000-8000-00000000000a', name: 'k', keyPrefix: 'kw_0000000a', scopes: [], rateLimit: 1, expiresAt: null, workspaceId: '00000000-0000-4000-8000-0000000000ff', quota: NO_QUOTA },
  };
  const caller: Caller = { principal: keyPrincipal, context, successStatus: 204 };

  it('records who (user and key), from where, and the route’s success status', () => {
    expect(callerEvent(caller, { type: 'role.deleted', details: { role: 'r' } })).toEqual({
      userId: user.id,
      apiKeyId: keyPrincipal.apiKey.id,
      keyPrefix: 'kw_0000000a',
      ...context,
      statusCode: 204,
      type: 'role.deleted',
      details: { role: 'r' },
    });
  });

  it('lets the event name the key it is about over the caller’s own', () => {
    expect(callerEvent(caller, { type: 'api_key.revoked', apiKeyId: 'other', keyPrefix: 'kw_other' })).toMatchObject({ apiKeyId: 'other', keyPrefix: 'kw_other' });
  });

  it('records a refusal with the status of the error the caller gets', () => {
    const error = new AppError('permission.denied');
    expect(refusalEvent(caller, error, { type: 'permission.denied' }).statusCode).toBe(403);
  });

  it('records an anonymous caller’s event about the user it names', () => {
    const event = refusalEvent({ principal: null, context, successStatus: 200 }, new AppError('auth.invalid_credentials'), { type: 'auth.login_failed', userId: null });
    expect(event).toEqual({ ...context, statusCode: 401, type: 'auth.login_failed', userId: null });
  });
});
