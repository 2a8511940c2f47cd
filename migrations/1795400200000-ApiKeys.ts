import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys (only an HMAC of each key is stored) and their hourly usage. Deleted keys keep their
 * row (deleted_at): their audit history must stay attributable to their owner, and their
 * 8-hex id must never be issued again.
 */
export class ApiKeys1795400200000 implements MigrationInterface {
  name = 'ApiKeys1795400200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        id              uuid         NOT NULL DEFAULT gen_random_uuid(),
        key_id          char(8)      NOT NULL,
        user_id         uuid         NOT NULL,
        name            varchar(100) NOT NULL,
        description     varchar(500) NOT NULL DEFAULT '',
        key_prefix      varchar(32)  NOT NULL,
        key_hash        char(64)     NOT NULL,
        scopes          text[]       NOT NULL DEFAULT '{*}',
        rate_limit      integer      NOT NULL,
        allowed_ips     text[]       NOT NULL DEFAULT '{}',
        metadata        jsonb        NOT NULL DEFAULT '{}',
        active          boolean      NOT NULL DEFAULT true,
        valid_from      timestamptz(3),
        expires_at      timestamptz(3),
        revoked_at      timestamptz(3),
        deleted_at      timestamptz(3),
        last_used_at    timestamptz(3),
        last_used_ip    varchar(64),
        usage_count     bigint       NOT NULL DEFAULT 0,
        rotated_from_id uuid,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_api_keys" PRIMARY KEY (id),
        CONSTRAINT "FK_api_keys_user" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_api_keys_rotated_from" FOREIGN KEY (rotated_from_id) REFERENCES api_keys(id) ON DELETE SET NULL,
        CONSTRAINT "CHK_api_keys_key_id" CHECK (key_id ~ '^[0-9a-f]{8}$'),
        CONSTRAINT "CHK_api_keys_rate_limit" CHECK (rate_limit > 0)
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_api_keys_key_id" ON api_keys (key_id)`);
    await db.query(`CREATE INDEX "IDX_api_keys_user_created" ON api_keys (user_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX "IDX_api_keys_created" ON api_keys (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await db.query(`
      CREATE TABLE api_key_usage (
        api_key_id   uuid        NOT NULL,
        bucket       timestamptz NOT NULL,
        requests     integer     NOT NULL DEFAULT 0,
        denied       integer     NOT NULL DEFAULT 0,
        rate_limited integer     NOT NULL DEFAULT 0,
        CONSTRAINT "PK_api_key_usage" PRIMARY KEY (api_key_id, bucket),
        CONSTRAINT "FK_api_key_usage_key" FOREIGN KEY (api_key_id) REFERENCES api_keys(id) ON DELETE CASCADE
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_key_usage`);
    await db.query(`DROP TABLE api_keys`);
  }
}
