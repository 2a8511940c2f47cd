import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, roles (with the four built-ins of API.md §4), refresh-token families and contents. */
export class Foundation1795400000000 implements MigrationInterface {
  name = 'Foundation1795400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE roles (
        name        varchar(50)  NOT NULL,
        description varchar(500) NOT NULL DEFAULT '',
        permissions text[]       NOT NULL DEFAULT '{}',
        built_in    boolean      NOT NULL DEFAULT false,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_roles" PRIMARY KEY (name)
      )`);
    await db.query(`
      CREATE TABLE users (
        id            uuid         NOT NULL DEFAULT gen_random_uuid(),
        email         varchar(254) NOT NULL,
        name          varchar(100) NOT NULL DEFAULT '',
        password_hash text         NOT NULL,
        active        boolean      NOT NULL DEFAULT true,
        created_at    timestamptz(3) NOT NULL DEFAULT now(),
        updated_at    timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY (id),
        CONSTRAINT "CHK_users_email_lower" CHECK (email = lower(email))
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_users_email" ON users (email)`);
    await db.query(`CREATE INDEX "IDX_users_created" ON users (created_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE user_roles (
        user_id   uuid        NOT NULL,
        role_name varchar(50) NOT NULL,
        CONSTRAINT "PK_user_roles" PRIMARY KEY (user_id, role_name),
        CONSTRAINT "FK_user_roles_user" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_user_roles_role" FOREIGN KEY (role_name) REFERENCES roles(name) ON DELETE CASCADE ON UPDATE CASCADE
      )`);
    await db.query(`CREATE INDEX "IDX_user_roles_role" ON user_roles (role_name)`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        id         uuid     NOT NULL DEFAULT gen_random_uuid(),
        user_id    uuid     NOT NULL,
        family_id  uuid     NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz(3) NOT NULL,
        spent_at   timestamptz(3),
        revoked_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_refresh_tokens" PRIMARY KEY (id),
        CONSTRAINT "FK_refresh_tokens_user" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON refresh_tokens (token_hash)`);
    await db.query(`CREATE INDEX "IDX_refresh_tokens_family" ON refresh_tokens (family_id)`);
    await db.query(`
      CREATE TABLE contents (
        id         uuid         NOT NULL DEFAULT gen_random_uuid(),
        title      varchar(200) NOT NULL,
        body       text         NOT NULL DEFAULT '',
        status     varchar(20)  NOT NULL DEFAULT 'draft',
        author_id  uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_contents" PRIMARY KEY (id),
        CONSTRAINT "CHK_contents_status" CHECK (status IN ('draft', 'published')),
        CONSTRAINT "FK_contents_author" FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX "IDX_contents_created" ON contents (created_at DESC, id DESC)`);
    await db.query(`
      INSERT INTO roles (name, description, permissions, built_in) VALUES
        ('admin',   'Everything',                                   '{*}', true),
        ('member',  'Manages contents and their own API keys',     '{contents:read,contents:write,contents:delete,keys:read,keys:write}', true),
        ('viewer',  'Reads contents; manages their own API keys',  '{contents:read,keys:read,keys:write}', true),
        ('auditor', 'Reviews the audit log, users and keys',       '{audit:read,users:read,keys:read}', true)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contents`);
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE user_roles`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE roles`);
  }
}
