import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { appendToChain, toChainedEvent } from '../src/audit/chain/audit-chain.js';
import type { AuditEventInput } from '../src/audit/chain/audit-event.input.js';
import { AuditLog } from '../src/audit/chain/audit-log.js';
import { AuditWriter } from '../src/audit/chain/audit-writer.js';
import { GENESIS_HASH, genesisOf, INSTANCE_CHAIN, linkEvents } from '../src/audit/chain/hash-chain.js';
import { AuditRetention } from '../src/audit/retention/audit-retention.js';
import { AuditReader } from '../src/audit/review/audit-reader.js';
import { inTransaction } from '../src/database/batch-pool.js';
import { createDataSource } from '../src/database/data-source.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { anyRange, chainRange } from './helpers/audit.js';
import { createTestDatabase, undoMigrationsThrough } from './helpers/database.js';
import { register, type Session } from './helpers/factories.js';

const DAY_MS = 86_400_000;

interface LinkRow {
  seq: number;
  id: string;
  prevHash: string;
  hash: string;
  canonicalVersion: number;
}

async function chainRows(db: pg.Pool, chainId: string, marker: string): Promise<LinkRow[]> {
  const { rows } = await db.query<LinkRow>(
    `SELECT seq::float8 AS seq, id, prev_hash AS "prevHash", hash, canonical_version AS "canonicalVersion"
     FROM audit_events WHERE chain_id = $1 AND details->>'marker' = $2 ORDER BY seq`,
    [chainId, marker],
  );
  return rows;
}

describe('chains', () => {
  let app: TestApp;
  let reader: AuditReader;
  let auditor: Session;
  const A = randomUUID();
  const B = randomUUID();
  const marker = randomUUID();

  beforeAll(async () => {
    app = await startTestApp();
    auditor = await register(app.api); // the first user: the instance admin
    reader = app.keyward.app.get(AuditReader);
    const audit = app.keyward.app.get(AuditLog);
    // One batch of the writer spanning three chains, arriving interleaved.
    for (let i = 0; i < 9; i++) audit.record({ type: 'auth.login', chainId: [A, B, undefined][i % 3], details: { marker, i } });
    await app.keyward.app.get(AuditWriter).flush();
    // One management transaction spanning them too.
    await app.keyward.app.get(DataSource).transaction((manager) =>
      audit.recordIn(manager, ...[B, undefined, A].map((chainId): AuditEventInput => ({ type: 'auth.login', chainId, details: { marker, managed: true } }))),
    );
  });
  afterAll(() => app?.close());

  it('keeps the events of two chain ids, written through the real writer, in two independent chains that each verify', async () => {
    for (const chainId of [A, B]) {
      const rows = await chainRows(app.db, chainId, marker);
      expect(rows).toHaveLength(4);
      expect(rows[0].prevHash).toBe(genesisOf(chainId));
      for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
      expect(rows.every((row) => row.canonicalVersion === 1)).toBe(true);
      expect(await reader.verify(chainId)).toEqual({ valid: true, checked: 4, ...(await chainRange(app.db, chainId)) });
    }
    expect(await chainRows(app.db, INSTANCE_CHAIN, marker)).toHaveLength(4);
    expect((await reader.verify()).valid).toBe(true);
    expect((await app.api.get('/audit-logs/verify', { token: auditor.accessToken })).body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
  });

  it('makes only the chain of an event edited behind the trigger’s back invalid', async () => {
    const [, second] = await chainRows(app.db, A, marker);
    const [rangeA, rangeB] = [await chainRange(app.db, A), await chainRange(app.db, B)];
    await app.db.query('ALTER TABLE audit_events DISABLE TRIGGER "TRG_audit_events_append_only"');
    try {
      await app.db.query(`UPDATE audit_events SET ip = '10.6.6.6' WHERE id = $1`, [second.id]);
    } finally {
      await app.db.query('ALTER TABLE audit_events ENABLE TRIGGER "TRG_audit_events_append_only"');
    }
    expect(await reader.verify(A)).toEqual({ valid: false, checked: 1, firstInvalidId: second.id, from: rangeA.from, to: second.seq });
    expect(await reader.verify(B)).toEqual({ valid: true, checked: 4, ...rangeB });
    expect((await reader.verify()).valid).toBe(true);
    expect((await app.api.get('/audit-logs/verify', { token: auditor.accessToken })).body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
  });

  it('writes an event naming a chain id that is no UUID as audit.event_rejected in the instance chain, and every chain still verifies', async () => {
    const odd = randomUUID();
    const audit = app.keyward.app.get(AuditLog);
    audit.record({ type: 'auth.login', chainId: 'not-a-uuid', details: { marker: odd } });
    audit.record({ type: 'auth.login', chainId: A, details: { marker: odd } });
    await app.keyward.app.get(AuditWriter).flush();
    const { rows } = await app.db.query(
      `SELECT chain_id AS "chainId", type, details FROM audit_events WHERE details->>'marker' = $1 OR details->'details'->>'marker' = $1 ORDER BY seq`,
      [odd],
    );
    expect(rows.sort((x, y) => x.type.localeCompare(y.type))).toEqual([
      expect.objectContaining({ chainId: INSTANCE_CHAIN, type: 'audit.event_rejected', details: expect.objectContaining({ unstorable: { chainId: 'not-a-uuid' } }) }),
      expect.objectContaining({ chainId: A, type: 'auth.login' }),
    ]);
    expect(await reader.verify(B)).toEqual({ valid: true, checked: 4, ...(await chainRange(app.db, B)) });
    expect((await reader.verify()).valid).toBe(true);
  });

  it('does not verify a chain’s rows relabelled as another chain', async () => {
    const C = randomUUID();
    const [first] = await chainRows(app.db, B, marker);
    await app.db.query('ALTER TABLE audit_events DISABLE TRIGGER "TRG_audit_events_append_only"');
    try {
      await app.db.query(`UPDATE audit_events SET chain_id = $1 WHERE chain_id = $2`, [C, B]);
    } finally {
      await app.db.query('ALTER TABLE audit_events ENABLE TRIGGER "TRG_audit_events_append_only"');
    }
    expect(await reader.verify(C)).toEqual({ valid: false, checked: 0, firstInvalidId: first.id, from: first.seq, to: first.seq });
  });
});

describe('retention across chains', () => {
  let app: TestApp;
  const A = randomUUID();
  const marker = randomUUID();
  const events = [
    { chainId: A, days: 400 },
    { chainId: undefined, days: 400 },
    { chainId: A, days: 400 },
    { chainId: undefined, days: 400 },
    { chainId: undefined, days: 400 },
    { chainId: A, days: 10 },
    { chainId: undefined, days: 10 },
  ];

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const owner = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await inTransaction(owner, (query) =>
      appendToChain(
        query,
        events.map(({ chainId, days }) => toChainedEvent({ type: 'auth.login', chainId, occurredAt: new Date(Date.now() - days * DAY_MS), details: { marker, days } })),
      ),
    );
    await owner.end();
    app = await startTestApp({ databaseUrl, env: { AUDIT_RETENTION_DAYS: '30' } });
  });
  afterAll(() => app?.close());

  it('purges each chain’s prefix under its own lock, checkpoints each chain, and each still verifies', async () => {
    const lastOld = async (chainId: string) =>
      (await app.db.query(`SELECT seq, hash FROM audit_events WHERE chain_id = $1 AND details->>'days' = '400' ORDER BY seq DESC LIMIT 1`, [chainId])).rows[0];
    const [lastA, lastInstance] = [await lastOld(A), await lastOld(INSTANCE_CHAIN)];
    expect(await app.keyward.app.get(AuditRetention).purge()).toBe(5);
    const { rows } = await app.db.query(`SELECT chain_id, last_seq, last_hash, purged FROM audit_checkpoints ORDER BY chain_id`);
    // The nil UUID sorts first.
    expect(rows).toEqual([
      { chain_id: INSTANCE_CHAIN, last_seq: lastInstance.seq, last_hash: lastInstance.hash, purged: '3' },
      { chain_id: A, last_seq: lastA.seq, last_hash: lastA.hash, purged: '2' },
    ]);
    const reader = app.keyward.app.get(AuditReader);
    expect(await reader.verify(A)).toEqual({ valid: true, checked: 1, ...(await chainRange(app.db, A)) });
    expect((await reader.verify()).valid).toBe(true);
  });
});

describe('the AuditChains migration on an existing database', () => {
  it('keeps events written before it verifying, checkpoint included, through its down and up', async () => {
    const url = await createTestDatabase();
    const dataSource = createDataSource({ url, poolSize: 2 });
    await dataSource.initialize();
    try {
      await undoMigrationsThrough(dataSource, 'AuditChains1795400500000');
      expect((await dataSource.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'chain_id'`))[0].n).toBe(0);
      // Rows as the code before chains wrote them: one chain from 64 zeros, hashed over version 1, no chain column.
      const ages = [400, 400, 400, 20, 10];
      const linked = linkEvents(
        GENESIS_HASH,
        ages.map((days) => toChainedEvent({ type: 'auth.login', occurredAt: new Date(Date.now() - days * DAY_MS), ip: '198.18.0.7', details: { days } })),
      );
      for (const e of linked) {
        await dataSource.query(
          `INSERT INTO audit_events (id, occurred_at, type, severity, ip, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [e.id, e.occurredAt, e.type, e.severity, e.ip, e.details, e.prevHash, e.hash],
        );
      }
      // The purge the down restored: one chain, a checkpoint without a chain.
      expect((await dataSource.query('SELECT audit_purge()::int AS n'))[0].n).toBe(3);

      await dataSource.runMigrations({ transaction: 'each' });
      const reader = new AuditReader(dataSource);
      // The seq range verify reports: the chain's first and last event.
      const range = async () => (await dataSource.query('SELECT min(seq)::float8 AS "from", max(seq)::float8 AS "to" FROM audit_events'))[0];
      expect(await reader.verify()).toEqual({ valid: true, checked: 2, ...(await range()) });
      expect(await dataSource.query('SELECT chain_id, last_hash FROM audit_checkpoints')).toEqual([{ chain_id: INSTANCE_CHAIN, last_hash: linked[2].hash }]);

      // New events continue the old chain, and the migration's down and up keep all of it verifying.
      const owner = new pg.Pool({ connectionString: url, max: 1 });
      await inTransaction(owner, (query) => appendToChain(query, [toChainedEvent({ type: 'auth.login' })])).finally(() => owner.end());
      expect(await reader.verify()).toEqual({ valid: true, checked: 3, ...(await range()) });
      await undoMigrationsThrough(dataSource, 'AuditChains1795400500000');
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await reader.verify()).toEqual({ valid: true, checked: 3, ...(await range()) });
    } finally {
      await dataSource.destroy();
    }
  });
});
