import type { MigrationInterface, QueryRunner } from 'typeorm';
import { singleChainPurgeSql } from './1795400400000-ServingRole.js';
import { currentSchema, quoteIdent } from './schema.js';

/** The instance chain's id (INSTANCE_CHAIN of hash-chain.ts): every event so far belongs to it. */
const INSTANCE_CHAIN = '00000000-0000-0000-0000-000000000000';

/**
 * Chains get an identity, and rows the version of the canonical form their hash covers.
 * - `chain_id` on audit_events and audit_checkpoints: a uuid (a workspace's chain will be the
 *   workspace id), every existing row in the instance chain, the nil UUID. The default keeps
 *   writers that name no chain (and existing rows) there.
 * - `canonical_version`: every existing row was hashed over version 1.
 * - (chain_id, seq) serves a chain's head and its verification; (chain_id, id) its last checkpoint.
 * - audit_purge() purges each chain's prefix under that chain's lock and checkpoints each chain.
 * The serving role's table grants cover new columns; no grant changes.
 */
export class AuditChains1795400500000 implements MigrationInterface {
  name = 'AuditChains1795400500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events
      ADD COLUMN chain_id uuid NOT NULL DEFAULT '${INSTANCE_CHAIN}',
      ADD COLUMN canonical_version smallint NOT NULL DEFAULT 1,
      ADD CONSTRAINT "CHK_audit_events_canonical_version" CHECK (canonical_version >= 1)`);
    await db.query(`ALTER TABLE audit_checkpoints ADD COLUMN chain_id uuid NOT NULL DEFAULT '${INSTANCE_CHAIN}'`);
    await db.query(`CREATE INDEX "IDX_audit_events_chain_seq" ON audit_events (chain_id, seq)`);
    await db.query(`CREATE INDEX "IDX_audit_checkpoints_chain" ON audit_checkpoints (chain_id, id)`);

    await db.query(perChainPurgeSql(await currentSchema(db)));
  }

  async down(db: QueryRunner): Promise<void> {
    // The ServingRole migration's purge: one chain, one lock (the bigint form of 7340002).
    await db.query(singleChainPurgeSql(await currentSchema(db)));
    await db.query(`DROP INDEX "IDX_audit_checkpoints_chain"`);
    await db.query(`DROP INDEX "IDX_audit_events_chain_seq"`);
    await db.query(`ALTER TABLE audit_checkpoints DROP COLUMN chain_id`);
    await db.query(`ALTER TABLE audit_events DROP CONSTRAINT "CHK_audit_events_canonical_version", DROP COLUMN canonical_version, DROP COLUMN chain_id`);
  }
}

/**
 * The retention purge per chain, deleting rows. 7340004: one purge at a time (the others skip
 * that day's run). (7340002, hashtext(chain)): a chain's lock, AUDIT_CHAIN_LOCK_CLASS of
 * audit-chain.ts, taken in key order as appenders do. AuditPartitions replaces it with partition
 * drops and puts this back on down.
 */
export function perChainPurgeSql(schema: string): string {
  return `
    CREATE OR REPLACE FUNCTION audit_purge() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ${quoteIdent(schema)}, pg_temp AS $$
    DECLARE
      cutoff timestamptz;
      chain record;
      boundary bigint;
      purged_to_seq bigint;
      purged_to_hash char(64);
      deleted bigint;
      total bigint := 0;
    BEGIN
      IF NOT pg_try_advisory_xact_lock(7340004) THEN
        RETURN 0;
      END IF;
      SELECT now() - make_interval(days => retention_days) INTO STRICT cutoff FROM audit_settings;
      PERFORM set_config('keyward.audit_purge_before', cutoff::text, true);
      FOR chain IN
        SELECT c.id, hashtext(c.id::text) AS key
        FROM (SELECT DISTINCT chain_id AS id FROM audit_events WHERE occurred_at < cutoff) AS c
        ORDER BY key, c.id
      LOOP
        PERFORM pg_advisory_xact_lock(7340002, chain.key);
        -- Everything before the chain's first event young enough to keep: a prefix, so the rest still verifies.
        boundary := coalesce(
          (SELECT min(seq) FROM audit_events WHERE chain_id = chain.id AND occurred_at >= cutoff),
          (SELECT max(seq) + 1 FROM audit_events WHERE chain_id = chain.id));
        SELECT e.seq, e.hash INTO purged_to_seq, purged_to_hash FROM audit_events e
          WHERE e.chain_id = chain.id AND e.seq < boundary ORDER BY e.seq DESC LIMIT 1;
        CONTINUE WHEN purged_to_seq IS NULL;
        DELETE FROM audit_events WHERE chain_id = chain.id AND seq < boundary;
        GET DIAGNOSTICS deleted = ROW_COUNT;
        INSERT INTO audit_checkpoints (chain_id, last_seq, last_hash, purged) VALUES (chain.id, purged_to_seq, purged_to_hash, deleted);
        total := total + deleted;
      END LOOP;
      PERFORM set_config('keyward.audit_purge_before', '', true);
      RETURN total;
    END $$`;
}
