import { CANONICAL_VERSION, canonicalEvent, chainHash, GENESIS_HASH, genesisOf, INSTANCE_CHAIN, isKnownCanonicalVersion, linkEvents, UnknownCanonicalVersion, verifyLink, type ChainedEvent } from './hash-chain.js';

/** Pinned on the code before canonical versions existed: every stored row was hashed this way. */
const V1_EVENT: ChainedEvent = {
  id: '01890a5d-ac96-774b-bcce-b302099a8057',
  occurredAt: new Date('2026-11-23T10:00:00.123Z'),
  type: 'api_key.used',
  severity: 'info',
  userId: '00000000-0000-4000-8000-00000000000b',
  apiKeyId: '00000000-0000-4000-9000-00000000000b',
  keyPrefix: 'kw_0000000b',
  ip: '2001:db8::1',
  userAgent: 'curl/8 "quoted" é',
  method: 'GET',
  path: '/api/v1/auth/me',
  statusCode: 200,
  details: { transport: 'header', latencyMs: 0.42, nested: { b: [1, null, 'x'], a: true } },
};
const V1_TEXT =
  '{"apiKeyId":"00000000-0000-4000-9000-00000000000b","details":{"latencyMs":0.42,"nested":{"a":true,"b":[1,null,"x"]},"transport":"header"},' +
  '"id":"01890a5d-ac96-774b-bcce-b302099a8057","ip":"2001:db8::1","keyPrefix":"kw_0000000b","method":"GET","occurredAt":"2026-11-23T10:00:00.123Z",' +
  '"path":"/api/v1/auth/me","severity":"info","statusCode":200,"type":"api_key.used","userAgent":"curl/8 \\"quoted\\" é","userId":"00000000-0000-4000-8000-00000000000b"}';

describe('canonical form version 1', () => {
  it('is byte for byte the text every stored row was hashed over', () => {
    expect(canonicalEvent(V1_EVENT)).toBe(V1_TEXT);
  });

  it('keeps the hash of a version 1 event unchanged', () => {
    expect(chainHash(GENESIS_HASH, V1_EVENT)).toBe('61a807533463c9fe6709f89169b56e36c08922a004a0b7617f06fb9da8aaf61e');
    expect(chainHash('a'.repeat(64), V1_EVENT)).toBe('c53b215f9eb537accaa834b57b6515c411941f5b5efca3500c0f9cd4f6fd9fc2');
  });
});

describe('canonical form versions', () => {
  it('writes new events under version 1 still: no field was added to what the hash covers', () => {
    expect(CANONICAL_VERSION).toBe(1);
    expect(canonicalEvent(V1_EVENT, 1)).toBe(V1_TEXT);
  });

  it('leaves the chain id out of the version 1 text', () => {
    expect(canonicalEvent({ ...V1_EVENT, chainId: '0190f7a2-0000-7000-8000-000000000001' })).toBe(V1_TEXT);
  });

  it('verifies a stored row under the version stored with it', () => {
    const hash = chainHash(GENESIS_HASH, V1_EVENT, 1);
    expect(verifyLink(GENESIS_HASH, { ...V1_EVENT, canonicalVersion: 1, prevHash: GENESIS_HASH, hash })).toBe(hash);
  });

  it('refuses a row of a version it does not know rather than accepting it unchecked', () => {
    const hash = chainHash(GENESIS_HASH, V1_EVENT, 1);
    for (const canonicalVersion of [0, 2, 99, -1, 1.5, Number.NaN]) {
      expect(verifyLink(GENESIS_HASH, { ...V1_EVENT, canonicalVersion, prevHash: GENESIS_HASH, hash })).toBeNull();
      expect(() => canonicalEvent(V1_EVENT, canonicalVersion)).toThrow(UnknownCanonicalVersion);
    }
    expect(isKnownCanonicalVersion(1)).toBe(true);
    expect(isKnownCanonicalVersion(2)).toBe(false);
  });
});

describe('chain genesis', () => {
  it('starts the instance chain at 64 zeros, as it always did', () => {
    expect(genesisOf(INSTANCE_CHAIN)).toBe(GENESIS_HASH);
  });

  it('starts every other chain at a hash of its own id, so a chain relabelled as another does not verify there', () => {
    const a = genesisOf('0190f7a2-0000-7000-8000-00000000000a');
    const b = genesisOf('0190f7a2-0000-7000-8000-00000000000b');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(GENESIS_HASH);
    expect(a).not.toBe(b);
    const [first] = linkEvents(a, [V1_EVENT]);
    expect(verifyLink(a, first)).toBe(first.hash);
    expect(verifyLink(b, first)).toBeNull();
  });
});
