import type { Query } from '../chain/audit-chain.js';

/** One chain whose head moved since its last digest: what the next digest signs and links to. */
export interface MovedHead {
  chainId: string;
  seq: number;
  hash: string;
  previousDigestHash: string | null;
}

export interface DigestRow {
  id: string;
  chainId: string;
  seq: number;
  hash: string;
  at: string;
  previousDigestHash: string | null;
  digestHash: string;
  keyId: string;
  signature: string;
}

/**
 * Every chain with events (found by skipping through the (chain_id, seq) index, one probe per
 * chain rather than a scan of the events), its head, and its last digest, where the head is past it.
 */
const MOVED_HEADS_SQL = `
  WITH RECURSIVE chains(id) AS (
    (SELECT chain_id FROM audit_events ORDER BY chain_id LIMIT 1)
    UNION ALL
    SELECT (SELECT e.chain_id FROM audit_events e WHERE e.chain_id > chains.id ORDER BY e.chain_id LIMIT 1) FROM chains WHERE chains.id IS NOT NULL
  )
  SELECT c.id AS "chainId", head.seq::text AS seq, head.hash, last.digest_hash AS "previousDigestHash"
  FROM chains c
  CROSS JOIN LATERAL (SELECT e.seq, e.hash FROM audit_events e WHERE e.chain_id = c.id ORDER BY e.seq DESC LIMIT 1) AS head
  LEFT JOIN LATERAL (SELECT d.seq, d.digest_hash FROM audit_digests d WHERE d.chain_id = c.id ORDER BY d.seq DESC LIMIT 1) AS last ON true
  WHERE c.id IS NOT NULL AND (last.seq IS NULL OR head.seq > last.seq)
  ORDER BY c.id`;

export async function movedHeads(query: Query): Promise<MovedHead[]> {
  const rows = (await query(MOVED_HEADS_SQL)) as Array<Omit<MovedHead, 'seq'> & { seq: string }>;
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** The database's clock, to the millisecond a digest's `at` keeps. */
export async function databaseNow(query: Query): Promise<Date> {
  const [{ now }] = (await query(`SELECT date_trunc('milliseconds', now()) AS now`)) as Array<{ now: Date }>;
  return now;
}

export async function windowSigned(query: Query, window: Date): Promise<boolean> {
  return ((await query('SELECT 1 FROM audit_digest_runs WHERE window_start = $1', [window])) as unknown[]).length > 0;
}

export async function recordRun(query: Query, window: Date, runner: string, digests: DigestRow[]): Promise<void> {
  if (digests.length > 0) {
    await query(
      `INSERT INTO audit_digests (id, chain_id, seq, hash, signed_at, previous_digest_hash, digest_hash, key_id, signature)
       SELECT d.id, d."chainId", d.seq, d.hash, d.at, d."previousDigestHash", d."digestHash", d."keyId", d.signature
       FROM json_to_recordset($1::json) AS d(id uuid, "chainId" uuid, seq bigint, hash char(64), at timestamptz, "previousDigestHash" char(64),
                                           "digestHash" char(64), "keyId" varchar, signature varchar)`,
      [JSON.stringify(digests)],
    );
  }
  await query('INSERT INTO audit_digest_runs (window_start, runner, signed) VALUES ($1, $2, $3)', [window, runner, digests.length]);
}
