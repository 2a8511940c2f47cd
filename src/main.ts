import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createKeywardApp, type KeywardApp } from './app.factory.js';
import { type AppConfig, parseConfig } from './config/app-config.js';
import { loadOrCreateDevSecrets } from './config/dev-secrets.js';
import { ConfigError } from './config/env-parsers.js';
import { type DatabaseTarget, migrateDatabase, resolveDatabase } from './database/database-target.js';
import { baseLoggerOptions } from './logging/log-options.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

function loadConfig(): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return parseConfig(process.env, loadOrCreateDevSecrets);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** Stop taking requests, let in-flight ones finish, flush buffers, close pools, stop PostgreSQL. */
function handleShutdown(keyward: KeywardApp, database: DatabaseTarget, log: Logger): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await keyward.close();
      await database.stop();
      log.info('stopped');
      log.flush();
      process.exit(0);
    } catch (error) {
      log.error({ error: String(error) }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ ...baseLoggerOptions(config), name: 'keyward' });
  const database = await resolveDatabase(
    config,
    (message) => log.debug({ source: 'postgres' }, message),
    (message) => log.info({ source: 'postgres' }, message),
  );
  if (database.embedded) log.info({ dataDir: config.dataDir, port: config.database.embeddedPort }, 'embedded PostgreSQL running');
  if (database.servingRoleOwnsTables) {
    log.warn('DATABASE_MIGRATION_URL is unset: requests are served by the role that owns the tables, which can rewrite the audit log');
  }
  const applied = await migrateDatabase(database.migrationUrl, config.audit.retentionDays);
  if (applied.length) log.info({ applied }, 'migrations applied');

  const keyward = await createKeywardApp({ ...config, database: { ...config.database, url: database.url } });
  handleShutdown(keyward, database, log);
  await keyward.app.listen({ port: config.port, host: config.host });
  log.info({ url: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/docs` }, 'Keyward is listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`Keyward failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
