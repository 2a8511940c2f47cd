import { randomBytes } from 'node:crypto';
import { checksumOf } from '../../src/api-keys/verification/key-format.js';
import type { Api, RequestOptions } from './http.js';
import type { TestApp } from './app.js';

export interface Session {
  user: { id: string; email: string; name: string; roles: string[]; active: boolean; createdAt: string };
  accessToken: string;
  refreshToken: string;
  password: string;
}

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(4).toString('hex')}@example.com`;

export async function register(api: Api, overrides: { email?: string; password?: string; name?: string } = {}): Promise<Session> {
  const password = overrides.password ?? 'correct horse battery';
  const response = await api.post('/auth/register', { email: overrides.email ?? uniqueEmail(), password, name: overrides.name ?? 'Test User' });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { ...response.body, password };
}

/** Gives a user exactly these roles straight in the database (the API forbids self-changes). */
export async function setRoles(app: TestApp, userId: string, roles: string[]): Promise<void> {
  await app.db.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
  await app.db.query('INSERT INTO user_roles (user_id, role_name) SELECT $1, unnest($2::varchar[])', [userId, roles]);
}

/** An admin (the first account) and a user with `roles`, each signed in. */
export async function adminAndUser(app: TestApp, roles = ['member']): Promise<{ admin: Session; user: Session }> {
  const admin = await register(app.api, { name: 'Admin' });
  const user = await register(app.api, { name: 'Someone' });
  if (roles.join() !== 'member') {
    const updated = await app.api.patch(`/users/${user.user.id}`, { roles }, { token: admin.accessToken });
    if (updated.status !== 200) throw new Error(`role change failed: ${JSON.stringify(updated.body)}`);
  }
  return { admin, user };
}

/** Waits until `check` passes (for batched writes), failing with the last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Polls until `check` passes; resolves with how long it took (Infinity if it never did). */
export async function msUntil(check: () => Promise<boolean>, giveUpMs = 3000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < giveUpMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Infinity;
}

export interface CreatedKey {
  id: string;
  key: string;
  keyPrefix: string;
  [field: string]: any;
}

/**
 * Creates an API key through the API (as a signed-in user: their token, or as() of a session that
 * calls in a workspace) and returns the one-time response.
 */
export async function createKey(api: Api, as: string | RequestOptions, body: Record<string, unknown> = {}): Promise<CreatedKey> {
  const response = await api.post('/api-keys', { name: 'test key', ...body }, typeof as === 'string' ? { token: as } : as);
  if (response.status !== 201) throw new Error(`key creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A key with a correct checksum but an id and secret nobody issued. */
export async function madeUpKey(prefix = 'kw'): Promise<string> {
  const { generateKey } = await import('../../src/api-keys/verification/key-format.js');
  return generateKey(prefix).key;
}

/** The same key id with another secret (and a valid checksum): proves nothing, names the key. */
export function wrongSecretFor(key: string): string {
  const body = `${key.slice(0, key.lastIndexOf('_') + 1)}${'0'.repeat(32)}`;
  return body + checksumOf(body);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
