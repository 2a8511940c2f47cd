import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appendToChain, toChainedEvent } from '../src/audit/chain/audit-chain.js';
import { AuditLog } from '../src/audit/chain/audit-log.js';
import { AuditWriter } from '../src/audit/chain/audit-writer.js';
import { chainHash, INSTANCE_CHAIN } from '../src/audit/chain/hash-chain.js';
import { AuditPartitions } from '../src/audit/partitions/audit-partitions.js';
import { monthStart, partitionName } from '../src/audit/partitions/partition-months.js';
import { AuditRetention } from '../src/audit/retention/audit-retention.js';
import { AuditReader } from '../src/audit/review/audit-reader.js';
import { BATCH_POOL, inTransaction } from '../src/database/batch-pool.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { chainRange } from './helpers/audit.js';
import { createTestDatabase } from './helpers/database.js';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

interface Row {
  seq: string;
  id: string;
  prev_hash: string;
  hash: string;
  days: number;
}

/**
 * Chain A as appended: a later month's event (10 days old) came in between two events of the
 * month retention drops (400 days old) — what happens near any month's end, since an event is
 * placed by its occurred_at but chained in append order. Chain B has only old events.
 */
const A = randomUUID();
const B = randomUUID();
const A_DAYS = [400, 10, 400, 10];

describe('retention by partitions', () => {
  let app: TestApp;
  let reader: AuditReader;
  let before: Row[];

  const rowsOf = async (chainId: string) =>
    (await app.db.query<Row>(`SELECT seq, id, prev_hash, hash, (details->>'days')::int AS days FROM audit_events WHERE chain_id = $1 ORDER BY seq`, [chainId])).rows;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const owner = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const event = (chainId: string | undefined, days: number) => toChainedEvent({ type: 'auth.login', chainId, occurredAt: daysAgo(days), details: { days } });
    await inTransaction(owner, (query) => appendToChain(query, [...A_DAYS.map((days) => event(A, days)), event(B, 400), event(B, 400), event(undefined, 400), event(undefined, 10)]));
    await owner.end();
    app = await startTestApp({ databaseUrl, env: { AUDIT_RETENTION_DAYS: '30' } });
    reader = app.keyward.app.get(AuditReader);
    before = await rowsOf(A);
  });
  afterAll(() => app?.close());

  it('drops the old month whole, after recording each chain’s checkpoint and the link a kept event still follows', async () => {
    const old = partitionName(monthStart(daysAgo(400)));
    expect((await app.keyward.app.get(AuditPartitions).list()).map((p) => p.name)).toContain(old);

    expect(await app.keyward.app.get(AuditRetention).purge()).toBe(5);
    expect((await app.keyward.app.get(AuditPartitions).list()).map((p) => p.name)).not.toContain(old);
    expect((await rowsOf(A)).map((row) => row.days)).toEqual([10, 10]);
    const [first, , straddler] = before;
    const lastB = (await app.db.query(`SELECT last_seq, last_hash, purged FROM audit_checkpoints WHERE chain_id = $1`, [B])).rows;
    expect(await app.db.query(`SELECT last_seq, last_hash, purged FROM audit_checkpoints WHERE chain_id = $1`, [A]).then((r) => r.rows)).toEqual([
      { last_seq: first.seq, last_hash: first.hash, purged: '2' },
    ]);
    expect(lastB).toEqual([expect.objectContaining({ purged: '2' })]);
    expect((await app.db.query(`SELECT chain_id, seq, prev_hash, hash FROM audit_checkpoint_links`)).rows).toEqual([
      { chain_id: A, seq: straddler.seq, prev_hash: straddler.prev_hash, hash: straddler.hash },
    ]);
  });

  it('leaves every chain verifiable from its checkpoint, stepping over the dropped link', async () => {
    expect(await reader.verify(A, { full: true })).toEqual({ valid: true, checked: 2, ...(await chainRange(app.db, A)) });
    expect(await reader.verify(B, { full: true })).toEqual({ valid: true, checked: 0, from: null, to: null });
    const all = await reader.verifyAll({ full: true });
    expect(all.valid).toBe(true);
    expect(all.chains.map((chain) => chain.workspaceId).sort()).toEqual([A, B, null].sort());
  });

  it('continues a chain retention emptied from its checkpoint', async () => {
    app.keyward.app.get(AuditLog).record({ type: 'auth.login', chainId: B });
    await app.keyward.app.get(AuditWriter).flush();
    expect(await reader.verify(B, { full: true })).toEqual({ valid: true, checked: 1, ...(await chainRange(app.db, B)) });
  });

  it('still finds a kept event rewritten with a fresh hash: the dropped event after it no longer follows it', async () => {
    const [, kept] = before;
    const [stored] = (
      await app.db.query(
        `SELECT id, occurred_at AS "occurredAt", type, severity, user_id AS "userId", api_key_id AS "apiKeyId", key_prefix AS "keyPrefix", ip,
                user_agent AS "userAgent", method, path, status_code AS "statusCode", details FROM audit_events WHERE id = $1`,
        [kept.id],
      )
    ).rows;
    const forgedHash = chainHash(kept.prev_hash, { ...stored, ip: '10.6.6.6' });
    await app.db.query('ALTER TABLE audit_events DISABLE TRIGGER "TRG_audit_events_append_only"');
    try {
      await app.db.query(`UPDATE audit_events SET ip = '10.6.6.6', hash = $2 WHERE id = $1`, [kept.id, forgedHash]);
    } finally {
      await app.db.query('ALTER TABLE audit_events ENABLE TRIGGER "TRG_audit_events_append_only"');
    }
    expect(await reader.verify(A, { full: true })).toEqual({ valid: false, checked: 0, firstInvalidId: kept.id, from: Number(kept.seq), to: Number(kept.seq) });
    expect((await reader.verify(INSTANCE_CHAIN, { full: true })).valid).toBe(true);
  });
});

describe('what retention refuses', () => {
  let app: TestApp;
  let serving: pg.Pool;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const owner = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await inTransaction(owner, (query) => appendToChain(query, [420, 370].map((days) => toChainedEvent({ type: 'auth.login', occurredAt: daysAgo(days) }))));
    await owner.end();
    app = await startTestApp({ databaseUrl, env: { AUDIT_RETENTION_DAYS: '30' } });
    serving = app.keyward.app.get<pg.Pool>(BATCH_POOL);
  });
  afterAll(() => app?.close());

  const refusal = (sql: string, params: unknown[]) =>
    serving.query(sql, params).then(
      () => undefined,
      (error: Error) => error.message,
    );

  it('drops partitions oldest first only, so what goes is always the oldest part of every chain', async () => {
    const younger = partitionName(monthStart(daysAgo(370)));
    expect(await refusal('SELECT audit_drop_partition($1)', [younger])).toMatch(/dropped oldest first/);
    expect((await app.keyward.app.get(AuditPartitions).list()).map((p) => p.name)).toContain(younger);
  });

  it('drops nothing a second time and no partition that is not one of audit_events’ months', async () => {
    expect(await app.keyward.app.get(AuditRetention).purge()).toBe(2);
    expect(await app.keyward.app.get(AuditRetention).purge()).toBe(0);
    expect((await serving.query('SELECT audit_drop_partition($1)::int AS n', ['audit_events_default'])).rows).toEqual([{ n: 0 }]);
    expect((await serving.query('SELECT audit_drop_partition($1)::int AS n', ['users'])).rows).toEqual([{ n: 0 }]);
    expect((await app.db.query(`SELECT to_regclass('users') IS NOT NULL AS exists`)).rows).toEqual([{ exists: true }]);
  });
});
