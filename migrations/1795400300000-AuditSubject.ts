import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user an event is about, when that is not its actor (an admin changing someone's roles
 * names them in details.targetUserId): the review rule lets that user see the event.
 *
 * A generated column rather than one the writer fills: it is derived from `details`, which the
 * hash covers, so it cannot be changed without breaking the chain, the canonical form of every
 * event (old ones included) stays as it was, and events written before this migration get their
 * subject too.
 */
export class AuditSubject1795400300000 implements MigrationInterface {
  name = 'AuditSubject1795400300000';

  async up(db: QueryRunner): Promise<void> {
    // A malformed id yields null instead of failing the insert (and with it a whole batch).
    await db.query(`
      ALTER TABLE audit_events ADD COLUMN subject_user_id uuid GENERATED ALWAYS AS (
        CASE WHEN details->>'targetUserId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
             THEN (details->>'targetUserId')::uuid END
      ) STORED`);
    await db.query(
      `CREATE INDEX "IDX_audit_events_subject_time" ON audit_events (subject_user_id, occurred_at DESC, seq DESC) WHERE subject_user_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_audit_events_subject_time"`);
    await db.query(`ALTER TABLE audit_events DROP COLUMN subject_user_id`);
  }
}
