import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AuditLog } from '../src/audit/chain/audit-log.js';
import { AuditWriter } from '../src/audit/chain/audit-writer.js';
import { INSTANCE_CHAIN } from '../src/audit/chain/hash-chain.js';
import { AuditPartitions } from '../src/audit/partitions/audit-partitions.js';
import { addMonths, monthsAhead, monthStart, partitionName } from '../src/audit/partitions/partition-months.js';
import { AuditReader } from '../src/audit/review/audit-reader.js';
import { BATCH_POOL, inTransaction } from '../src/database/batch-pool.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { chainRange } from './helpers/audit.js';
import { createTestDatabase } from './helpers/database.js';

/** What PostgreSQL answers `sql` run on `pool` with: the refusal, or nothing when it ran. */
async function refusal(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<string | undefined> {
  try {
    await inTransaction(pool, (query) => query(sql, params));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const thisMonth = () => partitionName(monthStart(new Date()));

describe('partition maintenance', () => {
  let app: TestApp;
  let partitions: AuditPartitions;
  const nextMonths = monthsAhead(new Date()).map(partitionName);

  beforeAll(async () => {
    // The migration made this month's and the next two; one taken away must come back at startup.
    const databaseUrl = await createTestDatabase();
    const owner = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await owner.query(`DROP TABLE ${nextMonths[2]}`).finally(() => owner.end());
    app = await startTestApp({ databaseUrl });
    partitions = app.keyward.app.get(AuditPartitions);
  });
  afterAll(() => app?.close());

  const names = async () => (await partitions.list()).map((partition) => partition.name);

  it('makes this month’s and the next two months’ partitions at startup, and records the run', async () => {
    expect(await names()).toEqual(expect.arrayContaining(nextMonths));
    const { rows } = await app.db.query(`SELECT runs FROM job_runs WHERE name = 'audit.partitions'`);
    expect(rows).toEqual([{ runs: '1' }]);
  });

  it('does not run again within the interval, on this instance or any other', async () => {
    expect(await partitions.runIfDue()).toEqual({ ran: false, reason: 'not due' });
  });

  it('makes the months ahead as time passes, each with the append-only triggers', async () => {
    const later = addMonths(monthStart(new Date()), 5);
    const expected = monthsAhead(later).map(partitionName);
    expect(await partitions.maintain(later)).toEqual({ moved: 0, created: expected });
    expect(await partitions.maintain(later)).toEqual({ moved: 0, created: [] });
    const { rows } = await app.db.query(
      `SELECT tgrelid::regclass::text AS partition, array_agg(tgname::text ORDER BY tgname) AS triggers FROM pg_trigger
       WHERE tgrelid::regclass::text = ANY($1) GROUP BY 1 ORDER BY 1`,
      [expected],
    );
    expect(rows).toEqual(expected.map((partition) => ({ partition, triggers: ['TRG_audit_events_append_only', 'TRG_audit_events_no_truncate'] })));
  });

  it('catches an event of a month without a partition in the default partition, then moves it to a partition of its own, unchanged', async () => {
    const chainId = randomUUID();
    const far = new Date(Date.UTC(new Date().getUTCFullYear() + 3, 4, 17, 12));
    const audit = app.keyward.app.get(AuditLog);
    audit.record({ type: 'auth.login', chainId, occurredAt: new Date(far.getTime() - 86_400_000) });
    audit.record({ type: 'auth.login', chainId, occurredAt: far });
    await app.keyward.app.get(AuditWriter).flush();
    const stored = async () =>
      (await app.db.query(`SELECT tableoid::regclass::text AS partition, seq, id, prev_hash, hash FROM audit_events WHERE chain_id = $1 ORDER BY seq`, [chainId])).rows;
    const caught = await stored();
    expect(caught.map((row) => row.partition)).toEqual(['audit_events_default', 'audit_events_default']);

    expect(await partitions.maintain()).toEqual({ moved: 2, created: [] });
    const moved = await stored();
    expect(moved.map(({ partition: _p, ...row }) => row)).toEqual(caught.map(({ partition: _p, ...row }) => row));
    expect(moved.map((row) => row.partition)).toEqual([partitionName(far), partitionName(far)]);
    expect((await app.db.query('SELECT count(*)::int AS n FROM audit_events_default')).rows).toEqual([{ n: 0 }]);
    expect(await app.keyward.app.get(AuditReader).verify(chainId, { full: true })).toEqual({ valid: true, checked: 2, ...(await chainRange(app.db, chainId)) });
  });

  it('refuses the serving role any month but a month start from last month to a year ahead', async () => {
    const serving = app.keyward.app.get<pg.Pool>(BATCH_POOL);
    const mid = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 15));
    expect(await refusal(serving, 'SELECT audit_create_partition($1)', [mid])).toMatch(/not a month start/);
    expect(await refusal(serving, 'SELECT audit_create_partition($1)', [addMonths(monthStart(new Date()), 13)])).toMatch(/not a month start/);
    expect(await refusal(serving, 'SELECT audit_new_partition($1)', [addMonths(monthStart(new Date()), 3)])).toMatch(/permission denied for function audit_new_partition/);
  });
});

describe('partitions and the serving role', () => {
  let app: TestApp;
  let serving: pg.Pool;

  beforeAll(async () => {
    app = await startTestApp();
    serving = app.keyward.app.get<pg.Pool>(BATCH_POOL);
    app.keyward.app.get(AuditLog).record({ type: 'auth.login' });
    await app.keyward.app.get(AuditWriter).flush();
  });
  afterAll(() => app?.close());

  it('cannot DELETE, UPDATE or TRUNCATE rows of any partition, the default one included', async () => {
    for (const partition of [thisMonth(), 'audit_events_default']) {
      expect(await refusal(serving, `DELETE FROM ${partition}`)).toMatch(new RegExp(`permission denied for table ${partition}`));
      expect(await refusal(serving, `UPDATE ${partition} SET status_code = 200`)).toMatch(new RegExp(`permission denied for table ${partition}`));
      expect(await refusal(serving, `TRUNCATE ${partition}`)).toMatch(new RegExp(`permission denied for table ${partition}`));
    }
    expect((await app.db.query(`SELECT count(*)::int AS n FROM ${thisMonth()} WHERE type = 'auth.login'`)).rows).toEqual([{ n: 1 }]);
  });

  it('cannot detach or drop a partition, nor have the retention function drop a young one', async () => {
    expect(await refusal(serving, `ALTER TABLE audit_events DETACH PARTITION ${thisMonth()}`)).toMatch(/must be owner of table audit_events/);
    expect(await refusal(serving, `DROP TABLE ${thisMonth()}`)).toMatch(new RegExp(`must be owner of table ${thisMonth()}`));
    expect(await refusal(serving, 'SELECT audit_drop_partition($1)', [thisMonth()])).toMatch(/holds events younger than the retention/);
    expect(await refusal(serving, `ALTER TABLE ${thisMonth()} DISABLE TRIGGER ALL`)).toMatch(new RegExp(`must be owner of table ${thisMonth()}`));
  });

  it('the owner, too, is refused a DELETE, UPDATE or TRUNCATE on a partition by its own triggers', async () => {
    expect(await refusal(app.db, `DELETE FROM ${thisMonth()}`)).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(app.db, `UPDATE ${thisMonth()} SET status_code = 200`)).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(app.db, `TRUNCATE ${thisMonth()}`)).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await refusal(app.db, `TRUNCATE audit_events_default`)).toMatch(/append-only \(TRUNCATE refused\)/);
    expect((await app.keyward.app.get(AuditReader).verify(INSTANCE_CHAIN, { full: true })).valid).toBe(true);
  });
});
