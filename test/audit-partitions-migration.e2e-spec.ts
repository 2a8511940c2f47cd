import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appendToChain, toChainedEvent } from '../src/audit/chain/audit-chain.js';
import { INSTANCE_CHAIN } from '../src/audit/chain/hash-chain.js';
import { monthsAhead, monthStart, partitionName } from '../src/audit/partitions/partition-months.js';
import { AuditReader } from '../src/audit/review/audit-reader.js';
import { inTransaction } from '../src/database/batch-pool.js';
import { createDataSource } from '../src/database/data-source.js';
import { createTestDatabase, undoMigrationsThrough } from './helpers/database.js';
import { servingUrlFor } from './helpers/serving-role.js';

const MIGRATION = 'AuditPartitions1795401400000';
const DAY_MS = 86_400_000;
const W = randomUUID();

/** Every stored event as verification reads it: what the migration must carry over unchanged. */
const STORED = `SELECT seq, id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path, status_code, details,
  prev_hash, hash, chain_id, canonical_version, subject_user_id, workspace_id FROM audit_events ORDER BY seq`;

const partitionsOf = (db: pg.Pool) =>
  db.query<{ partition: string }>(`SELECT c.relname AS partition FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'audit_events'::regclass ORDER BY 1`);

describe('the AuditPartitions migration on an existing unpartitioned table', () => {
  let url: string;
  let owner: pg.Pool;
  let dataSource: ReturnType<typeof createDataSource>;
  let reader: AuditReader;
  let before: unknown[];
  const ages = [200, 95, 40, 3, 0];

  beforeAll(async () => {
    url = await createTestDatabase();
    owner = new pg.Pool({ connectionString: url, max: 2 });
    dataSource = createDataSource({ url, poolSize: 2 });
    await dataSource.initialize();
    reader = new AuditReader(dataSource);
    await undoMigrationsThrough(dataSource, MIGRATION);
    // Events of two chains over several months, and a retention checkpoint of the row purge.
    const events = ages.flatMap((days, i) =>
      [undefined, W].map((chainId) =>
        toChainedEvent({ type: 'auth.login', chainId, occurredAt: new Date(Date.now() - days * DAY_MS), ip: '198.18.0.9', details: { i, targetUserId: randomUUID() } }),
      ),
    );
    await inTransaction(owner, (query) => appendToChain(query, events));
    await owner.query(`UPDATE audit_settings SET retention_days = 180`);
    expect((await owner.query('SELECT audit_purge()::int AS n')).rows).toEqual([{ n: 2 }]);
    before = (await owner.query(STORED)).rows;
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await owner?.end();
  });

  it('starts from one table, with the row purge’s checkpoint of each chain', async () => {
    expect((await owner.query(`SELECT relkind FROM pg_class WHERE relname = 'audit_events'`)).rows).toEqual([{ relkind: 'r' }]);
    expect((await owner.query(`SELECT chain_id, purged FROM audit_checkpoints ORDER BY chain_id`)).rows).toEqual([
      { chain_id: INSTANCE_CHAIN, purged: '1' },
      { chain_id: W, purged: '1' },
    ]);
  });

  it('keeps every row as it was, each in the partition of its month, and every chain still verifies', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await owner.query(`SELECT relkind FROM pg_class WHERE relname = 'audit_events'`)).rows).toEqual([{ relkind: 'p' }]);
    expect((await owner.query(STORED)).rows).toEqual(before);
    const months = [...new Set([...ages.slice(1).map((days) => monthStart(new Date(Date.now() - days * DAY_MS))), ...monthsAhead(new Date())].map(partitionName))];
    expect((await partitionsOf(owner)).rows.map((row) => row.partition)).toEqual([...months.sort(), 'audit_events_default']);
    const placed = await owner.query(`SELECT DISTINCT tableoid::regclass::text = 'audit_events_' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY_MM') AS placed FROM audit_events`);
    expect(placed.rows).toEqual([{ placed: true }]);
    const { rows: triggers } = await owner.query(
      `SELECT DISTINCT array_agg(tgname::text ORDER BY tgname) AS triggers FROM pg_trigger t JOIN pg_inherits i ON i.inhrelid = t.tgrelid
       WHERE i.inhparent = 'audit_events'::regclass GROUP BY t.tgrelid`,
    );
    expect(triggers).toEqual([{ triggers: ['TRG_audit_events_append_only', 'TRG_audit_events_no_truncate'] }]);
    const all = await reader.verifyAll({ full: true });
    expect(all).toEqual({ valid: true, chains: [expect.objectContaining({ workspaceId: null, valid: true, checked: 4 }), expect.objectContaining({ workspaceId: W, valid: true, checked: 4 })] });
  });

  it('keeps the serving role’s rights: it reads and appends, and continues the chain where it stood', async () => {
    const serving = new pg.Pool({ connectionString: servingUrlFor(url), max: 1 });
    try {
      await inTransaction(serving, (query) => appendToChain(query, [toChainedEvent({ type: 'auth.login', chainId: W })]));
      expect((await serving.query(`SELECT count(*)::int AS n FROM audit_events WHERE chain_id = $1`, [W])).rows).toEqual([{ n: 5 }]);
      expect((await serving.query('DELETE FROM audit_events').catch((error: Error) => error.message))).toMatch(/permission denied for table audit_events/);
    } finally {
      await serving.end();
    }
    expect(await reader.verify(W, { full: true })).toMatchObject({ valid: true, checked: 5 });
  });

  // The rows that verified after the up come back byte for byte; this code verifies the partitioned form, so it checks them after the next up.
  it('goes back to one table with the same rows, indexes and triggers on down, and they verify after the next up', async () => {
    const stored = (await owner.query(STORED)).rows;
    await undoMigrationsThrough(dataSource, MIGRATION);
    expect((await owner.query(`SELECT relkind FROM pg_class WHERE relname = 'audit_events'`)).rows).toEqual([{ relkind: 'r' }]);
    expect((await partitionsOf(owner)).rows).toEqual([]);
    expect((await owner.query(STORED)).rows).toEqual(stored);
    const { rows: indexes } = await owner.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'audit_events' ORDER BY 1`);
    expect(indexes.map((row) => row.indexname)).toEqual([
      'IDX_audit_events_chain_seq', 'IDX_audit_events_ip_time', 'IDX_audit_events_key_time', 'IDX_audit_events_severity_time', 'IDX_audit_events_subject_time',
      'IDX_audit_events_time', 'IDX_audit_events_type_time', 'IDX_audit_events_user_time', 'IDX_audit_events_workspace', 'PK_audit_events', 'UQ_audit_events_id',
    ]);
    expect((await owner.query(`DELETE FROM audit_events WHERE chain_id = $1`, [INSTANCE_CHAIN]).catch((error: Error) => error.message))).toMatch(/append-only/);
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await owner.query(STORED)).rows).toEqual(stored);
    expect((await reader.verifyAll({ full: true })).valid).toBe(true);
  });

  it('refuses to go back to one table once retention dropped around an event a kept one follows', async () => {
    await owner.query(`INSERT INTO audit_checkpoint_links (chain_id, seq, prev_hash, hash) VALUES ($1, 1, $2, $2)`, [W, 'a'.repeat(64)]);
    await expect(undoMigrationsThrough(dataSource, MIGRATION)).rejects.toThrow(/audit_checkpoint_links holds 1 link/);
    expect((await owner.query(`SELECT relkind FROM pg_class WHERE relname = 'audit_events'`)).rows).toEqual([{ relkind: 'p' }]);
  });
});
