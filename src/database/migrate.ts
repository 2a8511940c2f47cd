import type { DataSource } from 'typeorm';

/** Any fixed number: instances starting together take turns running migrations. */
const MIGRATION_LOCK = 7_340_001;

/** Runs pending migrations under an advisory lock, so several instances may start at once. Needs two connections: one holds the lock. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
