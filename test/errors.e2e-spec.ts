import { startTestApp, type TestApp } from './helpers/app.js';
import { register } from './helpers/factories.js';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  token = (await register(app.api)).accessToken;
});
afterAll(() => app?.close());

function expectErrorShape(body: any, statusCode: number, code: string, path: string) {
  expect(body).toEqual({
    statusCode,
    code,
    message: expect.any(String),
    path,
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    ...(body.details ? { details: expect.any(Array) } : {}),
  });
}

describe('every error has the contract shape and code', () => {
  it('answers an unknown route with 404 not_found', async () => {
    const res = await app.api.get('/no-such-route');
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 404, 'not_found', '/api/v1/no-such-route');
  });

  it('answers an unknown route outside the API prefix with 404 not_found too', async () => {
    const res = await fetch(`${app.url}/wp-login.php`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('not_found');
  });

  it('answers malformed JSON with 400 validation.failed', async () => {
    const res = await app.api.post('/auth/login', undefined, { raw: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'validation.failed', '/api/v1/auth/login');
    expect(res.body.message).toBe('Request body is not valid JSON');
  });

  it('answers a body that is not JSON with 415 request.unsupported_media_type', async () => {
    const res = await app.api.post('/auth/login', undefined, { raw: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expectErrorShape(res.body, 415, 'request.unsupported_media_type', '/api/v1/auth/login');
    const text = await app.api.post('/auth/login', undefined, { raw: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });

  it('answers a body over 1 MiB with 413 request.too_large', async () => {
    const res = await app.api.post('/contents', { title: 'big', body: 'x'.repeat(1024 * 1024 + 10) }, { token });
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 413, 'request.too_large', '/api/v1/contents');
  });

  it('answers unknown fields with 400 validation.failed and details', async () => {
    const res = await app.api.post('/contents', { title: 't', colour: 'red' }, { token });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'validation.failed', '/api/v1/contents');
    expect(res.body.details).toEqual([{ field: 'colour', message: 'property colour should not exist' }]);
  });

  it('answers a path id that is not a UUID with the resource 404', async () => {
    const content = await app.api.get('/contents/not-a-uuid', { token });
    expect(content.status).toBe(404);
    expectErrorShape(content.body, 404, 'content.not_found', '/api/v1/contents/not-a-uuid');
    const user = await app.api.get("/users/1' OR '1'='1", { token });
    expect(user.status).toBe(404);
    expect(user.body.code).toBe('user.not_found');
  });

  it('answers an unexpected failure with 500 internal.error and leaks no SQL or stack', async () => {
    await app.db.query('ALTER TABLE contents RENAME TO contents_hidden');
    try {
      const res = await app.api.get('/contents', { token });
      expect(res.status).toBe(500);
      expectErrorShape(res.body, 500, 'internal.error', '/api/v1/contents');
      expect(res.body.message).toBe('Internal server error');
      expect(JSON.stringify(res.body)).not.toMatch(/select|contents_hidden|relation|at .*\.js/i);
    } finally {
      await app.db.query('ALTER TABLE contents_hidden RENAME TO contents');
    }
  });

  it('keeps the query string, which may carry a key, out of the error path', async () => {
    const res = await app.api.get('/no-such-route?apikey=kw_secret');
    expect(res.body.path).toBe('/api/v1/no-such-route');
  });
});
