import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/chain/audit-log.js';
import { AuditReader } from '../src/audit/review/audit-reader.js';
import { AuditVerifier } from '../src/audit/verification/audit-verifier.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { chainRange } from './helpers/audit.js';
import { eventually, register, type Session } from './helpers/factories.js';
import { as, newWorkspace, type TestWorkspace } from './helpers/workspaces.js';

describe('incremental verification', () => {
  let app: TestApp;
  let reader: AuditReader;
  let verifier: AuditVerifier;
  const chain = randomUUID();

  const seqsOf = async () => (await app.db.query(`SELECT seq::float8 AS seq, id FROM audit_events WHERE chain_id = $1 ORDER BY seq`, [chain])).rows;
  const append = (count: number) =>
    app.keyward.app.get(DataSource).transaction((manager) =>
      app.keyward.app.get(AuditLog).recordIn(manager, ...Array.from({ length: count }, () => ({ type: 'auth.login' as const, chainId: chain }))),
    );
  const editBehindTheTrigger = async (id: string) => {
    await app.db.query('ALTER TABLE audit_events DISABLE TRIGGER "TRG_audit_events_append_only"');
    try {
      await app.db.query(`UPDATE audit_events SET ip = '10.6.6.6' WHERE id = $1`, [id]);
    } finally {
      await app.db.query('ALTER TABLE audit_events ENABLE TRIGGER "TRG_audit_events_append_only"');
    }
  };

  beforeAll(async () => {
    app = await startTestApp();
    reader = app.keyward.app.get(AuditReader);
    verifier = app.keyward.app.get(AuditVerifier);
    await append(5);
  });
  afterAll(() => app?.close());

  it('records, for every chain, the point the background verifier found it valid to', async () => {
    const run = await verifier.runOnce();
    expect(run.invalid).toEqual([]);
    const seqs = await seqsOf();
    const { rows } = await app.db.query(`SELECT last_seq::float8 AS seq, last_hash AS hash, checked::int FROM audit_verifications WHERE chain_id = $1`, [chain]);
    const [head] = (await app.db.query(`SELECT hash FROM audit_events WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1`, [chain])).rows;
    expect(rows).toEqual([{ seq: seqs[4].seq, hash: head.hash, checked: 5 }]);
  });

  it('checks only what is newer than that point, and everything with full', async () => {
    expect(await reader.verify(chain)).toEqual({ valid: true, checked: 0, from: null, to: null });
    await append(3);
    const seqs = await seqsOf();
    expect(await reader.verify(chain)).toEqual({ valid: true, checked: 3, from: seqs[5].seq, to: seqs[7].seq });
    expect(await reader.verify(chain, { full: true })).toEqual({ valid: true, checked: 8, ...(await chainRange(app.db, chain)) });
  });

  it('finds an event edited in an already verified range with full, though the newer range still checks', async () => {
    const seqs = await seqsOf();
    await editBehindTheTrigger(seqs[1].id);
    expect(await reader.verify(chain)).toEqual({ valid: true, checked: 3, from: seqs[5].seq, to: seqs[7].seq });
    expect(await reader.verify(chain, { full: true })).toEqual({ valid: false, checked: 1, firstInvalidId: seqs[1].id, from: seqs[0].seq, to: seqs[1].seq });
  });

  it('does not move a broken chain’s checkpoint: every later walk meets the break again', async () => {
    const seqs = await seqsOf();
    await editBehindTheTrigger(seqs[6].id);
    const run = await verifier.runOnce();
    expect(run.invalid).toEqual([{ chainId: chain, firstInvalidId: seqs[6].id }]);
    expect((await app.db.query(`SELECT last_seq::float8 AS seq FROM audit_verifications WHERE chain_id = $1`, [chain])).rows).toEqual([{ seq: seqs[4].seq }]);
    expect(await reader.verify(chain)).toMatchObject({ valid: false, firstInvalidId: seqs[6].id });
    expect((await verifier.runOnce()).invalid).toEqual([{ chainId: chain, firstInvalidId: seqs[6].id }]);
  });
});

describe('GET …/audit-logs/verify, incremental and ?full=true', () => {
  let app: TestApp;
  let owner: Session;
  let workspace: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    await register(app.api); // the instance admin
    owner = await register(app.api);
    workspace = await newWorkspace(app, owner, 'Verified');
    await app.keyward.app.get(AuditVerifier).runOnce();
  });
  afterAll(() => app?.close());

  it('answers a chain checked to its head with nothing checked and no range', async () => {
    const response = await app.api.get(`/workspaces/${workspace.slug}/audit-logs/verify`, as(owner));
    expect([response.status, response.body]).toEqual([200, { valid: true, checked: 0, from: null, to: null }]);
  });

  it('checks the events since, with their seq range, and all of them with ?full=true', async () => {
    expect((await app.api.patch(`/workspaces/${workspace.id}`, { name: 'Verified again' }, as(owner))).status).toBe(200);
    const { to } = await chainRange(app.db, workspace.id);
    expect((await app.api.get(`/workspaces/${workspace.slug}/audit-logs/verify`, as(owner))).body).toEqual({ valid: true, checked: 1, from: to, to });
    const full = await app.api.get(`/workspaces/${workspace.slug}/audit-logs/verify?full=true`, as(owner));
    expect(full.body).toEqual({ valid: true, checked: expect.any(Number), ...(await chainRange(app.db, workspace.id)) });
    expect(full.body.checked).toBeGreaterThan(1);
  });

  it('refuses a full that is not a boolean', async () => {
    const response = await app.api.get(`/workspaces/${workspace.slug}/audit-logs/verify?full=yes`, as(owner));
    expect([response.status, response.body.code]).toEqual([400, 'validation.failed']);
  });
});

describe('the background verifier', () => {
  it('runs by itself every AUDIT_VERIFY_INTERVAL_SECONDS, the first time one interval after start', async () => {
    const app = await startTestApp({ env: { AUDIT_VERIFY_INTERVAL_SECONDS: '1' } });
    try {
      app.keyward.app.get(AuditLog).record({ type: 'auth.login' });
      const runs = async () => (await app.db.query(`SELECT runs::int FROM job_runs WHERE name = 'audit.verify'`)).rows[0]?.runs ?? 0;
      expect(await runs()).toBe(0);
      await eventually(async () => expect(await runs()).toBeGreaterThanOrEqual(2), 10_000, 100);
      expect((await app.db.query(`SELECT count(*)::int AS n FROM audit_verifications`)).rows).toEqual([{ n: 1 }]);
    } finally {
      await app.close();
    }
  });
});
