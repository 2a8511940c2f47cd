import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVING_ROLE } from './1795400400000-ServingRole.js';

/**
 * The authorization server's records (oidc-provider's adapter, API.md §11): authorization codes,
 * access and refresh tokens, grants, sessions and interactions, one row each, keyed by the
 * library's model name and id. `grant_id` lets the library revoke everything a grant issued at
 * once (a code used twice, a spent refresh token reused); `client_id` lets deleting an app
 * delete every token it holds.
 */
export class OAuthServer1795401100000 implements MigrationInterface {
  name = 'OAuthServer1795401100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE oauth_records (
        model       varchar(40)  NOT NULL,
        id          varchar(200) NOT NULL,
        payload     jsonb        NOT NULL,
        grant_id    varchar(200),
        client_id   varchar(40),
        uid         varchar(200),
        expires_at  timestamptz(3),
        consumed_at timestamptz(3),
        CONSTRAINT "PK_oauth_records" PRIMARY KEY (model, id)
      )`);
    await db.query(`CREATE INDEX "IDX_oauth_records_grant" ON oauth_records (grant_id) WHERE grant_id IS NOT NULL`);
    await db.query(`CREATE INDEX "IDX_oauth_records_client" ON oauth_records (client_id) WHERE client_id IS NOT NULL`);
    await db.query(`CREATE INDEX "IDX_oauth_records_uid" ON oauth_records (uid) WHERE uid IS NOT NULL`);
    await db.query(`CREATE INDEX "IDX_oauth_records_expires" ON oauth_records (expires_at) WHERE expires_at IS NOT NULL`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON oauth_records TO ${SERVING_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE oauth_records`);
  }
}
