import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVING_ROLE } from './1795400400000-ServingRole.js';

const REFUSE = `RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';`;
const TABLES = ['audit_digests', 'audit_digest_runs'];

/**
 * Signed digests of the audit chains (API.md §13). `audit_digests`: one row per chain head signed
 * with Ed25519, `previous_digest_hash` naming the chain's digest before it (null for its first);
 * `digest_hash` is the hash of the row's own canonical form, what the next one names. The
 * unique indexes keep each chain's digests one line, whoever signs: one head is signed once, one
 * digest has one successor, a chain has one first digest. `audit_digest_runs`: the windows of
 * AUDIT_DIGEST_INTERVAL_SECONDS already signed, so a window is signed once across instances.
 *
 * Both are append-only as audit_checkpoints is: a trigger refuses UPDATE, DELETE and TRUNCATE to
 * every role, and the serving role may only read and insert them.
 */
export class AuditDigests1795401500000 implements MigrationInterface {
  name = 'AuditDigests1795401500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_digests (
        id                   uuid           NOT NULL,
        chain_id             uuid           NOT NULL,
        seq                  bigint         NOT NULL,
        hash                 char(64)       NOT NULL,
        signed_at            timestamptz(3) NOT NULL,
        previous_digest_hash char(64),
        digest_hash          char(64)       NOT NULL,
        key_id               varchar(64)    NOT NULL,
        signature            varchar(128)   NOT NULL,
        CONSTRAINT "PK_audit_digests" PRIMARY KEY (id),
        CONSTRAINT "UQ_audit_digests_chain_seq" UNIQUE (chain_id, seq),
        CONSTRAINT "UQ_audit_digests_chain_previous" UNIQUE (chain_id, previous_digest_hash)
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_audit_digests_chain_first" ON audit_digests (chain_id) WHERE previous_digest_hash IS NULL`);
    // Lists read newest first: every chain's (an instance auditor's), or one chain's.
    await db.query(`CREATE INDEX "IDX_audit_digests_signed" ON audit_digests (signed_at DESC, id DESC)`);
    await db.query(`CREATE INDEX "IDX_audit_digests_chain_signed" ON audit_digests (chain_id, signed_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE audit_digest_runs (
        window_start timestamptz(3) NOT NULL,
        ran_at       timestamptz(3) NOT NULL DEFAULT now(),
        runner       varchar(200)   NOT NULL,
        signed       integer        NOT NULL,
        CONSTRAINT "PK_audit_digest_runs" PRIMARY KEY (window_start)
      )`);

    await db.query(`
      CREATE FUNCTION audit_digests_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${REFUSE}
      END $$`);
    for (const table of TABLES) {
      await db.query(`CREATE TRIGGER "TRG_${table}_append_only" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_digests_append_only()`);
      await db.query(`CREATE TRIGGER "TRG_${table}_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_digests_append_only()`);
    }
    await db.query(`GRANT SELECT, INSERT ON ${TABLES.join(', ')} TO ${SERVING_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_digest_runs`);
    await db.query(`DROP TABLE audit_digests`);
    await db.query(`DROP FUNCTION audit_digests_append_only()`);
  }
}
