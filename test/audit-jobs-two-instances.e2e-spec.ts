import pg from 'pg';
import { createTestDatabase } from './helpers/database.js';
import { sleep } from './helpers/factories.js';
import { servingUrlFor } from './helpers/serving-role.js';
import { spawnService, type ServiceProcess } from './helpers/service-process.js';

const INTERVAL_SECONDS = 2;

/** The run numbers a service logged for partition maintenance, in order. */
const runsLogged = (service: ServiceProcess) => [...service.output().matchAll(/audit partitions maintained.*?"run":(\d+)/g)].map((match) => Number(match[1]));

describe('partition maintenance on two service processes sharing one database', () => {
  let first: ServiceProcess;
  let second: ServiceProcess;
  let owner: pg.Pool;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    owner = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const env = {
      DATABASE_URL: servingUrlFor(databaseUrl),
      DATABASE_MIGRATION_URL: databaseUrl,
      LOG_LEVEL: 'info',
      AUDIT_PARTITION_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
    };
    [first, second] = await Promise.all([spawnService(env), spawnService(env)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await owner?.end();
  });

  it('runs it once per interval between them, each run by one of them only, from the startup run on', async () => {
    // Every claim of the interval, as both processes race for it for three intervals.
    const claims = new Map<number, number>();
    const deadline = Date.now() + 3 * INTERVAL_SECONDS * 1000;
    while (Date.now() < deadline) {
      const { rows } = await owner.query<{ runs: number; ranAt: Date }>(`SELECT runs::int, ran_at AS "ranAt" FROM job_runs WHERE name = 'audit.partitions'`);
      claims.set(rows[0].runs, rows[0].ranAt.getTime());
      await sleep(50);
    }
    const runs = Math.max(...claims.keys());
    const logged = [...runsLogged(first), ...runsLogged(second)].sort((a, b) => a - b);
    // Every run claimed is logged by exactly one process: no number twice, none missing.
    expect(logged).toEqual(Array.from({ length: runs }, (_, i) => i + 1));
    expect(runs).toBeGreaterThanOrEqual(3);
    // Each process asks every interval; together they still run at most once an interval (less the 5% a due run may come early).
    const times = [...claims.entries()].sort(([a], [b]) => a - b).map(([, at]) => at);
    const gaps = times.slice(1).map((at, i) => at - times[i]);
    expect(gaps.every((gap) => gap >= INTERVAL_SECONDS * 950)).toBe(true);
  });
});
