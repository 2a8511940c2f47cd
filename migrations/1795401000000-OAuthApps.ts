import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVING_ROLE } from './1795400400000-ServingRole.js';

/**
 * OAuth apps (API.md §11): third-party clients registered in one workspace. A confidential app's
 * secret is 256 random bits, so its SHA-256 is enough to store (like refresh and invitation
 * tokens); a public app has none and must use PKCE. Deleting a workspace deletes its apps.
 */
export class OAuthApps1795401000000 implements MigrationInterface {
  name = 'OAuthApps1795401000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE oauth_apps (
        id                 uuid          NOT NULL DEFAULT gen_random_uuid(),
        workspace_id       uuid          NOT NULL,
        client_id          varchar(40)   NOT NULL,
        client_secret_hash char(64),
        name               varchar(100)  NOT NULL,
        type               varchar(12)   NOT NULL,
        redirect_uris      text[]        NOT NULL,
        scopes             text[]        NOT NULL,
        created_by         uuid,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_oauth_apps" PRIMARY KEY (id),
        CONSTRAINT "UQ_oauth_apps_client_id" UNIQUE (client_id),
        CONSTRAINT "CHK_oauth_apps_type" CHECK (type IN ('confidential', 'public')),
        CONSTRAINT "CHK_oauth_apps_secret" CHECK ((type = 'confidential') = (client_secret_hash IS NOT NULL)),
        CONSTRAINT "CHK_oauth_apps_redirect_uris" CHECK (cardinality(redirect_uris) BETWEEN 1 AND 10),
        CONSTRAINT "FK_oauth_apps_workspace" FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE,
        CONSTRAINT "FK_oauth_apps_created_by" FOREIGN KEY (created_by) REFERENCES users(id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX "IDX_oauth_apps_workspace" ON oauth_apps (workspace_id, created_at, id)`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON oauth_apps TO ${SERVING_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE oauth_apps`);
  }
}
