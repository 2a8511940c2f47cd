import type { AuditDigestPage, AuditEvent, Keyward } from '@keyward/sdk';
import { digestSignatureValid } from '../../src/audit/digests/digest-form.js';
import { ed25519PublicKeyFromJwk } from '../../src/common/ed25519-keys.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { auditBarrier } from '../helpers/audit.js';
import { awaitSignedHead } from '../helpers/digests.js';
import { register, type Session } from '../helpers/factories.js';
import { newWorkspace, type TestWorkspace } from '../helpers/workspaces.js';
import { collect, signedIn } from './clients.js';

/** The SDK's audit-log client against the real service: pages, one event, the streamed export, and the chain checks. */
let app: TestApp;
let admin: Session; // instance admin
let owner: Session;
let client: Keyward;
let team: TestWorkspace;
const NAMES = Array.from({ length: 30 }, (_, i) => `audited ${i}`);

beforeAll(async () => {
  app = await startTestApp({ env: { AUDIT_DIGEST_INTERVAL_SECONDS: '1' } });
  admin = await register(app.api, { name: 'Admin' });
  owner = await register(app.api, { name: 'Owner' });
  client = signedIn(app, owner);
  team = await newWorkspace(app, owner, 'Audited');
  for (const name of NAMES) await client.workspace(team.slug).apiKeys.create({ name });
  await auditBarrier(app);
});
afterAll(() => app?.close());

const createdNames = (events: AuditEvent[]) => events.filter((event) => event.type === 'api_key.created').map((event) => event.details.name);

describe('client.workspace(ws).auditLogs', () => {
  it('walks the filtered log page by page, newest first', async () => {
    const events = await collect(client.workspace(team.slug).auditLogs.list({ type: 'api_key.created', limit: 7 }));
    expect(createdNames(events)).toEqual([...NAMES].reverse());
  });

  it('gets one event by id', async () => {
    const [newest] = (await client.workspace(team.slug).auditLogs.list({ type: 'api_key.created', limit: 1 }).page()).items;
    expect(await client.workspace(team.slug).auditLogs.get(newest.id)).toEqual(newest);
  });

  it('iterates the streamed export event by event, the same events as the list', async () => {
    const exported = await collect(client.workspace(team.slug).auditLogs.export({ type: 'api_key.created' }));
    expect(createdNames(exported)).toEqual([...NAMES].reverse());
    expect(exported[0]).toMatchObject({ id: expect.any(String), workspaceId: team.id, severity: 'info' });
  });

  it('stops the download when the loop stops early', async () => {
    const seen: AuditEvent[] = [];
    for await (const event of client.workspace(team.slug).auditLogs.export({ type: 'api_key.created' })) {
      seen.push(event);
      if (seen.length === 3) break;
    }
    expect(createdNames(seen)).toEqual([...NAMES].reverse().slice(0, 3));
  });

  it('streams the export as CSV too', async () => {
    const stream = await client.workspace(team.slug).auditLogs.exportStream({ type: 'api_key.created' }, 'csv');
    const text = await new Response(stream).text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^id,occurredAt,type/);
    expect(lines).toHaveLength(NAMES.length + 1);
  });

  it('carries each exported event’s chain, seq and hashes, for the offline verifier', async () => {
    const [newest] = await collect(client.workspace(team.slug).auditLogs.export({ type: 'api_key.created' }));
    expect(newest).toMatchObject({ chainId: team.id, seq: expect.any(Number), canonicalVersion: 1, prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('walks the chain’s signed digests page by page, each signed by the key a page names', async () => {
    const stored = await awaitSignedHead(app.db, team.id);
    const digests = await collect(client.workspace(team.slug).auditLogs.digests({ limit: 1 }));
    expect(digests.map((digest) => digest.id)).toEqual([...stored].reverse().map((digest) => digest.id));
    const { key } = (await client.workspace(team.slug).auditLogs.digests().page()) as AuditDigestPage;
    const publicKey = ed25519PublicKeyFromJwk(key);
    expect(digests.every((digest) => digest.chainId === team.id && digestSignatureValid(digest, publicKey.key))).toBe(true);
  });

  it('verifies the workspace’s chain', async () => {
    expect(await client.workspace(team.slug).auditLogs.verify()).toMatchObject({ valid: true, checked: expect.any(Number) });
  });
});

describe('client.auditLogs (the workspace of the call)', () => {
  it("reads the signed-in user's personal workspace", async () => {
    const mine = signedIn(app, await register(app.api));
    await mine.apiKeys.create({ name: 'personal key' });
    await auditBarrier(app);
    expect(createdNames(await collect(mine.auditLogs.list({ type: 'api_key.created' })))).toEqual(['personal key']);
  });

  it('lets an instance auditor verify the instance chain, and every chain', async () => {
    const instance = signedIn(app, admin);
    expect(await instance.auditLogs.verify()).toMatchObject({ valid: true, checked: expect.any(Number) });
    const all = await instance.auditLogs.verify({ all: true });
    expect(all.valid).toBe(true);
    expect(all.chains.map((chain) => chain.workspaceId)).toContain(team.id);
  });
});
