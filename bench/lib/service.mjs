// The service under test: `node dist/src/main.js` as a process of its own, optionally pinned to
// one CPU, talking to the bench database through DATABASE_URL.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPairSync } from 'node:crypto';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

export const hasTaskset = () => spawnSync('taskset', ['-V']).status === 0;

/** Pins every thread of a running process (taskset -a), e.g. the runner itself or PostgreSQL. */
export function pin(pid, cpus) {
  spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

/** Environment of the service: only what the bench sets (a developer's .env is not read: cwd is a temp dir). */
/** Production refuses to start without an audit signing key (issue 19); the bench's is made per run. */
const AUDIT_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export function serviceEnv({ port, dataDir, databaseUrl, secrets }) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    // Scenario 10's OAuth client discovers the server here: the issuer must be this origin.
    OAUTH_ISSUER: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    // One access-log line per request would measure pino, not the service.
    LOG_LEVEL: 'warn',
    // GET /api/v1/ping/me, the baseline of every ratio.
    BENCH_ROUTES: 'true',
    JWT_SECRET: secrets.jwt,
    AUDIT_SIGNING_KEY,
    KEY_HASH_SECRET: secrets.keyHash,
    // Nothing scrapes the bench's service, which listens on loopback only.
    METRICS_PUBLIC: 'true',
    JWT_ACCESS_TTL: '2h',
    AUTH_RATE_LIMIT: '1000',
    USER_RATE_LIMIT: '100000000',
    MAX_RATE_LIMIT: '100000000',
    // The made-up-key flood would otherwise get the bench's own IP blocked after 20 failures.
    BRUTE_FORCE_THRESHOLD: '1000000',
    // Scenario 12 places the verifier's checkpoint itself; a background walk must not land inside a measurement.
    AUDIT_VERIFY_INTERVAL_SECONDS: '86400',
    ADMIN_EMAIL: secrets.adminEmail,
    ADMIN_PASSWORD: secrets.adminPassword,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  };
}

/**
 * The reference processes of a run (bench/reference/): the same Nest and Fastify as the service,
 * one route answering the service's /ping/me body, nothing else. Started and pinned like it.
 */
export const REFERENCES = {
  nest: { title: 'Reference: bare NestJS 12 on Fastify, one controller answering the /ping/me body', script: join(ROOT, 'bench', 'reference', 'bare-nest.mjs') },
  fastify: { title: 'Reference: bare Fastify 5, one route answering the /ping/me body', script: join(ROOT, 'bench', 'reference', 'bare-fastify.mjs') },
};
/**
 * Experiments for bench:instructions only (bench/reference/experiments/): what a piece of Keyward's
 * pipeline costs on its own, added to a reference process.
 */
export const EXPERIMENTS = {
  nestGuards: { title: 'bare Nest + four global guards answering true synchronously', script: join(ROOT, 'bench', 'reference', 'experiments', 'nest-guards.mjs') },
  nestHeaders: { title: "bare Nest + Keyward's response headers (helmet's, X-Request-Id)", script: join(ROOT, 'bench', 'reference', 'experiments', 'nest-headers.mjs') },
  fastifyHeaders: { title: "bare Fastify + Keyward's response headers", script: join(ROOT, 'bench', 'reference', 'experiments', 'fastify-headers.mjs') },
};

/** What a reference process answers, and so the path it is ready on. */
export const REFERENCE_PATH = '/api/v1/ping/me';

/** Starts the service (or `script`, a reference process) and resolves once `readyPath` answers. */
export async function startService({ env, workDir, cpu, cpuProfDir, name, script = MAIN, readyPath = '/api/v1/ping' }) {
  mkdirSync(workDir, { recursive: true });
  const logFile = join(workDir, `${name}.log`);
  const out = openSync(logFile, 'w');
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const command = cpu !== undefined ? 'taskset' : process.execPath;
  const args = cpu !== undefined ? ['-c', String(cpu), process.execPath, ...nodeArgs, script] : [...nodeArgs, script];
  const child = spawn(command, args, { cwd: workDir, env, stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${env.PORT}`;
  const log = () => readFileSync(logFile, 'utf8').slice(-4000);
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${log()}`);
    if (await fetch(`${url}${readyPath}`).then((res) => res.ok, () => false)) break;
    if (performance.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`service did not answer within 60 s:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid,
    startupMs: Math.round(performance.now() - started),
    log,
    /** SIGTERM (the service flushes its buffers), SIGKILL if it is not gone in 15 s. */
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
