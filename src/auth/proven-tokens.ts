import { hash, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Strategy as JwtPassportStrategy } from 'passport-jwt';

type Payload = Record<string, unknown> & { exp: number };
type Verified = (error: Error | null, payload?: unknown) => void;
type JwtVerifier = (token: string, key: unknown, options: { maxAge?: unknown }, done: Verified) => void;

const MAX_TOKENS = 100_000;

/**
 * Access tokens whose signature jsonwebtoken has verified, by a SHA-256 digest of the whole token:
 * a token presented again is proven by its digest, compared in constant time — equal digests mean
 * the same bytes, signature included, so it is verified as strongly — and its `exp` is checked
 * again as jsonwebtoken checks it. Only the signature check is remembered: the session, the user
 * and their roles are still looked at on every request (JwtStrategy.validate).
 */
export class ProvenTokens {
  private readonly tokens = new LRUCache<number, { digest: Buffer; payload: Payload }>({ max: MAX_TOKENS });

  /** The payload of a token proven before and not expired at `nowMs`; undefined otherwise. */
  payloadOf(token: string, nowMs: number): Payload | undefined {
    const digest = hash('sha256', token, 'buffer');
    const proven = this.tokens.get(slotOf(digest));
    if (!proven || !timingSafeEqual(proven.digest, digest)) return undefined;
    // jsonwebtoken's own rule: expired once the current second reaches `exp`.
    if (Math.floor(nowMs / 1000) >= proven.payload.exp) return undefined;
    return proven.payload;
  }

  /** Remembers a verified token until it expires; one without a numeric `exp` is not remembered. */
  remember(token: string, payload: unknown, nowMs: number): void {
    const exp = (payload as { exp?: unknown } | null)?.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return;
    const ttl = exp * 1000 - nowMs;
    if (ttl <= 0) return;
    const digest = hash('sha256', token, 'buffer');
    this.tokens.set(slotOf(digest), { digest, payload: Object.freeze({ ...(payload as Payload) }) }, { ttl });
  }
}

/** 53 bits of the digest: where its entry sits (the whole digest is compared). */
const slotOf = (digest: Buffer) => digest.readUInt32BE(0) * 0x200000 + (digest.readUInt32BE(4) >>> 11);

const byKey = new WeakMap<object, ProvenTokens>();
let installed = false;

/**
 * passport-jwt verifies through its static JwtVerifier (jsonwebtoken): for tokens signed with
 * `key`, a token verified once is then proven by ProvenTokens. Any other key, and options whose
 * answer depends on the token's age (maxAge), go to jsonwebtoken every time.
 */
export function proveTokensOnce(key: object): void {
  byKey.set(key, new ProvenTokens());
  if (installed) return;
  installed = true;
  const holder = JwtPassportStrategy as unknown as { JwtVerifier: JwtVerifier };
  const verifyWithJsonwebtoken = holder.JwtVerifier;
  holder.JwtVerifier = (token, secret, options, done) => {
    const proven = typeof secret === 'object' && secret !== null && !options.maxAge ? byKey.get(secret) : undefined;
    if (!proven) return verifyWithJsonwebtoken(token, secret, options, done);
    const payload = proven.payloadOf(token, Date.now());
    if (payload) return done(null, payload);
    verifyWithJsonwebtoken(token, secret, options, (error, verified) => {
      if (!error) proven.remember(token, verified, Date.now());
      done(error, verified);
    });
  };
}
