import { parseConfig } from './app-config.js';
import { generateKeyPairSync } from 'node:crypto';
import { generateEd25519PrivateKeyPem } from '../common/ed25519-keys.js';
import { ConfigError, parseDuration } from './env-parsers.js';

const signingKey = generateEd25519PrivateKeyPem();
const secrets = { JWT_SECRET: 'j'.repeat(32), KEY_HASH_SECRET: 'k'.repeat(32), AUDIT_SIGNING_KEY: signingKey };
const devSecrets = () => ({ jwtSecret: 'generated-jwt', keyHashSecret: 'generated-key' });

function errorFor(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env, devSecrets);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig(secrets);
    expect(config.port).toBe(3000);
    expect(config.keys.prefix).toBe('kw');
    expect(config.keys.defaultRateLimit).toBe(1000);
    expect(config.keys.maxRateLimit).toBe(10_000);
    expect(config.keys.maxPerUser).toBe(100);
    expect(config.keys.queryParam).toBe(true);
    expect(config.jwt.accessTtlSeconds).toBe(900);
    expect(config.jwt.refreshTtlSeconds).toBe(30 * 86_400);
    expect(config.rateLimits).toEqual({ userPerHour: 10_000, authPerMinute: 10, windowSeconds: 3600 });
    expect(config.detectors).toMatchObject({ bruteForceThreshold: 20, bruteForceWindowSeconds: 300, bruteForceBlockSeconds: 900 });
    expect(config.redisKeyPrefix).toBe('keyward:');
    expect(config.audit.retentionDays).toBe(365);
    expect(config.audit.digestIntervalSeconds).toBe(3600);
    expect(config.audit.verifyIntervalSeconds).toBe(300);
    expect(config.audit.partitionIntervalSeconds).toBe(86_400);
    expect(config.registrationOpen).toBe(true);
    expect(config.trustProxy).toBe(0);
    expect(config.detectors.bruteForceAccountThreshold).toBe(100);
  });

  it('refuses a PORT that is not a number, naming the variable', () => {
    const error = errorFor({ ...secrets, PORT: 'abc' });
    expect(error.variable).toBe('PORT');
    expect(error.message).toContain('PORT');
  });

  it('refuses a PORT out of range', () => {
    expect(errorFor({ ...secrets, PORT: '70000' }).variable).toBe('PORT');
  });

  it('requires JWT_SECRET in production', () => {
    const error = errorFor({ NODE_ENV: 'production', KEY_HASH_SECRET: 'k'.repeat(32) });
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toMatch(/JWT_SECRET is required/);
  });

  it('requires KEY_HASH_SECRET in production', () => {
    expect(errorFor({ NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) }).variable).toBe('KEY_HASH_SECRET');
  });

  it('refuses to start in production without METRICS_TOKEN', () => {
    const error = errorFor({ NODE_ENV: 'production', ...secrets });
    expect(error.variable).toBe('METRICS_TOKEN');
    expect(error.message).toMatch(/METRICS_TOKEN is required when NODE_ENV=production/);
  });

  it('starts in production with METRICS_TOKEN, or with an open /metrics only when METRICS_PUBLIC=true', () => {
    expect(parseConfig({ NODE_ENV: 'production', ...secrets, METRICS_TOKEN: 'scrape' }).metricsToken).toBe('scrape');
    expect(parseConfig({ NODE_ENV: 'production', ...secrets, METRICS_PUBLIC: 'true' })).toMatchObject({ metricsToken: undefined, metricsPublic: true });
    expect(errorFor({ NODE_ENV: 'production', ...secrets, METRICS_PUBLIC: 'false' }).variable).toBe('METRICS_TOKEN');
  });

  it('keeps /metrics open outside production unless METRICS_TOKEN is set', () => {
    expect(parseConfig(secrets)).toMatchObject({ metricsToken: undefined, metricsPublic: false });
    expect(parseConfig({ ...secrets, METRICS_TOKEN: 'scrape' }).metricsToken).toBe('scrape');
  });

  it('serves the OpenAPI docs unless DOCS_ENABLED=false', () => {
    expect(parseConfig(secrets).docsEnabled).toBe(true);
    expect(parseConfig({ ...secrets, DOCS_ENABLED: 'false' }).docsEnabled).toBe(false);
    expect(errorFor({ ...secrets, DOCS_ENABLED: 'perhaps' }).variable).toBe('DOCS_ENABLED');
  });

  it('generates missing secrets outside production', () => {
    const config = parseConfig({}, devSecrets);
    expect(config.jwt.secret).toBe('generated-jwt');
    expect(config.keys.hashSecret).toBe('generated-key');
  });

  it('refuses a short secret', () => {
    expect(errorFor({ ...secrets, JWT_SECRET: 'short' }).variable).toBe('JWT_SECRET');
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'maybe'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'not a url'],
    ['JWT_ACCESS_TTL', '15 minutes'],
    ['KEY_PREFIX', 'KW'],
    ['DEFAULT_RATE_LIMIT', '20000'],
    ['MAX_KEYS_PER_USER', '0'],
    ['ADMIN_PASSWORD', 'short'],
    ['KEY_CACHE_TTL_SECONDS', '60'],
    ['REDIS_KEY_PREFIX', 'has spaces'],
  ])('names %s when its value %s is wrong', (variable, value) => {
    expect(errorFor({ ...secrets, ADMIN_EMAIL: 'a@b.c', [variable]: value }).variable).toBe(variable);
  });

  it('reads REDIS_KEY_PREFIX, which keeps the Redis keys of deployments sharing one Redis apart', () => {
    expect(parseConfig({ ...secrets, REDIS_KEY_PREFIX: 'staging:keyward:' }).redisKeyPrefix).toBe('staging:keyward:');
  });

  it('reads DATABASE_MIGRATION_URL beside DATABASE_URL, and refuses it alone (the embedded database has both roles)', () => {
    const database = { DATABASE_URL: 'postgres://keyward_app@db/keyward', DATABASE_MIGRATION_URL: 'postgres://owner@db/keyward' };
    expect(parseConfig({ ...secrets, ...database }).database).toMatchObject({ url: database.DATABASE_URL, migrationUrl: database.DATABASE_MIGRATION_URL });
    expect(errorFor({ ...secrets, DATABASE_MIGRATION_URL: database.DATABASE_MIGRATION_URL }).variable).toBe('DATABASE_MIGRATION_URL');
    expect(errorFor({ ...secrets, ...database, DATABASE_MIGRATION_URL: 'mysql://owner@db/keyward' }).variable).toBe('DATABASE_MIGRATION_URL');
  });

  it('requires AUDIT_SIGNING_KEY in production, saying what key it wants', () => {
    const { AUDIT_SIGNING_KEY: _key, ...withoutKey } = secrets;
    const error = errorFor({ NODE_ENV: 'production', ...withoutKey, METRICS_TOKEN: 'scrape' });
    expect(error.variable).toBe('AUDIT_SIGNING_KEY');
    expect(error.message).toBe('Invalid configuration: AUDIT_SIGNING_KEY is required when NODE_ENV=production (an Ed25519 private key: PKCS#8 PEM or JWK)');
  });

  it('leaves AUDIT_SIGNING_KEY unset outside production (the digests module generates one into DATA_DIR)', () => {
    const { AUDIT_SIGNING_KEY: _key, ...withoutKey } = secrets;
    expect(parseConfig(withoutKey).audit.signingKey).toBeUndefined();
  });

  it('takes AUDIT_SIGNING_KEY as PKCS#8 PEM, with its line breaks written \\n too, or as a JWK', () => {
    expect(parseConfig(secrets).audit.signingKey).toBe(signingKey.trim());
    expect(parseConfig({ ...secrets, AUDIT_SIGNING_KEY: signingKey.trim().replaceAll('\n', '\\n') }).audit.signingKey).toContain('BEGIN PRIVATE KEY');
    const jwk = JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
    expect(parseConfig({ ...secrets, AUDIT_SIGNING_KEY: jwk }).audit.signingKey).toBe(jwk);
  });

  it.each([
    ['text that is no key', 'not a key'],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()],
    ['a public key', generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString()],
  ])('refuses %s as AUDIT_SIGNING_KEY without repeating it', (_what, value) => {
    const error = errorFor({ ...secrets, AUDIT_SIGNING_KEY: value });
    expect(error.variable).toBe('AUDIT_SIGNING_KEY');
    expect(error.message).not.toContain(value.trim().slice(0, 40));
  });

  it('reads AUDIT_DIGEST_INTERVAL_SECONDS down to one second', () => {
    expect(parseConfig({ ...secrets, AUDIT_DIGEST_INTERVAL_SECONDS: '1' }).audit.digestIntervalSeconds).toBe(1);
    expect(errorFor({ ...secrets, AUDIT_DIGEST_INTERVAL_SECONDS: '0' }).variable).toBe('AUDIT_DIGEST_INTERVAL_SECONDS');
  });

  it('requires ADMIN_EMAIL with ADMIN_PASSWORD', () => {
    expect(errorFor({ ...secrets, ADMIN_PASSWORD: 'long enough' }).variable).toBe('ADMIN_EMAIL');
  });
});

describe('TRUST_PROXY', () => {
  const trustProxyOf = (value: string) => parseConfig({ ...secrets, TRUST_PROXY: value }).trustProxy;

  it.each([
    ['false', 0],
    ['0', 0],
    ['true', 1],
    ['TRUE', 1],
    ['1', 1],
    ['2', 2],
  ])('reads %s as %i trusted hops', (value, hops) => {
    expect(trustProxyOf(value)).toBe(hops);
  });

  it('reads a comma-separated list of trusted proxy addresses and CIDRs', () => {
    expect(trustProxyOf('127.0.0.1/8, 10.0.0.0/8,2001:db8::1')).toEqual(['127.0.0.1/8', '10.0.0.0/8', '2001:db8::1']);
  });

  it("expands Fastify's named ranges", () => {
    expect(trustProxyOf('loopback,10.1.2.3')).toEqual(['127.0.0.1/8', '::1/128', '10.1.2.3']);
    expect(trustProxyOf('uniquelocal')).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
  });

  it.each(['maybe', '10.0.0.0/33', '127.0.0.1/8,proxy.internal', '-1', '101', '1.5'])('refuses %s, naming TRUST_PROXY', (value) => {
    const error = errorFor({ ...secrets, TRUST_PROXY: value });
    expect(error.variable).toBe('TRUST_PROXY');
  });
});

describe('BRUTE_FORCE_ACCOUNT_THRESHOLD', () => {
  it('defaults to five times BRUTE_FORCE_THRESHOLD', () => {
    expect(parseConfig({ ...secrets, BRUTE_FORCE_THRESHOLD: '7' }).detectors.bruteForceAccountThreshold).toBe(35);
  });

  it('takes an explicit value', () => {
    expect(parseConfig({ ...secrets, BRUTE_FORCE_ACCOUNT_THRESHOLD: '60' }).detectors.bruteForceAccountThreshold).toBe(60);
  });

  it('refuses a value below BRUTE_FORCE_THRESHOLD, which would lock the account before the attacking network', () => {
    expect(errorFor({ ...secrets, BRUTE_FORCE_THRESHOLD: '20', BRUTE_FORCE_ACCOUNT_THRESHOLD: '19' }).variable).toBe('BRUTE_FORCE_ACCOUNT_THRESHOLD');
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['15m', 900],
    ['12h', 43_200],
    ['30d', 2_592_000],
    ['45', 45],
  ])('reads %s as %i seconds', (value, seconds) => {
    expect(parseDuration(value)).toBe(seconds);
  });

  it.each(['', '0', '-5m', '1w', '1.5h', 'm'])('rejects %s', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });
});
