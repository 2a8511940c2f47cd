import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only, hash-chained audit log. A trigger refuses UPDATE, DELETE and TRUNCATE unless
 * the session has set `keyward.audit_purge` (only the retention purge does). Each purge leaves a
 * checkpoint so verification knows where the surviving chain must start.
 */
export class AuditLog1795400100000 implements MigrationInterface {
  name = 'AuditLog1795400100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_events (
        seq         bigserial    NOT NULL,
        id          uuid         NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        type        varchar(64)  NOT NULL,
        severity    varchar(10)  NOT NULL,
        user_id     uuid,
        api_key_id  uuid,
        key_prefix  varchar(32),
        ip          varchar(64),
        user_agent  varchar(500),
        method      varchar(10),
        path        varchar(1000),
        status_code smallint,
        details     jsonb        NOT NULL DEFAULT '{}',
        prev_hash   char(64)     NOT NULL,
        hash        char(64)     NOT NULL,
        CONSTRAINT "PK_audit_events" PRIMARY KEY (seq),
        CONSTRAINT "CHK_audit_events_severity" CHECK (severity IN ('info', 'warning', 'critical'))
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_audit_events_id" ON audit_events (id)`);
    // Review filters, each ordered the way the list is read: newest first.
    await db.query(`CREATE INDEX "IDX_audit_events_time" ON audit_events (occurred_at DESC, seq DESC)`);
    await db.query(`CREATE INDEX "IDX_audit_events_type_time" ON audit_events (type, occurred_at DESC, seq DESC)`);
    await db.query(`CREATE INDEX "IDX_audit_events_severity_time" ON audit_events (severity, occurred_at DESC, seq DESC)`);
    await db.query(`CREATE INDEX "IDX_audit_events_user_time" ON audit_events (user_id, occurred_at DESC, seq DESC) WHERE user_id IS NOT NULL`);
    await db.query(`CREATE INDEX "IDX_audit_events_key_time" ON audit_events (api_key_id, occurred_at DESC, seq DESC) WHERE api_key_id IS NOT NULL`);
    await db.query(`CREATE INDEX "IDX_audit_events_ip_time" ON audit_events (ip, occurred_at DESC, seq DESC) WHERE ip IS NOT NULL`);

    await db.query(`
      CREATE TABLE audit_checkpoints (
        id          bigserial NOT NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        last_seq    bigint    NOT NULL,
        last_hash   char(64)  NOT NULL,
        purged      bigint    NOT NULL,
        CONSTRAINT "PK_audit_checkpoints" PRIMARY KEY (id)
      )`);

    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('keyward.audit_purge', true) = 'on' AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER "TRG_audit_events_append_only"
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`
      CREATE TRIGGER "TRG_audit_events_no_truncate"
      BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_checkpoints`);
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
