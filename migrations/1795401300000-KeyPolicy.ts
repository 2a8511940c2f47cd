import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workspace's key policy (API.md §15): one jsonb object holding only the rules it sets
 * (`maxLifetimeDays`, `requireIpAllowlist`, `allowedScopes`, `maxRateLimit`), `{}` for none.
 * The policy is read, changed and audited as one whole and never searched by its parts, so it is
 * one column that a new rule joins without a migration. The service validates each rule before
 * writing and reads the object defensively; the constraint keeps it an object.
 *
 * The serving role's table-wide SELECT and UPDATE on workspaces (1795400600000) cover the column.
 */
export class KeyPolicy1795401300000 implements MigrationInterface {
  name = 'KeyPolicy1795401300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE workspaces ADD COLUMN key_policy jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD CONSTRAINT "CHK_workspaces_key_policy" CHECK (jsonb_typeof(key_policy) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE workspaces DROP CONSTRAINT "CHK_workspaces_key_policy", DROP COLUMN key_policy`);
  }
}
