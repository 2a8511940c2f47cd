import type { MigrationInterface, QueryRunner } from 'typeorm';
import { perChainPurgeSql } from './1795400500000-AuditChains.js';
import { SERVING_ROLE } from './1795400400000-ServingRole.js';
import { CREATE_DEFAULT_PARTITION, PARTITION_FUNCTIONS, partitionFunctionsSql, SERVING_PARTITION_FUNCTIONS } from './audit-partition-functions.js';
import { currentSchema } from './schema.js';

/** Every column the table stores (not the generated ones): what moves between the two forms. */
const STORED_COLUMNS =
  'seq, id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path, status_code, details, prev_hash, hash, chain_id, canonical_version';

/** The review and chain indexes, as the earlier migrations named them; the same in both forms. */
const INDEXES = [
  `"IDX_audit_events_time" ON audit_events (occurred_at DESC, seq DESC)`,
  `"IDX_audit_events_type_time" ON audit_events (type, occurred_at DESC, seq DESC)`,
  `"IDX_audit_events_severity_time" ON audit_events (severity, occurred_at DESC, seq DESC)`,
  `"IDX_audit_events_user_time" ON audit_events (user_id, occurred_at DESC, seq DESC) WHERE user_id IS NOT NULL`,
  `"IDX_audit_events_key_time" ON audit_events (api_key_id, occurred_at DESC, seq DESC) WHERE api_key_id IS NOT NULL`,
  `"IDX_audit_events_ip_time" ON audit_events (ip, occurred_at DESC, seq DESC) WHERE ip IS NOT NULL`,
  `"IDX_audit_events_subject_time" ON audit_events (subject_user_id, occurred_at DESC, seq DESC) WHERE subject_user_id IS NOT NULL`,
  `"IDX_audit_events_chain_seq" ON audit_events (chain_id, seq)`,
  `"IDX_audit_events_workspace" ON audit_events (workspace_id, occurred_at DESC, seq DESC) WHERE workspace_id IS NOT NULL`,
];
const INDEX_NAMES = INDEXES.map((index) => index.slice(0, index.indexOf(' ON ')));

const TRIGGERS = [
  `CREATE TRIGGER "TRG_audit_events_append_only" BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
  `CREATE TRIGGER "TRG_audit_events_no_truncate" BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
];

/**
 * audit_events becomes range-partitioned by month on occurred_at (API.md §13), with a default
 * partition that catches a write into a month without one.
 * - A partitioned table's unique constraints must hold the partition key: the primary key becomes
 *   (seq, occurred_at) and the id index (id, occurred_at). seq still comes from the one sequence,
 *   so it stays unique, and every query keeps reading a chain by (chain_id, seq).
 * - The rows are copied as they are (seq, hashes and every hash input unchanged): the chains
 *   verify as before. Partitions are made for every month the data has, and this and the next
 *   two; the service creates later ones (audit_create_partition).
 * - The append-only row trigger is cloned onto every partition by PostgreSQL; the TRUNCATE one
 *   is created on each. The serving role keeps SELECT and INSERT on audit_events and gets nothing
 *   on the partitions, so it cannot touch one directly.
 * - Retention drops whole partitions (audit_drop_partition, audit_purge), recording each chain's
 *   checkpoint and, in audit_checkpoint_links, the links of dropped events kept ones still follow.
 * - audit_verifications: the last point the background verifier checked each chain to.
 * - job_runs: which instance last ran a periodic job, so it runs once per interval across them.
 */
export class AuditPartitions1795401400000 implements MigrationInterface {
  name = 'AuditPartitions1795401400000';

  async up(db: QueryRunner): Promise<void> {
    const schema = await currentSchema(db);
    await db.query(`ALTER TABLE audit_events RENAME TO audit_events_unpartitioned`);
    await db.query(`ALTER TABLE audit_events_unpartitioned DROP CONSTRAINT "PK_audit_events"`);
    for (const name of ['"UQ_audit_events_id"', ...INDEX_NAMES]) await db.query(`DROP INDEX ${name}`);
    // The sequence outlives the old table: it holds where seq goes on, and the serving role's grant.
    await db.query(`ALTER SEQUENCE audit_events_seq_seq OWNED BY NONE`);
    await db.query(`CREATE TABLE audit_events (LIKE audit_events_unpartitioned INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)
      PARTITION BY RANGE (occurred_at)`);
    await db.query(`ALTER SEQUENCE audit_events_seq_seq OWNED BY audit_events.seq`);
    await db.query(`ALTER TABLE audit_events ADD CONSTRAINT "PK_audit_events" PRIMARY KEY (seq, occurred_at)`);
    await db.query(`CREATE UNIQUE INDEX "UQ_audit_events_id" ON audit_events (id, occurred_at)`);
    for (const index of INDEXES) await db.query(`CREATE INDEX ${index}`);
    for (const trigger of TRIGGERS) await db.query(trigger);

    await db.query(`
      CREATE TABLE audit_checkpoint_links (
        chain_id  uuid      NOT NULL,
        seq       bigint    NOT NULL,
        prev_hash char(64)  NOT NULL,
        hash      char(64)  NOT NULL,
        CONSTRAINT "PK_audit_checkpoint_links" PRIMARY KEY (chain_id, seq)
      )`);
    for (const [event, level] of [['UPDATE OR DELETE', 'ROW'], ['TRUNCATE', 'STATEMENT']]) {
      const name = level === 'ROW' ? 'TRG_audit_checkpoint_links_append_only' : 'TRG_audit_checkpoint_links_no_truncate';
      await db.query(`CREATE TRIGGER "${name}" BEFORE ${event} ON audit_checkpoint_links FOR EACH ${level} EXECUTE FUNCTION audit_checkpoints_append_only()`);
    }
    for (const sql of partitionFunctionsSql(schema)) await db.query(sql);
    for (const sql of CREATE_DEFAULT_PARTITION) await db.query(sql);
    await db.query(`
      SELECT audit_new_partition(month_start) FROM (
        SELECT DISTINCT date_trunc('month', occurred_at, 'UTC') AS month_start FROM audit_events_unpartitioned
        UNION SELECT date_trunc('month', now(), 'UTC') + make_interval(months => ahead) FROM generate_series(0, 2) AS ahead) AS months
      ORDER BY month_start`);
    await db.query(`INSERT INTO audit_events (${STORED_COLUMNS}) SELECT ${STORED_COLUMNS} FROM audit_events_unpartitioned ORDER BY seq`);
    await db.query(`DROP TABLE audit_events_unpartitioned`);

    await db.query(`
      CREATE TABLE audit_verifications (
        chain_id    uuid          NOT NULL,
        last_seq    bigint        NOT NULL,
        last_hash   char(64)      NOT NULL,
        checked     bigint        NOT NULL,
        verified_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_audit_verifications" PRIMARY KEY (chain_id)
      )`);
    await db.query(`
      CREATE TABLE job_runs (
        name    varchar(64)    NOT NULL,
        ran_at  timestamptz(3) NOT NULL,
        ran_by  varchar(200)   NOT NULL,
        runs    bigint         NOT NULL DEFAULT 1,
        CONSTRAINT "PK_job_runs" PRIMARY KEY (name)
      )`);

    for (const fn of PARTITION_FUNCTIONS) await db.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    for (const fn of SERVING_PARTITION_FUNCTIONS) await db.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${SERVING_ROLE}`);
    await db.query(`GRANT SELECT, INSERT ON audit_events TO ${SERVING_ROLE}`);
    await db.query(`GRANT SELECT ON audit_checkpoint_links TO ${SERVING_ROLE}`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON audit_verifications, job_runs TO ${SERVING_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    const [{ links }] = (await db.query(`SELECT count(*)::int AS links FROM audit_checkpoint_links`)) as Array<{ links: number }>;
    if (links > 0) {
      // One table's verification walks every remaining event from the checkpoint: it cannot step over a dropped event.
      throw new Error(`audit_checkpoint_links holds ${links} link(s) of dropped partitions that kept events follow: the one-table audit log could not verify those chains`);
    }
    await db.query(`REVOKE ALL ON audit_verifications, job_runs, audit_checkpoint_links FROM ${SERVING_ROLE}`);
    await db.query(`DROP TABLE job_runs`);
    await db.query(`DROP TABLE audit_verifications`);
    await db.query(perChainPurgeSql(await currentSchema(db)));
    for (const fn of [...PARTITION_FUNCTIONS].reverse()) await db.query(`DROP FUNCTION ${fn}`);
    await db.query(`DROP TABLE audit_checkpoint_links`);

    await db.query(`ALTER TABLE audit_events RENAME TO audit_events_partitioned`);
    await db.query(`ALTER TABLE audit_events_partitioned DROP CONSTRAINT "PK_audit_events"`);
    for (const name of ['"UQ_audit_events_id"', ...INDEX_NAMES]) await db.query(`DROP INDEX ${name}`);
    await db.query(`ALTER SEQUENCE audit_events_seq_seq OWNED BY NONE`);
    await db.query(`CREATE TABLE audit_events (LIKE audit_events_partitioned INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)`);
    await db.query(`ALTER SEQUENCE audit_events_seq_seq OWNED BY audit_events.seq`);
    await db.query(`INSERT INTO audit_events (${STORED_COLUMNS}) SELECT ${STORED_COLUMNS} FROM audit_events_partitioned ORDER BY seq`);
    await db.query(`DROP TABLE audit_events_partitioned`);
    await db.query(`ALTER TABLE audit_events ADD CONSTRAINT "PK_audit_events" PRIMARY KEY (seq)`);
    await db.query(`CREATE UNIQUE INDEX "UQ_audit_events_id" ON audit_events (id)`);
    for (const index of INDEXES) await db.query(`CREATE INDEX ${index}`);
    for (const trigger of TRIGGERS) await db.query(trigger);
    await db.query(`GRANT SELECT, INSERT ON audit_events TO ${SERVING_ROLE}`);
  }
}
