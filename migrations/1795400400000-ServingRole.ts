import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentSchema, quoteIdent } from './schema.js';

/** The role requests are served as. Roles are cluster-wide: every Keyward database in a cluster grants to the same one. */
export const SERVING_ROLE = 'keyward_app';

/** Tables the service reads and writes freely. The audit tables are not among them. */
const ORDINARY_TABLES = ['roles', 'users', 'user_roles', 'refresh_tokens', 'contents', 'api_keys', 'api_key_usage'];

const REFUSE = `RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';`;

/**
 * Takes tamper-evidence out of the serving role's reach. Requests are served as `keyward_app`:
 * not a superuser (so it cannot set session_replication_role), owner of nothing (so it cannot
 * disable a trigger, drop or alter a table), and on the audit tables it may only SELECT, plus
 * INSERT into audit_events. Migrations keep running as the owner.
 *
 * The retention purge becomes `audit_purge()`, a SECURITY DEFINER function: it reads the
 * retention the owner recorded in audit_settings (from AUDIT_RETENTION_DAYS, at startup), so the
 * serving role cannot ask it for a younger cut-off, and it writes the checkpoint itself — the
 * serving role cannot insert one. The trigger's delete exception follows the recorded retention
 * instead of a one-day floor, and audit_checkpoints gets an append-only trigger of its own.
 *
 * New tables need their own GRANT in their migration: there are no default privileges, so a
 * table is never writable by the serving role by accident.
 */
export class ServingRole1795400400000 implements MigrationInterface {
  name = 'ServingRole1795400400000';

  async up(db: QueryRunner): Promise<void> {
    const schema = await currentSchema(db);
    // Several databases of one cluster may migrate at once (tests do): whoever creates it first wins.
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SERVING_ROLE}') THEN
          CREATE ROLE ${SERVING_ROLE} NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await db.query(`
      CREATE TABLE audit_settings (
        only_row       boolean NOT NULL DEFAULT true,
        retention_days integer NOT NULL DEFAULT 365,
        updated_at     timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_audit_settings" PRIMARY KEY (only_row),
        CONSTRAINT "CHK_audit_settings_one_row" CHECK (only_row),
        CONSTRAINT "CHK_audit_settings_retention" CHECK (retention_days >= 1)
      )`);
    await db.query(`INSERT INTO audit_settings DEFAULT VALUES`);

    await db.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        purge_before timestamptz;
        kept_from timestamptz;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          purge_before := nullif(current_setting('keyward.audit_purge_before', true), '')::timestamptz;
          SELECT now() - make_interval(days => retention_days) INTO kept_from FROM audit_settings;
          IF purge_before IS NOT NULL AND kept_from IS NOT NULL AND OLD.occurred_at < purge_before AND OLD.occurred_at < kept_from THEN
            RETURN OLD;
          END IF;
        END IF;
        ${REFUSE}
      END $$`);

    await db.query(`
      CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${REFUSE}
      END $$`);
    await db.query(`
      CREATE TRIGGER "TRG_audit_checkpoints_append_only"
      BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only()`);
    await db.query(`
      CREATE TRIGGER "TRG_audit_checkpoints_no_truncate"
      BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only()`);

    // 7340004: one purge at a time (the others skip that day's run); 7340002: AUDIT_CHAIN_LOCK of audit-chain.ts.
    await db.query(singleChainPurgeSql(schema));
    await db.query(`REVOKE ALL ON FUNCTION audit_purge() FROM PUBLIC`);

    await db.query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${SERVING_ROLE}', current_database()); END $$`);
    await db.query(`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${SERVING_ROLE}`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${ORDINARY_TABLES.join(', ')} TO ${SERVING_ROLE}`);
    await db.query(`GRANT SELECT, INSERT ON audit_events TO ${SERVING_ROLE}`);
    await db.query(`GRANT USAGE ON SEQUENCE audit_events_seq_seq TO ${SERVING_ROLE}`);
    await db.query(`GRANT SELECT ON audit_checkpoints, audit_settings TO ${SERVING_ROLE}`);
    await db.query(`GRANT EXECUTE ON FUNCTION audit_purge() TO ${SERVING_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    const schema = await currentSchema(db);
    // The role stays: it is cluster-wide, and other databases may grant to it.
    await db.query(`REVOKE ALL ON ${[...ORDINARY_TABLES, 'audit_events', 'audit_checkpoints', 'audit_settings'].join(', ')} FROM ${SERVING_ROLE}`);
    await db.query(`REVOKE ALL ON SEQUENCE audit_events_seq_seq FROM ${SERVING_ROLE}`);
    await db.query(`REVOKE USAGE ON SCHEMA ${quoteIdent(schema)} FROM ${SERVING_ROLE}`);
    await db.query(`DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM ${SERVING_ROLE}', current_database()); END $$`);
    await db.query(`DROP FUNCTION audit_purge()`);
    await db.query(`DROP TRIGGER "TRG_audit_checkpoints_no_truncate" ON audit_checkpoints`);
    await db.query(`DROP TRIGGER "TRG_audit_checkpoints_append_only" ON audit_checkpoints`);
    await db.query(`DROP FUNCTION audit_checkpoints_append_only()`);
    // Back to the AuditPurgeCutoff migration's rule (a cut-off, and never younger than a day).
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        purge_before timestamptz;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          purge_before := nullif(current_setting('keyward.audit_purge_before', true), '')::timestamptz;
          IF purge_before IS NOT NULL AND OLD.occurred_at < purge_before AND OLD.occurred_at < now() - interval '1 day' THEN
            RETURN OLD;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`DROP TABLE audit_settings`);
  }
}

/** The retention purge with one chain and one lock (AuditChains replaces it per chain and puts this back on down). */
export function singleChainPurgeSql(schema: string): string {
  return `
    CREATE OR REPLACE FUNCTION audit_purge() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ${quoteIdent(schema)}, pg_temp AS $$
    DECLARE
      cutoff timestamptz;
      boundary bigint;
      purged_to_seq bigint;
      purged_to_hash char(64);
      deleted bigint;
    BEGIN
      IF NOT pg_try_advisory_xact_lock(7340004) THEN
        RETURN 0;
      END IF;
      PERFORM pg_advisory_xact_lock(7340002);
      SELECT now() - make_interval(days => retention_days) INTO STRICT cutoff FROM audit_settings;
      -- Everything before the first event young enough to keep: a prefix, so the rest still verifies.
      boundary := coalesce((SELECT min(seq) FROM audit_events WHERE occurred_at >= cutoff), (SELECT max(seq) + 1 FROM audit_events));
      SELECT e.seq, e.hash INTO purged_to_seq, purged_to_hash FROM audit_events e WHERE e.seq < boundary ORDER BY e.seq DESC LIMIT 1;
      IF purged_to_seq IS NULL THEN
        RETURN 0;
      END IF;
      PERFORM set_config('keyward.audit_purge_before', cutoff::text, true);
      DELETE FROM audit_events WHERE seq < boundary;
      GET DIAGNOSTICS deleted = ROW_COUNT;
      PERFORM set_config('keyward.audit_purge_before', '', true);
      INSERT INTO audit_checkpoints (last_seq, last_hash, purged) VALUES (purged_to_seq, purged_to_hash, deleted);
      RETURN deleted;
    END $$`;
}
