import 'reflect-metadata';
import pg from 'pg';
import { createKeywardApp, type KeywardApp } from '../../src/app.factory.js';
import { parseConfig, type AppConfig } from '../../src/config/app-config.js';
import type { Env } from '../../src/config/env-parsers.js';
import { recordAuditRetention } from '../../src/database/database-target.js';
import { createTestDatabase } from './database.js';
import { Api } from './http.js';
import { servingUrlFor } from './serving-role.js';

export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
  KEY_HASH_SECRET: 'test-key-hash-secret-0123456789abcdef01234',
  // A fixed Ed25519 key, so no test writes one into DATA_DIR and every instance of a test signs alike.
  AUDIT_SIGNING_KEY: '{"crv":"Ed25519","d":"E34HoLDEBiJtUGJBEz53_P5_CMjqJb9pxXUKkENi_vI","x":"1pPUG8xgbfwqdYvfZCHWU_WI52ft_qVZs5CqG5u6e0I","kty":"OKP"}',
};

export interface TestApp {
  api: Api;
  url: string;
  config: AppConfig;
  keyward: KeywardApp;
  /** Direct access to the same database as its owner, for assertions and setup the API does not offer. */
  db: pg.Pool;
  /** The owner's URL (the app serves as the serving role). */
  databaseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Listen here rather than on any free port: for an OAUTH_ISSUER that must name the port beforehand. */
  port?: number;
  env?: Env;
  /** Reuse a database (a second instance, or a restart), as its owner; a fresh clone otherwise. */
  databaseUrl?: string;
  host?: string;
}

/** A test run's configuration for the database `ownerUrl`: served as the serving role, migrated as the owner. */
export function testConfig(ownerUrl: string, env: Env = {}): AppConfig {
  return parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...TEST_SECRETS,
    DATABASE_URL: servingUrlFor(ownerUrl),
    DATABASE_MIGRATION_URL: ownerUrl,
    AUDIT_FLUSH_INTERVAL_MS: '50',
    // Test files sign in and fail logins from one IP far more than people do; suites that test
    // these limits set their own.
    AUTH_RATE_LIMIT: '1000000',
    BRUTE_FORCE_THRESHOLD: '1000000',
    ...env,
  });
}

/**
 * Starts the real service on a free port against its own real PostgreSQL database, the way
 * main.ts does: requests as the serving role, the owner recording the retention first.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = testConfig(databaseUrl, options.env);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on('error', () => undefined); // idle connections die when a test cuts the database off
  await recordAuditRetention((sql, params) => db.query(sql, params), config.audit.retentionDays);
  const keyward = await createKeywardApp(config);
  const host = options.host ?? '127.0.0.1';
  await keyward.app.listen({ port: options.port ?? 0, host });
  const address = keyward.app.getHttpServer().address() as { port: number };
  const url = `http://${host.includes(':') ? `[${host === '::' ? '::1' : host}]` : host}:${address.port}`;
  return {
    api: new Api(url),
    url,
    config,
    keyward,
    db,
    databaseUrl,
    close: async () => {
      await keyward.close();
      await db.end();
    },
  };
}
