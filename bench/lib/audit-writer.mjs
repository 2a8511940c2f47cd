// Scenario 7: the audit writer alone. Runs exactly what the service's AuditWriter runs per batch
// (`appendBatch(pool, batch.map(prepareEvent), heads)`, heads per chain, on a pool made by the service's own
// `createBatchPool`), one batch after another as its drain loop does, for a fixed time.
import { appendBatch, prepareEvent, toChainedEvent } from '../../dist/src/audit/chain/audit-chain.js';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../dist/migrations/index.js';
import { createBatchPool } from '../../dist/src/database/batch-pool.js';
import { dataSourceOptions } from '../../dist/src/database/data-source.js';
import { withClient } from './database.mjs';
import { percentile } from './load.mjs';
import { bulkLoad, seedAuditEvents, settle } from './seed.mjs';

const BATCH_SIZE = 500; // AUDIT_BATCH_SIZE default and maximum

/** An `api_key.used` event as the service records it on a key-authenticated request. */
const USED = {
  type: 'api_key.used',
  userId: '00000000-0000-4000-8000-00000000000b',
  apiKeyId: '00000000-0000-4000-9000-00000000000b',
  keyPrefix: 'kw_0000000b',
  ip: '127.0.0.1',
  userAgent: 'autocannon',
  method: 'GET',
  path: '/api/v1/auth/me',
  statusCode: 200,
  details: { latencyMs: 0.42, transport: 'header' },
};

export async function measureAuditWriter({ url, seconds, warmupSeconds = 1 }) {
  const pool = createBatchPool(url, 5000);
  try {
    let heads;
    const run = async (budgetMs) => {
      const batchMs = [];
      // Where a batch's time goes: preparing the events (canonical text, the JavaScript the writer
      // does before it takes the lock) and the append (hashing the chain, the statements).
      const split = { prepareMs: 0, appendMs: 0 };
      let events = 0;
      let writingMs = 0;
      const started = performance.now();
      while (performance.now() - started < budgetMs) {
        // Built outside the timed call: the service builds each event in the request that records it.
        const batch = Array.from({ length: BATCH_SIZE }, () => toChainedEvent(USED));
        const t = performance.now();
        const prepared = batch.map(prepareEvent);
        const p = performance.now();
        heads = await appendBatch(pool, prepared, heads);
        const done = performance.now();
        split.prepareMs += p - t;
        split.appendMs += done - p;
        writingMs += done - t;
        batchMs.push(done - t);
        events += batch.length;
      }
      return { events, batches: batchMs.length, writingMs, split, wallMs: performance.now() - started, batchMs: batchMs.sort((a, b) => a - b) };
    };
    await run(warmupSeconds * 1000);
    const before = await pool.query('SELECT max(seq) AS seq FROM audit_events');
    const r = await run(seconds * 1000);
    const after = await pool.query('SELECT max(seq) AS seq FROM audit_events');
    const round = (v) => Math.round(v * 100) / 100;
    return {
      batchSize: BATCH_SIZE,
      seconds: round(r.wallMs / 1000),
      events: r.events,
      rowsCommitted: Number(after.rows[0].seq) - Number(before.rows[0].seq),
      eventsPerSecond: Math.round(r.events / (r.writingMs / 1000)),
      eventsPerSecondWithEventBuilding: Math.round(r.events / (r.wallMs / 1000)),
      batchMs: { p50: round(percentile(r.batchMs, 50)), p99: round(percentile(r.batchMs, 99)), max: round(r.batchMs.at(-1)) },
      perBatchMs: Object.fromEntries(Object.entries(r.split).map(([key, ms]) => [key.replace(/Ms$/, ''), round(ms / r.batches)])),
    };
  } finally {
    await pool.end();
  }
}

/**
 * A database beside the bench's, migrated up to just before AuditPartitions (audit_events one
 * table, as before issue 19) and seeded with the same filler events: scenario 7's comparison.
 */
export async function createUnpartitionedTwin(db, { auditEvents, auditDays }) {
  const url = new URL(db.url);
  const name = `${url.pathname.slice(1)}_unpartitioned`;
  await withClient(db.url, (c) => c.query(`CREATE DATABASE ${name}`));
  url.pathname = `/${name}`;
  const before = MIGRATIONS.slice(0, MIGRATIONS.findIndex((migration) => migration.name.startsWith('AuditPartitions')));
  const dataSource = new DataSource({ ...dataSourceOptions({ url: url.toString(), poolSize: 2 }), migrations: before });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  if (auditEvents) {
    await withClient(url.toString(), async (c) => {
      await bulkLoad(c, 'audit_events', () => seedAuditEvents(c, auditEvents, auditDays));
      await settle(c, ['audit_events']);
    });
  }
  return { url: url.toString(), stop: () => withClient(db.url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}
