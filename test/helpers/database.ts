import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Set by test/global-setup.ts for the run; every test worker inherits them. */
export const RUN_DATABASE_ENV = {
  /** A connection to the server's maintenance database, for creating per-file databases. */
  adminDatabaseUrl: 'KEYWARD_TEST_ADMIN_DATABASE_URL',
  /** Migrated once; every test file clones it. */
  templateDatabase: 'KEYWARD_TEST_TEMPLATE_DATABASE',
  /** Prefix of every database this run creates, so teardown can drop them all. */
  databasePrefix: 'KEYWARD_TEST_DATABASE_PREFIX',
} as const;

function inject(name: keyof typeof RUN_DATABASE_ENV): string {
  const value = process.env[RUN_DATABASE_ENV[name]];
  if (!value) throw new Error(`${RUN_DATABASE_ENV[name]} is not set: run e2e tests through Jest's e2e project (test/global-setup.ts)`);
  return value;
}

export function databaseUrl(database: string): string {
  const parsed = new URL(inject('adminDatabaseUrl'));
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, migrated database for one test file: a clone of the run's template. */
export async function createTestDatabase(): Promise<string> {
  const name = `${inject('databasePrefix')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

/**
 * Undoes migrations, newest first, down to and including `name`: a test of one migration on the
 * data before it does not depend on how many came after it.
 */
export async function undoMigrationsThrough(dataSource: { undoLastMigration(options: { transaction: 'each' }): Promise<void>; query(sql: string): Promise<unknown> }, name: string): Promise<void> {
  for (;;) {
    const [last] = (await dataSource.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')) as Array<{ name: string }>;
    if (!last) throw new Error(`migration ${name} was never applied`);
    await dataSource.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}
