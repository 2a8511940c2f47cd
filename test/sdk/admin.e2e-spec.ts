import type { Keyward } from '@keyward/sdk';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { register, type Session } from '../helpers/factories.js';
import { collect, rejectionOf, sdk, signedIn } from './clients.js';

/** The SDK's instance clients (users, instance roles) as the instance admin uses them. */
let app: TestApp;
let admin: Keyward;
let user: Session;

beforeAll(async () => {
  app = await startTestApp();
  admin = signedIn(app, await register(app.api, { name: 'Admin' }));
  user = await register(app.api, { name: 'Someone' });
});
afterAll(() => app?.close());

describe('client.users', () => {
  it('lists, gets and updates users', async () => {
    expect((await collect(admin.users.list({ limit: 1 }))).map((listed) => listed.id)).toContain(user.user.id);
    expect((await admin.users.get(user.user.id)).email).toBe(user.user.email);
    expect((await admin.users.update(user.user.id, { name: 'Renamed' })).name).toBe('Renamed');
  });

  it('issues a password reset that sets a new password', async () => {
    const { token } = await admin.users.issuePasswordReset(user.user.id);
    await sdk(app).auth.resetPassword({ token, newPassword: 'reset passphrase' });
    expect(await sdk(app).auth.login({ email: user.user.email, password: 'reset passphrase' })).toMatchObject({ user: { id: user.user.id } });
  });

  it('refuses an ordinary user with 403 permission.denied', async () => {
    const refused = await rejectionOf(signedIn(app, await register(app.api)).users.list().page());
    expect([refused.status, refused.code]).toEqual([403, 'permission.denied']);
  });
});

describe('client.roles (instance roles)', () => {
  it('creates, lists, changes and deletes an instance role', async () => {
    expect(await admin.roles.create({ name: 'support', permissions: ['users:read'] })).toMatchObject({ name: 'support', builtIn: false });
    expect((await admin.roles.update('support', { description: 'help desk' })).description).toBe('help desk');
    expect((await admin.roles.list()).map((role) => role.name)).toEqual(expect.arrayContaining(['admin', 'support']));
    await admin.roles.delete('support');
    expect((await rejectionOf(admin.roles.delete('support'))).code).toBe('role.not_found');
  });
});
