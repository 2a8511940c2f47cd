// Drives the service with autocannon (in this process, not the service's) and measures what the
// figures need: requests/s, latency percentiles at microsecond resolution, status codes, and the
// CPU each party used meanwhile (so a saturated load generator or a busy machine shows).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const TICKS = 100; // USER_HZ on Linux

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime, plus cutime + cstime: the CPU of children it has reaped (the postmaster's
    // short-lived autovacuum workers and closed backends).
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  } catch {
    return 0;
  }
}

function machineTicks() {
  const [, ...cpu] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const values = cpu.map(Number);
  const idle = values[3] + values[4];
  return values.reduce((a, b) => a + b, 0) - idle;
}

/**
 * CPU use between two calls, per party: in % of one core and in seconds (what µs per request is
 * computed from); `other` is everything else on the machine. Parties are listed again at the end,
 * so a process born meanwhile (a new PostgreSQL backend) counts for its party, not as `other`.
 */
export function cpuUsage(parties) {
  const read = () => ({
    at: performance.now(),
    machine: machineTicks(),
    parties: Object.fromEntries(Object.entries(parties()).map(([name, pids]) => [name, new Map(pids.map((pid) => [pid, processTicks(pid)]))])),
  });
  const start = read();
  return () => {
    const end = read();
    const wall = (end.at - start.at) / 1000;
    const pct = (ticks) => Math.round((ticks / TICKS / wall) * 100);
    const percent = {};
    const seconds = {};
    let ours = 0;
    for (const [name, pids] of Object.entries(end.parties)) {
      let delta = 0;
      for (const [pid, ticks] of pids) delta += ticks - (start.parties[name]?.get(pid) ?? 0);
      // No pids (e.g. PostgreSQL on another host): unknown, not zero.
      percent[name] = pids.size ? pct(delta) : null;
      seconds[name] = pids.size ? delta / TICKS : null;
      ours += delta;
    }
    percent.other = Math.max(0, pct(end.machine - start.machine - ours));
    return { percent, seconds };
  };
}

/** cpuUsage in % of one core only. */
export function cpuMeter(parties) {
  const stop = cpuUsage(parties);
  return () => stop().percent;
}

/** CPU µs per request: the party's CPU time over the requests answered meanwhile (the "service CPU ÷ requests"). */
export const cpuMicrosPerRequest = (seconds, requests) => (seconds === null || seconds === undefined || !requests ? null : Math.round((seconds * 1e6 * 10) / requests) / 10);

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (value, digits = 3) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** One autocannon run; latencies of every response (any status) kept exactly. */
async function cannon(options) {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({ ...options, url: options.url, renderProgressBar: false, renderResultsTable: false });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTime;
  });
  const result = await instance;
  return { result, latencies: latencies.subarray(0, count).sort() };
}

/** Above this, someone else's processes took a real share of the machine during a measurement. */
const BUSY_OTHER_PERCENT = 25;

/**
 * Warm-up (discarded), then the measured run of `duration` seconds (or of `amount` requests), each
 * connection sending its next request as soon as the previous one is answered.
 * `requests` is an autocannon request list.
 * `beforeMeasure` runs between the two (e.g. to reset database counters).
 * A timed run during which other processes used more than BUSY_OTHER_PERCENT of a core is run
 * once more (the machine may be shared); `busyRetry` records what the discarded run saw.
 */
export async function measure({ url, requests, connections, duration, amount, warmup, parties, expect, beforeMeasure }) {
  if (warmup > 0) await cannon({ url, requests, connections, duration: warmup });
  let busyRetry;
  let run;
  for (let attempt = 1; ; attempt++) {
    await beforeMeasure?.();
    const meter = cpuUsage(parties);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    run = await cannon({ url, requests, connections, ...(amount ? { amount } : { duration }) });
    run.clockUs = { from: fromUs, to: Number(process.hrtime.bigint() / 1000n) };
    run.cpu = meter();
    if (amount || attempt === 2 || run.cpu.percent.other <= BUSY_OTHER_PERCENT) break;
    busyRetry = { otherCpuPercent: run.cpu.percent.other, rps: Math.round(run.latencies.length / run.result.duration) };
    process.stdout.write(`  (other processes used ${run.cpu.percent.other}% CPU during the run: measuring again)\n`);
  }
  const { result, latencies, clockUs, cpu } = run;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  const total = latencies.length;
  const unexpected = total - (statuses[expect] ?? 0) + result.errors + result.timeouts;
  return {
    connections,
    durationSeconds: result.duration,
    requests: total,
    rps: Math.round(total / result.duration),
    latencyMs: {
      mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, total)),
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[total - 1] ?? null),
    },
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    unexpected,
    cpuPercent: cpu.percent,
    cpuSeconds: cpu.seconds,
    serviceUsPerRequest: cpuMicrosPerRequest(cpu.seconds.service, total),
    ...(busyRetry ? { busyRetry } : {}),
    // CLOCK_MONOTONIC µs, the clock of V8's profiles: selects this run's samples in a --cpu-prof profile.
    clockUs,
  };
}
