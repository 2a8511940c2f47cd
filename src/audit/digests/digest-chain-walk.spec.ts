import { generateKeyPairSync } from 'node:crypto';
import { ed25519PublicJwk } from '../../common/ed25519-keys.js';
import { checkDigests } from './digest-chain-walk.js';
import { signDigest } from './digest-form.js';
import { CHAIN, digestsOf, exportedChain, KEY } from './digests.fixture.js';

const events = exportedChain(6);

describe('checkDigests', () => {
  it('accepts good signatures, each digest naming the one before, in any order given', () => {
    const digests = digestsOf(events, [1, 3, 5]);
    const checked = checkDigests([...digests].reverse(), KEY);
    expect(checked.failure).toBeUndefined();
    expect(checked.byChain.get(CHAIN)?.map((digest) => digest.seq)).toEqual([20, 40, 60]);
  });

  it('accepts a later page alone: its oldest digest is anchored on one not given', () => {
    expect(checkDigests(digestsOf(events, [1, 3, 5]).slice(1), KEY).failure).toBeUndefined();
  });

  it('names a digest whose signature is bad', () => {
    const digests = digestsOf(events, [1, 3]);
    digests[1] = { ...digests[1], hash: events[4].hash };
    expect(checkDigests(digests, KEY).failure).toEqual({ chainId: CHAIN, seq: 40, at: digests[1].at, reason: expect.stringContaining('signature') });
  });

  it('names a digest signed by another key', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const [digest] = digestsOf(events, [1]);
    const forged = signDigest({ ...digest, keyId: ed25519PublicJwk(other).kid }, other);
    expect(checkDigests([forged], KEY).failure?.reason).toMatch(/not by the key given/);
  });

  it('names the digest after a removed one', () => {
    const digests = digestsOf(events, [1, 3, 5]);
    expect(checkDigests([digests[0], digests[2]], KEY).failure).toMatchObject({ seq: 60, reason: expect.stringContaining('missing or was replaced') });
  });
});
