// `npm run bench:instructions`: instructions per request of the HTTP scenarios, counted by
// valgrind's callgrind in the service process. Wall-clock req/s on a shared VM varies by tens of
// percent between runs; instruction counts do not, so two builds can be compared to a few percent.
// See bench/README.md ("Instructions per request").
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { migrateDatabase } from '../dist/src/database/database-target.js';
import { freePort, openDatabase, withClient } from './lib/database.mjs';
import { oauthAccessToken } from './lib/oauth-token.mjs';
import { httpScenarios, TITLES } from './lib/scenarios.mjs';
import { ADMIN, BENCH_USER, seedKnownKeys, seedQuotaKey, seedUsers } from './lib/seed.mjs';
import { EXPERIMENTS, hasTaskset, pin, REFERENCE_PATH, REFERENCES as PROCESSES, serviceEnv } from './lib/service.mjs';

const REFERENCES = { ...PROCESSES, ...EXPERIMENTS };

const HELP = `npm run bench:instructions [-- flags]

  --scenarios LIST   HTTP scenarios of npm run bench: 1 (/ping/me), 2 (key), 3 (JWT), 9 (verify), 10 (OAuth token), 11 (key with credits and named limits),
                     and the reference processes nest (bare NestJS on Fastify) and fastify (bare Fastify), each its own process,
                     or the experiments nestGuards, nestHeaders, fastifyHeaders (bench/reference/experiments/) (default 1,2,3)
  --requests N       requests counted per scenario (default 2000)
  --warmup N         requests before counting, not instrumented (default 3000)
  --connections N    keep-alive connections (default 4)
  --repeat N         counted windows per scenario, in the same process (default 1)
  --out DIR          where callgrind's dumps go, for callgrind_annotate (default a temp dir)
  --help

With DATABASE_URL the service gets a scratch database on that server (dropped afterwards),
without it an embedded PostgreSQL, as npm run bench does.
`;

/** The scenarios that need no key rotation: one request, sent over and over. */
const SCENARIOS = [1, 2, 3, 9, 10, 11];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** As the bench's scenarios: long enough for the 1 s audit/usage flushes of a window to land inside it. */
const FLUSH_WAIT_MS = 1300;
/** Node under valgrind starts in minutes, not seconds. */
const START_TIMEOUT_MS = 15 * 60_000;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenarios: { type: 'string', default: '1,2,3' },
      requests: { type: 'string', default: '2000' },
      warmup: { type: 'string', default: '3000' },
      connections: { type: 'string', default: '4' },
      repeat: { type: 'string', default: '1' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const named = values.scenarios.split(',').map((part) => part.trim()).filter(Boolean);
  const references = named.filter((name) => Object.hasOwn(REFERENCES, name));
  const scenarios = named.filter((name) => !references.includes(name)).map(Number);
  const unknown = scenarios.filter((n) => !SCENARIOS.includes(n));
  if (unknown.length) throw new Error(`--scenarios: ${unknown} (only ${SCENARIOS.join(', ')}: ${SCENARIOS.map((n) => TITLES[n]).join('; ')}; or ${Object.keys(REFERENCES).join(', ')})`);
  return {
    scenarios,
    references,
    requests: Number(values.requests),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    repeat: Number(values.repeat),
    out: resolve(values.out ?? mkdtempSync(join(tmpdir(), 'keyward-callgrind-'))),
  };
}

const say = (message) => process.stdout.write(`${message}\n`);

/**
 * The service as npm run bench starts it, but under callgrind with instrumentation off until the
 * counted window (--instr-atstart=no: --collect-atstart=no would still instrument, slowly).
 */
async function startUnderCallgrind({ env, outDir, cpu, script = join(ROOT, 'dist', 'src', 'main.js'), readyPath = '/api/v1/ping', name = 'service' }) {
  const valgrind = ['valgrind', '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${join(outDir, `callgrind.${name}.out`)}`, process.execPath, script];
  const command = cpu !== undefined ? ['taskset', '-c', String(cpu), ...valgrind] : valgrind;
  const log = join(outDir, `${name}.log`);
  const child = spawn('sh', ['-c', `exec "$@" >"${log}" 2>&1`, 'sh', ...command], { cwd: outDir, env });
  const url = `http://127.0.0.1:${env.PORT}`;
  const started = performance.now();
  while (!(await fetch(`${url}${readyPath}`).then((res) => res.ok, () => false))) {
    if (child.exitCode !== null || performance.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`service did not start:\n${readFileSync(log, 'utf8').slice(-3000)}`);
    }
    await sleep(500);
  }
  const exited = new Promise((done) => child.on('exit', done));
  return {
    url,
    env,
    // exec all the way down: taskset and valgrind keep the pid, and callgrind_control needs it.
    pid: child.pid,
    startupSeconds: Math.round((performance.now() - started) / 1000),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * vgdb names its pipes after $USER and $HOST of the process, and the service's HOST is its listen
 * address: callgrind_control must run with the service's environment to find them.
 */
function callgrind(service, ...args) {
  const result = spawnSync('callgrind_control', [...args, String(service.pid)], { encoding: 'utf8', env: { PATH: process.env.PATH, USER: service.env.USER, HOST: service.env.HOST } });
  // It exits 0 whatever happened, and says "OK." without waiting for the answer.
  if (result.status !== 0 || /not detected|error/i.test(result.stdout + result.stderr)) throw new Error(`callgrind_control ${args.join(' ')}: ${result.stdout}${result.stderr}`);
}

/** Dumps the counters since the last dump or zeroing; returns the dump's total Ir and its file. */
async function dumpIr(service, outDir) {
  const before = new Set(readdirSync(outDir));
  callgrind(service, '-d');
  for (let waited = 0; waited < 120_000; waited += 200) {
    const file = readdirSync(outDir).find((name) => /^callgrind\..*out\.\d+$/.test(name) && !before.has(name));
    // The totals line comes last: a dump without it is still being written.
    const totals = file && readFileSync(join(outDir, file), 'utf8').match(/^totals: (\d+)/m);
    if (totals) return { ir: Number(totals[1]), workers: workerIr(outDir, file), file };
    await sleep(200);
  }
  throw new Error('callgrind_control -d: no dump within 2 minutes');
}

/**
 * Ir of V8's worker threads (concurrent marking, sweeping, background compiles): work the requests
 * cause, but scheduled by heap growth, so a window catches a whole major GC or none of it. The
 * main thread's share (total − this) is the figure that repeats.
 */
function workerIr(outDir, file) {
  const { stdout } = spawnSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', join(outDir, file)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  // Callgrind may list the thread function more than once ('2, '3: contexts, not recursion).
  const lines = stdout.split('\n').filter((text) => text.includes('node::(anonymous namespace)::PlatformWorkerThread'));
  return lines.reduce((sum, text) => sum + (Number(text.trim().split(/\s+/)[0].replaceAll(',', '')) || 0), 0);
}

async function send(url, requests, { amount, connections, expect }) {
  const result = await autocannon({ url, requests, amount, connections, timeout: 120, renderProgressBar: false });
  const ok = result.statusCodeStats[expect]?.count ?? 0;
  if (ok !== amount || result.errors || result.timeouts) {
    throw new Error(`${amount} requests: ${ok} answered ${expect}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
}

/**
 * One counted window: N requests plus the flush pause after them; then an idle window of the same
 * wall time (timers, flushes of nothing) to show what the per-request figure carries besides requests.
 */
async function countWindow(service, scenario, options) {
  const { url } = service;
  await send(url, scenario.requests, { amount: options.warmup, connections: options.connections, expect: scenario.expect });
  await sleep(FLUSH_WAIT_MS);
  callgrind(service, '-i', 'on');
  callgrind(service, '-z');
  const started = performance.now();
  await send(url, scenario.requests, { amount: options.requests, connections: options.connections, expect: scenario.expect });
  await sleep(FLUSH_WAIT_MS);
  const busy = await dumpIr(service, options.out);
  const seconds = (performance.now() - started) / 1000;
  callgrind(service, '-z');
  await sleep(seconds * 1000);
  const idle = await dumpIr(service, options.out);
  callgrind(service, '-i', 'off');
  return { requests: options.requests, ir: busy.ir, mainIr: busy.ir - busy.workers, idleIr: idle.ir, idleMainIr: idle.ir - idle.workers, seconds: Math.round(seconds), dump: busy.file, idleDump: idle.file };
}

async function login(url, { email, password }) {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`login as ${email}: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

const HEADER = 'scenario, requests, Ir total, Ir/request, idle Ir, main-thread Ir/request, idle main-thread Ir, window, dump';

function printRow(n, row) {
  const count = (ir) => Math.round(ir).toLocaleString('en');
  say([n, row.requests, count(row.ir), count(row.ir / row.requests), count(row.idleIr), count(row.mainIr / row.requests), count(row.idleMainIr), `${row.seconds}s`, row.dump].join(', '));
}

/** A reference process (bench/reference/) under callgrind, counted like a scenario of the service: same requests, same body. */
async function countReference(name, ping, { options, cpu }) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(await freePort()) };
  say(`starting reference ${name} under callgrind`);
  const reference = await startUnderCallgrind({ env, outDir: options.out, cpu, script: REFERENCES[name].script, readyPath: REFERENCE_PATH, name: `reference-${name}` });
  try {
    const scenario = { requests: [{ method: 'GET', path: REFERENCE_PATH }], expect: ping.expect };
    for (let round = 1; round <= options.repeat; round++) printRow(name, await countWindow(reference, scenario, options));
  } finally {
    await reference.stop();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(options.out, { recursive: true });
  // As npm run bench: the service on CPU 1, this process (the load) on CPU 0.
  const cpu = availableParallelism() >= 2 && hasTaskset() ? 1 : undefined;
  if (cpu !== undefined) pin(process.pid, '0');
  const pgDir = mkdtempSync(join(tmpdir(), 'keyward-callgrind-pg-'));
  const db = await openDatabase({ dataDir: pgDir, log: () => undefined });
  let service;
  try {
    await migrateDatabase(db.url);
    const secrets = { jwt: randomBytes(32).toString('hex'), keyHash: randomBytes(32).toString('hex'), adminEmail: ADMIN.email, adminPassword: ADMIN.password };
    const userId = await withClient(db.url, seedUsers);
    const [hotKey] = await withClient(db.url, (c) => seedKnownKeys(c, { userId, firstId: 1, count: 1, hashSecret: secrets.keyHash, name: 'bench hot' }));
    const env = serviceEnv({ port: await freePort(), dataDir: join(options.out, 'data'), databaseUrl: db.url, secrets });
    say(`starting the service under callgrind${cpu !== undefined ? ' on CPU 1' : ''}; dumps in ${options.out}`);
    service = await startUnderCallgrind({ env, outDir: options.out, cpu });
    say(`started in ${service.startupSeconds} s`);
    const jwt = await login(service.url, BENCH_USER);
    const oauthToken = options.scenarios.includes(10) ? await oauthAccessToken(service.url, jwt) : undefined;
    const quotaKey = await withClient(db.url, (c) => seedQuotaKey(c, { userId, hashSecret: secrets.keyHash }));
    const http = httpScenarios({ hotKey, quotaKey, jwt, oauthToken, rotationKeys: [], madeUpKeys: [] });
    say(HEADER);
    for (let round = 1; round <= options.repeat; round++) {
      for (const n of options.scenarios) {
        printRow(n, await countWindow(service, http[n], options));
      }
    }
    await service.stop();
    service = undefined;
    for (const name of options.references) await countReference(name, http[1], { options, cpu });
  } finally {
    await service?.stop();
    await db.stop();
    rmSync(pgDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.exitCode = 1;
  say(`bench:instructions failed: ${error.stack ?? error}`);
});
