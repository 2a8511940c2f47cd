import pg from 'pg';
import { createTestDatabase } from './helpers/database.js';
import { createKey, eventually, register } from './helpers/factories.js';
import { openRawConnection, probeNewConnection, stoppedAccepting } from './helpers/raw-http.js';
import { spawnService } from './helpers/service-process.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** Polls until new connections are refused, or answered 503 and closed. */
async function untilStoppedAccepting(port: number): Promise<void> {
  await eventually(async () => expect(stoppedAccepting(await probeNewConnection(port))).toBe(true), 5000, 20);
}

describe('graceful shutdown on SIGTERM', () => {
  it('stops accepting, finishes a request waiting on the database, flushes key usage and audit, and exits 0 within 10 s', async () => {
    const databaseUrl = await createTestDatabase();
    const service = await spawnService({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      const owner = await register(service.api);
      const created = await createKey(service.api, owner.accessToken);
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE');
      const inFlight = service.api.get('/auth/me', { apiKey: created.key });
      // The request pool's backend ("keyward"; background work runs as "keyward-batch") waits on the lock.
      await eventually(async () => {
        const { rows } = await locker.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'keyward' AND wait_event_type = 'Lock'`,
        );
        expect(rows[0].n).toBeGreaterThan(0);
      });

      const started = Date.now();
      service.child.kill('SIGTERM');
      await untilStoppedAccepting(service.port);
      await locker.query('ROLLBACK');
      expect((await inFlight).status).toBe(200);
      const code = await service.exited;
      if (code !== 0) console.log(service.output());
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(SHUTDOWN_DEADLINE_MS);

      const used = await locker.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'api_key.used'`);
      expect(used.rows[0].n).toBe(1);
      const usage = await locker.query('SELECT usage_count::int AS "usageCount", last_used_at AS "lastUsedAt" FROM api_keys WHERE id = $1', [created.id]);
      expect(usage.rows[0].usageCount).toBe(1);
      expect(usage.rows[0].lastUsedAt).toBeInstanceOf(Date);
    } finally {
      await locker.end();
      await service.stop('SIGKILL');
    }
  });

  it('answers a request whose body is still arriving when SIGTERM comes with 201, not 500, and exits 0 within 10 s', async () => {
    const service = await spawnService({ DATABASE_URL: await createTestDatabase(), LOG_LEVEL: 'warn' });
    try {
      const owner = await register(service.api);
      const body = JSON.stringify({ title: 'sent across a shutdown' });
      const connection = await openRawConnection(service.port);
      connection.write(
        [
          'POST /api/v1/contents HTTP/1.1',
          `Host: 127.0.0.1:${service.port}`,
          `Authorization: Bearer ${owner.accessToken}`,
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`,
          // Node answers 100 Continue as it hands the request to Fastify: proof the request is in.
          'Expect: 100-continue',
          '',
          '',
        ].join('\r\n') + body.slice(0, 10),
      );
      await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n/);

      const started = Date.now();
      service.child.kill('SIGTERM');
      // Shutdown is under way (Nest's destroy hooks have run) before the request reaches its guards.
      await untilStoppedAccepting(service.port);
      connection.write(body.slice(10));
      const response = await connection.response();
      connection.close();
      if (response.status !== 201) console.log(response.body);
      expect(response.status).toBe(201);
      expect(JSON.parse(response.body)).toMatchObject({ title: 'sent across a shutdown' });
      expect(response.headers.connection).toBe('close');

      const code = await service.exited;
      if (code !== 0) console.log(service.output());
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    } finally {
      await service.stop('SIGKILL');
    }
  });
});
