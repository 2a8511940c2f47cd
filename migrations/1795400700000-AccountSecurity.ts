import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVING_ROLE } from './1795400400000-ServingRole.js';

/**
 * Account security (API.md §10), first part.
 * - Each refresh token remembers where it was issued (`ip`, `user_agent`): a session is a
 *   refresh-token family, created when its first token was and last used when its newest was.
 * - `password_resets`: one-hour tokens an instance admin hands over, stored as SHA-256, used once.
 */
export class AccountSecurity1795400700000 implements MigrationInterface {
  name = 'AccountSecurity1795400700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens ADD COLUMN ip varchar(64), ADD COLUMN user_agent varchar(500)`);
    await db.query(`CREATE INDEX "IDX_refresh_tokens_user" ON refresh_tokens (user_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE password_resets (
        id         uuid     NOT NULL DEFAULT gen_random_uuid(),
        user_id    uuid     NOT NULL,
        token_hash char(64) NOT NULL,
        issued_by  uuid,
        expires_at timestamptz(3) NOT NULL,
        used_at    timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_password_resets" PRIMARY KEY (id),
        CONSTRAINT "FK_password_resets_user" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_password_resets_issued_by" FOREIGN KEY (issued_by) REFERENCES users(id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_password_resets_token" ON password_resets (token_hash)`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO ${SERVING_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE password_resets`);
    await db.query(`DROP INDEX "IDX_refresh_tokens_user"`);
    await db.query(`ALTER TABLE refresh_tokens DROP COLUMN ip, DROP COLUMN user_agent`);
  }
}
