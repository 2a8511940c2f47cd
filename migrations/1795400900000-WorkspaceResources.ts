import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The instance chain's id (INSTANCE_CHAIN of hash-chain.ts): its events belong to no workspace. */
const INSTANCE_CHAIN = '00000000-0000-0000-0000-000000000000';

/**
 * Keys, contents and audit events belong to a workspace (API.md §9).
 * - `api_keys.workspace_id`, `contents.workspace_id`: NOT NULL after the backfill, indexed, with
 *   foreign keys. Existing rows go to `default` when their owner (the author, for contents) is a
 *   member there — everybody who existed before workspaces is — else to the owner's personal
 *   workspace; contents nobody wrote go to `default`.
 * - `audit_events.workspace_id`: generated from `chain_id` (a workspace's chain is named by its
 *   id), so it can never disagree with the chain an event's hash was computed in, and no
 *   append-only row is rewritten. Events of the instance chain (sign-ins, user changes, and every
 *   event written before workspaces) have none; instance auditors read them. No foreign key: an
 *   append must never fail on a parent row (the writer's batch would be refused whole), and
 *   workspaces are only ever soft-deleted, so every id stays resolvable.
 */
export class WorkspaceResources1795400900000 implements MigrationInterface {
  name = 'WorkspaceResources1795400900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_keys ADD COLUMN workspace_id uuid`);
    await db.query(`ALTER TABLE contents ADD COLUMN workspace_id uuid`);
    await db.query(`
      UPDATE api_keys k SET workspace_id = coalesce(
        (SELECT w.id FROM workspaces w JOIN memberships m ON m.workspace_id = w.id AND m.user_id = k.user_id WHERE w.slug = 'default' AND w.deleted_at IS NULL),
        (SELECT w.id FROM workspaces w WHERE w.personal AND w.created_by = k.user_id))`);
    await db.query(`
      UPDATE contents c SET workspace_id = coalesce(
        (SELECT w.id FROM workspaces w LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = c.author_id
         WHERE w.slug = 'default' AND w.deleted_at IS NULL AND (c.author_id IS NULL OR m.user_id IS NOT NULL)),
        (SELECT w.id FROM workspaces w WHERE w.personal AND w.created_by = c.author_id))`);
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM api_keys WHERE workspace_id IS NULL) OR EXISTS (SELECT 1 FROM contents WHERE workspace_id IS NULL) THEN
          RAISE EXCEPTION 'keys or contents whose owner has no workspace: run the Workspaces migration''s backfill first';
        END IF;
      END $$`);
    await db.query(`ALTER TABLE api_keys ALTER COLUMN workspace_id SET NOT NULL,
      ADD CONSTRAINT "FK_api_keys_workspace" FOREIGN KEY (workspace_id) REFERENCES workspaces(id)`);
    await db.query(`ALTER TABLE contents ALTER COLUMN workspace_id SET NOT NULL,
      ADD CONSTRAINT "FK_contents_workspace" FOREIGN KEY (workspace_id) REFERENCES workspaces(id)`);
    await db.query(`CREATE INDEX "IDX_api_keys_workspace_user" ON api_keys (workspace_id, user_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX "IDX_api_keys_workspace_created" ON api_keys (workspace_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX "IDX_contents_workspace_created" ON contents (workspace_id, created_at DESC, id DESC)`);

    await db.query(`ALTER TABLE audit_events
      ADD COLUMN workspace_id uuid GENERATED ALWAYS AS (NULLIF(chain_id, '${INSTANCE_CHAIN}'::uuid)) STORED`);
    await db.query(`CREATE INDEX "IDX_audit_events_workspace" ON audit_events (workspace_id, occurred_at DESC, seq DESC) WHERE workspace_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events DROP COLUMN workspace_id`);
    await db.query(`ALTER TABLE contents DROP COLUMN workspace_id`);
    await db.query(`ALTER TABLE api_keys DROP COLUMN workspace_id`);
  }
}
