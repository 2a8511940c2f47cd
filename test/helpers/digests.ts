import type pg from 'pg';
import { digestHash, type SignedDigest } from '../../src/audit/digests/digest-form.js';
import { eventually } from './factories.js';

export interface ListedDigest extends SignedDigest {
  id: string;
  digestHash: string;
}

/** A chain's head straight from the table: its newest event. */
export async function chainHead(db: pg.Pool, chainId: string): Promise<{ seq: number; hash: string }> {
  const { rows } = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_events WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1', [chainId]);
  return { seq: Number(rows[0].seq), hash: rows[0].hash };
}

/** A chain's digests from the table, oldest first, as the API lists them. */
export async function storedDigests(db: pg.Pool, chainId: string): Promise<ListedDigest[]> {
  const { rows } = await db.query(
    `SELECT id, chain_id AS "chainId", seq::int AS seq, hash, signed_at AS at, previous_digest_hash AS "previousDigestHash", digest_hash AS "digestHash",
            key_id AS "keyId", signature
     FROM audit_digests WHERE chain_id = $1 ORDER BY seq`,
    [chainId],
  );
  return rows.map((row) => ({ ...row, at: (row.at as Date).toISOString() }));
}

/** Waits until a digest signs the chain's current head (the writer flushed, and a window passed). */
export function awaitSignedHead(db: pg.Pool, chainId: string, timeoutMs = 15_000): Promise<ListedDigest[]> {
  return eventually(async () => {
    const head = await chainHead(db, chainId);
    const digests = await storedDigests(db, chainId);
    if (digests.at(-1)?.seq !== head.seq) throw new Error(`chain ${chainId}: head at seq ${head.seq}, newest digest at ${digests.at(-1)?.seq}`);
    return digests;
  }, timeoutMs, 100);
}

/** Each digest names the one before it; the first names none. */
export function linkedInOrder(digests: readonly ListedDigest[]): boolean {
  return digests.every((digest, i) => digest.previousDigestHash === (i === 0 ? null : digestHash(digests[i - 1])) && digest.digestHash === digestHash(digest));
}
