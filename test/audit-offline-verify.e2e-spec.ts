import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CANONICAL_VERSION, chainHash } from '../src/audit/chain/hash-chain.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { auditBarrier } from './helpers/audit.js';
import { awaitSignedHead } from './helpers/digests.js';
import { register, type Session } from './helpers/factories.js';
import { as, newWorkspace, type TestWorkspace } from './helpers/workspaces.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Line = Record<string, any> & { id: string; seq: number; prevHash: string; hash: string };

let app: TestApp;
let admin: Session;
let owner: Session;
let team: TestWorkspace;
let dir: string;
/** The workspace's export, as downloaded, and its events in chain order. */
let exportText: string;
let chain: Line[];
let digestsText: string;
let keyText: string;

const download = async (path: string, session: Session) => {
  const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${session.accessToken}` } });
  expect(res.status).toBe(200);
  return res.text();
};

/** Runs `npm run audit:verify`'s script on files written for this case; resolves with its exit code and output. */
function verify(files: { export?: string; digests?: string; key?: string | null }, ...flags: string[]): Promise<{ code: number; output: string }> {
  const exportFile = join(dir, `export-${Math.random().toString(36).slice(2)}.ndjson`);
  const digestsFile = `${exportFile}.digests.json`;
  const keyFile = `${exportFile}.key.json`;
  writeFileSync(exportFile, files.export ?? exportText);
  writeFileSync(digestsFile, files.digests ?? digestsText);
  const args = ['scripts/audit-verify.mjs', exportFile, digestsFile, ...flags];
  if (files.key !== null) {
    writeFileSync(keyFile, files.key ?? keyText);
    args.push('--key', keyFile);
  }
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }));
  });
}

const ndjson = (lines: Line[]) => lines.map((line) => `${JSON.stringify(line)}\n`).join('');
/** The export with `change` applied to its events (given in chain order), written newest first as the service does. */
const tampered = (change: (events: Line[]) => Line[]) => ndjson(change(structuredClone(chain)).reverse());
const named = (line: Line) => `event seq ${line.seq} (id ${line.id})`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyward-offline-verify-'));
  app = await startTestApp({ env: { AUDIT_DIGEST_INTERVAL_SECONDS: '1' } });
  admin = await register(app.api, { name: 'Admin' });
  owner = await register(app.api, { name: 'Owner' });
  team = await newWorkspace(app, owner, 'Verified offline');
  for (let i = 0; i < 8; i++) await app.api.post(`/workspaces/${team.slug}/api-keys`, { name: `key ${i}`, metadata: { i, note: 'é ✓ "quoted"' } }, as(owner));
  await auditBarrier(app);
  await awaitSignedHead(app.db, team.id);
  exportText = await download(`/api/v1/workspaces/${team.slug}/audit-logs/export`, owner);
  digestsText = await download(`/api/v1/workspaces/${team.slug}/audit-logs/digests?limit=500`, owner);
  keyText = await (await fetch(`${app.url}/.well-known/keyward-audit-key`)).text();
  chain = exportText.trim().split('\n').map((line) => JSON.parse(line) as Line).sort((a, b) => a.seq - b.seq);
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run audit:verify on an export of a running service', () => {
  it('passes a valid export, naming the key and every chain', async () => {
    expect(chain.length).toBeGreaterThan(8);
    const { code, output } = await verify({});
    expect([code, output]).toEqual([0, expect.stringMatching(/^VALID: \d+ events in 1 chain\(s\)/)]);
    expect(output).toContain(`chain ${team.id}: seq ${chain[0].seq}–${chain.at(-1)!.seq}, ${chain.length} event(s) from its genesis`);
  });

  it('takes the key from the digests file without --key, and says it is unauthenticated', async () => {
    const { code, output } = await verify({ key: null });
    expect(code).toBe(0);
    expect(output).toContain('WARNING: the public key came from the digests file itself, so it is unauthenticated');
  });

  it('names an edited event', async () => {
    const { code, output } = await verify({ export: tampered((events) => (events[3].details.name = 'renamed', events)) });
    expect(code).toBe(1);
    expect(output).toContain(`INVALID: chain ${team.id}, ${named(chain[3])}: its fields do not hash to its hash: the event was edited`);
  });

  it('names the event after a removed one', async () => {
    const { code, output } = await verify({ export: tampered((events) => events.filter((_, i) => i !== 4)) });
    expect(code).toBe(1);
    expect(output).toContain(`${named(chain[5])}: its prevHash is not the hash of the event before it (seq ${chain[3].seq}): an event between them was removed`);
  });

  it('reads the chain order from seq, not the lines (an export is newest first by time), and names two events that swapped places', async () => {
    const shuffled = ndjson([...chain].sort(() => Math.random() - 0.5));
    expect((await verify({ export: shuffled })).code).toBe(0);
    const swapped = tampered((events) => {
      [events[2].seq, events[3].seq] = [events[3].seq, events[2].seq];
      return events;
    });
    const { code, output } = await verify({ export: swapped });
    expect(code).toBe(1);
    expect(output).toContain(`event seq ${chain[2].seq} (id ${chain[3].id}): its prevHash is not the hash of the event before it`);
  });

  it('names an appended forged event, hash and link correct, as vouched for by no digest; --allow-unsigned lets it through as unsigned', async () => {
    const last = chain.at(-1)!;
    const forged = { ...last, id: '0190a1b2-0000-7000-8000-ffffffffffff', seq: last.seq + 1, prevHash: last.hash, type: 'api_key.deleted', occurredAt: new Date().toISOString() };
    forged.hash = chainHash(forged.prevHash, { ...forged, occurredAt: new Date(forged.occurredAt) } as never, CANONICAL_VERSION);
    const { code, output } = await verify({ export: `${JSON.stringify(forged)}\n${exportText}` });
    expect(code).toBe(1);
    expect(output).toContain(`${named(forged)}: it comes after its chain’s newest signed head (seq ${last.seq}`);
    const allowed = await verify({ export: `${JSON.stringify(forged)}\n${exportText}` }, '--allow-unsigned');
    expect(allowed.code).toBe(0);
    expect(allowed.output).toContain(`signed through seq ${last.seq}, 1 event(s) after it not yet signed`);
  });

  it('names the signed head of a chain rewritten after an edit with every hash recomputed', async () => {
    const rewritten = tampered((events) => {
      events[1].details.name = 'rewritten';
      for (let i = 1; i < events.length; i++) {
        events[i].prevHash = events[i - 1].hash;
        events[i].hash = chainHash(events[i].prevHash, { ...events[i], occurredAt: new Date(events[i].occurredAt) } as never, events[i].canonicalVersion);
      }
      return events;
    });
    const { code, output } = await verify({ export: rewritten });
    expect(code).toBe(1);
    expect(output).toMatch(/its hash is not the head signed at .*: the chain was rewritten up to here/);
  });

  it('names a digest whose signature is bad', async () => {
    const page = JSON.parse(digestsText);
    page.items[0].hash = chain[0].hash;
    const { code, output } = await verify({ digests: JSON.stringify(page) });
    expect(code).toBe(1);
    expect(output).toContain(`INVALID: the digest of chain ${team.id} at seq ${page.items[0].seq} (signed ${page.items[0].at}): its signature is not the key’s signature of its fields`);
  });

  it('verifies an instance auditor’s export of every chain against every chain’s digests', async () => {
    const { rows } = await app.db.query<{ chain_id: string }>('SELECT DISTINCT chain_id FROM audit_events');
    for (const { chain_id } of rows) await awaitSignedHead(app.db, chain_id);
    const all = await download('/api/v1/audit-logs/export?all=true', admin);
    const digests = await download('/api/v1/audit-logs/digests?all=true&limit=500', admin);
    const { code, output } = await verify({ export: all, digests });
    expect([code, output]).toEqual([0, expect.stringContaining(`in ${rows.length} chain(s)`)]);
  });

  it('refuses files it cannot read as an export with exit code 2, naming the line', async () => {
    const { code, output } = await verify({ export: `${exportText}not json\n` });
    expect(code).toBe(2);
    expect(output).toMatch(/line \d+ is not JSON/);
  });
});
