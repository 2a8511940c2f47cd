import { startTestApp, type TestApp } from './helpers/app.js';
import { register, type Session } from './helpers/factories.js';
import { anyRange } from './helpers/audit.js';

let app: TestApp;
let admin: Session;

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api, { name: 'Admin' });
});
afterAll(() => app?.close());

const roleNames = async () => ((await app.api.get('/roles', { token: admin.accessToken })).body as Array<{ name: string }>).map((role) => role.name);
const roleCreatedEvents = async (name: string) =>
  (await app.db.query(`SELECT id FROM audit_events WHERE type = 'role.created' AND details->>'role' = $1`, [name])).rows;

function expectOpaqueServerError(res: { status: number; body: any }): void {
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ statusCode: 500, code: 'internal.error' });
  expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'path', 'statusCode', 'timestamp']);
  expect(JSON.stringify(res.body)).not.toMatch(/kw_test|audit_events|constraint|violat|insert|select|roles_/i);
}

describe('a management change and its audit event commit together', () => {
  it('refuses a role whose role.created event cannot be written, with an opaque 500, and keeps no role', async () => {
    // As superuser: the table refuses that one event type from now on (existing rows are not checked).
    await app.db.query(`ALTER TABLE audit_events ADD CONSTRAINT kw_test_reject CHECK (type <> 'role.created') NOT VALID`);
    try {
      expectOpaqueServerError(await app.api.post('/roles', { name: 'unrecorded', permissions: [] }, { token: admin.accessToken }));
      expect(await roleNames()).not.toContain('unrecorded');
    } finally {
      await app.db.query('ALTER TABLE audit_events DROP CONSTRAINT kw_test_reject');
    }
    // Nothing half-done was left behind: the same role can now be created, with its event.
    expect((await app.api.post('/roles', { name: 'unrecorded', permissions: [] }, { token: admin.accessToken })).status).toBe(201);
    expect(await roleCreatedEvents('unrecorded')).toHaveLength(1);
  });

  it('keeps no role.created event when the change fails at commit, after the event was written', async () => {
    // Fails the commit only if the event is already in the transaction: else the role is created and the test fails.
    await app.db.query(`
      CREATE FUNCTION kw_test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'doomed' AND EXISTS (SELECT 1 FROM audit_events WHERE type = 'role.created' AND details->>'role' = NEW.name) THEN
          RAISE EXCEPTION 'kw_test: refused at commit';
        END IF;
        RETURN NULL;
      END $$`);
    await app.db.query(`
      CREATE CONSTRAINT TRIGGER kw_test_fail_commit AFTER INSERT ON roles
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kw_test_fail_commit()`);
    try {
      expectOpaqueServerError(await app.api.post('/roles', { name: 'doomed', permissions: [] }, { token: admin.accessToken }));
    } finally {
      await app.db.query('DROP TRIGGER kw_test_fail_commit ON roles');
      await app.db.query('DROP FUNCTION kw_test_fail_commit()');
    }
    expect(await roleNames()).not.toContain('doomed');
    expect(await roleCreatedEvents('doomed')).toEqual([]);
    const verify = await app.api.get('/audit-logs/verify', { token: admin.accessToken });
    expect(verify.body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
  });
});
