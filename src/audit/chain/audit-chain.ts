import type pg from 'pg';
import { storableIp } from '../../common/storable-ip.js';
import { storableJson, storableTextOf } from '../../common/storable-text.js';
import { uuidv7 } from '../../common/uuid7.js';
import { inTransaction, withClient } from '../../database/batch-pool.js';
import { severityOf } from './audit-event-types.js';
import type { AuditEventInput } from './audit-event.input.js';
import { CANONICAL_VERSION, canonicalEvent, genesisOf, INSTANCE_CHAIN, linkCanonical, type ChainedEvent } from './hash-chain.js';

/**
 * The class of the chain locks (two-int advisory locks: this class, hashtext(chain id)). Every
 * appender, on every instance, takes its chain's lock to extend it; audit_purge() too, by number.
 */
export const AUDIT_CHAIN_LOCK_CLASS = 7_340_002;

/** Runs SQL on the caller's connection: a QueryRunner's or an EntityManager's `query`. */
export type Query = (sql: string, parameters?: unknown[]) => Promise<any>;

/**
 * Cheap enough for the request path: the costly serialisation waits for the batch (prepare).
 * Every string is made storable here, before anything is hashed, so what the hash covers is what
 * PostgreSQL keeps and `verify` reads back: lone surrogates and NUL become U+FFFD, texts are cut to
 * their columns, and an address is stored canonical (or not at all when it is none).
 */
export function toChainedEvent(input: AuditEventInput): ChainedEvent {
  const event: ChainedEvent = {
    id: uuidv7(),
    occurredAt: input.occurredAt && !Number.isNaN(input.occurredAt.getTime()) ? input.occurredAt : new Date(),
    type: input.type,
    severity: input.severity ?? severityOf(input.type),
    userId: input.userId ?? null,
    apiKeyId: input.apiKeyId ?? null,
    keyPrefix: storableTextOf(input.keyPrefix, 32),
    ip: storableIp(input.ip),
    userAgent: storableTextOf(input.userAgent, 500),
    method: storableTextOf(input.method, 10),
    path: storableTextOf(input.path, 1000),
    statusCode: input.statusCode ?? null,
    details: storableJson(input.details ?? {}),
  };
  // Left out for the instance chain, so what observers and the alert webhook see is unchanged.
  const chainId = input.chainId?.toLowerCase();
  if (chainId && chainId !== INSTANCE_CHAIN) event.chainId = chainId;
  return event;
}

/**
 * An event ready to append: the chain it extends, and its canonical text (what its hash covers,
 * and what is stored) under the current canonical form, CANONICAL_VERSION, which is stored with it.
 */
export interface PreparedEvent {
  event: ChainedEvent;
  chainId: string;
  canonical: string;
}

export function prepareEvent(event: ChainedEvent): PreparedEvent {
  return { event, chainId: event.chainId ?? INSTANCE_CHAIN, canonical: canonicalEvent(event, CANONICAL_VERSION) };
}

/** The events of a batch per chain: chains in a fixed order (sorted ids), each keeping its events' order. */
export function chainParts<T extends { chainId: string }>(events: readonly T[]): Array<{ chainId: string; events: T[] }> {
  const parts = new Map<string, T[]>();
  for (const event of events) {
    const part = parts.get(event.chainId);
    if (part) part.push(event);
    else parts.set(event.chainId, [event]);
  }
  return [...parts.keys()].sort().map((chainId) => ({ chainId, events: parts.get(chainId)! }));
}

/** The one chain every event of the batch extends, or undefined when they span several. */
function singleChain(events: readonly PreparedEvent[]): string | undefined {
  const chainId = events[0]?.chainId;
  for (const event of events) if (event.chainId !== chainId) return undefined;
  return chainId;
}

/** Where a chain ends: its newest event, or the checkpoint retention left when it purged them all. */
const lastHash = (chain: string) => `coalesce(
    (SELECT hash FROM audit_events WHERE chain_id = ${chain} ORDER BY seq DESC LIMIT 1),
    (SELECT last_hash FROM audit_checkpoints WHERE chain_id = ${chain} ORDER BY id DESC LIMIT 1))`;
const LAST_HASH_SQL = `SELECT ${lastHash('$1::uuid')} AS hash`;

// The key is hashed from the id's canonical text, as audit_purge() hashes chain_id::text.
const LOCK_SQL = 'SELECT pg_advisory_lock($1, hashtext($2::uuid::text))';
const UNLOCK_SQL = 'SELECT pg_advisory_unlock($1, hashtext($2::uuid::text))';
/**
 * Every chain's lock until commit, taken in one fixed order: by lock key, not by chain id — two
 * ids may share a key, and only an order over the locks themselves rules out a deadlock between
 * two holders of several (audit_purge() takes them in the same order).
 */
const LOCK_CHAINS_SQL = `SELECT pg_advisory_xact_lock($1, key)
  FROM (SELECT DISTINCT hashtext(chain::text) AS key FROM unnest($2::uuid[]) AS chain ORDER BY key) AS keys ORDER BY key`;

/**
 * The batch travels as one JSON parameter: each row is the event's canonical text (already built
 * for its hash) plus its two hashes, and json_to_recordset turns them back into rows, in order.
 * One INSERT is one chain's part, so its chain ($2) and canonical version ($3) are parameters.
 */
const ROWS = `ROWS FROM (json_to_recordset($1::json) AS (
    "apiKeyId" uuid, details jsonb, id uuid, ip varchar, "keyPrefix" varchar, method varchar, "occurredAt" timestamptz,
    path varchar, severity varchar, "statusCode" smallint, type varchar, "userAgent" varchar, "userId" uuid,
    "prevHash" char(64), hash char(64)))
  WITH ORDINALITY AS e("apiKeyId", details, id, ip, "keyPrefix", method, "occurredAt", path, severity, "statusCode", type,
                       "userAgent", "userId", "prevHash", hash, ord)`;
const INSERT_HEAD = `INSERT INTO audit_events
    (id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path, status_code, details,
     chain_id, canonical_version, prev_hash, hash)
  SELECT e.id, e."occurredAt", e.type, e.severity, e."userId", e."apiKeyId", e."keyPrefix", e.ip, e."userAgent", e.method, e.path,
         e."statusCode", e.details, $2::uuid, $3::smallint, e."prevHash", e.hash
  FROM ${ROWS}`;
const INSERT_SQL = `${INSERT_HEAD} ORDER BY e.ord`;
/** Appends only if the chain still ends where the caller believes ($4): no read needed when it does. */
const INSERT_IF_HEAD_SQL = `${INSERT_HEAD} WHERE ${lastHash('$2::uuid')} = $4 ORDER BY e.ord`;

function rowsJson(events: PreparedEvent[], prevHash: string, hashes: string[]): string {
  let json = '[';
  let previous = prevHash;
  for (let i = 0; i < events.length; i++) {
    json += `${i ? ',' : ''}${events[i].canonical.slice(0, -1)},"prevHash":"${previous}","hash":"${hashes[i]}"}`;
    previous = hashes[i];
  }
  return `${json}]`;
}

/**
 * Appends events inside the caller's transaction (management events commit with their change),
 * each chain's part after that chain's head. The transaction-level advisory locks are released
 * at commit, so appenders on every instance extend each chain in one unbroken line.
 * Returns the new head of every chain written.
 */
export async function appendToChain(query: Query, events: ChainedEvent[]): Promise<Map<string, string>> {
  if (events.length === 0) return new Map();
  return appendLocked(query, events.map(prepareEvent));
}

async function appendLocked(query: Query, events: PreparedEvent[]): Promise<Map<string, string>> {
  const parts = chainParts(events);
  await query(LOCK_CHAINS_SQL, [AUDIT_CHAIN_LOCK_CLASS, parts.map((part) => part.chainId)]);
  const heads = new Map<string, string>();
  for (const { chainId, events: part } of parts) {
    const [{ hash: last }] = (await query(LAST_HASH_SQL, [chainId])) as Array<{ hash: string | null }>;
    const prev = last ?? genesisOf(chainId);
    const hashes = await linkInSlices(prev, part.map((prepared) => prepared.canonical));
    await query(INSERT_SQL, [rowsJson(part, prev, hashes), chainId, CANONICAL_VERSION]);
    heads.set(chainId, hashes[hashes.length - 1]);
  }
  return heads;
}

/**
 * The batch writer's append. `heads` is where this writer left each chain last time; the
 * result is the same with the chains of this batch moved on. A batch of one chain (every batch,
 * while there is one) goes the fast way, appendToOneChain; one spanning several is appended in
 * one transaction, each chain's part after its head, under all their locks.
 */
export async function appendBatch(pool: pg.Pool, events: PreparedEvent[], heads: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const next = new Map(heads);
  if (events.length === 0) return next;
  const chainId = singleChain(events);
  if (chainId !== undefined) return next.set(chainId, await appendToOneChain(pool, chainId, events, heads.get(chainId)));
  for (const [chain, head] of await inTransaction(pool, (query) => appendLocked(query, events))) next.set(chain, head);
  return next;
}

/**
 * Under the chain's advisory lock (held by the session for two or three statements), one INSERT
 * that succeeds only if the chain still ends at `expectedHead` — the head this writer left last
 * time. If someone else appended meanwhile, it reads the head and appends after it. Returns the
 * new head.
 */
async function appendToOneChain(pool: pg.Pool, chainId: string, events: PreparedEvent[], expectedHead?: string): Promise<string> {
  const canonicals = events.map((prepared) => prepared.canonical);
  const optimistic = expectedHead ? await linkInSlices(expectedHead, canonicals) : undefined;
  return withClient(pool, async (client) => {
    await client.query(LOCK_SQL, [AUDIT_CHAIN_LOCK_CLASS, chainId]);
    try {
      if (expectedHead && optimistic) {
        const result = await client.query(INSERT_IF_HEAD_SQL, [rowsJson(events, expectedHead, optimistic), chainId, CANONICAL_VERSION, expectedHead]);
        if (result.rowCount === events.length) return optimistic[optimistic.length - 1];
      }
      const { rows } = await client.query<{ hash: string | null }>(LAST_HASH_SQL, [chainId]);
      const prev = rows[0].hash ?? genesisOf(chainId);
      const hashes = await linkInSlices(prev, canonicals);
      await client.query(INSERT_SQL, [rowsJson(events, prev, hashes), chainId, CANONICAL_VERSION]);
      return hashes[hashes.length - 1];
    } finally {
      await client.query(UNLOCK_SQL, [AUDIT_CHAIN_LOCK_CLASS, chainId]).catch(() => undefined);
    }
  });
}

const SLICE = 100;

/** linkCanonical a slice at a time, letting requests run in between (a batch is 500 hashes). */
async function linkInSlices(prevHash: string, canonicals: string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let start = 0; start < canonicals.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    hashes.push(...linkCanonical(hashes.at(-1) ?? prevHash, canonicals.slice(start, start + SLICE)));
  }
  return hashes;
}
