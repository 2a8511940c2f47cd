import { startTestApp, type TestApp } from './helpers/app.js';
import { register } from './helpers/factories.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

it('answers ping', async () => {
  const res = await app.api.get('/ping');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ pong: true });
});

it('registers and reads me', async () => {
  const session = await register(app.api);
  const me = await app.api.get('/auth/me', { token: session.accessToken });
  expect(me.status).toBe(200);
  expect(me.body.user.roles).toEqual(['admin']);
});
