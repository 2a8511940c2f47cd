import jwt from 'jsonwebtoken';
import { startTestApp, TEST_SECRETS, type TestApp } from './helpers/app.js';
import { register, type Session } from './helpers/factories.js';
import { countQueries } from './helpers/query-counter.js';

let app: TestApp;
let session: Session;

beforeAll(async () => {
  app = await startTestApp();
  session = await register(app.api);
});
afterAll(() => app?.close());

/** The claims of a real token, for forging variants signed with the real secret. */
const claimsOf = (token: string) => jwt.decode(token) as { sub: string; sid: string; exp: number };
const signed = (payload: Record<string, unknown>) => jwt.sign(payload, TEST_SECRETS.JWT_SECRET, { algorithm: 'HS256', noTimestamp: true });

async function expectRefused(token: string): Promise<void> {
  const res = await app.api.get('/auth/me', { token });
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'auth.token_invalid' });
}

async function login(user: Session): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await app.api.post('/auth/login', { email: user.user.email, password: user.password });
  expect(res.status).toBe(200);
  return res.body;
}

describe('access tokens and their sign-in', () => {
  it('refuses the access token with 401 auth.token_invalid right after logout', async () => {
    const signedIn = await login(session);
    expect((await app.api.get('/auth/me', { token: signedIn.accessToken })).status).toBe(200);
    expect((await app.api.post('/auth/logout', { refreshToken: signedIn.refreshToken })).status).toBe(204);
    await expectRefused(signedIn.accessToken);
  });

  it('keeps the user’s other sign-ins working after one logs out', async () => {
    const first = await login(session);
    const second = await login(session);
    await app.api.post('/auth/logout', { refreshToken: first.refreshToken });
    expect((await app.api.get('/auth/me', { token: second.accessToken })).status).toBe(200);
  });

  it('refuses both access tokens of a family once refresh reuse revokes it', async () => {
    const signedIn = await login(session);
    const rotated = await app.api.post('/auth/refresh', { refreshToken: signedIn.refreshToken });
    expect(rotated.status).toBe(200);
    expect((await app.api.get('/auth/me', { token: rotated.body.accessToken })).status).toBe(200);
    expect((await app.api.post('/auth/refresh', { refreshToken: signedIn.refreshToken })).status).toBe(401);
    await expectRefused(signedIn.accessToken);
    await expectRefused(rotated.body.accessToken);
  });

  it('keeps the access token of a family working across a normal refresh', async () => {
    const signedIn = await login(session);
    expect((await app.api.post('/auth/refresh', { refreshToken: signedIn.refreshToken })).status).toBe(200);
    expect((await app.api.get('/auth/me', { token: signedIn.accessToken })).status).toBe(200);
  });

  it('runs no query for a warm JWT check', async () => {
    const signedIn = await login(session);
    expect((await app.api.get('/auth/me', { token: signedIn.accessToken })).status).toBe(200);
    const counter = countQueries(app);
    try {
      for (let i = 0; i < 30; i++) expect((await app.api.get('/auth/me', { token: signedIn.accessToken })).status).toBe(200);
      expect(counter.queries).toEqual([]);
    } finally {
      counter.stop();
    }
  });
});

describe('access token claims', () => {
  it('refuses a token signed with the right secret but without exp with 401 auth.token_invalid', async () => {
    const { sub, sid } = claimsOf((await login(session)).accessToken);
    await expectRefused(signed({ sub, sid }));
  });

  it('refuses sub "not-a-uuid" with 401 auth.token_invalid, not 500', async () => {
    const { sid } = claimsOf((await login(session)).accessToken);
    await expectRefused(signed({ sub: 'not-a-uuid', sid, exp: Math.floor(Date.now() / 1000) + 60 }));
  });

  it('refuses a token with sid missing or malformed with 401 auth.token_invalid', async () => {
    const { sub } = claimsOf((await login(session)).accessToken);
    const exp = Math.floor(Date.now() / 1000) + 60;
    await expectRefused(signed({ sub, exp }));
    await expectRefused(signed({ sub, sid: 'not-a-uuid', exp }));
    await expectRefused(signed({ sub, sid: '00000000-0000-4000-8000-000000000000', exp }));
  });

  it('refuses a live sid presented with another user’s sub', async () => {
    const other = await register(app.api);
    const { sid, exp } = claimsOf((await login(session)).accessToken);
    await expectRefused(signed({ sub: other.user.id, sid, exp }));
  });
});
