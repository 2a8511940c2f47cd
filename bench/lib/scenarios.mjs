// The HTTP scenarios (1-4, 6, 8-10): what each sends, what a correct answer looks like, and what is
// measured around it besides requests/s and latency.
import { setTimeout as sleep } from 'node:timers/promises';
import { resetStatements, statementCounts, transactionCount, withClient } from './database.mjs';
import { measure } from './load.mjs';
import { AUDIT_FILTER_VALUES } from './seed.mjs';
import { buildAuditFilter, encodeAuditCursor } from '../../dist/src/audit/review/audit-filter.js';
import { VIEW_COLUMNS } from '../../dist/src/audit/review/audit-event.view.js';

const ME = '/api/v1/auth/me';
/** Long enough for the service's 1 s audit/usage flush to finish, so a scenario's writes land in its own window. */
const FLUSH_WAIT_MS = 1300;

export const TITLES = {
  1: 'Baseline: public GET /api/v1/ping/me (the body of /auth/me, no authentication)',
  2: 'GET /auth/me with an API key, warm cache, audit + usage on',
  3: 'GET /auth/me with a JWT',
  4: 'GET /auth/me with 10 000 keys in rotation',
  5: 'Scenario 2 with N keys stored',
  6: 'Made-up keys flood (valid checksum, unknown id) → 401',
  7: 'Audit writer alone (batches of 500 into PostgreSQL)',
  8: 'GET /audit-logs per filter over the seeded audit events (admin), first page and a deep cursor page',
  9: 'POST /keys/verify: a service key verifies a client key, warm (audit + usage of the verified key on)',
  10: 'GET /auth/me with an OAuth access token, warm (oauth.token_used audit on)',
  11: 'Scenario 2 with credits and three named limits on the key (one all-or-nothing spend per request)',
  12: 'Audit log at volume: full and last-hour verify of a real chain, retention dropping a month while the writer appends',
};

/**
 * Cycles through `keys`, one per request across all connections. (A list of prebuilt requests
 * would cost nothing per request, but autocannon builds the whole list once per connection,
 * inside its timed window: 50 × 10 000 requests.)
 */
function rotating(keys) {
  let next = 0;
  return {
    method: 'GET',
    path: ME,
    headers: { 'x-api-key': keys[0] },
    setupRequest: (request) => {
      request.headers = { 'x-api-key': keys[next++ % keys.length] };
      return request;
    },
  };
}

export function httpScenarios(ctx) {
  const key = (value) => ({ method: 'GET', path: ME, headers: { 'x-api-key': value } });
  const isKey = (body) => body.authMethod === 'api_key' && body.apiKey?.keyPrefix;
  return {
    1: { requests: [{ method: 'GET', path: '/api/v1/ping/me' }], expect: 200, check: isKey },
    2: { requests: [key(ctx.hotKey)], expect: 200, check: isKey, auditEvents: true },
    3: { requests: [{ method: 'GET', path: ME, headers: { authorization: `Bearer ${ctx.jwt}` } }], expect: 200, check: (body) => body.authMethod === 'jwt' },
    // One pass over every key first: the figure is the steady rotation, not the first-ever use of
    // each key (that pass is reported beside it as coldPass).
    4: { requests: [rotating(ctx.rotationKeys)], expect: 200, check: isKey, auditEvents: true, prime: ctx.rotationKeys.length },
    6: { requests: [rotating(ctx.madeUpKeys)], expect: 401, check: (body) => body.code === 'api_key.invalid' },
    // The hot key verifies itself: one key's cached record does both jobs, as scenario 2's does one.
    9: {
      requests: [{ method: 'POST', path: '/api/v1/keys/verify', headers: { 'x-api-key': ctx.hotKey, 'content-type': 'application/json' }, body: JSON.stringify({ key: ctx.hotKey }) }],
      expect: 200,
      check: (body) => body.valid === true,
      auditEvents: true,
    },
    10: { requests: [{ method: 'GET', path: ME, headers: { authorization: `Bearer ${ctx.oauthToken}` } }], expect: 200, check: (body) => body.authMethod === 'oauth', auditEvents: 'oauth.token_used' },
    // /auth/me costs 0 credits (API.md §15), so the spend checks the credits and counts the three windows.
    11: { requests: [key(ctx.quotaKey)], expect: 200, check: isKey, auditEvents: true },
  };
}

async function check(url, request, expect, accept) {
  const response = await fetch(url + request.path, { method: request.method, headers: request.headers, body: request.body });
  const body = await response.json().catch(() => ({}));
  if (response.status !== expect || !accept(body)) {
    throw new Error(`${request.method} ${request.path} answered ${response.status} ${JSON.stringify(body).slice(0, 300)}; expected ${expect}`);
  }
}

async function countAuditEvents(client, type, from, to) {
  const { rows } = await client.query('SELECT count(*)::int AS n FROM audit_events WHERE type = $1 AND occurred_at >= $2 AND occurred_at < $3', [type, from, to]);
  return rows[0].n;
}

/** Waits until the service has written every `type` event of the window (or stops changing). */
async function settledAuditCount(client, type, from, to) {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const n = await countAuditEvents(client, type, from, to);
    if (n === last) return n;
    last = n;
    await sleep(500);
  }
  return last;
}

/**
 * Runs one HTTP scenario: sanity request, warm-up, a pause for the writers to flush, then the
 * measured run with the database's statement counters reset just before it.
 */
export async function runHttpScenario(ctx, scenario, options) {
  const { url, db, parties } = ctx;
  await check(url, scenario.requests[0], scenario.expect, scenario.check);
  const coldPass = scenario.prime && options.primeCold !== false
    ? await measure({ url, requests: scenario.requests, connections: options.connections, amount: scenario.prime, warmup: 0, parties, expect: scenario.expect })
    : undefined;
  return withClient(db.url, async (client) => {
    let windowStart;
    let transactionsBefore;
    const result = await measure({
      url,
      requests: scenario.requests,
      connections: options.connections,
      duration: options.duration,
      warmup: options.warmup,
      parties,
      expect: scenario.expect,
      beforeMeasure: async () => {
        await sleep(FLUSH_WAIT_MS);
        if (db.statements) await resetStatements(client);
        else transactionsBefore = await transactionCount(client);
        windowStart = new Date();
      },
    });
    const windowEnd = new Date();
    if (coldPass) result.coldPass = coldPass;
    await sleep(FLUSH_WAIT_MS);
    if (db.statements) {
      const statements = await statementCounts(client);
      const total = statements.reduce((sum, s) => sum + s.calls, 0);
      result.db = {
        statements: total,
        statementsPerRequest: Math.round((total / result.requests) * 1e5) / 1e5,
        byStatement: statements.sort((a, b) => b.calls - a.calls).map((s) => ({ calls: s.calls, perRequest: Math.round((s.calls / result.requests) * 1e5) / 1e5, query: s.query.slice(0, 120) })),
      };
    }
    if (!db.statements) {
      // Without pg_stat_statements: transactions (pg_stat_database), which backends report with a delay of up to ~10 s.
      const transactions = (await transactionCount(client)) - transactionsBefore;
      result.db = { transactions, transactionsPerRequest: Math.round((transactions / result.requests) * 1e5) / 1e5 };
    }
    if (scenario.auditEvents) {
      const type = scenario.auditEvents === true ? 'api_key.used' : scenario.auditEvents;
      const written = await settledAuditCount(client, type, windowStart, windowEnd);
      result.auditEvents = { written, perRequest: Math.round((written / result.requests) * 1000) / 1000 };
    }
    return result;
  });
}

/** The largest seq a cursor can name: a page that starts at an instant, before every event of it. */
const LAST_SEQ = '9223372036854775807';

/**
 * Scenario 8: one short measurement per review filter, newest-first pages of the default size
 * (50): the first page, and a page deep in the list, from a cursor halfway back in the filter's
 * time span (for the whole log, the middle of the seeded days: millions of newer events before it).
 */
export async function runAuditReads(ctx, options) {
  const day = 24 * 3600 * 1000;
  const from = new Date(Date.now() - 15 * day);
  const filters = {
    none: {},
    // A rare type and severity (1% of the seeded events each), which the scenarios before never write:
    // a common one (api_key.used) would be found among the newest rows whatever the plan.
    type: { type: 'suspicious.brute_force' },
    severity: { severity: 'critical' },
    userId: { userId: AUDIT_FILTER_VALUES.userId },
    apiKeyId: { apiKeyId: AUDIT_FILTER_VALUES.apiKeyId },
    ip: { ip: AUDIT_FILTER_VALUES.ip },
    'from/to': { from: from.toISOString(), to: new Date(from.getTime() + day).toISOString() },
  };
  const results = {
    eventsInTable: await withClient(ctx.db.url, async (c) => Number((await c.query('SELECT count(*) FROM audit_events')).rows[0].count)),
  };
  const deepAt = (filter) => new Date(filter.from ? new Date(filter.from).getTime() + day / 2 : Date.now() - (options.auditDays / 2) * day);
  for (const [name, filter] of Object.entries(filters)) {
    const cursor = { occurredAt: deepAt(filter), seq: LAST_SEQ };
    for (const [label, page] of [[name, {}], [`${name} (deep)`, { cursor: encodeAuditCursor(cursor) }]]) {
      const request = { method: 'GET', path: `/api/v1/audit-logs?${new URLSearchParams({ ...filter, ...page })}`, headers: { authorization: `Bearer ${ctx.adminJwt}` } };
      await check(ctx.url, request, 200, (body) => Array.isArray(body.items) && body.items.length > 0);
      results[label] = {
        filter: { ...filter, ...(page.cursor ? { cursorAt: cursor.occurredAt.toISOString() } : {}) },
        ...(await measure({ url: ctx.url, requests: [request], connections: options.readConnections, duration: options.readDuration, warmup: 1, parties: ctx.parties, expect: 200 })),
        plan: await explainAuditList(ctx.db.url, filter, page.cursor ? cursor : undefined),
      };
    }
  }
  return results;
}

/** The plan of the query the service runs for this filter (built by its own buildAuditFilter), as evidence. */
async function explainAuditList(url, filter, cursor) {
  const { where, params } = buildAuditFilter(filter, { everything: true }, cursor);
  const sql = `SELECT seq, ${VIEW_COLUMNS} FROM audit_events ${where} ORDER BY occurred_at DESC, seq DESC LIMIT 51`;
  const { rows } = await withClient(url, (c) => c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params));
  const lines = rows.map((row) => row['QUERY PLAN']);
  const scan = lines.find((line) => /Scan/.test(line))?.replace(/^[\s>-]+/, '').replace(/\s+\(cost=.*$/, '') ?? lines[0];
  const removed = lines.find((line) => /Rows Removed by Filter/.test(line))?.trim();
  return { scan, removed: removed ?? null, executionMs: Number(lines.find((line) => line.startsWith('Execution Time'))?.match(/[\d.]+/)?.[0]), text: lines.join('\n') };
}
