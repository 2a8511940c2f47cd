import type pg from 'pg';
import { DataSource } from 'typeorm';
import { BATCH_POOL } from '../../src/database/batch-pool.js';
import type { TestApp } from './app.js';

export interface QueryCounter {
  /** Statements run through TypeORM: every query a request can make (key and user lookups, the API's own reads and writes). */
  readonly count: number;
  readonly queries: string[];
  /**
   * Statements run on the batch pool (BATCH_POOL): usage flushes, audit batches, the key-id sync.
   * Only background work uses it; a request never waits on it.
   */
  readonly batchQueries: string[];
  stop(): void;
}

type Listener = (sql: string) => void;
const poolListeners = new WeakMap<pg.Pool, Set<Listener>>();
const wrappedClients = new WeakSet<pg.PoolClient>();

/**
 * Every client the pool lends, whether to pool.query or to pool.connect, passes its 'acquire'
 * event; wrapping the client's query there counts each statement once, however it was sent. A
 * client already lent when counting first starts on a pool is seen from its next loan.
 */
function watchPool(pool: pg.Pool, listener: Listener): () => void {
  let listeners = poolListeners.get(pool);
  if (!listeners) {
    const active = new Set<Listener>();
    listeners = active;
    poolListeners.set(pool, active);
    pool.on('acquire', (client) => {
      if (wrappedClients.has(client)) return;
      wrappedClients.add(client);
      const query = client.query;
      client.query = function (this: pg.PoolClient, ...args: unknown[]) {
        const sql = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | undefined)?.text);
        for (const notify of active) notify(sql);
        return (query as (...rest: unknown[]) => unknown).apply(this, args);
      } as typeof client.query;
    });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Counts the SQL the app runs, through TypeORM (its logger) and on its batch pool, until stop(). */
export function countQueries(app: TestApp): QueryCounter {
  const logger = app.keyward.app.get(DataSource).logger;
  const original = logger.logQuery;
  const queries: string[] = [];
  const batchQueries: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    queries.push(query);
    return original.call(logger, query, parameters, runner);
  };
  const unwatch = watchPool(app.keyward.app.get<pg.Pool>(BATCH_POOL), (sql) => batchQueries.push(sql));
  return {
    get count() {
      return queries.length;
    },
    queries,
    batchQueries,
    stop: () => {
      logger.logQuery = original;
      unwatch();
    },
  };
}
