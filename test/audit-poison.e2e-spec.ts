import { randomBytes } from 'node:crypto';
import { toChainedEvent } from '../src/audit/chain/audit-chain.js';
import type { AuditEventInput } from '../src/audit/chain/audit-event.input.js';
import { AuditLog } from '../src/audit/chain/audit-log.js';
import { AuditWriter } from '../src/audit/chain/audit-writer.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { eventually, register, type Session } from './helpers/factories.js';
import { metricValue } from './helpers/metrics.js';

const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';
const NUL = '\u0000';
const FFFD = '\ufffd';

let app: TestApp;
let admin: Session;
let writer: AuditWriter;
let audit: AuditLog;

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api);
  writer = app.keyward.app.get(AuditWriter);
  audit = app.keyward.app.get(AuditLog);
});

afterAll(async () => {
  await app.close();
});

interface Row {
  type: string;
  severity: string;
  userId: string | null;
  userAgent: string | null;
  path: string | null;
  ip: string | null;
  statusCode: number | null;
  details: Record<string, any>;
}

/** Events carrying details.run = run, in append order. */
async function eventsOfRun(run: string): Promise<Row[]> {
  const { rows } = await app.db.query<Row>(
    `SELECT type, severity, user_id AS "userId", user_agent AS "userAgent", path, ip, status_code AS "statusCode", details
     FROM audit_events WHERE details->>'run' = $1 OR details->'details'->>'run' = $1 ORDER BY seq`,
    [run],
  );
  return rows;
}

const ordinary = (run: string, after: string, count = 3): AuditEventInput[] =>
  Array.from({ length: count }, (_, n) => ({ type: 'api_key.auth_failed', ip: '198.51.100.7', details: { run, after, n, reason: 'invalid_key' } }));

async function expectChainValid(): Promise<void> {
  const verify = await app.api.get('/audit-logs/verify', { token: admin.accessToken });
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ valid: true });
}

const newRun = () => `run-${randomBytes(6).toString('hex')}`;

describe('strings in audit events are made storable before they are hashed', () => {
  it('stores lone surrogates and NUL in email, user agent, key name, path and metadata as U+FFFD, writes every ordinary event behind them, and the chain verifies', async () => {
    const run = newRun();
    const poison: AuditEventInput[] = [
      { type: 'auth.login_failed', statusCode: 401, details: { run, field: 'email', email: `${LONE_HIGH}poison@example.test`, reason: 'invalid_credentials' } },
      { type: 'api_key.auth_failed', userAgent: `agent ${LONE_LOW}${NUL}`, details: { run, field: 'userAgent', reason: 'invalid_key' } },
      { type: 'api_key.created', keyPrefix: `kw_${LONE_HIGH}`, details: { run, field: 'name', name: `key ${LONE_HIGH}${NUL}name`, scopes: ['*'] } },
      { type: 'permission.denied', path: `/api/v1/contents/${LONE_LOW}?q=${NUL}`, method: 'GET', details: { run, field: 'path' } },
      { type: 'api_key.updated', details: { run, field: 'metadata', changed: ['metadata'], metadata: { [`k${LONE_HIGH}`]: [`v${NUL}`, { deep: LONE_LOW }] } } },
    ];
    for (const input of poison) {
      audit.record(input);
      for (const next of ordinary(run, String(input.details!.field))) audit.record(next);
    }
    await writer.flush();

    const stored = await eventually(async () => {
      const rows = await eventsOfRun(run);
      expect(rows).toHaveLength(poison.length * 4);
      return rows;
    });
    expect(stored.filter((row) => row.type === 'api_key.auth_failed' && row.details.after)).toHaveLength(poison.length * 3);
    const byField = Object.fromEntries(stored.filter((row) => row.details.field).map((row) => [row.details.field, row]));
    expect(byField.email.details.email).toBe(`${FFFD}poison@example.test`);
    expect(byField.userAgent.userAgent).toBe(`agent ${FFFD}${FFFD}`);
    expect(byField.name.details.name).toBe(`key ${FFFD}${FFFD}name`);
    expect(byField.path.path).toBe(`/api/v1/contents/${FFFD}?q=${FFFD}`);
    expect(byField.metadata.details.metadata).toEqual({ [`k${FFFD}`]: [`v${FFFD}`, { deep: FFFD }] });
    for (const row of stored) expect(JSON.stringify(row)).not.toMatch(/\\u(d[89a-f][0-9a-f]{2}|0000)/i);
    expect(await eventsOfRun(run).then((rows) => rows.filter((row) => row.type === 'audit.event_rejected'))).toEqual([]);
    await expectChainValid();
  });

  it('keeps a surrogate pair that a length cut would split storable: the user agent is cut to 500 and its last half-pair replaced', async () => {
    const run = newRun();
    audit.record({ type: 'api_key.auth_failed', userAgent: `${'a'.repeat(499)}😀tail`, details: { run } });
    await writer.flush();
    const [row] = await eventually(async () => {
      const rows = await eventsOfRun(run);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(row.userAgent).toBe(`${'a'.repeat(499)}${FFFD}`);
    await expectChainValid();
  });
});

describe('the audit writer isolates an event PostgreSQL refuses', () => {
  it('writes audit.event_rejected in place of each refused event, with its type and reason, and every event behind it', async () => {
    const run = newRun();
    const rejectedBefore = await metricValue(app.url, 'keyward_audit_events_rejected_total');
    // Past the sanitizer, straight into the writer: rows PostgreSQL itself refuses.
    const surrogate = { ...toChainedEvent({ type: 'auth.login_failed', details: { run, case: 'surrogate' } }), userAgent: `ua ${LONE_HIGH}` };
    const nul = { ...toChainedEvent({ type: 'auth.login_failed', details: { run, case: 'nul' } }), details: { run, case: 'nul', email: `a${NUL}@example.test` } };
    const notUuid = toChainedEvent({ type: 'suspicious.brute_force', userId: 'not-a-uuid', details: { run, case: 'not-a-uuid' } });
    const outOfRange = toChainedEvent({ type: 'api_key.auth_failed', statusCode: 99_999, details: { run, case: 'status' } });
    for (const poison of [surrogate, nul, notUuid, outOfRange]) {
      writer.enqueue(poison);
      for (const next of ordinary(run, poison.details.case as string)) writer.enqueue(toChainedEvent(next));
    }
    await writer.flush();

    const stored = await eventually(async () => {
      const rows = await eventsOfRun(run);
      expect(rows).toHaveLength(16);
      return rows;
    });
    // Each refused event is replaced in its place, before the events that followed it.
    expect(stored.map((row) => row.type)).toEqual(
      Array.from({ length: 4 }, () => ['audit.event_rejected', 'api_key.auth_failed', 'api_key.auth_failed', 'api_key.auth_failed']).flat(),
    );
    const rejected = stored.filter((row) => row.type === 'audit.event_rejected');
    expect(rejected.map((row) => [row.details.rejectedType, row.details.details.case, row.details.reason.code])).toEqual([
      ['auth.login_failed', 'surrogate', expect.stringMatching(/^22/)],
      ['auth.login_failed', 'nul', expect.stringMatching(/^22/)],
      ['suspicious.brute_force', 'not-a-uuid', '22P02'],
      ['api_key.auth_failed', 'status', '22003'],
    ]);
    expect(rejected[0]).toMatchObject({ severity: 'warning', userAgent: `ua ${FFFD}` });
    expect(rejected[1].details.details.email).toBe(`a${FFFD}@example.test`);
    expect(rejected[2]).toMatchObject({ severity: 'critical', userId: null, details: { unstorable: { userId: 'not-a-uuid' } } });
    expect(rejected[3]).toMatchObject({ statusCode: null, details: { unstorable: { statusCode: '99999' } } });
    for (const row of rejected) {
      expect(row.details.rejectedId).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.details.reason.message).not.toMatch(/INSERT|SELECT|json_to_recordset/i);
    }
    expect((await metricValue(app.url, 'keyward_audit_events_rejected_total')) - rejectedBefore).toBe(4);
    expect(await metricValue(app.url, 'keyward_audit_buffer_depth')).toBe(0);
    await expectChainValid();
  });

  it('lets reviewers find refused events by type', async () => {
    const run = newRun();
    writer.enqueue(toChainedEvent({ type: 'api_key.auth_failed', statusCode: -40_000, details: { run } }));
    await writer.flush();
    await eventually(async () => expect(await eventsOfRun(run)).toHaveLength(1));
    const listed = await app.api.get('/audit-logs?type=audit.event_rejected&limit=500', { token: admin.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.body.items.some((item: { details: Record<string, any> }) => item.details.details?.run === run)).toBe(true);
  });
});

describe('poison over HTTP', () => {
  it('a login whose email holds a lone surrogate is refused or audited sanitized, never a 500, and later events are written', async () => {
    const before = Date.now();
    const login = await app.api.post('/auth/login', { email: `${LONE_HIGH}poison@example.test`, password: 'whatever-password-1' });
    expect([400, 401]).toContain(login.status);
    const run = newRun();
    for (const next of ordinary(run, 'login')) audit.record(next);
    await writer.flush();
    await eventually(async () => expect(await eventsOfRun(run)).toHaveLength(3));
    if (login.status === 401) {
      const { rows } = await app.db.query(`SELECT details FROM audit_events WHERE type = 'auth.login_failed' AND occurred_at >= $1`, [new Date(before - 1000)]);
      expect(rows.map((row) => row.details.email)).toContain(`${FFFD}poison@example.test`);
    }
    await expectChainValid();
  });

  it('a key whose name holds a lone surrogate is refused or created with its audit event sanitized, never a 500', async () => {
    const created = await app.api.post('/api-keys', { name: `key ${LONE_HIGH}` }, { token: admin.accessToken });
    expect([201, 400]).toContain(created.status);
    if (created.status === 201) {
      const { rows } = await app.db.query(`SELECT details FROM audit_events WHERE type = 'api_key.created' AND api_key_id = $1`, [created.body.id]);
      expect(rows).toEqual([{ details: expect.objectContaining({ name: `key ${FFFD}` }) }]);
    }
    await expectChainValid();
  });

  // A NUL in the query (%00) is refused with 400 before authentication (test/request-hygiene.e2e-spec.ts).
  it('a request with raw bytes in its user agent and an encoded lone surrogate in its path is audited, and the chain verifies', async () => {
    const marker = `ua-${randomBytes(4).toString('hex')}`;
    const response = await app.api.get(`/auth/me?x=%ED%A0%80`, { apiKey: 'kw_poison', headers: { 'user-agent': `${marker} \xed\xa0\x80\xff` } });
    expect(response.status).toBe(401);
    const row = await eventually(async () => {
      const { rows } = await app.db.query(`SELECT user_agent AS "userAgent", path FROM audit_events WHERE user_agent LIKE $1`, [`${marker}%`]);
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(row.path).toBe('/api/v1/auth/me?x=%ED%A0%80');
    await expectChainValid();
  });
});
