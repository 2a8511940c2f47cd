// Seeds users, keys and audit events straight into PostgreSQL, set-based: generate_series for
// the bulk, one unnest() insert for the keys whose secrets the bench must know.
import { randomBytes } from 'node:crypto';
import { checksumOf, hashKey } from '../../dist/src/api-keys/verification/key-format.js';
import { hashPassword } from '../../dist/src/auth/passwords.js';
import { personalSlug } from '../../dist/src/workspaces/slugs.js';

export const BENCH_USER = { email: 'bench@keyward.local', password: 'bench-password-1' };
export const ADMIN = { email: 'bench-admin@keyward.local', password: 'bench-admin-password-1' };
const FILLER_USERS = 1000;
/** Filler key ids start here; ids of keys the bench uses sit below, made-up ones above. */
const FILLER_BASE = 0x10000000;
const MADE_UP_BASE = 0xf0000000;
const UNLIMITED = 1_000_000_000;

const hex8 = (n) => n.toString(16).padStart(8, '0');

/** A key in the service's format with the given 8-hex id: `kw_<id>_<32 hex><6 base62 CRC32>`. */
export function keyWithId(id, prefix = 'kw') {
  const body = `${prefix}_${hex8(id)}_${randomBytes(16).toString('hex')}`;
  return body + checksumOf(body);
}

/** Keys nobody issued, with valid checksums: the service must refuse them as api_key.invalid. */
export function madeUpKeys(count) {
  return Array.from({ length: count }, () => keyWithId(MADE_UP_BASE + Math.floor(Math.random() * 0x0fffffff)));
}

/** The bench user (member role, can sign in) and the filler users that own the filler keys. */
export async function seedUsers(client) {
  const passwordHash = await hashPassword(BENCH_USER.password);
  const { rows } = await client.query(
    `INSERT INTO users (email, name, password_hash) VALUES ($1, 'Bench', $2) RETURNING id`,
    [BENCH_USER.email, passwordHash],
  );
  await client.query(`INSERT INTO user_roles (user_id, role_name) VALUES ($1, 'member')`, [rows[0].id]);
  // As registration does: the bench user's keys live in their personal workspace, which they own.
  await client.query(
    `WITH personal AS (INSERT INTO workspaces (slug, name, personal, created_by) VALUES ($1, 'Personal', true, $2) RETURNING id)
     INSERT INTO memberships (workspace_id, user_id, role_name) SELECT id, $2, 'owner' FROM personal`,
    [personalSlug(BENCH_USER.email, rows[0].id), rows[0].id],
  );
  // The filler keys' one workspace: they are never used, only looked past.
  await client.query(`INSERT INTO workspaces (slug, name) VALUES ('bench-fillers', 'Filler keys')`);
  await client.query(
    `WITH u AS (
       INSERT INTO users (email, name, password_hash)
       SELECT 'filler-' || lpad(i::text, 5, '0') || '@bench.local', 'Filler ' || i, 'not-a-hash' FROM generate_series(1, $1) AS i
       RETURNING id)
     INSERT INTO user_roles (user_id, role_name) SELECT id, 'member' FROM u`,
    [FILLER_USERS],
  );
  return rows[0].id;
}

/** Keys whose secrets the bench holds (ids 1..count), owned by the bench user, effectively unlimited. */
export async function seedKnownKeys(client, { userId, firstId, count, hashSecret, name }) {
  const keys = Array.from({ length: count }, (_, i) => keyWithId(firstId + i));
  const ids = keys.map((key) => key.slice(3, 11));
  await client.query(
    `INSERT INTO api_keys (key_id, user_id, name, key_prefix, key_hash, rate_limit, workspace_id)
     SELECT id, $2, $3 || ' ' || ord, 'kw_' || id, hash, $5, (SELECT id FROM workspaces WHERE personal AND created_by = $2)
     FROM unnest($1::text[], $4::text[]) WITH ORDINALITY AS k(id, hash, ord)`,
    [ids, userId, name, keys.map((key) => hashKey(key, hashSecret).toString('hex')), UNLIMITED],
  );
  return keys;
}

/** The id of scenario 11's key: far above the filler and rotation keys, below the made-up ones (0xf0000000 on). */
export const QUOTA_KEY_ID = 0xe0000000;

/**
 * Scenario 11's key: credits that never run out (each request checks and spends them) and three
 * named limits that apply to every route, none of which it reaches.
 */
export async function seedQuotaKey(client, { userId, hashSecret }) {
  const [key] = await seedKnownKeys(client, { userId, firstId: QUOTA_KEY_ID, count: 1, hashSecret, name: 'bench quota' });
  const limits = ['per-second', 'per-minute', 'per-day'].map((name, i) => ({ name, limit: 1_000_000_000, window: [1, 60, 86_400][i], cost: 1, auto: true }));
  await client.query(`UPDATE api_keys SET credits_remaining = 1000000000000, limits = $2 WHERE key_id = $1`, [key.slice(3, 11), JSON.stringify(limits)]);
  return key;
}

/** Filler keys number `from` .. `to - 1` (their secrets are unknown: the hash is arbitrary). */
export async function seedFillerKeys(client, from, to) {
  if (to <= from) return;
  await client.query(
    `WITH owners AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'filler-%@bench.local')
     INSERT INTO api_keys (key_id, user_id, name, key_prefix, key_hash, scopes, rate_limit, created_at, updated_at, usage_count, workspace_id)
     SELECT lpad(to_hex($1 + i), 8, '0'), owners.id, 'filler ' || i, 'kw_' || lpad(to_hex($1 + i), 8, '0'),
            lpad(to_hex(i), 64, 'f'), '{contents:read}', 1000, now() - interval '1 day', now() - interval '1 day', i % 1000,
            (SELECT id FROM workspaces WHERE slug = 'bench-fillers')
     FROM generate_series($2::int, $3::int - 1) AS i JOIN owners ON owners.n = i % $4`,
    [FILLER_BASE, from, to, FILLER_USERS],
  );
}

/** Ids that scenario 8 filters on: present among the seeded events, a few hundred to a few thousand times. */
export const AUDIT_FILTER_VALUES = {
  userId: '00000000-0000-4000-8000-000000000007',
  apiKeyId: '00000000-0000-4000-9000-000000000042',
  ip: '10.0.3.7',
};

/** The chains of the filler events: as many workspaces' chains as retention and verification walk past. */
export const FILLER_CHAINS = 100;

/**
 * `count` events over the `days` before now, shaped like real traffic: mostly key use, some
 * failures, a few logins and suspicious events; 1 000 users, 10 000 keys, 1 000 IPs, in 100 filler
 * chains (not the instance chain, which the service goes on appending to). Hashes are
 * placeholders (this data is read, never verified).
 */
export async function seedAuditEvents(client, count, days = 30) {
  await client.query(
    `INSERT INTO audit_events (id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path,
                               status_code, details, prev_hash, hash, chain_id)
     SELECT gen_random_uuid(), now() - make_interval(days => $2) + (i * (make_interval(days => $2) / $1)),
            t.type, t.severity,
            ('00000000-0000-4000-8000-' || lpad(to_hex(i % 1000), 12, '0'))::uuid,
            CASE WHEN t.type LIKE 'api_key.%' THEN ('00000000-0000-4000-9000-' || lpad(to_hex(i % 10000), 12, '0'))::uuid END,
            CASE WHEN t.type LIKE 'api_key.%' THEN 'kw_' || lpad(to_hex(i % 10000), 8, '0') END,
            '10.0.' || (i / 7 % 4) || '.' || (i % 250), 'bench-agent/1.0', 'GET', '/api/v1/contents',
            t.status, jsonb_build_object('latencyMs', i % 17), repeat('0', 64), lpad(to_hex(i), 64, '0'),
            ('00000000-0000-4000-a000-' || lpad(to_hex(i % $3), 12, '0'))::uuid
     FROM (SELECT i, CASE WHEN i % 100 < 80 THEN 0 WHEN i % 100 < 90 THEN 1 WHEN i % 100 < 95 THEN 2
                          WHEN i % 100 < 98 THEN 3 WHEN i % 100 < 99 THEN 4 ELSE 5 END AS kind
           FROM generate_series(1, $1::int) AS i) AS s
     JOIN (VALUES (0, 'api_key.used', 'info', 200), (1, 'api_key.auth_failed', 'warning', 401), (2, 'auth.login', 'info', 200),
                  (3, 'auth.login_failed', 'warning', 401), (4, 'suspicious.new_ip', 'warning', NULL),
                  (5, 'suspicious.brute_force', 'critical', NULL)) AS t(kind, type, severity, status) USING (kind)`,
    [count, days, FILLER_CHAINS],
  );
}

/**
 * A partition for every month of the `days` before now, as the service would have made each in its
 * time: rows of a month without one would land in the default partition, for startup to move.
 */
export async function ensureMonthPartitions(client, days) {
  await client.query(
    `SELECT audit_new_partition(month) FROM generate_series(date_trunc('month', now() - make_interval(days => $1), 'UTC'), now(), interval '1 month') AS t(at),
       LATERAL (SELECT date_trunc('month', at, 'UTC') AS month) AS m
     WHERE NOT EXISTS (SELECT 1 FROM audit_partitions() p WHERE p.lower_bound = month)`,
    [days],
  );
}

/**
 * Runs a bulk insert the way a restore does: secondary indexes dropped and rebuilt from their own
 * definitions afterwards (a sorted build instead of a million random inserts), and, when allowed,
 * without per-row foreign-key triggers (the seed only references rows that exist).
 */
export async function bulkLoad(client, table, work) {
  const { rows: indexes } = await client.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
  const replica = await client.query(`SET session_replication_role = replica`).then(
    () => true,
    () => false,
  );
  try {
    await work();
  } finally {
    if (replica) await client.query(`SET session_replication_role = DEFAULT`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    // A partitioned table's index reads `ON ONLY` (the parent alone); rebuilt, it must cover every partition.
    for (const index of indexes) await client.query(index.indexdef.replace(' ON ONLY ', ' ON '));
  }
}

export async function settle(client, tables) {
  for (const table of tables) await client.query(`VACUUM (ANALYZE) ${table}`);
  await client.query('CHECKPOINT');
}
