import type { AppConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migrate.js';

export interface DatabaseTarget {
  /** Serves requests. */
  url: string;
  /** Runs migrations, as the owner of the tables. */
  migrationUrl: string;
  /** Migrations and requests share one role, which can therefore rewrite the audit log. */
  servingRoleOwnsTables: boolean;
  embedded: boolean;
  stop(): Promise<void>;
}

const toStderr = (message: string): void => void process.stderr.write(`keyward: ${message}\n`);

/**
 * DATABASE_URL (and DATABASE_MIGRATION_URL) when set; otherwise a real PostgreSQL embedded under
 * DATA_DIR, with a role of each kind. `log` takes PostgreSQL's chatter, `notice` what the
 * operator must see (where the cluster lives, as root).
 */
export async function resolveDatabase(config: AppConfig, log: (message: string) => void, notice = toStderr): Promise<DatabaseTarget> {
  const { url, migrationUrl } = config.database;
  if (url) return { url, migrationUrl: migrationUrl ?? url, servingRoleOwnsTables: !migrationUrl, embedded: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.embeddedPort, log, notice });
  return { url: embedded.servingUrl, migrationUrl: embedded.url, servingRoleOwnsTables: false, embedded: true, stop: embedded.stop };
}

/** Runs the migrations as the owner, then records what the database enforces against the serving role. */
export async function migrateDatabase(url: string, auditRetentionDays?: number): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'keyward-migrate' });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    if (auditRetentionDays !== undefined) await recordAuditRetention((sql, params) => dataSource.query(sql, params), auditRetentionDays);
    return applied;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The retention audit_purge() enforces. Only the owner may write it: the serving role cannot make
 * the purge reach younger events. The last instance to start decides.
 */
export async function recordAuditRetention(query: (sql: string, params: unknown[]) => Promise<unknown>, retentionDays: number): Promise<void> {
  await query('UPDATE audit_settings SET retention_days = $1, updated_at = now() WHERE retention_days <> $1', [retentionDays]);
}
