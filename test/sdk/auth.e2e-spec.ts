import type { MfaChallenge, Session } from '@keyward/sdk';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createKey, register, uniqueEmail } from '../helpers/factories.js';
import { rejectionOf, sdk, signedIn } from './clients.js';

/** The SDK's auth client against the real service: sign-in, the signed-in account, sessions, two-factor, authorizations. */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await register(app.api); // the first account is the instance admin; these tests want ordinary users
});
afterAll(() => app?.close());

describe('client.auth', () => {
  it('registers, signs in and says who the token is', async () => {
    const email = uniqueEmail('sdk');
    const anonymous = sdk(app);
    const registered = await anonymous.auth.register({ email, password: 'correct horse battery', name: 'Sdk User' });
    expect(registered).toMatchObject({ user: { email, name: 'Sdk User' }, tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
    const session = (await anonymous.auth.login({ email, password: 'correct horse battery' })) as Session;
    const me = await signedIn(app, session).auth.me();
    expect(me).toMatchObject({ user: { id: registered.user.id }, authMethod: 'jwt', workspace: { role: 'owner' } });
  });

  it('says who an API key is, acting as its owner, with the key', async () => {
    const user = await register(app.api);
    const key = await createKey(app.api, user.accessToken, { name: 'sdk key', scopes: ['contents:read'] });
    const me = await sdk(app, { apiKey: key.key }).auth.me();
    expect(me).toMatchObject({ user: { id: user.user.id }, authMethod: 'api_key', permissions: ['contents:read'], apiKey: { id: key.id, name: 'sdk key' } });
  });

  it('asks getAccessToken for the token on every request', async () => {
    const first = await register(app.api);
    const second = await register(app.api);
    const tokens = [first.accessToken, second.accessToken];
    const client = sdk(app, { getAccessToken: async () => tokens.shift() ?? '' });
    expect((await client.auth.me()).user.id).toBe(first.user.id);
    expect((await client.auth.me()).user.id).toBe(second.user.id);
  });

  it('refreshes a session, spending the old refresh token, and logs out', async () => {
    const user = await register(app.api);
    const anonymous = sdk(app);
    const renewed = await anonymous.auth.refresh(user.refreshToken);
    expect(renewed.refreshToken).not.toBe(user.refreshToken);
    expect((await rejectionOf(anonymous.auth.refresh(user.refreshToken))).code).toBe('auth.token_invalid');
    await expect(anonymous.auth.logout(renewed.refreshToken!)).resolves.toBeUndefined();
    expect((await rejectionOf(anonymous.auth.refresh(renewed.refreshToken!))).code).toBe('auth.token_invalid');
  });

  it('lists and ends sessions, and changes the password', async () => {
    const user = await register(app.api);
    const client = signedIn(app, user);
    const other = (await sdk(app).auth.login({ email: user.user.email, password: user.password })) as Session;
    const sessions = await client.auth.sessions.list();
    expect(sessions).toHaveLength(2);
    const otherSession = sessions.find((session) => !session.current)!;
    await client.auth.sessions.end(otherSession.id);
    expect((await rejectionOf(sdk(app).auth.refresh(other.refreshToken!))).code).toBe('auth.token_invalid');
    await client.auth.changePassword({ currentPassword: user.password, newPassword: 'a brand new passphrase' });
    expect(await sdk(app).auth.login({ email: user.user.email, password: 'a brand new passphrase' })).toMatchObject({ user: { id: user.user.id } });
  });

  it('turns two-factor on and signs in with a challenge and a recovery code', async () => {
    const user = await register(app.api);
    const client = signedIn(app, user);
    const setup = await client.auth.twoFactor.setup();
    const { recoveryCodes } = await client.auth.twoFactor.enable(totpCode(setup.secret, Date.now()));
    expect(recoveryCodes).toHaveLength(10);
    const challenge = (await sdk(app).auth.login({ email: user.user.email, password: user.password })) as MfaChallenge;
    expect(challenge).toMatchObject({ mfaRequired: true, mfaToken: expect.any(String) });
    const session = await sdk(app).auth.loginSecondFactor({ mfaToken: challenge.mfaToken, recoveryCode: recoveryCodes[0] });
    expect(session.user.twoFactorEnabled).toBe(true);
    const refused = await rejectionOf(client.auth.twoFactor.disable({ password: user.password, code: '000000' }));
    expect([refused.status, refused.code]).toEqual([401, 'auth.mfa_invalid']);
  });

  it('lists the OAuth apps acting for the user: none yet', async () => {
    const user = await register(app.api);
    expect(await signedIn(app, user).auth.authorizations.list()).toEqual([]);
    const missing = await rejectionOf(signedIn(app, user).auth.authorizations.revoke('00000000-0000-4000-8000-000000000000'));
    expect([missing.status, missing.code]).toEqual([404, 'oauth_grant.not_found']);
  });
});
