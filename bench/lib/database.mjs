// The bench's PostgreSQL: an embedded cluster under a temp directory (the same binaries and
// flags the service uses when DATABASE_URL is unset), or a scratch database created on the
// server DATABASE_URL names. The runner owns it, so restarting the service never restarts it,
// and the runner can seed it before the service first reads its key index.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, application_name: 'keyward-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startEmbedded(dataDir, log) {
  const port = await freePort();
  const start = () => startEmbeddedPostgres({ dataDir, port, log });
  let cluster = await start();
  // pg_stat_statements counts every statement the service sends (scenario 6); it must be
  // preloaded, which takes one restart of the fresh cluster.
  await withClient(cluster.url, (c) => c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`));
  await cluster.stop();
  cluster = await start();
  const clusterDir = join(dataDir, 'postgres');
  return {
    url: cluster.url,
    kind: 'embedded',
    stop: () => cluster.stop(),
    postmasterPid: () => Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
  };
}

async function createScratch(serverUrl) {
  const name = `keyward_bench_${Date.now().toString(36)}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'external',
    stop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    postmasterPid: () => null,
  };
}

/** Opens the bench database; `statements` is false when pg_stat_statements cannot be used. */
export async function openDatabase({ dataDir, log }) {
  const db = process.env.DATABASE_URL ? await createScratch(process.env.DATABASE_URL) : await startEmbedded(dataDir, log);
  db.statements = await withClient(db.url, async (c) => {
    try {
      await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await c.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
      return true;
    } catch {
      return false;
    }
  });
  db.version = await withClient(db.url, async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
  return db;
}

/** Pids of the postmaster and its children (backends, walwriter, ...), for CPU accounting and pinning. */
export function postgresPids(db) {
  const root = db.postmasterPid();
  if (!root || !existsSync(`/proc/${root}`)) return [];
  const pids = [root];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === root) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** Statements the service sent since the last reset, by statement text (our own reads left out). */
export async function statementCounts(client) {
  const { rows } = await client.query(
    `SELECT query, calls::bigint AS calls FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%pg_stat_database%'`,
  );
  return rows.map((row) => ({ query: row.query.replace(/\s+/g, ' ').trim(), calls: Number(row.calls) }));
}

export async function resetStatements(client) {
  await client.query('SELECT pg_stat_statements_reset()');
}

export async function transactionCount(client) {
  const { rows } = await client.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0].n);
}
