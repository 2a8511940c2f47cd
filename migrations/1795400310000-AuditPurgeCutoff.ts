import type { MigrationInterface, QueryRunner } from 'typeorm';

const REFUSE = `RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';`;

/**
 * Narrows the append-only trigger's one exception. Before, any session that set
 * `keyward.audit_purge = 'on'` could delete any row, the newest included, and a chain cut at its
 * end still verifies. Now a DELETE passes only for a row older than the cut-off the purge names
 * in `keyward.audit_purge_before`, and never for a row younger than a day (the shortest
 * AUDIT_RETENTION_DAYS the service accepts), whatever the session sets.
 */
export class AuditPurgeCutoff1795400310000 implements MigrationInterface {
  name = 'AuditPurgeCutoff1795400310000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        purge_before timestamptz;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          purge_before := nullif(current_setting('keyward.audit_purge_before', true), '')::timestamptz;
          -- Not least(): it skips a null, which would let through any session that set nothing.
          IF purge_before IS NOT NULL AND OLD.occurred_at < purge_before AND OLD.occurred_at < now() - interval '1 day' THEN
            RETURN OLD;
          END IF;
        END IF;
        ${REFUSE}
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('keyward.audit_purge', true) = 'on' AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        ${REFUSE}
      END $$`);
  }
}
