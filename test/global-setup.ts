import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateDatabase } from '../src/database/database-target.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { SERVING_ROLE } from '../migrations/1795400400000-ServingRole.js';
import { RUN_DATABASE_ENV } from './helpers/database.js';
import { freePort } from './helpers/ports.js';
import { TEST_SERVING_PASSWORD } from './helpers/serving-role.js';

/** Where the setup leaves its teardown for test/jest/global-teardown.mjs (Jest shares globalThis between the two). */
export const TEARDOWN = Symbol.for('keyward.test.teardown');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Starts one real PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL's server), runs the
 * migrations once into a template database, and lets each test file clone it. The clones belong
 * to the admin (the owner, as for migrations); test apps serve requests as the serving role. The
 * workers Jest starts afterwards inherit the environment, so that is how they learn where the template is.
 */
export default async function setup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopEmbedded = async () => undefined as void;
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-test-'));
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres' });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const prefix = `kw_test_${randomBytes(3).toString('hex')}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await migrateDatabase(withDatabase(adminUrl, template));
  // The migrations created the serving role (cluster-wide) without a login; test apps serve as it.
  await admin.query(`ALTER ROLE ${SERVING_ROLE} LOGIN PASSWORD '${TEST_SERVING_PASSWORD}'`);

  process.env[RUN_DATABASE_ENV.adminDatabaseUrl] = adminUrl;
  process.env[RUN_DATABASE_ENV.templateDatabase] = template;
  process.env[RUN_DATABASE_ENV.databasePrefix] = prefix;

  (globalThis as Record<symbol, unknown>)[TEARDOWN] = async () => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await stopEmbedded();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
