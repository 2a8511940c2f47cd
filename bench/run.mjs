// `npm run bench`: starts PostgreSQL (embedded, or a scratch database on DATABASE_URL's server),
// seeds it, runs the service as a separate process and drives it with autocannon from here, then
// writes results.json and RESULTS.md. See bench/README.md for the method.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { migrateDatabase } from '../dist/src/database/database-target.js';
import { createUnpartitionedTwin, measureAuditWriter } from './lib/audit-writer.mjs';
import { runAuditVolume } from './lib/audit-volume.mjs';
import { freePort, openDatabase, postgresPids, withClient } from './lib/database.mjs';
import { cpuMeter, cpuMicrosPerRequest } from './lib/load.mjs';
import { parseOptions, planPhases } from './lib/options.mjs';
import { writeReports } from './lib/report.mjs';
import { httpScenarios, runAuditReads, runHttpScenario, TITLES } from './lib/scenarios.mjs';
import { ADMIN, BENCH_USER, bulkLoad, ensureMonthPartitions, madeUpKeys, seedAuditEvents, seedFillerKeys, seedKnownKeys, seedQuotaKey, seedUsers, settle } from './lib/seed.mjs';
import { oauthAccessToken } from './lib/oauth-token.mjs';
import { seedVerifiedChain } from './lib/verified-chain.mjs';
import { hasTaskset, pin, REFERENCE_PATH, REFERENCES, serviceEnv, startService } from './lib/service.mjs';
import { summarizeProfile, formatSummary } from './profile-summary.mjs';

const options = parseOptions(process.argv.slice(2));
const outDir = options.out ?? (options.cpuProf ? 'bench/profiles' : 'bench');
const profileDir = options.cpuProf ? join(process.cwd(), 'bench', 'profiles') : undefined;
const workDir = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
// Run as root, the embedded cluster runs as `postgres`, which must be able to pass through.
chmodSync(workDir, 0o711);
const began = performance.now();
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)}s`;
const say = (message) => process.stdout.write(`[${elapsed()}] ${message}\n`);
const stops = [];

async function cleanUp() {
  while (stops.length) await stops.pop()().catch((error) => say(`cleanup: ${error.message}`));
  rmSync(workDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

const pinning = options.pin && availableParallelism() >= 2 && hasTaskset() ? { runner: '0', postgres: '0', service: 1 } : null;
const secrets = { jwt: randomBytes(32).toString('hex'), keyHash: randomBytes(32).toString('hex'), adminEmail: ADMIN.email, adminPassword: ADMIN.password };

async function login(url, { email, password }) {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`login as ${email}: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

async function main() {
  const results = { date: new Date().toISOString(), machine: machine(), options: { ...options, scenarios: [...options.scenarios] }, pinning, phases: [], scenarios: {}, timings: {} };
  say(`work dir ${workDir}; ${pinning ? 'service pinned to CPU 1, load generator and PostgreSQL to CPU 0' : 'no CPU pinning'}`);
  const loadBefore = cpuMeter(() => ({}));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  results.machine.otherCpuBeforeStartPercent = loadBefore().other;
  if (results.machine.otherCpuBeforeStartPercent > 10) say(`warning: other processes use ${results.machine.otherCpuBeforeStartPercent}% CPU; figures will be noisy`);
  if (pinning) pin(process.pid, pinning.runner);

  const db = await openDatabase({ dataDir: join(workDir, 'pg'), log: () => undefined });
  stops.push(() => db.stop());
  results.database = { kind: db.kind, version: db.version, statementCounting: db.statements ? 'pg_stat_statements' : 'unavailable' };
  await migrateDatabase(db.url);
  const pinPostgres = (cpus) => pinning && postgresPids(db).forEach((pid) => pin(pid, cpus));
  say(`PostgreSQL ${db.version} (${db.kind}) ready`);

  const userId = await withClient(db.url, seedUsers);
  const [hotKey] = await withClient(db.url, (c) => seedKnownKeys(c, { userId, firstId: 1, count: 1, hashSecret: secrets.keyHash, name: 'bench hot' }));
  const quotaKey = await withClient(db.url, (c) => seedQuotaKey(c, { userId, hashSecret: secrets.keyHash }));
  const ctx = { db, hotKey, quotaKey, rotationKeys: [], madeUpKeys: madeUpKeys(options.rotationKeys), known: 2, filler: 0 };
  ctx.references = options.reference ? await startReferences(db) : {};

  for (const phase of planPhases(options)) {
    const seedStart = performance.now();
    pinPostgres('0-1');
    if (phase.rotation && ctx.rotationKeys.length === 0) {
      ctx.rotationKeys = await withClient(db.url, (c) => seedKnownKeys(c, { userId, firstId: 2, count: options.rotationKeys, hashSecret: secrets.keyHash, name: 'bench rotation' }));
      ctx.known += ctx.rotationKeys.length;
    }
    const fillerTarget = Math.max(ctx.filler, phase.keys - ctx.known);
    // Keys and events load on two connections at once: one per core.
    await Promise.all([
      withClient(db.url, (c) => bulkLoad(c, 'api_keys', () => seedFillerKeys(c, ctx.filler, fillerTarget))),
      phase.auditEvents
        ? withClient(db.url, async (c) => {
            await ensureMonthPartitions(c, options.auditDays);
            await bulkLoad(c, 'audit_events', () => seedAudit(c, phase, ctx));
          })
        : null,
    ]);
    ctx.filler = fillerTarget;
    await Promise.all([withClient(db.url, (c) => settle(c, ['api_keys', 'users'])), phase.auditEvents ? withClient(db.url, (c) => settle(c, ['audit_events'])) : null]);
    const stored = await withClient(db.url, async (c) => Number((await c.query('SELECT count(*) FROM api_keys')).rows[0].count));
    results.timings[`seed to ${phase.keys} keys${phase.auditEvents ? ` + ${phase.auditEvents} events` : ''}`] = Math.round(performance.now() - seedStart);
    say(`seeded: ${stored} keys stored${phase.auditEvents ? `, ${phase.auditEvents} audit events` : ''} (${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
    pinPostgres(pinning?.postgres);
    await runPhase(ctx, phase, stored, results);
  }

  if (options.scenarios.has(7)) {
    // Today's one table, seeded alike, in a database of its own on the same server: the bar is
    // the partitioned table within 10% of it in the same run.
    const seedStart = performance.now();
    const twin = await createUnpartitionedTwin(db, { auditEvents: options.scenarios.has(8) || options.scenarios.has(12) ? options.auditEvents : 0, auditDays: options.auditDays });
    stops.push(() => twin.stop());
    results.timings[`seed the unpartitioned table for scenario 7`] = Math.round(performance.now() - seedStart);
    // The writer runs on the service's CPU, PostgreSQL on its own, as during the HTTP scenarios.
    if (pinning) pin(process.pid, String(pinning.service));
    say(`scenario 7: ${TITLES[7]}, partitioned and unpartitioned in alternating rounds`);
    const rounds = { partitioned: [], unpartitioned: [] };
    for (let round = 1; round <= 2; round++) {
      for (const [table, url] of [['partitioned', db.url], ['unpartitioned', twin.url]]) {
        const meter = cpuMeter(() => ({ writer: [process.pid], postgres: postgresPids(db) }));
        const run = { ...(await measureAuditWriter({ url, seconds: options.writerDuration })), cpuPercent: meter() };
        rounds[table].push(run);
        say(`  ${table} round ${round}: ${run.eventsPerSecond} events/s (batch p99 ${run.batchMs.p99} ms, other CPU ${run.cpuPercent.other}%)`);
      }
    }
    results.scenarios[7] = { title: TITLES[7], ...combineWriterRounds(rounds.partitioned), unpartitioned: combineWriterRounds(rounds.unpartitioned) };
    if (pinning) pin(process.pid, pinning.runner);
  }
  results.timings.totalMs = Math.round(performance.now() - began);
  mkdirSync(outDir, { recursive: true });
  writeReports(outDir, results);
  say(`done in ${elapsed()}: ${join(outDir, 'results.json')}, ${join(outDir, 'RESULTS.md')}`);
}

/**
 * Bare Nest and bare Fastify (bench/reference/), pinned to the service's CPU and idle but for their
 * own measurements, which every phase interleaves with its scenarios (so each ratio to bare Nest
 * compares figures taken in the same minutes as the service's).
 */
async function startReferences(db) {
  const references = {};
  for (const [name, { script }] of Object.entries(REFERENCES)) {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(await freePort()) };
    const started = await startService({ env, workDir: join(workDir, 'reference'), cpu: pinning?.service, name: `reference-${name}`, script, readyPath: REFERENCE_PATH });
    stops.push(() => started.stop());
    references[name] = { url: started.url, parties: () => ({ service: [started.pid], runner: [process.pid], postgres: postgresPids(db) }) };
    say(`reference ${name} started (${started.startupMs} ms)`);
  }
  return references;
}

const referenceScenario = (check) => ({ requests: [{ method: 'GET', path: REFERENCE_PATH }], expect: 200, check });

async function runPhase(ctx, phase, stored, results) {
  const name = `service-${stored}-keys`;
  const env = serviceEnv({ port: await freePort(), dataDir: join(workDir, 'service'), databaseUrl: ctx.db.url, secrets });
  const service = await startService({ env, workDir: join(workDir, 'service'), cpu: pinning?.service, cpuProfDir: profileDir, name });
  stops.push(() => service.stop());
  const record = { keysStored: stored, startupMs: service.startupMs, runs: [] };
  results.phases.push(record);
  say(`service started with ${stored} keys stored (${service.startupMs} ms); runs ${phase.run.join(', ')}`);
  const c = { ...ctx, url: service.url, parties: () => ({ service: [service.pid], runner: [process.pid], postgres: postgresPids(ctx.db) }) };
  c.jwt = await login(service.url, BENCH_USER);
  if (phase.run.includes(10)) c.oauthToken = await oauthAccessToken(service.url, c.jwt);
  if (phase.run.includes(8) || phase.run.includes(12)) c.adminJwt = await login(service.url, ADMIN);
  const http = httpScenarios(c);
  const windows = {};
  // The VM's speed drifts by tens of percent from one minute to the next: the HTTP scenarios run
  // in alternating rounds (1, 2, 3, …, 1, 2, 3, …) and each figure adds its rounds up, so every
  // ratio compares measurements interleaved in time.
  const rounds = new Map();
  const references = Object.keys(ctx.references);
  for (let round = 1; round <= options.rounds; round++) {
    for (const n of [...references, ...phase.run.filter((n) => n !== 8 && n !== 12)]) {
      const reference = ctx.references[n];
      say(`${reference ? 'reference' : 'scenario'} ${n}${options.rounds > 1 ? ` (round ${round}/${options.rounds})` : ''}: ${reference ? REFERENCES[n].title : n === 5 ? `${TITLES[5]} = ${stored}` : TITLES[n]}`);
      const result = reference
        ? await runHttpScenario({ ...c, ...reference }, referenceScenario(http[1].check), options)
        : await runHttpScenario(c, http[n === 5 ? 2 : n], { ...options, primeCold: round === 1 });
      if (!reference) windows[`${n}.${round}`] = result.clockUs;
      rounds.set(n, [...(rounds.get(n) ?? []), result]);
      say(`  ${result.rps} req/s, ${result.serviceUsPerRequest} µs CPU/request, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, cpu ${JSON.stringify(result.cpuPercent)}${result.unexpected ? `, ${result.unexpected} unexpected answers` : ''}`);
    }
  }
  for (const [n, results] of rounds) record.runs.push({ scenario: n, ...combineRounds(results) });
  if (phase.run.includes(8)) {
    say(`scenario 8: ${TITLES[8]}`);
    record.runs.push({ scenario: 8, ...(await runAuditReads(c, options)) });
  }
  if (phase.run.includes(12)) {
    say(`scenario 12: ${TITLES[12]}`);
    if (pinning) pin(process.pid, String(pinning.service));
    const volume = await runAuditVolume(c, ctx.volume);
    if (pinning) pin(process.pid, pinning.runner);
    record.runs.push({ scenario: 12, ...volume });
    say(`  full verify ${volume.full.checked} events in ${volume.full.ms} ms; last hour ${volume.lastHour.checked} in ${volume.lastHour.ms} ms; drops ${volume.retention.drops.map((d) => `${d.partition} ${d.ms} ms`).join(', ')}`);
  }
  // At saturation, latency is mostly queueing (≈ connections ÷ throughput); the same requests one
  // at a time show the work each kind of request adds, and the event-loop stalls it meets.
  const unqueued = [1, 2, 3, 10].filter((n) => phase.run.includes(n));
  if (options.latencyConnections > 0 && unqueued.some((n) => n > 1)) {
    record.unqueued = {};
    for (const n of unqueued) {
      say(`scenario ${n} with ${options.latencyConnections} connection(s)`);
      const result = await runHttpScenario(c, http[n], { ...options, connections: options.latencyConnections, duration: options.latencyDuration, warmup: 1 });
      record.unqueued[n] = result;
      say(`  ${result.rps} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`);
    }
  }
  stops.pop();
  const code = await service.stop();
  if (code !== 0) say(`service exited with ${code}:\n${service.log()}`);
  if (profileDir) record.profile = profileSummaries(join(profileDir, `${name}.cpuprofile`), windows);
}

/** The filler events (scenario 8's, and the bulk scenario 12 walks past), then scenario 12's chain with real hashes. */
async function seedAudit(client, phase, ctx) {
  await seedAuditEvents(client, phase.auditEvents, options.auditDays);
  if (phase.verifyEvents) ctx.volume = { ...(await seedVerifiedChain(client, { count: phase.verifyEvents, days: options.auditDays, recent: options.verifyRecent })), count: phase.verifyEvents };
}

/** Writer rounds as one figure: events over the seconds spent writing them. */
function combineWriterRounds(runs) {
  const events = runs.reduce((sum, r) => sum + r.events, 0);
  const writingSeconds = runs.reduce((sum, r) => sum + r.events / r.eventsPerSecond, 0);
  const worst = (pick) => Math.max(...runs.map(pick));
  return {
    ...runs.at(-1),
    events,
    eventsPerSecond: Math.round(events / writingSeconds),
    rounds: runs.map((r) => r.eventsPerSecond),
    batchMs: { ...runs.at(-1).batchMs, p99: worst((r) => r.batchMs.p99), max: worst((r) => r.batchMs.max) },
    cpuPercent: { writer: worst((r) => r.cpuPercent.writer), postgres: worst((r) => r.cpuPercent.postgres), other: worst((r) => r.cpuPercent.other) },
  };
}

/** Rounds of one scenario as one figure: requests over seconds; latency percentiles weighted by requests. */
function combineRounds(results) {
  if (results.length === 1) return results[0];
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const weighted = (pick) => results.reduce((sum, r) => sum + pick(r) * r.requests, 0) / requests;
  const seconds = results.reduce((sum, r) => sum + r.requests / r.rps, 0);
  const latencyMs = Object.fromEntries(Object.keys(results[0].latencyMs).map((p) => [p, Math.round(weighted((r) => r.latencyMs[p] ?? 0) * 1000) / 1000]));
  const cpuPercent = Object.fromEntries(Object.keys(results[0].cpuPercent).map((party) => [party, Math.round(weighted((r) => r.cpuPercent[party] ?? 0))]));
  const cpuSeconds = Object.fromEntries(Object.keys(results[0].cpuSeconds).map((party) => [party, results.some((r) => r.cpuSeconds[party] === null) ? null : results.reduce((sum, r) => sum + r.cpuSeconds[party], 0)]));
  const combined = {
    ...results.at(-1),
    requests,
    rps: Math.round(requests / seconds),
    latencyMs,
    cpuPercent,
    cpuSeconds,
    serviceUsPerRequest: cpuMicrosPerRequest(cpuSeconds.service, requests),
    rounds: results.map((r) => r.rps),
  };
  const statements = results.every((r) => r.db?.statements !== undefined) ? results.reduce((sum, r) => sum + r.db.statements, 0) : undefined;
  if (statements !== undefined) combined.db = { ...results.at(-1).db, statements, statementsPerRequest: Math.round((statements / requests) * 1e5) / 1e5 };
  const cold = results.find((r) => r.coldPass)?.coldPass;
  if (cold) combined.coldPass = cold;
  return combined;
}

function profileSummaries(file, windows) {
  const summaries = {};
  for (const [n, window] of Object.entries(windows)) {
    summaries[n] = summarizeProfile(file, { ...window, top: 30 });
    say(formatSummary(`profile of scenario ${n}`, summaries[n]));
  }
  return { file, summaries };
}

function machine() {
  const list = cpus();
  return { cpuModel: list[0]?.model ?? 'unknown', cpus: list.length, node: process.version, platform: `${process.platform} ${process.arch}` };
}

main()
  .catch((error) => {
    process.exitCode = 1;
    say(`bench failed: ${error.stack ?? error}`);
  })
  .finally(cleanUp);
