import type { AppConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migrate.js';

export interface DatabaseTarget {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const toStderr = (message: string): void => void process.stderr.write(`keyward: ${message}\n`);

/**
 * DATABASE_URL when set; otherwise a real PostgreSQL embedded under DATA_DIR. `log` takes
 * PostgreSQL's chatter, `notice` what the operator must see (where the cluster lives, as root).
 */
export async function resolveDatabase(config: AppConfig, log: (message: string) => void, notice = toStderr): Promise<DatabaseTarget> {
  if (config.database.url) return { url: config.database.url, embedded: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.embeddedPort, log, notice });
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'keyward-migrate' });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
