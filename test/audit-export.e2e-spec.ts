import { startTestApp, type TestApp } from './helpers/app.js';
import { register, type Session } from './helpers/factories.js';
import { countQueries } from './helpers/query-counter.js';

const ROWS = 50_000;
/** Makes each exported line ~1 KB: 50 MB in all, far more than socket buffers hold. */
const PADDING = 'x'.repeat(600);

let app: TestApp;
let auditor: Session;

beforeAll(async () => {
  app = await startTestApp();
  auditor = await register(app.api, { name: 'Admin' });
  // Straight into the table (the trigger guards only UPDATE and DELETE); the chain is not under test here.
  await app.db.query(
    `INSERT INTO audit_events (id, occurred_at, type, severity, details, prev_hash, hash)
     SELECT gen_random_uuid(), now() - g * interval '1 ms', 'api_key.used', 'info', jsonb_build_object('n', g, 'padding', $2::text), repeat('0', 64), repeat('0', 64)
     FROM generate_series(1, $1::int) AS g`,
    [ROWS, PADDING],
  );
});
afterAll(() => app?.close());

const tableRows = async () => (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;

/**
 * Downloads an export, counting its line breaks as the bytes arrive (never holding the body),
 * and notes how many FETCHes the service had issued when the first bytes came.
 */
async function download(format: 'ndjson' | 'csv'): Promise<{ lines: number; fetchesAtFirstByte: number; fetches: string[] }> {
  const queries = countQueries(app);
  try {
    const res = await fetch(`${app.url}/api/v1/audit-logs/export?format=${format}`, { headers: { authorization: `Bearer ${auditor.accessToken}` } });
    expect(res.status).toBe(200);
    const fetchesSoFar = () => queries.queries.filter((sql) => /^\s*FETCH\b/i.test(sql)).length;
    let fetchesAtFirstByte = -1;
    let lines = 0;
    for await (const chunk of res.body!) {
      if (fetchesAtFirstByte < 0) fetchesAtFirstByte = fetchesSoFar();
      for (const byte of chunk as Uint8Array) if (byte === 0x0a) lines++;
    }
    return { lines, fetchesAtFirstByte, fetches: queries.queries.filter((sql) => /^\s*FETCH\b/i.test(sql)) };
  } finally {
    queries.stop();
  }
}

describe('export streams from a database cursor', () => {
  it('reads 50,000 events in bounded FETCHes and sends the first before reading the last, NDJSON line for row', async () => {
    const { lines, fetchesAtFirstByte, fetches } = await download('ndjson');
    expect(lines).toBe(await tableRows());
    expect(lines).toBeGreaterThan(ROWS);
    // Every FETCH names a bounded count (no FETCH ALL), and it takes many of them.
    const counts = fetches.map((sql) => Number(/^\s*FETCH\s+(\d+)\s+FROM\b/i.exec(sql)?.[1] ?? Infinity));
    expect(counts.every((count) => count <= 10_000)).toBe(true);
    expect(fetches.length).toBeGreaterThan(ROWS / 10_000);
    // A service that read everything before answering would have issued every FETCH by then.
    expect(fetchesAtFirstByte).toBeGreaterThan(0);
    expect(fetchesAtFirstByte).toBeLessThan(fetches.length);
  });

  it('sends CSV with one row per event under its header', async () => {
    const { lines, fetches } = await download('csv');
    expect(lines - 1).toBe(await tableRows());
    expect(fetches.length).toBeGreaterThan(ROWS / 10_000);
  });
});
