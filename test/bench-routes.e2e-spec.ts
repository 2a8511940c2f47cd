import { startTestApp, type TestApp } from './helpers/app.js';

describe('the benchmark fixture route', () => {
  let plain: TestApp;
  let bench: TestApp;
  beforeAll(async () => {
    [plain, bench] = await Promise.all([startTestApp(), startTestApp({ env: { BENCH_ROUTES: 'true' } })]);
  });
  afterAll(() => Promise.all([plain?.close(), bench?.close()]));

  it('is not mounted unless BENCH_ROUTES=true', async () => {
    const res = await plain.api.get('/ping/me');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('answers a body shaped like /auth/me, without credentials, when BENCH_ROUTES=true', async () => {
    const key = await bench.api.get('/ping/me');
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ authMethod: 'api_key', user: { email: expect.any(String) }, apiKey: { keyPrefix: expect.any(String) } });
    expect((await bench.api.get('/ping/me?as=jwt')).body.authMethod).toBe('jwt');
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = await bench.api.get<{ paths: Record<string, unknown> }>('/docs-json');
    expect(Object.keys(doc.body.paths)).not.toContain('/api/v1/ping/me');
  });
});
