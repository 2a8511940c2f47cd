import { startTestApp, type TestApp } from './helpers/app.js';
import { register, uniqueEmail } from './helpers/factories.js';

describe('the admin from ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  const email = uniqueEmail('Boss').toLowerCase();
  const password = 'admin password from env';
  let first: TestApp | undefined;
  let second: TestApp | undefined;

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('is created at startup with the admin role; the next registration gets no instance role', async () => {
    first = await startTestApp({ env: { ADMIN_EMAIL: email.toUpperCase(), ADMIN_PASSWORD: password } });
    const login = await first.api.post('/auth/login', { email, password });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, roles: ['admin'], active: true });
    const next = await register(first.api);
    expect(next.user.roles).toEqual([]);
  });

  it('is neither duplicated nor given the new password when the service starts again on the same database', async () => {
    await first!.close();
    const databaseUrl = first!.databaseUrl;
    first = undefined;
    second = await startTestApp({ databaseUrl, env: { ADMIN_EMAIL: email, ADMIN_PASSWORD: 'a different password' } });
    const { rows } = await second.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(1);
    const admins = await second.db.query(`SELECT user_id FROM user_roles WHERE role_name = 'admin'`);
    expect(admins.rows).toEqual([{ user_id: rows[0].id }]);
    expect((await second.api.post('/auth/login', { email, password })).status).toBe(200);
    const changed = await second.api.post('/auth/login', { email, password: 'a different password' });
    expect(changed.status).toBe(401);
    expect(changed.body.code).toBe('auth.invalid_credentials');
  });
});
