// Scenario 12: the audit log at volume (issue 19). Over the seeded events, through the running
// service: a full verify of the verified chain, an incremental verify of its last hour, then
// retention dropping the two oldest monthly partitions while the writer appends.
import { appendBatch, prepareEvent, toChainedEvent } from '../../dist/src/audit/chain/audit-chain.js';
import { createBatchPool } from '../../dist/src/database/batch-pool.js';
import { withClient } from './database.mjs';
import { cpuMeter, percentile } from './load.mjs';
import { ADMIN } from './seed.mjs';
import { VOLUME_WORKSPACE } from './verified-chain.mjs';

const DAY_MS = 86_400_000;
const WRITER_SECONDS_AROUND = 3;
const round = (value) => Math.round(value * 100) / 100;

async function timedGet(url, path, token) {
  const started = performance.now();
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  const ms = performance.now() - started;
  if (!response.ok || !body.valid) throw new Error(`GET ${path} answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: Math.round(ms), body };
}

/** The verify a reviewer would run: everything, at the service's speed (events/s of the whole request). */
async function fullVerify(ctx, path) {
  const meter = cpuMeter(ctx.parties);
  const { ms, body } = await timedGet(ctx.url, `${path}?full=true`, ctx.adminJwt);
  return { ms, checked: body.checked, from: body.from, to: body.to, eventsPerSecond: Math.round(body.checked / (ms / 1000)), cpuPercent: meter() };
}

/**
 * The background verifier's checkpoint placed an hour back, as if it had run then; GET …/verify
 * then checks the last hour only.
 */
async function lastHourVerify(ctx, chainId, path) {
  await withClient(ctx.db.url, (c) =>
    c.query(
      `INSERT INTO audit_verifications (chain_id, last_seq, last_hash, checked)
       SELECT chain_id, seq, hash, 0 FROM audit_events WHERE chain_id = $1 AND occurred_at < now() - interval '1 hour' ORDER BY seq DESC LIMIT 1
       ON CONFLICT (chain_id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash`,
      [chainId],
    ),
  );
  const meter = cpuMeter(ctx.parties);
  const { ms, body } = await timedGet(ctx.url, path, ctx.adminJwt);
  return { ms, checked: body.checked, from: body.from, to: body.to, eventsPerSecond: body.checked ? Math.round(body.checked / (ms / 1000)) : null, cpuPercent: meter() };
}

/** The writer's loop (scenario 7's call) until `stop()`, each batch's start and end kept. */
function writerLoop(url) {
  const pool = createBatchPool(url, 5000);
  const batches = [];
  let running = true;
  const done = (async () => {
    let heads;
    while (running) {
      const events = Array.from({ length: 500 }, () => prepareEvent(toChainedEvent({ type: 'api_key.used', ip: '127.0.0.1', path: '/api/v1/auth/me', statusCode: 200 })));
      const start = performance.now();
      heads = await appendBatch(pool, events, heads);
      batches.push({ start, end: performance.now() });
    }
    await pool.end();
  })();
  return { batches, stop: async () => ((running = false), await done) };
}

function windowStats(batches, from, to) {
  const inside = batches.filter((b) => b.end > from && b.start < to);
  const ended = batches.filter((b) => b.end > from && b.end <= to);
  const ms = inside.map((b) => b.end - b.start).sort((a, b) => a - b);
  return { batches: inside.length, eventsPerSecond: Math.round((ended.length * 500) / ((to - from) / 1000)), worstBatchMs: round(ms.at(-1) ?? 0), p50BatchMs: round(percentile(ms, 50)) };
}

/** Drops the two oldest partitions as the service's retention does (audit_drop_partition, lock_timeout 1 s) while the writer runs. */
async function retentionDrops(ctx) {
  const partitions = await withClient(ctx.db.url, async (c) => (await c.query('SELECT name, lower_bound, upper_bound FROM audit_partitions()')).rows);
  const oldest = partitions.slice(0, 2);
  const days = Math.floor((Date.now() - oldest[1].upper_bound.getTime()) / DAY_MS);
  await withClient(ctx.db.url, (c) => c.query('UPDATE audit_settings SET retention_days = $1', [days]));
  const writer = writerLoop(ctx.db.url);
  const marks = [];
  await new Promise((resolve) => setTimeout(resolve, WRITER_SECONDS_AROUND * 1000));
  const drops = [];
  for (const partition of oldest) {
    const rows = await withClient(ctx.db.url, async (c) => Number((await c.query(`SELECT count(*) FROM ${partition.name}`)).rows[0].count));
    const start = performance.now();
    const dropped = await withClient(ctx.db.url, async (c) => {
      await c.query('BEGIN');
      await c.query(`SET LOCAL lock_timeout = '1s'`);
      const { rows: [{ n }] } = await c.query('SELECT audit_drop_partition($1)::bigint AS n', [partition.name]);
      await c.query('COMMIT');
      return Number(n);
    });
    const end = performance.now();
    marks.push({ start, end });
    drops.push({ partition: partition.name, rows, dropped, ms: round(end - start) });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await new Promise((resolve) => setTimeout(resolve, WRITER_SECONDS_AROUND * 1000));
  await writer.stop();
  const before = windowStats(writer.batches, writer.batches[0].start, marks[0].start);
  const after = windowStats(writer.batches, marks.at(-1).end + 1000, writer.batches.at(-1).end);
  return { retentionDays: days, drops: drops.map((d, i) => ({ ...d, writer: windowStats(writer.batches, marks[i].start, marks[i].end) })), writerBefore: before, writerAfter: after };
}

export async function runAuditVolume(ctx, { chainId, count }) {
  await withClient(ctx.db.url, (c) =>
    c.query(`INSERT INTO memberships (workspace_id, user_id, role_name) SELECT $1, id, 'owner' FROM users WHERE email = $2 ON CONFLICT DO NOTHING`, [chainId, ADMIN.email]),
  );
  const path = `/api/v1/workspaces/${VOLUME_WORKSPACE.slug}/audit-logs/verify`;
  const { eventsInTable, bytes } = await withClient(ctx.db.url, async (c) => {
    const { rows } = await c.query(`SELECT (SELECT count(*) FROM audit_events) AS events,
      (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'audit_events'::regclass) AS bytes`);
    return { eventsInTable: Number(rows[0].events), bytes: Number(rows[0].bytes) };
  });
  const full = await fullVerify(ctx, path);
  const lastHour = await lastHourVerify(ctx, chainId, path);
  const retention = await retentionDrops(ctx);
  const afterRetention = await fullVerify(ctx, path);
  // Table, indexes and TOAST of every partition, per event: what a day of events costs on disk.
  return { eventsInTable, bytesPerEvent: Math.round(bytes / eventsInTable), chainEvents: count, full, lastHour, retention, afterRetention };
}
