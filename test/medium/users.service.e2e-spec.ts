import { DataSource } from 'typeorm';
import { ThrottlingModule } from '../../src/access/limits/throttling.module.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { UserSnapshots } from '../../src/users/user-snapshots.js';
import { UsersModule } from '../../src/users/users.module.js';
import { UsersService } from '../../src/users/users.service.js';
import { eventually, uniqueEmail } from '../helpers/factories.js';
import { anonymousCaller, callerFor } from './caller.js';
import { newRole, newUser, readUser } from './factories.js';
import { type Medium, startMedium } from './medium.js';

describe('AuthService.register on an empty installation', () => {
  let medium: Medium;

  beforeAll(async () => {
    medium = await startMedium({ imports: [AuthModule, UsersModule, AuditModule] });
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('makes exactly one of the first accounts admin, even when they register at once, and gives every later one no instance role', async () => {
    const auth = medium.get(AuthService);
    const caller = anonymousCaller();
    // Holds every registration at its first read of users, then lets them all go at once: without
    // serialisation each would count an empty table and become admin.
    // Sessions the pool would open while the gate is shut were seen to wait behind it as well, so
    // the pool opens them first.
    const dataSource = medium.get(DataSource);
    await Promise.all(Array.from({ length: 4 }, () => dataSource.query('SELECT pg_sleep(0.05)')));
    const gate = await medium.db.connect();
    let first: Awaited<ReturnType<AuthService['register']>>[];
    try {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const registering = Promise.all(Array.from({ length: 4 }, () => auth.register(caller, { email: uniqueEmail(), password: 'correct horse battery' })));
      await eventually(async () => {
        const { rows } = await gate.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(rows[0].waiting).toBe(4);
      });
      await gate.query('COMMIT');
      first = await registering;
    } finally {
      gate.release();
    }
    expect(first.map((session) => session.user.roles.join()).sort()).toEqual(['', '', '', 'admin']);

    const later = await auth.register(caller, { email: uniqueEmail(), password: 'correct horse battery' });
    expect(later.user.roles).toEqual([]);
    const { rows } = await medium.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM user_roles WHERE role_name = 'admin'`);
    expect(rows[0].count).toBe(1);
  });

  it('stores the email lower-cased and refuses it again in any case (user.email_taken)', async () => {
    const auth = medium.get(AuthService);
    const caller = anonymousCaller();
    const email = uniqueEmail('Mixed.Case');
    const session = await auth.register(caller, { email, password: 'correct horse battery' });
    expect(session.user.email).toBe(email.toLowerCase());
    await expect(auth.register(caller, { email: email.toUpperCase(), password: 'correct horse battery' })).rejects.toMatchObject({ code: 'user.email_taken' });
  });
});

describe('UsersService.update', () => {
  let medium: Medium;
  let users: UsersService;
  let userAdminRole: string;

  beforeAll(async () => {
    medium = await startMedium({ imports: [UsersModule, AuditModule, ThrottlingModule] });
    users = medium.get(UsersService);
    // Manages users, but holds none of the key or audit permissions an admin has.
    userAdminRole = await newRole(medium.db, { permissions: ['users:read', 'users:write', 'contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'] });
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('grants a role the actor covers, audits it, and the user’s snapshot shows it at once', async () => {
    const actor = callerFor(await newUser(medium.db, { roles: [userAdminRole] }));
    const target = await newUser(medium.db, { roles: ['viewer'] });
    const snapshots = medium.get(UserSnapshots);
    expect((await snapshots.get(target.id))?.roles).toEqual(['viewer']);

    const updated = await users.update(actor, target.id, { roles: ['member', 'viewer'] });

    expect(updated.roles).toEqual(['member', 'viewer']);
    expect((await snapshots.get(target.id))?.roles).toEqual(['member', 'viewer']);
    const { rows } = await medium.db.query(`SELECT user_id, details->'after'->'roles' AS roles FROM audit_events WHERE type = 'user.updated' AND details->>'targetUserId' = $1`, [target.id]);
    expect(rows).toEqual([{ user_id: actor.user.id, roles: ['member', 'viewer'] }]);
  });

  it('a users:write holder cannot rename, demote or disable an admin (permission.denied)', async () => {
    const actor = callerFor(await newUser(medium.db, { roles: [userAdminRole] }));
    const admin = await newUser(medium.db, { roles: ['admin'] });
    for (const change of [{ name: 'demoted' }, { roles: ['member'] }, { active: false }]) {
      await expect(users.update(actor, admin.id, change)).rejects.toMatchObject({ code: 'permission.denied' });
    }
    expect(await readUser(medium.db, admin.id)).toMatchObject({ name: admin.name, roles: ['admin'], active: true });
  });

  it('nobody grants a role carrying permissions they lack (permission.denied), nor one that does not exist', async () => {
    const actor = callerFor(await newUser(medium.db, { roles: [userAdminRole] }));
    const target = await newUser(medium.db);
    await expect(users.update(actor, target.id, { roles: ['member', 'auditor'] })).rejects.toMatchObject({
      code: 'permission.denied',
      details: [{ required: 'audit:read' }],
    });
    await expect(users.update(actor, target.id, { roles: ['member', 'no-such-role'] })).rejects.toMatchObject({ code: 'validation.failed' });
    expect((await readUser(medium.db, target.id)).roles).toEqual(['member']);
  });

  it('nobody changes their own roles or disables themselves (user.self_change), though they may rename themselves', async () => {
    const admin = callerFor(await newUser(medium.db, { roles: ['admin'] }));
    await expect(users.update(admin, admin.user.id, { roles: ['member'] })).rejects.toMatchObject({ code: 'user.self_change' });
    await expect(users.update(admin, admin.user.id, { active: false })).rejects.toMatchObject({ code: 'user.self_change' });
    await expect(users.update(admin, admin.user.id, { name: 'Renamed' })).resolves.toMatchObject({ name: 'Renamed', roles: ['admin'] });
  });
});
