import { startTestApp, type TestApp } from './helpers/app.js';
import { register, uniqueEmail } from './helpers/factories.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const cookieSession = { headers: { 'x-session': 'cookie' } };
const cookieOf = (res: { headers: Headers }) => (res.headers.get('set-cookie') ?? '').split(';')[0];

describe('cookie sessions keep the refresh token out of the body', () => {
  it('omits refreshToken from the body of a cookie-session registration', async () => {
    const res = await app.api.post('/auth/register', { email: uniqueEmail('cookie'), password: 'long enough pw' }, cookieSession);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ user: { email: expect.any(String) }, accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(cookieOf(res)).toMatch(/^kw_refresh=rt_/);
  });

  it('omits refreshToken from the body of a cookie-session login and refresh', async () => {
    const session = await register(app.api);
    const login = await app.api.post('/auth/login', { email: session.user.email, password: session.password }, cookieSession);
    expect(login.status).toBe(200);
    expect(login.body).not.toHaveProperty('refreshToken');
    expect(login.body.accessToken).toEqual(expect.any(String));

    const refreshed = await app.api.post('/auth/refresh', {}, { headers: { ...cookieSession.headers, cookie: cookieOf(login) } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refreshToken');
    expect(refreshed.body.accessToken).toEqual(expect.any(String));
    expect(cookieOf(refreshed)).toMatch(/^kw_refresh=rt_/);
  });

  it('still returns refreshToken in the body without X-Session: cookie', async () => {
    const session = await register(app.api);
    const login = await app.api.post('/auth/login', { email: session.user.email, password: session.password });
    expect(login.body.refreshToken).toMatch(/^rt_/);
    const refreshed = await app.api.post('/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.body.refreshToken).toMatch(/^rt_/);
  });
});
