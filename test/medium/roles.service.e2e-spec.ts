import { ThrottlingModule } from '../../src/access/limits/throttling.module.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { RolesModule } from '../../src/roles/roles.module.js';
import { RolesService } from '../../src/roles/roles.service.js';
import { UserSnapshots } from '../../src/users/user-snapshots.js';
import { UsersModule } from '../../src/users/users.module.js';
import { callerFor, type TestCaller } from './caller.js';
import { newRole, newUser } from './factories.js';
import { type Medium, startMedium } from './medium.js';

describe('RolesService: nobody acts above themselves', () => {
  let medium: Medium;
  let roles: RolesService;
  /** Manages roles and contents; holds no key, user or audit permission. */
  let roleManager: TestCaller;

  beforeAll(async () => {
    medium = await startMedium({ imports: [RolesModule, UsersModule, AuditModule, ThrottlingModule] });
    roles = medium.get(RolesService);
    const managerRole = await newRole(medium.db, { permissions: ['roles:read', 'roles:write', 'contents:*'] });
    roleManager = callerFor(await newUser(medium.db, { roles: [managerRole] }));
  });

  afterAll(async () => {
    await medium?.close();
  });

  const permissionsOf = async (name: string) => (await medium.db.query<{ permissions: string[] }>('SELECT permissions FROM roles WHERE name = $1', [name])).rows[0]?.permissions;

  it('creates a role within the actor’s permissions, normalised, and audits role.created', async () => {
    const role = await roles.create(roleManager, { name: 'editors-a', permissions: ['contents:write', 'contents:read', 'contents:read'] });
    expect(role.permissions).toEqual(['contents:read', 'contents:write']);
    const { rows } = await medium.db.query(`SELECT user_id FROM audit_events WHERE type = 'role.created' AND details->>'role' = 'editors-a'`);
    expect(rows).toEqual([{ user_id: roleManager.user.id }]);
  });

  it('refuses to create a role with a permission the actor lacks (permission.denied), naming it', async () => {
    await expect(roles.create(roleManager, { name: 'key-admins', permissions: ['contents:read', 'keys:admin'] })).rejects.toMatchObject({
      code: 'permission.denied',
      details: [{ required: 'keys:admin' }],
    });
    expect(await permissionsOf('key-admins')).toBeUndefined();
  });

  it('refuses to widen a role beyond the actor’s permissions', async () => {
    const name = await newRole(medium.db, { permissions: ['contents:read'] });
    await expect(roles.update(roleManager, name, { permissions: ['contents:read', 'audit:read'] })).rejects.toMatchObject({ code: 'permission.denied' });
    expect(await permissionsOf(name)).toEqual(['contents:read']);
  });

  it('refuses to change or delete a role carrying a permission the actor lacks', async () => {
    const name = await newRole(medium.db, { permissions: ['contents:read', 'users:read'] });
    await expect(roles.update(roleManager, name, { description: 'renamed' })).rejects.toMatchObject({ code: 'permission.denied', details: [{ required: 'users:read' }] });
    await expect(roles.remove(roleManager, name)).rejects.toMatchObject({ code: 'permission.denied' });
    expect(await permissionsOf(name)).toEqual(['contents:read', 'users:read']);
  });

  it('refuses to change or delete a role held by someone above the actor, though the role itself is within reach', async () => {
    const name = await newRole(medium.db, { permissions: ['contents:read'] });
    await newUser(medium.db, { roles: ['admin', name] });
    await expect(roles.update(roleManager, name, { permissions: ['contents:read', 'contents:write'] })).rejects.toMatchObject({ code: 'permission.denied' });
    await expect(roles.remove(roleManager, name)).rejects.toMatchObject({ code: 'permission.denied' });
    expect(await permissionsOf(name)).toEqual(['contents:read']);
  });

  it('lets only an instance admin change a built-in role, and nobody the admin role', async () => {
    const admin = callerFor(await newUser(medium.db, { roles: ['admin'] }));
    await expect(roles.update(roleManager, 'viewer', { description: 'changed' })).rejects.toMatchObject({ code: 'role.builtin' });
    await expect(roles.update(admin, 'admin', { description: 'changed' })).rejects.toMatchObject({ code: 'role.builtin' });
    await expect(roles.remove(admin, 'viewer')).rejects.toMatchObject({ code: 'role.builtin' });
    await expect(roles.update(admin, 'viewer', { description: 'Reads contents (changed by a medium test)' })).resolves.toMatchObject({ name: 'viewer', builtIn: true });
  });

  it('deleting a role takes its permissions from its holders at once (the snapshot cache forgets them)', async () => {
    const name = await newRole(medium.db, { permissions: ['contents:delete'] });
    const readers = await newRole(medium.db, { name: 'readers-a', permissions: ['contents:read'] });
    const holder = await newUser(medium.db, { roles: [readers, name] });
    const snapshots = medium.get(UserSnapshots);
    expect((await snapshots.get(holder.id))?.permissions).toContain('contents:delete');

    await roles.remove(roleManager, name);

    expect(await snapshots.get(holder.id)).toMatchObject({ roles: [readers], permissions: ['contents:read'] });
  });
});
