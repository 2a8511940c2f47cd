import type pg from 'pg';
import { storableIp } from '../../common/storable-ip.js';
import { storableJson, storableTextOf } from '../../common/storable-text.js';
import { uuidv7 } from '../../common/uuid7.js';
import { withClient } from '../../database/batch-pool.js';
import { severityOf } from './audit-event-types.js';
import type { AuditEventInput } from './audit-event.input.js';
import { canonicalEvent, GENESIS_HASH, linkCanonical, type ChainedEvent } from './hash-chain.js';

/** Any fixed number: every appender, on every instance, takes this lock to extend the one chain (audit_purge() too, by number). */
export const AUDIT_CHAIN_LOCK = 7_340_002;

/** Runs SQL on the caller's connection: a QueryRunner's or an EntityManager's `query`. */
export type Query = (sql: string, parameters?: unknown[]) => Promise<any>;

/**
 * Cheap enough for the request path: the costly serialisation waits for the batch (prepare).
 * Every string is made storable here, before anything is hashed, so what the hash covers is what
 * PostgreSQL keeps and `verify` reads back: lone surrogates and NUL become U+FFFD, texts are cut to
 * their columns, and an address is stored canonical (or not at all when it is none).
 */
export function toChainedEvent(input: AuditEventInput): ChainedEvent {
  return {
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
}

/** An event ready to append, with its canonical text (what its hash covers, and what is stored). */
export interface PreparedEvent {
  event: ChainedEvent;
  canonical: string;
}

export function prepareEvent(event: ChainedEvent): PreparedEvent {
  return { event, canonical: canonicalEvent(event) };
}

const LAST_HASH = `coalesce(
    (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1),
    (SELECT last_hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1))`;
const LAST_HASH_SQL = `SELECT ${LAST_HASH} AS hash`;

/**
 * The batch travels as one JSON parameter: each row is the event's canonical text (already built
 * for its hash) plus its two hashes, and json_to_recordset turns them back into rows, in order.
 */
const ROWS = `ROWS FROM (json_to_recordset($1::json) AS (
    "apiKeyId" uuid, details jsonb, id uuid, ip varchar, "keyPrefix" varchar, method varchar, "occurredAt" timestamptz,
    path varchar, severity varchar, "statusCode" smallint, type varchar, "userAgent" varchar, "userId" uuid,
    "prevHash" char(64), hash char(64)))
  WITH ORDINALITY AS e("apiKeyId", details, id, ip, "keyPrefix", method, "occurredAt", path, severity, "statusCode", type,
                       "userAgent", "userId", "prevHash", hash, ord)`;
const INSERT_HEAD = `INSERT INTO audit_events
    (id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path, status_code, details, prev_hash, hash)
  SELECT e.id, e."occurredAt", e.type, e.severity, e."userId", e."apiKeyId", e."keyPrefix", e.ip, e."userAgent", e.method, e.path,
         e."statusCode", e.details, e."prevHash", e.hash
  FROM ${ROWS}`;
const INSERT_SQL = `${INSERT_HEAD} ORDER BY e.ord`;
/** Appends only if the chain still ends where the caller believes: no read needed when it does. */
const INSERT_IF_HEAD_SQL = `${INSERT_HEAD} WHERE ${LAST_HASH} = $2 ORDER BY e.ord`;

function rowsJson(events: PreparedEvent[], prevHash: string, hashes: string[]): string {
  let json = '[';
  let previous = prevHash;
  for (let i = 0; i < events.length; i++) {
    const canonical = events[i].canonical;
    json += `${i ? ',' : ''}${canonical.slice(0, -1)},"prevHash":"${previous}","hash":"${hashes[i]}"}`;
    previous = hashes[i];
  }
  return `${json}]`;
}

/**
 * Appends events inside the caller's transaction (management events commit with their change).
 * The transaction-level advisory lock is released at commit, so appenders on every instance
 * extend one unbroken line.
 */
export async function appendToChain(query: Query, events: ChainedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const prepared = events.map(prepareEvent);
  await query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [{ hash: last }] = (await query(LAST_HASH_SQL)) as Array<{ hash: string | null }>;
  const prev = last ?? GENESIS_HASH;
  await query(INSERT_SQL, [rowsJson(prepared, prev, linkCanonical(prev, prepared.map((p) => p.canonical)))]);
}

/**
 * The batch writer's append: under the same advisory lock (held by the session for two or three
 * statements), one INSERT that succeeds only if the chain still ends at `expectedHead` — the
 * head this writer left last time. If someone else appended meanwhile, it reads the head and
 * appends after it. Returns the new head.
 */
export async function appendBatch(pool: pg.Pool, events: PreparedEvent[], expectedHead?: string): Promise<string> {
  const canonicals = events.map((prepared) => prepared.canonical);
  const optimistic = expectedHead ? await linkInSlices(expectedHead, canonicals) : undefined;
  return withClient(pool, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    try {
      if (expectedHead && optimistic) {
        const result = await client.query(INSERT_IF_HEAD_SQL, [rowsJson(events, expectedHead, optimistic), expectedHead]);
        if (result.rowCount === events.length) return optimistic[optimistic.length - 1];
      }
      const { rows } = await client.query<{ hash: string | null }>(LAST_HASH_SQL);
      const prev = rows[0].hash ?? GENESIS_HASH;
      const hashes = await linkInSlices(prev, canonicals);
      await client.query(INSERT_SQL, [rowsJson(events, prev, hashes)]);
      return hashes[hashes.length - 1];
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]).catch(() => undefined);
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
