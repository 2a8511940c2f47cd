import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

it('GET /health reports the database up, outside the API prefix', async () => {
  const res = await app.api.get('/health');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok', checks: { database: 'up' } });
});

it('GET /api/v1/ping is public and answers {pong: true}', async () => {
  const res = await app.api.get('/ping');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ pong: true });
});

it('serves the OpenAPI UI at /docs and the document at /docs-json', async () => {
  const ui = await fetch(`${app.url}/docs`);
  expect(ui.status).toBe(200);
  expect(await ui.text()).toMatch(/swagger/i);
  const doc = await app.api.get('/docs-json');
  expect(doc.status).toBe(200);
  expect(doc.body.info.title).toBe('Keyward');
  expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/roles', '/api/v1/contents/{id}']));
});
