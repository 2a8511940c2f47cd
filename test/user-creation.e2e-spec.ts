import { startTestApp, type TestApp } from './helpers/app.js';
import { uniqueEmail } from './helpers/factories.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { AUTH_RATE_LIMIT: '100' } });
});
afterAll(() => app?.close());

describe('user creation (users/ UserCreator)', () => {
  it('makes exactly one of several concurrent first registrations admin, the rest without an instance role', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => app.api.post('/auth/register', { email: uniqueEmail(), password: 'long enough pw' })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(201));
    const roles = responses.map((response) => response.body.user.roles.join()).sort();
    expect(roles).toEqual(['', '', '', '', '', 'admin']);
    const { rows } = await app.db.query(`SELECT count(*)::int AS admins FROM user_roles WHERE role_name = 'admin'`);
    expect(rows).toEqual([{ admins: 1 }]);
  });
});
