import type { MigrationInterface, QueryRunner } from 'typeorm';
import { personalSlug } from '../src/workspaces/slugs.js';
import { SERVING_ROLE } from './1795400400000-ServingRole.js';

const TABLES = ['workspaces', 'workspace_roles', 'memberships', 'invitations'];

/**
 * Tenants (API.md §9): workspaces, the memberships (one workspace role each), custom workspace
 * roles and invitations. Built-in workspace roles (owner, admin, member, viewer, auditor) live
 * in code and are shared; `memberships.role_name` names one of them or a row of workspace_roles.
 *
 * Existing data: every user gets a personal workspace (owner). When there are users, a shared
 * workspace `default` holds them all, each with the workspace role named like their instance
 * role: the earliest admin becomes `owner`, other admins `admin`; custom instance roles are
 * copied into `default`. Someone holding several roles gets one role of `default` carrying
 * their union (named by joining the names with `+`), and someone holding none an empty one,
 * so nobody's permissions there change. Keys, contents and events move into workspaces with
 * the migration that scopes them.
 */
export class Workspaces1795400600000 implements MigrationInterface {
  name = 'Workspaces1795400600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workspaces (
        id                 uuid         NOT NULL DEFAULT gen_random_uuid(),
        slug               varchar(39)  NOT NULL,
        name               varchar(100) NOT NULL,
        personal           boolean      NOT NULL DEFAULT false,
        require_two_factor boolean      NOT NULL DEFAULT false,
        max_rate_limit     integer,
        max_keys_per_user  integer,
        created_by         uuid,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at         timestamptz(3),
        CONSTRAINT "PK_workspaces" PRIMARY KEY (id),
        CONSTRAINT "CHK_workspaces_slug" CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,38}$'),
        CONSTRAINT "CHK_workspaces_plan" CHECK (coalesce(max_rate_limit, 1) > 0 AND coalesce(max_keys_per_user, 1) > 0),
        CONSTRAINT "FK_workspaces_created_by" FOREIGN KEY (created_by) REFERENCES users(id) ON DELETE SET NULL
      )`);
    // A deleted workspace gives its slug back; one personal workspace per user.
    await db.query(`CREATE UNIQUE INDEX "UQ_workspaces_slug" ON workspaces (slug) WHERE deleted_at IS NULL`);
    await db.query(`CREATE UNIQUE INDEX "UQ_workspaces_personal" ON workspaces (created_by) WHERE personal`);
    await db.query(`
      CREATE TABLE workspace_roles (
        workspace_id uuid         NOT NULL,
        name         varchar(50)  NOT NULL,
        description  varchar(500) NOT NULL DEFAULT '',
        permissions  text[]       NOT NULL DEFAULT '{}',
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        updated_at   timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_workspace_roles" PRIMARY KEY (workspace_id, name),
        CONSTRAINT "FK_workspace_roles_workspace" FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE memberships (
        workspace_id uuid        NOT NULL,
        user_id      uuid        NOT NULL,
        role_name    varchar(50) NOT NULL,
        joined_at    timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_memberships" PRIMARY KEY (workspace_id, user_id),
        CONSTRAINT "FK_memberships_workspace" FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE,
        CONSTRAINT "FK_memberships_user" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX "IDX_memberships_user" ON memberships (user_id)`);
    await db.query(`CREATE INDEX "IDX_memberships_joined" ON memberships (workspace_id, joined_at DESC, user_id DESC)`);
    await db.query(`
      CREATE TABLE invitations (
        id           uuid         NOT NULL DEFAULT gen_random_uuid(),
        workspace_id uuid         NOT NULL,
        email        varchar(254) NOT NULL,
        role_name    varchar(50)  NOT NULL,
        token_hash   char(64)     NOT NULL,
        invited_by   uuid,
        expires_at   timestamptz(3) NOT NULL,
        accepted_at  timestamptz(3),
        accepted_by  uuid,
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_invitations" PRIMARY KEY (id),
        CONSTRAINT "CHK_invitations_email_lower" CHECK (email = lower(email)),
        CONSTRAINT "FK_invitations_workspace" FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE,
        CONSTRAINT "FK_invitations_invited_by" FOREIGN KEY (invited_by) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT "FK_invitations_accepted_by" FOREIGN KEY (accepted_by) REFERENCES users(id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_invitations_token" ON invitations (token_hash)`);
    await db.query(`CREATE INDEX "IDX_invitations_pending" ON invitations (workspace_id, created_at DESC, id DESC) WHERE accepted_at IS NULL`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO ${SERVING_ROLE}`);

    await this.createPersonalWorkspaces(db);
    await this.createDefaultWorkspace(db);
  }

  /** Slugs as registration writes them (personalSlug), so an old user's reads like a new one's. */
  private async createPersonalWorkspaces(db: QueryRunner): Promise<void> {
    const users = (await db.query('SELECT id, email FROM users')) as Array<{ id: string; email: string }>;
    for (let start = 0; start < users.length; start += 10_000) {
      const batch = users.slice(start, start + 10_000);
      await db.query(
        `WITH personal AS (
           INSERT INTO workspaces (slug, name, personal, created_by, created_at)
           SELECT given.slug, 'Personal', true, u.id, u.created_at
           FROM unnest($1::uuid[], $2::text[]) AS given(user_id, slug) JOIN users u ON u.id = given.user_id
           RETURNING id, created_by, created_at
         )
         INSERT INTO memberships (workspace_id, user_id, role_name, joined_at)
         SELECT id, created_by, 'owner', created_at FROM personal`,
        [batch.map((user) => user.id), batch.map((user) => personalSlug(user.email, user.id))],
      );
    }
  }

  private async createDefaultWorkspace(db: QueryRunner): Promise<void> {
    const [first] = (await db.query(`
      SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id AND ur.role_name = 'admin'
      ORDER BY u.created_at, u.id LIMIT 1`)) as Array<{ id: string }>;
    const [anyone] = (await db.query('SELECT 1 FROM users LIMIT 1')) as unknown[];
    if (!anyone) return;
    const [{ id: workspaceId }] = (await db.query(
      `INSERT INTO workspaces (slug, name, personal, created_by) VALUES ('default', 'Default', false, $1) RETURNING id`,
      [first?.id ?? null],
    )) as Array<{ id: string }>;
    await db.query(
      `INSERT INTO workspace_roles (workspace_id, name, description, permissions)
       SELECT $1, name, description, permissions FROM roles WHERE NOT built_in`,
      [workspaceId],
    );
    // Each user's roles as one sorted set: a single role keeps its name, several join theirs.
    await db.query(
      `CREATE TEMPORARY TABLE held ON COMMIT DROP AS
       SELECT u.id AS user_id, u.created_at, array_remove(array_agg(ur.role_name ORDER BY ur.role_name), NULL) AS roles
       FROM users u LEFT JOIN user_roles ur ON ur.user_id = u.id GROUP BY u.id, u.created_at`,
    );
    await db.query(
      `INSERT INTO workspace_roles (workspace_id, name, description, permissions)
       SELECT DISTINCT ON (h.roles) $1::uuid,
              CASE WHEN cardinality(h.roles) = 0 THEN 'no-permissions' ELSE left(array_to_string(h.roles, '+'), 50) END,
              CASE WHEN cardinality(h.roles) = 0 THEN 'Held by the users who had no role before workspaces'
                   ELSE 'The roles ' || array_to_string(h.roles, ', ') || ' together, as held before workspaces' END,
              coalesce((SELECT array_agg(DISTINCT p ORDER BY p) FROM roles r, unnest(r.permissions) p WHERE r.name = ANY(h.roles)), '{}')
       FROM held h
       WHERE NOT ('admin' = ANY(h.roles)) AND cardinality(h.roles) <> 1
       ON CONFLICT DO NOTHING`,
      [workspaceId],
    );
    await db.query(
      `INSERT INTO memberships (workspace_id, user_id, role_name, joined_at)
       SELECT $1, h.user_id,
              CASE WHEN h.user_id = $2 THEN 'owner'
                   WHEN 'admin' = ANY(h.roles) THEN 'admin'
                   WHEN cardinality(h.roles) = 0 THEN 'no-permissions'
                   ELSE left(array_to_string(h.roles, '+'), 50) END,
              h.created_at
       FROM held h`,
      [workspaceId, first?.id ?? null],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invitations, memberships, workspace_roles, workspaces`);
  }
}
