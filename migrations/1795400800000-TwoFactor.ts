import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVING_ROLE } from './1795400400000-ServingRole.js';

/**
 * Two-factor sign-in (API.md §10): a user's TOTP secret, sealed with AES-256-GCM (`totp_secret`
 * once enabled, `totp_pending` between setup and enable), the last time step a code was accepted
 * for (a code works once), hashed recovery codes, and the short-lived challenges a right
 * password opens (`mfa_challenges`, stored as SHA-256, five wrong codes end one).
 */
export class TwoFactor1795400800000 implements MigrationInterface {
  name = 'TwoFactor1795400800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN totp_secret text, ADD COLUMN totp_pending text, ADD COLUMN totp_last_step bigint,
      ADD COLUMN two_factor_enabled_at timestamptz(3)`);
    await db.query(`
      CREATE TABLE recovery_codes (
        id        uuid     NOT NULL DEFAULT gen_random_uuid(),
        user_id   uuid     NOT NULL,
        code_hash char(64) NOT NULL,
        used_at   timestamptz(3),
        CONSTRAINT "PK_recovery_codes" PRIMARY KEY (id),
        CONSTRAINT "FK_recovery_codes_user" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_recovery_codes_user_code" ON recovery_codes (user_id, code_hash)`);
    await db.query(`
      CREATE TABLE mfa_challenges (
        id         uuid     NOT NULL DEFAULT gen_random_uuid(),
        user_id    uuid     NOT NULL,
        token_hash char(64) NOT NULL,
        failures   integer  NOT NULL DEFAULT 0,
        expires_at timestamptz(3) NOT NULL,
        used_at    timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_mfa_challenges" PRIMARY KEY (id),
        CONSTRAINT "FK_mfa_challenges_user" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_mfa_challenges_token" ON mfa_challenges (token_hash)`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes, mfa_challenges TO ${SERVING_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mfa_challenges, recovery_codes`);
    await db.query(`ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_pending, DROP COLUMN totp_last_step, DROP COLUMN two_factor_enabled_at`);
  }
}
