import { jest } from '@jest/globals';
import { createApiClient, filenameFrom, scopedToWorkspace, type SessionAccess } from './api-client';
import { ApiError, errorLines, NETWORK_ERROR_CODE } from './api-error';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const tokenInvalid = () =>
  json(401, { statusCode: 401, code: 'auth.token_invalid', message: 'Token is invalid or expired', path: '/api/v1/api-keys', timestamp: 'now' });

function fakeSession(token: string | null, renewTo: string | null = 'fresh-token') {
  let current = token;
  const session: SessionAccess & { renewals: number } = {
    renewals: 0,
    accessToken: () => current,
    renewAfterUnauthorized: async () => {
      session.renewals += 1;
      if (renewTo === null) return false;
      current = renewTo;
      return true;
    },
  };
  return session;
}

const authHeader = (call: unknown[]) => ((call[1] as RequestInit).headers as Record<string, string>).Authorization;

describe('createApiClient', () => {
  it('sends the bearer token and JSON body under /api/v1', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockResolvedValue(json(201, { id: 'k1' }));
    const api = createApiClient(fakeSession('t1'), fetch);

    await expect(api.request('/api-keys', { method: 'POST', body: { name: 'ci' } })).resolves.toEqual({ id: 'k1' });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/api-keys');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"name":"ci"}');
    expect(init.headers).toEqual({ Authorization: 'Bearer t1', 'Content-Type': 'application/json' });
  });

  it('names the workspace in X-Workspace only when asked to', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockImplementation(async () => json(200, { items: [], nextCursor: null }));
    const api = createApiClient(fakeSession('t1'), fetch);

    await api.request('/api-keys', { workspace: 'acme' });
    await api.request('/api-keys');

    expect(fetch.mock.calls[0][1].headers).toEqual({ Authorization: 'Bearer t1', 'X-Workspace': 'acme' });
    expect(fetch.mock.calls[1][1].headers).toEqual({ Authorization: 'Bearer t1' });
  });

  it('leaves blank query values out of the URL', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockResolvedValue(json(200, { items: [], nextCursor: null }));
    await createApiClient(fakeSession('t'), fetch).request('/audit-logs', { query: { type: '', severity: 'critical', cursor: undefined, limit: 50 } });
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/audit-logs?severity=critical&limit=50');
  });

  it('resolves a 204 to undefined', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockResolvedValue(new Response(null, { status: 204 }));
    await expect(createApiClient(fakeSession('t'), fetch).request('/api-keys/1', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('throws the API error with its code, message and details', async () => {
    const body = { statusCode: 400, code: 'validation.failed', message: 'Validation failed', details: [{ field: 'name', message: 'name is too long' }] };
    const api = createApiClient(fakeSession('t'), jest.fn<(...args: any[]) => any>().mockResolvedValue(json(400, body)));

    const error = await api.request('/api-keys', { method: 'POST', body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation.failed', message: 'Validation failed' });
    expect(errorLines(error)).toEqual(['name is too long']);
  });

  it('turns a non-JSON failure into a readable message', async () => {
    const api = createApiClient(fakeSession('t'), jest.fn<(...args: any[]) => any>().mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 })));
    await expect(api.request('/api-keys')).rejects.toMatchObject({ status: 502, message: 'Request failed (HTTP 502)' });
  });

  it('turns a failed fetch into a network error', async () => {
    const api = createApiClient(fakeSession('t'), jest.fn<(...args: any[]) => any>().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.request('/api-keys')).rejects.toMatchObject({ code: NETWORK_ERROR_CODE });
  });

  it('lets an abort through untouched so callers can ignore it', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    const api = createApiClient(fakeSession('t'), jest.fn<(...args: any[]) => any>().mockRejectedValue(abort));
    await expect(api.request('/api-keys')).rejects.toBe(abort);
  });

  it('renews the session once after a 401 and retries with the new token', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockResolvedValueOnce(tokenInvalid()).mockResolvedValueOnce(json(200, { items: [] }));
    const session = fakeSession('stale-token');

    await expect(createApiClient(session, fetch).request('/api-keys')).resolves.toEqual({ items: [] });

    expect(session.renewals).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(authHeader(fetch.mock.calls[0])).toBe('Bearer stale-token');
    expect(authHeader(fetch.mock.calls[1])).toBe('Bearer fresh-token');
  });

  it('retries only once when the retry is refused too', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockImplementation(async () => tokenInvalid());
    const session = fakeSession('stale-token');

    await expect(createApiClient(session, fetch).request('/api-keys')).rejects.toMatchObject({ code: 'auth.token_invalid' });

    expect(session.renewals).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not retry when the session cannot be renewed', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockImplementation(async () => tokenInvalid());
    const session = fakeSession('stale-token', null);

    await expect(createApiClient(session, fetch).request('/api-keys')).rejects.toMatchObject({ status: 401 });

    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not try to renew when there was no session to begin with', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockImplementation(async () => tokenInvalid());
    const session = fakeSession(null);

    await expect(createApiClient(session, fetch).request('/api-keys')).rejects.toMatchObject({ status: 401 });

    expect(session.renewals).toBe(0);
  });

  it('shows a wrong two-factor code as such: no renewal, no second try with the same code', async () => {
    const wrongCode = json(401, { statusCode: 401, code: 'auth.mfa_invalid', message: 'The two-factor code or sign-in step is wrong, used or expired' });
    const fetch = jest.fn<(...args: any[]) => any>().mockResolvedValue(wrongCode);
    const session = fakeSession('t');

    await expect(createApiClient(session, fetch).request('/auth/2fa/enable', { method: 'POST', body: { code: '000000' } })).rejects.toMatchObject({
      status: 401,
      code: 'auth.mfa_invalid',
    });

    expect(session.renewals).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends a public request that carries its own credential without the session, and does not renew after its 401', async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockImplementation(async () => tokenInvalid());
    const session = fakeSession('t');

    await expect(createApiClient(session, fetch).request('/auth/password-reset', { method: 'POST', body: { token: 'kwpr_x' }, anonymous: true })).rejects.toMatchObject({ status: 401 });

    expect(authHeader(fetch.mock.calls[0])).toBeUndefined();
    expect(session.renewals).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not renew on a 403', async () => {
    const forbidden = json(403, { statusCode: 403, code: 'permission.denied', message: 'Permission denied', details: [{ required: 'audit:read' }] });
    const session = fakeSession('t');
    const error = await createApiClient(session, jest.fn<(...args: any[]) => any>().mockResolvedValue(forbidden)).request('/audit-logs/verify').catch((e: unknown) => e);

    expect(session.renewals).toBe(0);
    expect(errorLines(error)).toEqual(['Permission denied (requires audit:read)']);
  });

  it('downloads a body as a Blob with the server-suggested file name', async () => {
    const response = new Response('{"a":1}\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="audit.ndjson"' } });
    const file = await createApiClient(fakeSession('t'), jest.fn<(...args: any[]) => any>().mockResolvedValue(response)).download('/audit-logs/export', { query: { format: 'ndjson' } });
    expect(await file.blob.text()).toBe('{"a":1}\n');
    expect(file.filename).toBe('audit.ndjson');
  });
});

describe('scopedToWorkspace', () => {
  it("puts every request and download of a workspace's resources under /workspaces/<id>, options untouched", async () => {
    const fetch = jest.fn<(...args: any[]) => any>().mockImplementation(async () => json(200, { items: [], nextCursor: null }));
    const api = scopedToWorkspace(createApiClient(fakeSession('t1'), fetch), 'w 1');

    await api.request('/api-keys', { query: { all: true } });
    await api.download('/audit-logs/export', { query: { format: 'csv' } });

    expect(fetch.mock.calls.map((call) => call[0])).toEqual(['/api/v1/workspaces/w%201/api-keys?all=true', '/api/v1/workspaces/w%201/audit-logs/export?format=csv']);
    expect(fetch.mock.calls[0][1].headers).toEqual({ Authorization: 'Bearer t1' });
  });
});

describe('filenameFrom', () => {
  it('prefers the RFC 5987 encoded name', () => {
    expect(filenameFrom(`attachment; filename="a.csv"; filename*=UTF-8''audit%20log.csv`)).toBe('audit log.csv');
  });

  it('returns null without a header', () => {
    expect(filenameFrom(null)).toBeNull();
  });
});

describe('errorLines', () => {
  it('falls back to a generic line for something that is not an error', () => {
    expect(errorLines('???')).toEqual(['Something went wrong.']);
  });
});
