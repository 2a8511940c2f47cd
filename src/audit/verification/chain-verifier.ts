import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { genesisOf, INSTANCE_CHAIN } from '../chain/hash-chain.js';
import { ChainWalk, type ChainPoint, type DroppedLink, type WalkedEvent, type WalkOutcome } from './chain-walk.js';
import type { AllChainsVerifyResult, ChainVerifyResult, VerifyOptions, VerifyResult } from './verify-result.js';

const FETCH_SIZE = 5000;

/**
 * What each event's hash covers, plus how it is chained, as arrays (eventOf names them): the time
 * comes as toISOString's text, so no Date is made per row — at a few µs an event, each counts.
 */
const LINK_COLUMNS = `seq::float8, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), type, severity, user_id, api_key_id,
  key_prefix, ip, user_agent, method, path, status_code, details, canonical_version, prev_hash, hash`;

type LinkColumns = [number, string, string, string, string, string | null, string | null, string | null, string | null, string | null, string | null, string | null, number | null, Record<string, unknown>, number, string, string];

function eventOf(row: LinkColumns): WalkedEvent {
  return {
    seq: row[0], id: row[1], occurredAt: row[2], type: row[3], severity: row[4], userId: row[5], apiKeyId: row[6], keyPrefix: row[7], ip: row[8],
    userAgent: row[9], method: row[10], path: row[11], statusCode: row[12], details: row[13], canonicalVersion: row[14], prevHash: row[15], hash: row[16],
  };
}

/** Where retention left the chain: the kept events follow its newest checkpoint. */
const RETENTION_START_SQL = 'SELECT last_seq::float8 AS seq, last_hash AS hash FROM audit_checkpoints WHERE chain_id = $1 ORDER BY id DESC LIMIT 1';
const VERIFIED_SQL = 'SELECT last_seq::float8 AS seq, last_hash AS hash FROM audit_verifications WHERE chain_id = $1';
// ORDER BY names the table's column: the bare `seq` would be the float8 output column, sorted instead of read in index order.
const LINKS_SQL = `SELECT seq::float8 AS seq, prev_hash AS "prevHash", hash FROM audit_checkpoint_links l WHERE chain_id = $1 AND seq > $2 ORDER BY l.seq`;
const EVENTS_SQL = `SELECT ${LINK_COLUMNS} FROM audit_events e WHERE chain_id = $1 AND seq > $2 ORDER BY e.seq`;
/** Only moves forward: two verifiers finishing out of order never set a chain back. */
const RECORD_SQL = `INSERT INTO audit_verifications (chain_id, last_seq, last_hash, checked) VALUES ($1, $2, $3, $4)
  ON CONFLICT (chain_id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash, checked = excluded.checked, verified_at = now()
  WHERE audit_verifications.last_seq < excluded.last_seq`;
/** Every chain with an event (one index probe per chain, not a scan of the table) or a checkpoint. */
const CHAIN_IDS_SQL = `
  WITH RECURSIVE chains AS (
    (SELECT chain_id FROM audit_events ORDER BY chain_id LIMIT 1)
    UNION ALL
    SELECT (SELECT e.chain_id FROM audit_events e WHERE e.chain_id > chains.chain_id ORDER BY e.chain_id LIMIT 1) FROM chains WHERE chains.chain_id IS NOT NULL)
  SELECT chain_id FROM chains WHERE chain_id IS NOT NULL
  UNION SELECT chain_id FROM audit_checkpoints ORDER BY chain_id`;

/**
 * Recomputes chains in append order, each event under the canonical form it was written with.
 * A walk starts at the chain's newest retention checkpoint (genesis without one) or, unless
 * `full`, at the point the background verifier last found it valid to, whichever is further on.
 */
export class ChainVerifier {
  constructor(private readonly db: DataSource) {}

  async verify(chainId: string = INSTANCE_CHAIN, options: VerifyOptions = {}): Promise<WalkOutcome> {
    return this.inSnapshot(async (client) => {
      const start = await startOf(client, chainId, options.full ?? false);
      const { rows: links } = await client.query<DroppedLink>(LINKS_SQL, [chainId, start.seq]);
      const walk = new ChainWalk(start, links);
      walking: for await (const rows of batches<LinkColumns>(client, EVENTS_SQL, [chainId, start.seq])) {
        for (const row of rows) if (!walk.step(eventOf(row))) break walking;
      }
      return walk.outcome();
    });
  }

  /** Every chain there is, the instance chain first. */
  async verifyAll(options: VerifyOptions = {}): Promise<AllChainsVerifyResult> {
    const chains: ChainVerifyResult[] = [];
    for (const id of await this.chainIds()) {
      chains.push({ workspaceId: id === INSTANCE_CHAIN ? null : id, ...resultOf(await this.verify(id, options)) });
    }
    return { valid: chains.every((chain) => chain.valid), chains };
  }

  async chainIds(): Promise<string[]> {
    const found = await this.db.query<Array<{ chain_id: string }>>(CHAIN_IDS_SQL);
    return [INSTANCE_CHAIN, ...found.map((row) => row.chain_id).filter((id) => id !== INSTANCE_CHAIN)];
  }

  /** Remembers that `chainId` verified up to `point`, so the next walks start there. */
  async record(chainId: string, point: ChainPoint, checked: number): Promise<void> {
    await this.db.query(RECORD_SQL, [chainId, point.seq, point.hash, checked]);
  }

  /**
   * One snapshot for the start, the links and the events. The lock comes first: a partition
   * retention drops while a walk is on could otherwise vanish from under its cursor after the
   * walk read the checkpoint from before the drop (a drop waits for the walk, at most its
   * lock_timeout, and is retried).
   */
  private async inSnapshot<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    let finished = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('LOCK TABLE audit_events IN ACCESS SHARE MODE');
      const result = await work(client);
      await client.query('COMMIT');
      finished = true;
      return result;
    } finally {
      if (!finished) await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}

async function startOf(client: pg.PoolClient, chainId: string, full: boolean): Promise<ChainPoint> {
  const { rows: [retention] } = await client.query<ChainPoint>(RETENTION_START_SQL, [chainId]);
  const start = retention ?? { seq: 0, hash: genesisOf(chainId) };
  if (full) return start;
  const { rows: [verified] } = await client.query<ChainPoint>(VERIFIED_SQL, [chainId]);
  return verified && verified.seq > start.seq ? verified : start;
}

/**
 * Batches of rows (as arrays) from a server-side cursor in the caller's transaction; the next
 * batch is asked for before this one is handed out, so PostgreSQL reads while the hashes are computed.
 */
async function* batches<T>(client: pg.PoolClient, sql: string, params: unknown[]): AsyncGenerator<T[]> {
  await client.query(`DECLARE verify_cursor NO SCROLL CURSOR FOR ${sql}`, params);
  const fetch = () => {
    const result = client.query<T & unknown[]>({ text: `FETCH ${FETCH_SIZE} FROM verify_cursor`, rowMode: 'array' });
    result.catch(() => undefined); // awaited below, unless the walk stopped first
    return result;
  };
  let next = fetch();
  for (;;) {
    const { rows } = await next;
    if (rows.length < FETCH_SIZE) {
      if (rows.length) yield rows;
      return;
    }
    next = fetch();
    yield rows;
  }
}

/** What the API answers: the outcome without the point verified to. */
export function resultOf({ verifiedTo: _verifiedTo, ...result }: WalkOutcome): VerifyResult {
  return result;
}
