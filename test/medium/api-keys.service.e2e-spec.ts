import { ThrottlingModule } from '../../src/access/limits/throttling.module.js';
import { ApiKeysModule } from '../../src/api-keys/api-keys.module.js';
import { ApiKeysService } from '../../src/api-keys/management/api-keys.service.js';
import { ApiKeyUsageService } from '../../src/api-keys/usage/usage-report.service.js';
import { ApiKeyVerifier } from '../../src/api-keys/verification/api-key.verifier.js';
import { hashKey } from '../../src/api-keys/verification/key-format.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { UsersModule } from '../../src/users/users.module.js';
import { eventually } from '../helpers/factories.js';
import { callerFor } from './caller.js';
import { newKey, newRole, newUser, newWorkspace } from './factories.js';
import { type Medium, startMedium } from './medium.js';

const API_KEY_MODULES = [ApiKeysModule, UsersModule, AuditModule, ThrottlingModule];

describe('ApiKeysService', () => {
  let medium: Medium;
  let keys: ApiKeysService;
  let keyAdminRole: string;

  beforeAll(async () => {
    medium = await startMedium({ imports: API_KEY_MODULES });
    keys = medium.get(ApiKeysService);
    keyAdminRole = await newRole(medium.db, { permissions: ['keys:read', 'keys:write', 'keys:admin'] });
  });

  afterAll(async () => {
    await medium?.close();
  });

  const keyRow = async (id: string) =>
    (await medium.db.query<{ revoked_at: Date | null; deleted_at: Date | null; scopes: string[]; name: string }>('SELECT revoked_at, deleted_at, scopes, name FROM api_keys WHERE id = $1', [id])).rows[0];

  it('verifies a key newKey() inserted as its owner (the factory stores the HMAC the service checks)', async () => {
    const alice = await newUser(medium.db);
    const key = await newKey(medium.db, { userId: alice.id, scopes: ['contents:read'] });
    const principal = await medium.get(ApiKeyVerifier).verify(key.key, { ip: '203.0.113.7', transport: 'header', context: () => callerFor(alice).context });
    expect(principal).toMatchObject({ authMethod: 'api_key', user: { id: alice.id }, apiKey: { id: key.id }, permissions: ['contents:read'] });
  });

  it('cannot read, update, rotate, revoke or delete another user’s key, nor read its usage (api_key.not_found)', async () => {
    const alice = await newUser(medium.db);
    const bob = callerFor(await newUser(medium.db));
    const key = await newKey(medium.db, { userId: alice.id });
    const notFound = { code: 'api_key.not_found' };

    await expect(keys.get(bob, key.id)).rejects.toMatchObject(notFound);
    await expect(keys.update(bob, key.id, { name: 'mine now' })).rejects.toMatchObject(notFound);
    await expect(keys.rotate(bob, key.id, 0)).rejects.toMatchObject(notFound);
    await expect(keys.revoke(bob, key.id)).rejects.toMatchObject(notFound);
    await expect(keys.remove(bob, key.id)).rejects.toMatchObject(notFound);
    await expect(medium.get(ApiKeyUsageService).usage(bob, key.id, { granularity: 'hour' })).rejects.toMatchObject(notFound);
    expect(await keyRow(key.id)).toMatchObject({ name: 'test key', revoked_at: null, deleted_at: null });
    await expect(keys.get(callerFor(alice), key.id)).resolves.toMatchObject({ id: key.id });
  });

  it('without keys:admin, listing every key or another user’s keys is permission.denied', async () => {
    const member = callerFor(await newUser(medium.db));
    const other = await newUser(medium.db);
    await expect(keys.list(member, { limit: 20, all: true })).rejects.toMatchObject({ code: 'permission.denied' });
    await expect(keys.list(member, { limit: 20, userId: other.id })).rejects.toMatchObject({ code: 'permission.denied' });
  });

  it('a keys:admin holder lists others’ keys but cannot rotate them, and the refusal is audited', async () => {
    const alice = await newUser(medium.db);
    const adminUser = await newUser(medium.db, { roles: [keyAdminRole] });
    const team = await newWorkspace(medium.db, [[alice, 'member'], [adminUser, 'admin']]);
    const admin = callerFor(adminUser, { workspace: { id: team } });
    const key = await newKey(medium.db, { userId: alice.id, workspaceId: team });

    const ofAlice = await keys.list(admin, { limit: 20, userId: alice.id });
    expect(ofAlice.items.map((item) => item.id)).toEqual([key.id]);
    const everyone = await keys.list(admin, { limit: 100, all: true });
    expect(everyone.items.map((item) => item.id)).toContain(key.id);
    await expect(keys.get(admin, key.id)).resolves.toMatchObject({ id: key.id });

    await expect(keys.rotate(admin, key.id, 0)).rejects.toMatchObject({ code: 'permission.denied' });
    const { rows: successors } = await medium.db.query('SELECT 1 FROM api_keys WHERE rotated_from_id = $1', [key.id]);
    expect(successors).toEqual([]);
    expect(await keyRow(key.id)).toMatchObject({ revoked_at: null });
    await eventually(async () => {
      const { rows } = await medium.db.query<{ user_id: string; details: { ownerId: string } }>(
        `SELECT user_id, details FROM audit_events WHERE type = 'permission.denied' AND api_key_id = $1`,
        [key.id],
      );
      expect(rows).toEqual([expect.objectContaining({ user_id: admin.user.id, details: expect.objectContaining({ ownerId: alice.id }) })]);
    });
  });

  it('a keys:admin holder may narrow another user’s key but not widen it', async () => {
    const alice = await newUser(medium.db);
    const adminUser = await newUser(medium.db, { roles: [keyAdminRole] });
    const team = await newWorkspace(medium.db, [[alice, 'member'], [adminUser, 'admin']]);
    const admin = callerFor(adminUser, { workspace: { id: team } });
    const key = await newKey(medium.db, { userId: alice.id, workspaceId: team, scopes: ['contents:read', 'contents:write'] });

    await expect(keys.update(admin, key.id, { scopes: ['contents:read'] })).resolves.toMatchObject({ scopes: ['contents:read'] });
    await expect(keys.update(admin, key.id, { scopes: ['contents:read', 'contents:write'] })).rejects.toMatchObject({ code: 'permission.denied' });
    expect((await keyRow(key.id)).scopes).toEqual(['contents:read']);
  });

  it('create refuses a scope the owner lacks (permission.denied) and stores nothing', async () => {
    const member = callerFor(await newUser(medium.db));
    await expect(keys.create(member, { name: 'auditing', scopes: ['contents:read', 'audit:read'] })).rejects.toMatchObject({
      code: 'permission.denied',
      details: [{ required: 'audit:read' }],
    });
    const { rows } = await medium.db.query('SELECT 1 FROM api_keys WHERE user_id = $1', [member.user.id]);
    expect(rows).toEqual([]);
  });

  it('a caller signed in with a key cannot create a key wider than that key, and by default gets its scopes', async () => {
    const owner = await newUser(medium.db);
    const readOnly = await newKey(medium.db, { userId: owner.id, scopes: ['contents:read'] });
    const viaKey = callerFor(owner, { viaKey: { id: readOnly.id, name: 'test key', keyPrefix: readOnly.keyPrefix, scopes: ['contents:read'] } });

    await expect(keys.create(viaKey, { name: 'wider', scopes: ['contents:write'] })).rejects.toMatchObject({ code: 'permission.denied' });
    await expect(keys.create(viaKey, { name: 'same' })).resolves.toMatchObject({ scopes: ['contents:read'] });
  });

  it('create stores only the key’s HMAC and audits api_key.created in the same transaction', async () => {
    const member = callerFor(await newUser(medium.db));
    const created = await keys.create(member, { name: 'ci', scopes: ['contents:read'] });
    const { rows } = await medium.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [created.id]);
    expect(rows[0].key_hash).toBe(hashKey(created.key, medium.config.keys.hashSecret).toString('hex'));
    const { rows: events } = await medium.db.query(`SELECT user_id, ip FROM audit_events WHERE type = 'api_key.created' AND api_key_id = $1`, [created.id]);
    expect(events).toEqual([{ user_id: member.user.id, ip: member.context.ip }]);
  });

  it('revoke-all revokes only the caller’s live keys', async () => {
    const alice = callerFor(await newUser(medium.db));
    const bob = await newUser(medium.db);
    const live = [await newKey(medium.db, { userId: alice.user.id }), await newKey(medium.db, { userId: alice.user.id })];
    const revokedBefore = new Date(Date.now() - 60_000);
    const alreadyRevoked = await newKey(medium.db, { userId: alice.user.id, revokedAt: revokedBefore });
    const bobs = await newKey(medium.db, { userId: bob.id });

    await expect(keys.revokeAll(alice)).resolves.toEqual({ revoked: 2 });

    for (const key of live) expect((await keyRow(key.id)).revoked_at).not.toBeNull();
    expect((await keyRow(alreadyRevoked.id)).revoked_at?.getTime()).toBe(revokedBefore.getTime());
    expect((await keyRow(bobs.id)).revoked_at).toBeNull();
  });
});

describe('ApiKeysService with MAX_KEYS_PER_USER=2', () => {
  let medium: Medium;

  beforeAll(async () => {
    medium = await startMedium({ imports: API_KEY_MODULES, env: { MAX_KEYS_PER_USER: '2' } });
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('counts only keys not revoked towards the limit (api_key.limit_reached)', async () => {
    const keys = medium.get(ApiKeysService);
    const member = callerFor(await newUser(medium.db));
    await newKey(medium.db, { userId: member.user.id, revokedAt: new Date(Date.now() - 1000) });
    await newKey(medium.db, { userId: member.user.id });
    const second = await keys.create(member, { name: 'second' });

    await expect(keys.create(member, { name: 'third' })).rejects.toMatchObject({ code: 'api_key.limit_reached' });
    await keys.revoke(member, second.id);
    await expect(keys.create(member, { name: 'third' })).resolves.toMatchObject({ name: 'third' });
  });
});
