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

/**
 * Lends `work` a pooled client. A checked-out client has no pool listener: if its connection died
 * while idle between two queries, the error would be uncaught and end the process. Note it, and
 * discard the client on release.
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    broken ||= !isQueryError(error);
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** An error PostgreSQL answered with (the connection is fine), as opposed to a dead connection. */
function isQueryError(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
}

/** Runs `work` in one transaction on a pooled client. */
export async function inTransaction<T>(pool: pg.Pool, work: (query: (sql: string, params?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
