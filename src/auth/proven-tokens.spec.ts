import { createSecretKey } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { Strategy as JwtPassportStrategy } from 'passport-jwt';
import { proveTokensOnce, ProvenTokens } from './proven-tokens.js';

const NOW_MS = Date.UTC(2026, 11, 2, 12, 0, 0);
const exp = NOW_MS / 1000 + 60;

describe('ProvenTokens', () => {
  it('proves a token it remembered, with the payload it was verified with', () => {
    const tokens = new ProvenTokens();
    tokens.remember('header.payload.signature', { sub: 'a', exp }, NOW_MS);
    expect(tokens.payloadOf('header.payload.signature', NOW_MS)).toEqual({ sub: 'a', exp });
  });

  it('proves no other token, however close', () => {
    const tokens = new ProvenTokens();
    tokens.remember('header.payload.signature', { sub: 'a', exp }, NOW_MS);
    expect(tokens.payloadOf('header.payload.signaturf', NOW_MS)).toBeUndefined();
    expect(tokens.payloadOf('header.payload.signature ', NOW_MS)).toBeUndefined();
  });

  it('stops proving a token in the second its exp names, as jsonwebtoken does', () => {
    const tokens = new ProvenTokens();
    tokens.remember('t', { exp }, NOW_MS);
    expect(tokens.payloadOf('t', exp * 1000 - 1)).toBeDefined();
    expect(tokens.payloadOf('t', exp * 1000)).toBeUndefined();
  });

  it('remembers no token without a numeric exp', () => {
    const tokens = new ProvenTokens();
    tokens.remember('t', { sub: 'a' }, NOW_MS);
    tokens.remember('u', { exp: 'tomorrow' }, NOW_MS);
    expect(tokens.payloadOf('t', NOW_MS)).toBeUndefined();
    expect(tokens.payloadOf('u', NOW_MS)).toBeUndefined();
  });
});

describe('proveTokensOnce', () => {
  const verify = (token: string, key: object, options: object = { algorithms: ['HS256'] }) =>
    new Promise<unknown>((resolve, reject) =>
      (JwtPassportStrategy as unknown as { JwtVerifier: (...args: unknown[]) => void }).JwtVerifier(token, key, options, (error: Error | null, payload: unknown) => (error ? reject(error) : resolve(payload))),
    );
  const key = createSecretKey(Buffer.from('proven-tokens-test-secret-0123456789abcdef'));
  proveTokensOnce(key);

  it('answers a token proven before as jsonwebtoken did, and still refuses a forged signature', async () => {
    const token = jwt.sign({ sub: 'a' }, key, { algorithm: 'HS256', expiresIn: 60 });
    const first = await verify(token, key);
    await expect(verify(token, key)).resolves.toEqual(first);
    const forged = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    await expect(verify(forged, key)).rejects.toThrow('invalid signature');
  });

  it('refuses an expired token although it was proven while it was valid', async () => {
    const token = jwt.sign({ sub: 'a', exp: Math.floor(Date.now() / 1000) + 1 }, key, { algorithm: 'HS256' });
    await verify(token, key);
    await new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));
    await expect(verify(token, key)).rejects.toThrow('jwt expired');
  });

  it('proves nothing for a key it was not given: a token signed with another key is refused', async () => {
    const other = createSecretKey(Buffer.from('another-secret-0123456789abcdef0123456789'));
    const token = jwt.sign({ sub: 'a' }, key, { algorithm: 'HS256', expiresIn: 60 });
    await verify(token, key);
    await expect(verify(token, other)).rejects.toThrow('invalid signature');
  });
});
