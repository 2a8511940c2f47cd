import pg from 'pg';
import { digestSignatureValid } from '../src/audit/digests/digest-form.js';
import { ed25519PublicKeyFromJwk } from '../src/common/ed25519-keys.js';
import { createTestDatabase } from './helpers/database.js';
import { linkedInOrder, storedDigests } from './helpers/digests.js';
import { eventually, register, sleep } from './helpers/factories.js';
import { spawnService, type ServiceProcess } from './helpers/service-process.js';
import { as, newWorkspace } from './helpers/workspaces.js';

/** Two service processes over one PostgreSQL (no Redis: digests need none), each waking at every one-second window. */
describe('digests from two service processes', () => {
  let a: ServiceProcess;
  let b: ServiceProcess;
  let db: pg.Pool;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const env = { DATABASE_URL: databaseUrl, AUDIT_DIGEST_INTERVAL_SECONDS: '1', LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '1000', BRUTE_FORCE_THRESHOLD: '1000' };
    [a, b] = await Promise.all([spawnService(env), spawnService(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.end();
  });

  const runsBy = async (service: ServiceProcess) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_digest_runs WHERE runner LIKE '%:' || $1`, [String(service.child.pid)])).rows[0].n;

  it('signs each window once across both, one digest per moved chain, each chain’s digests one line; the other carries on alone', async () => {
    const owner = await register(a.api);
    const team = await newWorkspace(a, owner, 'Twice served');
    const started = Date.now();
    for (let i = 0; Date.now() - started < 5000; i++) {
      await (i % 2 ? a : b).api.post(`/workspaces/${team.slug}/api-keys`, { name: `key ${i}` }, as(owner));
      await sleep(100);
    }
    await a.stop();
    const afterStop = await runsBy(b);
    for (let i = 0; i < 10; i++) {
      await b.api.post(`/workspaces/${team.slug}/api-keys`, { name: `after ${i}` }, as(owner));
      await sleep(100);
    }
    await eventually(async () => expect(await runsBy(b)).toBeGreaterThan(afterStop + 1), 10_000);

    // Every window a run recorded is one row (its primary key), and its digests one per chain.
    const twice = await db.query(`SELECT chain_id, date_trunc('second', signed_at) AS w, count(*) FROM audit_digests GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(twice.rows).toEqual([]);
    const runs = (await db.query<{ n: number; windows: number }>(`SELECT count(*)::int AS n, count(DISTINCT window_start)::int AS windows FROM audit_digest_runs`)).rows[0];
    expect(runs.n).toBe(runs.windows);
    expect(runs.n).toBeGreaterThanOrEqual(6);

    const digests = await storedDigests(db, team.id);
    expect(digests.length).toBeGreaterThanOrEqual(4);
    expect(linkedInOrder(digests)).toBe(true);
    const key = ed25519PublicKeyFromJwk((await b.api.get('/.well-known/keyward-audit-key')).body);
    expect(digests.every((digest) => digestSignatureValid(digest, key.key))).toBe(true);
    // After A stopped, B's own timer signed the windows.
    const runners = (await db.query<{ runner: string }>('SELECT DISTINCT runner FROM audit_digest_runs')).rows.map((row) => row.runner.split(':').pop());
    expect(runners).toContain(String(b.child.pid));
  });
});
