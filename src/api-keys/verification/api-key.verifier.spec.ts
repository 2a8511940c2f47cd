import { NO_QUOTA } from '../../access/limits/quota.js';
import { jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { AuditLog } from '../../audit/chain/audit-log.js';
import type { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../metrics/metrics.js';
import type { UserSnapshots } from '../../users/user-snapshots.js';
import type { KeyUsageRecorder } from '../usage/key-usage.recorder.js';
import type { ApiKeyRecords, VerifiableKey } from './api-key.records.js';
import type { KeyRequest } from './api-key.verifier.js';

// Under native ESM Jest cannot hoist a module mock above static imports: mock sameHash (spying on the
// real one) first, then import the verifier, which binds to the mock.
const actual = await import('./key-format.js');
jest.unstable_mockModule('./key-format.js', () => ({ ...actual, sameHash: jest.fn(actual.sameHash) }));
const { checksumOf, generateKey, hashKey, sameHash, secretDigest } = await import('./key-format.js');
const { ApiKeyVerifier } = await import('./api-key.verifier.js');

const HASH_SECRET = 'unit-test-hash-secret-0123456789abcdef';
const compare = jest.mocked(sameHash);

function verifierFinding(record: VerifiableKey | null | (() => VerifiableKey | null)) {
  const find = typeof record === 'function' ? record : () => record;
  const snapshots = { get: jest.fn<(...args: any[]) => any>() };
  const audit = { record: jest.fn<(...args: any[]) => any>() };
  const config = { get: () => ({ prefix: 'kw', hashSecret: HASH_SECRET }) } as unknown as ConfigService<AppConfig, true>;
  const verifier = new ApiKeyVerifier(
    { find: async () => find() } as unknown as ApiKeyRecords,
    snapshots as unknown as UserSnapshots,
    { record: jest.fn<(...args: any[]) => any>() } as unknown as KeyUsageRecorder,
    audit as unknown as AuditLog,
    new Metrics(),
    config,
  );
  return { verifier, snapshots, audit };
}

const request: KeyRequest = { ip: '127.0.0.1', transport: 'header', context: () => ({}) as ReturnType<KeyRequest['context']> };

/** The record the cache would hold for a key that was issued. */
function storedKey(rawKey: string): VerifiableKey {
  return {
    id: '00000000-0000-4000-8000-00000000000a',
    keyId: rawKey.slice(3, 11),
    keyPrefix: rawKey.slice(0, 11),
    userId: '00000000-0000-4000-8000-000000000001',
    workspaceId: '00000000-0000-4000-8000-0000000000ff',
    name: 'k',
    scopes: ['*'],
    rateLimit: 1000,
    active: true,
    validFrom: null,
    expiresAt: null,
    revokedAt: null,
    hash: hashKey(rawKey, HASH_SECRET),
    allowedIps: [],
    metadata: {},
    quota: NO_QUOTA,
  };
}

beforeEach(() => {
  compare.mockClear();
});

describe('ApiKeyVerifier for a key that has not proven possession (API.md §1)', () => {
  it('still compares an unknown id’s key, against a dummy hash, and answers api_key.invalid', async () => {
    const { key } = generateKey('kw');
    const { verifier, snapshots, audit } = verifierFinding(null);
    await expect(verifier.verify(key, request)).rejects.toMatchObject({ code: 'api_key.invalid' });
    expect(compare).toHaveBeenCalledTimes(1);
    const [presented, against] = compare.mock.calls[0];
    expect(presented).toEqual(hashKey(key, HASH_SECRET));
    expect(against).toHaveLength(presented.length);
    expect(snapshots.get).not.toHaveBeenCalled();
    expect(audit.record.mock.calls[0][0].details.reason).toBe('unknown_key');
  });

  it('takes the same path for a wrong secret: one comparison, then the same api_key.invalid', async () => {
    const issued = generateKey('kw');
    const body = `kw_${issued.id}_${'0'.repeat(32)}`;
    const unknown = await verifierFinding(null).verifier.verify(generateKey('kw').key, request).catch((error: Error) => error);
    const { verifier, snapshots, audit } = verifierFinding(storedKey(issued.key));
    compare.mockClear();

    const wrong = await verifier.verify(body + checksumOf(body), request).catch((error: Error) => error);
    expect(wrong).toMatchObject({ code: 'api_key.invalid', message: (unknown as Error).message });
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare.mock.calls[0][1]).toEqual(hashKey(issued.key, HASH_SECRET));
    expect(snapshots.get).not.toHaveBeenCalled();
    expect(audit.record.mock.calls[0][0].details.reason).toBe('wrong_secret');
  });
});

describe('ApiKeyVerifier for a secret already proven on this record', () => {
  const owner = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.com', name: 'A', roles: ['member'], active: true, createdAt: new Date(0), twoFactorEnabled: false, permissions: ['*'] };
  const withOwner = (found: Parameters<typeof verifierFinding>[0]) => {
    const built = verifierFinding(found);
    built.snapshots.get.mockResolvedValue(owner);
    return built;
  };

  it('proves a presentation after the first by the digest of the proven secret, not another HMAC', async () => {
    const issued = generateKey('kw');
    const { verifier } = withOwner(storedKey(issued.key));
    await verifier.verify(issued.key, request);
    expect(compare.mock.calls.map(([presented]) => presented)).toEqual([hashKey(issued.key, HASH_SECRET)]);
    compare.mockClear();
    await expect(verifier.verify(issued.key, request)).resolves.toMatchObject({ authMethod: 'api_key' });
    expect(compare.mock.calls).toEqual([[secretDigest(issued.key), secretDigest(issued.key)]]);
  });

  it('still refuses any other secret for that key with api_key.invalid, by its HMAC', async () => {
    const issued = generateKey('kw');
    const { verifier } = withOwner(storedKey(issued.key));
    await verifier.verify(issued.key, request);
    const body = `kw_${issued.id}_${'1'.repeat(32)}`;
    compare.mockClear();
    await expect(verifier.verify(body + checksumOf(body), request)).rejects.toMatchObject({ code: 'api_key.invalid' });
    expect(compare.mock.calls.at(-1)?.[1]).toEqual(hashKey(issued.key, HASH_SECRET));
  });

  it('forgets what was proven when the record is read anew: a rotated secret no longer passes', async () => {
    const before = generateKey('kw');
    const rotated = { ...storedKey(before.key), hash: hashKey(`${before.key}-rotated`, HASH_SECRET) };
    let current = storedKey(before.key);
    const { verifier } = withOwner(() => current);
    await verifier.verify(before.key, request);
    await verifier.verify(before.key, request);
    current = rotated;
    await expect(verifier.verify(before.key, request)).rejects.toMatchObject({ code: 'api_key.invalid' });
  });
});
