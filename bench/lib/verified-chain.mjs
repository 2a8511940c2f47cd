// Scenario 12's chain: events with real hashes, built by the service's own functions (so they
// verify exactly as the service's own appends do) and inserted in large batches with explicit seq,
// a time-ordered stream from `days` ago with `recent` of them in the last hour.
import { prepareEvent, toChainedEvent } from '../../dist/src/audit/chain/audit-chain.js';
import { CANONICAL_VERSION, genesisOf, linkCanonical } from '../../dist/src/audit/chain/hash-chain.js';

const BATCH = 5000;
const HOUR_MS = 3_600_000;

export const VOLUME_WORKSPACE = { slug: 'bench-volume', name: 'Bench audit volume' };

const USED = {
  type: 'api_key.used',
  userId: '00000000-0000-4000-8000-00000000000c',
  apiKeyId: '00000000-0000-4000-9000-00000000000c',
  keyPrefix: 'kw_0000000c',
  ip: '10.1.2.3',
  userAgent: 'bench-agent/1.0',
  method: 'GET',
  path: '/api/v1/contents',
  statusCode: 200,
};

const ROWS = `json_to_recordset($1::json) AS e(seq bigint, "apiKeyId" uuid, details jsonb, id uuid, ip varchar, "keyPrefix" varchar, method varchar,
  "occurredAt" timestamptz, path varchar, severity varchar, "statusCode" smallint, type varchar, "userAgent" varchar, "userId" uuid,
  "prevHash" char(64), hash char(64))`;
const INSERT = `INSERT INTO audit_events (seq, id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path,
    status_code, details, chain_id, canonical_version, prev_hash, hash)
  SELECT seq, id, "occurredAt", type, severity, "userId", "apiKeyId", "keyPrefix", ip, "userAgent", method, path, "statusCode", details, $2, $3, "prevHash", hash
  FROM ${ROWS}`;

/** When event `i` of `count` happened: evenly from `days` ago to an hour ago, then `recent` of them in the last hour. */
function timeOf(i, { count, days, recent, now }) {
  const older = count - recent;
  if (i < older) return new Date(now - days * 24 * HOUR_MS + (i * (days * 24 * HOUR_MS - HOUR_MS)) / Math.max(older, 1));
  return new Date(now - HOUR_MS + ((i - older) * (HOUR_MS - 60_000)) / Math.max(recent, 1));
}

/**
 * Seeds the chain of a workspace made for it; call it while nothing else writes audit events (the
 * seq block is reserved with setval). Returns the workspace and the chain's head.
 */
export async function seedVerifiedChain(client, { count, days, recent }) {
  const { rows } = await client.query(`INSERT INTO workspaces (slug, name) VALUES ($1, $2) RETURNING id`, [VOLUME_WORKSPACE.slug, VOLUME_WORKSPACE.name]);
  const chainId = rows[0].id;
  const reserved = await client.query(`SELECT setval('audit_events_seq_seq', last_value + $1) - $1 + 1 AS first FROM audit_events_seq_seq`, [count]);
  const first = Number(reserved.rows[0].first);
  const now = Date.now();
  let prev = genesisOf(chainId);
  let pending = Promise.resolve();
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const prepared = Array.from({ length: size }, (_, k) => prepareEvent(toChainedEvent({ ...USED, chainId, occurredAt: timeOf(start + k, { count, days, recent, now }), details: { latencyMs: (start + k) % 17 } })));
    const hashes = linkCanonical(prev, prepared.map((p) => p.canonical));
    let json = '[';
    for (let k = 0; k < size; k++) {
      json += `${k ? ',' : ''}${prepared[k].canonical.slice(0, -1)},"seq":${first + start + k},"prevHash":"${k ? hashes[k - 1] : prev}","hash":"${hashes[k]}"}`;
    }
    prev = hashes[size - 1];
    // Build the next batch while PostgreSQL inserts this one.
    await pending;
    pending = client.query(INSERT, [`${json}]`, chainId, CANONICAL_VERSION]).then(() => undefined);
  }
  await pending;
  return { chainId, head: prev, firstSeq: first, lastSeq: first + count - 1 };
}
