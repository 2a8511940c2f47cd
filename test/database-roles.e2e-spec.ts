import pg from 'pg';
import { DataSource } from 'typeorm';
import { appendToChain, toChainedEvent } from '../src/audit/chain/audit-chain.js';
import { AuditRetention } from '../src/audit/retention/audit-retention.js';
import { BATCH_POOL, inTransaction } from '../src/database/batch-pool.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase } from './helpers/database.js';
import { eventually, register, type Session } from './helpers/factories.js';
import { servingUrlFor } from './helpers/serving-role.js';
import { spawnService } from './helpers/service-process.js';
import { anyRange } from './helpers/audit.js';

const DAY_MS = 86_400_000;

/** What PostgreSQL answers `sql` run on `pool` with: the refusal, or nothing when it ran. */
async function refusal(pool: pg.Pool, sql: string): Promise<string | undefined> {
  try {
    await inTransaction(pool, (query) => query(sql));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the role the service serves requests as', () => {
  let app: TestApp;
  let serving: pg.Pool;
  let admin: Session;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await register(app.api);
    serving = app.keyward.app.get<pg.Pool>(BATCH_POOL);
  });
  afterAll(() => app?.close());

  it('is the serving role for both pools, neither superuser nor owner of any table', async () => {
    const sql = `SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
                        (SELECT count(*)::int FROM pg_tables WHERE schemaname = current_schema() AND pg_has_role(current_user, tableowner, 'USAGE')) AS owned`;
    const expected = [{ role: 'keyward_app', superuser: false, owned: 0 }];
    expect((await serving.query(sql)).rows).toEqual(expected);
    expect(await app.keyward.app.get(DataSource).query(sql)).toEqual(expected);
  });

  it('cannot UPDATE, DELETE or TRUNCATE audit_events', async () => {
    expect(await refusal(serving, `UPDATE audit_events SET status_code = 200`)).toMatch(/permission denied for table audit_events/);
    expect(await refusal(serving, `DELETE FROM audit_events`)).toMatch(/permission denied for table audit_events/);
    expect(await refusal(serving, `TRUNCATE audit_events`)).toMatch(/permission denied for table audit_events/);
  });

  it('cannot switch triggers off: neither session_replication_role nor ALTER TABLE … DISABLE TRIGGER', async () => {
    expect(await refusal(serving, `SET LOCAL session_replication_role = replica`)).toMatch(/permission denied to set parameter "session_replication_role"/);
    expect(await refusal(serving, `ALTER TABLE audit_events DISABLE TRIGGER "TRG_audit_events_append_only"`)).toMatch(/must be owner of table audit_events/);
    expect(await refusal(serving, `ALTER TABLE audit_events DISABLE TRIGGER ALL`)).toMatch(/must be owner of table audit_events/);
    expect(await refusal(serving, `DROP TABLE audit_events`)).toMatch(/must be owner of table audit_events/);
  });

  it('cannot forge, edit or remove a checkpoint', async () => {
    const forged = `INSERT INTO audit_checkpoints (last_seq, last_hash, purged) VALUES (1, '${'a'.repeat(64)}', 0)`;
    expect(await refusal(serving, forged)).toMatch(/permission denied for table audit_checkpoints/);
    expect(await refusal(serving, `UPDATE audit_checkpoints SET purged = 0`)).toMatch(/permission denied for table audit_checkpoints/);
    expect(await refusal(serving, `DELETE FROM audit_checkpoints`)).toMatch(/permission denied for table audit_checkpoints/);
    expect(await refusal(serving, `TRUNCATE audit_checkpoints`)).toMatch(/permission denied for table audit_checkpoints/);
  });

  it('cannot shorten the retention the purge enforces', async () => {
    expect(await refusal(serving, `UPDATE audit_settings SET retention_days = 1`)).toMatch(/permission denied for table audit_settings/);
    expect(await refusal(serving, `INSERT INTO audit_settings (only_row, retention_days) VALUES (true, 1)`)).toMatch(/permission denied for table audit_settings/);
  });

  it('still appends events and reads them: the API works as before', async () => {
    await eventually(async () => expect((await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'auth.registered'`)).rows[0].n).toBe(1));
    const verify = await app.api.get('/audit-logs/verify', { token: admin.accessToken });
    expect(verify.status).toBe(200);
    expect(verify.body.valid).toBe(true);
  });
});

describe('audit_checkpoints is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even to the owner', async () => {
    const owner = new pg.Pool({ connectionString: await createTestDatabase(), max: 1 });
    try {
      await owner.query(`INSERT INTO audit_checkpoints (last_seq, last_hash, purged) VALUES (1, '${'a'.repeat(64)}', 1)`);
      expect(await refusal(owner, `UPDATE audit_checkpoints SET purged = 0`)).toMatch(/audit_checkpoints is append-only \(UPDATE refused\)/);
      expect(await refusal(owner, `DELETE FROM audit_checkpoints`)).toMatch(/audit_checkpoints is append-only \(DELETE refused\)/);
      expect(await refusal(owner, `TRUNCATE audit_checkpoints`)).toMatch(/audit_checkpoints is append-only \(TRUNCATE refused\)/);
      expect((await owner.query('SELECT purged FROM audit_checkpoints')).rows).toEqual([{ purged: '1' }]);
    } finally {
      await owner.end();
    }
  });
});

describe('the retention purge (audit_purge, run by the serving role)', () => {
  let app: TestApp;
  let serving: pg.Pool;
  const ages = [400, 400, 400, 20, 10];

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const owner = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await inTransaction(owner, (query) =>
      appendToChain(query, ages.map((days) => toChainedEvent({ type: 'auth.login', occurredAt: new Date(Date.now() - days * DAY_MS), details: { days } }))),
    );
    await owner.end();
    app = await startTestApp({ databaseUrl, env: { AUDIT_RETENTION_DAYS: '30' } });
    serving = app.keyward.app.get<pg.Pool>(BATCH_POOL);
  });
  afterAll(() => app?.close());

  const remainingAges = async () =>
    (await app.db.query<{ days: number }>(`SELECT (details->>'days')::int AS days FROM audit_events WHERE type = 'auth.login' ORDER BY seq`)).rows.map((row) => row.days);

  it('refuses the serving role a delete of its own, whatever cut-off it names', async () => {
    const cutoff = new Date(Date.now() + DAY_MS).toISOString();
    expect(await refusal(serving, `SELECT set_config('keyward.audit_purge_before', '${cutoff}', true); DELETE FROM audit_events`)).toMatch(/permission denied/);
    expect(await remainingAges()).toEqual(ages);
  });

  it('the owner, too, cannot delete through the trigger an event younger than the recorded retention', async () => {
    const cutoff = new Date(Date.now() - DAY_MS).toISOString();
    expect(await refusal(app.db, `SET LOCAL keyward.audit_purge_before = '${cutoff}'; DELETE FROM audit_events WHERE details->>'days' = '10'`)).toMatch(/append-only \(DELETE refused\)/);
    expect(await remainingAges()).toEqual(ages);
  });

  it('deletes the events older than AUDIT_RETENTION_DAYS and none younger, writes the checkpoint itself, and the chain still verifies', async () => {
    const [last] = (await app.db.query(`SELECT seq, hash FROM audit_events WHERE details->>'days' = '400' ORDER BY seq DESC LIMIT 1`)).rows;
    expect(await app.keyward.app.get(AuditRetention).purge()).toBe(3);
    expect(await remainingAges()).toEqual([20, 10]);
    expect((await app.db.query('SELECT last_seq, last_hash, purged FROM audit_checkpoints')).rows).toEqual([{ last_seq: last.seq, last_hash: last.hash, purged: '3' }]);
    const admin = await register(app.api);
    expect((await app.api.get('/audit-logs/verify', { token: admin.accessToken })).body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
    // Called directly, it is the same purge: nothing younger than the retention goes.
    expect((await serving.query('SELECT audit_purge()::int AS n')).rows).toEqual([{ n: 0 }]);
    expect(await remainingAges()).toEqual([20, 10]);
  });

  it('follows the retention the owner recorded, not one the caller names', async () => {
    expect(await refusal(serving, `SELECT audit_purge(1)`)).toMatch(/function audit_purge\(integer\) does not exist/);
    expect(await remainingAges()).toEqual([20, 10]);
  });
});

describe('startup with DATABASE_URL', () => {
  it('serves as DATABASE_URL and migrates as DATABASE_MIGRATION_URL, and warns (once, no secret) when the latter is unset', async () => {
    const ownerUrl = await createTestDatabase();
    const twoRoles = await spawnService({ DATABASE_URL: servingUrlFor(ownerUrl), DATABASE_MIGRATION_URL: ownerUrl, LOG_LEVEL: 'info' });
    try {
      expect((await twoRoles.api.get('/health')).status).toBe(200);
      expect(twoRoles.output()).not.toContain('DATABASE_MIGRATION_URL');
    } finally {
      await twoRoles.stop();
    }
    const oneRole = await spawnService({ DATABASE_URL: ownerUrl, LOG_LEVEL: 'info' });
    try {
      const warnings = oneRole.output().split('\n').filter((line) => line.includes('DATABASE_MIGRATION_URL is unset'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).not.toContain('postgres://');
    } finally {
      await oneRole.stop();
    }
  });
});
