import { randomBytes } from 'node:crypto';
import type { UserSnapshot } from '../../src/access/principal.js';
import { generateKey, hashKey } from '../../src/api-keys/verification/key-format.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { toUserSnapshot, userWithRolesSql, type UserRoleRow } from '../../src/users/user-snapshot.js';
import { personalSlug } from '../../src/workspaces/slugs.js';
import { TEST_SECRETS } from '../helpers/app.js';
import { uniqueEmail } from '../helpers/factories.js';

/**
 * Rows inserted straight into the database as its owner: setup without going through the
 * services under test. They take any pg Pool or Client, so e2e tests can use them on TestApp.db.
 */
export interface Queryable {
  query<R extends object = any>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A user as the caches hold it (profile, roles, the union of their permissions), and their personal workspace. */
export type TestUser = UserSnapshot & { personalWorkspaceId: string };

export interface NewUser {
  email?: string;
  name?: string;
  /** Default ['member']; [] for a user without roles. */
  roles?: string[];
  active?: boolean;
  /** Only for a user who must sign in: hashing costs an argon2 run. */
  password?: string;
}

export async function newUser(db: Queryable, overrides: NewUser = {}): Promise<TestUser> {
  const passwordHash = overrides.password === undefined ? 'not-a-password-hash' : await hashPassword(overrides.password);
  const { rows } = await db.query<{ id: string }>('INSERT INTO users (email, name, password_hash, active) VALUES ($1, $2, $3, $4) RETURNING id', [
    (overrides.email ?? uniqueEmail()).toLowerCase(),
    overrides.name ?? 'Test User',
    passwordHash,
    overrides.active ?? true,
  ]);
  const id = rows[0].id;
  await db.query('INSERT INTO user_roles (user_id, role_name) SELECT $1, unnest($2::varchar[])', [id, overrides.roles ?? ['member']]);
  // As registration does: everyone owns a personal workspace, where their keys live by default.
  await db.query(
    `WITH personal AS (INSERT INTO workspaces (slug, name, personal, created_by) VALUES ($1, 'Personal', true, $2) RETURNING id)
     INSERT INTO memberships (workspace_id, user_id, role_name) SELECT id, $2, 'owner' FROM personal`,
    [personalSlug((overrides.email ?? '').toLowerCase() || `user-${id}`, id), id],
  );
  return readUser(db, id);
}

/** The user as the service sees them now (after a role change, say). */
export async function readUser(db: Queryable, id: string): Promise<TestUser> {
  const snapshot = toUserSnapshot((await db.query<UserRoleRow>(userWithRolesSql(), [id])).rows);
  if (!snapshot) throw new Error(`no user ${id}`);
  const { rows } = await db.query<{ id: string }>('SELECT id FROM workspaces WHERE personal AND created_by = $1', [id]);
  return { ...snapshot, personalWorkspaceId: rows[0]?.id ?? '' };
}

/** A shared workspace with these members, each holding the workspace role named beside them. */
export async function newWorkspace(db: Queryable, members: Array<[TestUser, string]>): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`INSERT INTO workspaces (slug, name) VALUES ($1, 'Team') RETURNING id`, [`team-${randomBytes(6).toString('hex')}`]);
  const id = rows[0].id;
  for (const [user, role] of members) await db.query('INSERT INTO memberships (workspace_id, user_id, role_name) VALUES ($1, $2, $3)', [id, user.id, role]);
  return id;
}

export interface NewRole {
  name?: string;
  permissions: string[];
  description?: string;
}

export async function newRole(db: Queryable, role: NewRole): Promise<string> {
  const name = role.name ?? `role-${randomBytes(4).toString('hex')}`;
  await db.query('INSERT INTO roles (name, description, permissions) VALUES ($1, $2, $3)', [name, role.description ?? '', role.permissions]);
  return name;
}

export interface NewKey {
  userId: string;
  name?: string;
  /** Default ['*']: everything the owner holds. */
  scopes?: string[];
  rateLimit?: number;
  active?: boolean;
  allowedIps?: string[];
  validFrom?: Date | null;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  deletedAt?: Date | null;
  /** The configured KEY_PREFIX (default kw). */
  prefix?: string;
  /** Default: the owner's personal workspace. */
  workspaceId?: string;
  /** The KEY_HASH_SECRET the service under test hashes with. */
  hashSecret?: string;
}

export interface TestKey {
  id: string;
  /** The full key, as its owner would send it. */
  key: string;
  /** The 8-hex lookup id. */
  keyId: string;
  keyPrefix: string;
  userId: string;
}

/** A real key (a valid checksum) stored as the service stores one: only its HMAC. */
export async function newKey(db: Queryable, fields: NewKey): Promise<TestKey> {
  const generated = generateKey(fields.prefix ?? 'kw');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO api_keys (key_id, user_id, name, key_prefix, key_hash, scopes, rate_limit, active, allowed_ips, valid_from, expires_at, revoked_at, deleted_at,
                           workspace_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14, (SELECT id FROM workspaces WHERE personal AND created_by = $2))) RETURNING id`,
    [
      generated.id,
      fields.userId,
      fields.name ?? 'test key',
      generated.keyPrefix,
      hashKey(generated.key, fields.hashSecret ?? TEST_SECRETS.KEY_HASH_SECRET).toString('hex'),
      fields.scopes ?? ['*'],
      fields.rateLimit ?? 1000,
      fields.active ?? true,
      fields.allowedIps ?? [],
      fields.validFrom ?? null,
      fields.expiresAt ?? null,
      fields.revokedAt ?? null,
      fields.deletedAt ?? null,
      fields.workspaceId ?? null,
    ],
  );
  return { id: rows[0].id, key: generated.key, keyId: generated.id, keyPrefix: generated.keyPrefix, userId: fields.userId };
}
