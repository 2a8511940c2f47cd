import pg from 'pg';
import { digestSignatureValid } from '../src/audit/digests/digest-form.js';
import { ed25519PublicKeyFromJwk } from '../src/common/ed25519-keys.js';
import { BATCH_POOL, inTransaction } from '../src/database/batch-pool.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { auditBarrier } from './helpers/audit.js';
import { awaitSignedHead, chainHead, linkedInOrder, storedDigests } from './helpers/digests.js';
import { register, sleep, type Session } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace } from './helpers/workspaces.js';

const INSTANCE_CHAIN = '00000000-0000-0000-0000-000000000000';

let app: TestApp;
let admin: Session; // instance admin
let owner: Session;
let team: TestWorkspace;
let other: TestWorkspace;

async function refusal(pool: pg.Pool, sql: string): Promise<string | undefined> {
  try {
    await inTransaction(pool, (query) => query(sql));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const keyOf = async () => ed25519PublicKeyFromJwk((await app.api.get('/.well-known/keyward-audit-key')).body);
const addKey = (name: string) => app.api.post(`/workspaces/${team.slug}/api-keys`, { name }, as(owner));

beforeAll(async () => {
  app = await startTestApp({ env: { AUDIT_DIGEST_INTERVAL_SECONDS: '1' } });
  admin = await register(app.api, { name: 'Admin' });
  owner = await register(app.api, { name: 'Owner' });
  team = await newWorkspace(app, owner, 'Digested');
  other = await newWorkspace(app, owner, 'Elsewhere');
  await addKey('first');
  await auditBarrier(app);
});
afterAll(() => app?.close());

describe('signing chain heads', () => {
  it('signs the head of each chain that moved, each digest naming the one before, with the key it serves', async () => {
    const first = await awaitSignedHead(app.db, team.id);
    await addKey('second');
    const later = await awaitSignedHead(app.db, team.id);
    expect(later.length).toBeGreaterThan(first.length);
    expect(linkedInOrder(later)).toBe(true);
    expect(later.at(-1)).toMatchObject({ chainId: team.id, ...(await chainHead(app.db, team.id)) });
    const key = await keyOf();
    expect(later.every((digest) => digest.keyId === key.kid && digestSignatureValid(digest, key.key))).toBe(true);
    expect(linkedInOrder(await awaitSignedHead(app.db, INSTANCE_CHAIN))).toBe(true);
  });

  it('signs nothing for a chain whose head stayed, while windows go on being signed', async () => {
    const before = await awaitSignedHead(app.db, other.id);
    const runs = async () => (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_digest_runs')).rows[0].n;
    const runsBefore = await runs();
    await sleep(2500);
    expect(await runs()).toBeGreaterThan(runsBefore);
    expect(await storedDigests(app.db, other.id)).toEqual(before);
  });
});

describe('GET …/audit-logs/digests', () => {
  it("lists the workspace's digests to its owner, newest first, with the key that signs them", async () => {
    const stored = await awaitSignedHead(app.db, team.id);
    const response = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests`, as(owner));
    expect(response.status).toBe(200);
    expect(response.body.items.every((digest: { chainId: string }) => digest.chainId === team.id)).toBe(true);
    expect(response.body.items.slice(0, stored.length)).toEqual([...stored].reverse());
    expect(response.body.key).toEqual((await app.api.get('/.well-known/keyward-audit-key')).body);
    const aliased = await app.api.get('/audit-logs/digests', as(calling(owner, team)));
    expect(aliased.body.items).toEqual(response.body.items);
  });

  it('pages with limit and cursor', async () => {
    await awaitSignedHead(app.db, team.id);
    const all = (await app.api.get(`/workspaces/${team.slug}/audit-logs/digests`, as(owner))).body.items;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const first = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests?limit=1`, as(owner));
    const second = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests?limit=1&cursor=${first.body.nextCursor}`, as(owner));
    expect([...first.body.items, ...second.body.items]).toEqual(all.slice(0, 2));
    const bad = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests?cursor=nonsense`, as(owner));
    expect([bad.status, bad.body.code]).toEqual([400, 'validation.failed']);
  });

  it('needs audit:read in the workspace: a viewer gets 403, a non-member 404', async () => {
    const viewer = await newMember(app, owner, team, 'viewer');
    const refused = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests`, as(viewer));
    expect([refused.status, refused.body.details]).toEqual([403, [{ required: 'audit:read' }]]);
    const outsider = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests`, as(await register(app.api)));
    expect([outsider.status, outsider.body.code]).toEqual([404, 'workspace.not_found']);
  });

  it("gives a workspace's owner no other chain's digests, even when asked by chainId", async () => {
    const response = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests?chainId=${other.id}`, as(owner));
    expect([response.status, response.body.items]).toEqual([200, []]);
  });

  it('lets an instance auditor read every chain’s digests, or one chain’s, and refuses all=true to others', async () => {
    await awaitSignedHead(app.db, other.id);
    const every = await app.api.get('/audit-logs/digests?limit=500', as(admin));
    const chains = new Set(every.body.items.map((digest: { chainId: string }) => digest.chainId));
    for (const chain of [INSTANCE_CHAIN, team.id, other.id]) expect(chains).toContain(chain);
    const instance = await app.api.get(`/audit-logs/digests?chainId=${INSTANCE_CHAIN}`, as(admin));
    expect(instance.body.items.length).toBeGreaterThan(0);
    expect(instance.body.items.every((digest: { chainId: string }) => digest.chainId === INSTANCE_CHAIN)).toBe(true);
    const refused = await app.api.get(`/workspaces/${team.slug}/audit-logs/digests?all=true`, as(owner));
    expect([refused.status, refused.body.code]).toEqual([403, 'permission.denied']);
  });
});

describe('GET /.well-known/keyward-audit-key', () => {
  it('serves the Ed25519 public key as a JWK named by its thumbprint, to anyone, and never the private part', async () => {
    const response = await app.api.get('/.well-known/keyward-audit-key');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ kty: 'OKP', crv: 'Ed25519', x: '1pPUG8xgbfwqdYvfZCHWU_WI52ft_qVZs5CqG5u6e0I', kid: (await keyOf()).kid, alg: 'EdDSA', use: 'sig' });
  });
});

describe('audit_digests and audit_digest_runs are append-only', () => {
  it('refuses the serving role anything but reading and appending', async () => {
    const serving = app.keyward.app.get<pg.Pool>(BATCH_POOL);
    for (const [table, column] of [['audit_digests', 'signed_at'], ['audit_digest_runs', 'ran_at']]) {
      expect(await refusal(serving, `UPDATE ${table} SET ${column} = now()`)).toMatch(`permission denied for table ${table}`);
      expect(await refusal(serving, `DELETE FROM ${table}`)).toMatch(`permission denied for table ${table}`);
      expect(await refusal(serving, `TRUNCATE ${table}`)).toMatch(`permission denied for table ${table}`);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE even to the owner', async () => {
    await awaitSignedHead(app.db, team.id);
    expect(await refusal(app.db, `UPDATE audit_digests SET signature = 'x'`)).toMatch('audit_digests is append-only (UPDATE refused)');
    expect(await refusal(app.db, `DELETE FROM audit_digests`)).toMatch('audit_digests is append-only (DELETE refused)');
    expect(await refusal(app.db, `TRUNCATE audit_digests`)).toMatch('audit_digests is append-only (TRUNCATE refused)');
    expect(await refusal(app.db, `DELETE FROM audit_digest_runs`)).toMatch('audit_digest_runs is append-only (DELETE refused)');
  });
});

describe('the ndjson export', () => {
  it('carries each event’s seq, chain, canonical version and hashes, as stored', async () => {
    const res = await fetch(`${app.url}/api/v1/workspaces/${team.slug}/audit-logs/export`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
    const lines = (await res.text()).trim().split('\n').map((line) => JSON.parse(line));
    const { rows } = await app.db.query(
      `SELECT id, seq::int AS seq, chain_id AS "chainId", canonical_version AS "canonicalVersion", prev_hash AS "prevHash", hash FROM audit_events WHERE chain_id = $1`,
      [team.id],
    );
    expect(lines).toHaveLength(rows.length);
    for (const row of rows) expect(lines.find((line) => line.id === row.id)).toMatchObject(row);
  });
});
