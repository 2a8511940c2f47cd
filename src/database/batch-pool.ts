import pg from 'pg';

/**
 * A small connection pool of its own for the batched writers (audit events, key usage). It stays
 * open until the app has closed and the writers have flushed, whatever order Nest's shutdown
 * hooks run in; whoever created the app ends it afterwards.
 */
export const BATCH_POOL = Symbol('BATCH_POOL');

export function createBatchPool(url: string, statementTimeoutMs: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 3,
    application_name: 'keyward-batch',
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on a pooled client. */
export async function inTransaction<T>(pool: pg.Pool, work: (query: (sql: string, params?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client has no pool listener: if its connection dies between two queries, the
  // error would be uncaught and end the process. Note it, and discard the client on release.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
