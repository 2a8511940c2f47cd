import pg from 'pg';
import { chainRange } from './helpers/audit.js';
import { createTestDatabase } from './helpers/database.js';
import { register, uniqueEmail } from './helpers/factories.js';
import { spawnService, type ServiceProcess } from './helpers/service-process.js';

let first: ServiceProcess;
let second: ServiceProcess;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  const env = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '1000000', USER_RATE_LIMIT: '1000000' };
  [first, second] = await Promise.all([spawnService(env), spawnService(env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

describe('one workspace written by two instances at once', () => {
  it('keeps a single valid chain: every event appended once, in one order, under the workspace’s lock', async () => {
    const owner = await register(first.api);
    const token = { token: owner.accessToken };
    const workspace = (await first.api.post('/workspaces', { name: 'Busy', slug: 'busy' }, token)).body;
    const PER_INSTANCE = 30;
    const writes = [first, second].flatMap((service) =>
      Array.from({ length: PER_INSTANCE }, () => service.api.post(`/workspaces/${workspace.id}/invitations`, { email: uniqueEmail('invitee'), role: 'member' }, token)),
    );
    const answers = await Promise.all(writes);
    expect(answers.map((answer) => answer.status)).toEqual(writes.map(() => 201));

    const verified = await second.api.get(`/workspaces/${workspace.id}/audit-logs/verify`, token);
    const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const range = await chainRange(db, workspace.id).finally(() => db.end());
    expect(verified.body).toEqual({ valid: true, checked: 1 + 2 * PER_INSTANCE, ...range });
    const pending = await first.api.get(`/workspaces/${workspace.id}/invitations?limit=100`, token);
    expect(pending.body.items).toHaveLength(2 * PER_INSTANCE);
  });
});
