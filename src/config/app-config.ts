import { resolve } from 'node:path';
import { KeyFormatError, parseEd25519PrivateKey } from '../common/ed25519-keys.js';
import type { TrustProxy } from '../http/client-ip.js';
import { bool, ConfigError, duration, type Env, int, list, oneOf, optionalStr, secret, str, trustProxy, url } from './env-parsers.js';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface DevSecrets {
  jwtSecret: string;
  keyHashSecret: string;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  dataDir: string;
  logLevel: LogLevel;
  /** Proxies whose X-Forwarded-For entries are believed: a hop count (0: none) or their addresses/CIDRs. */
  trustProxy: TrustProxy;
  registrationOpen: boolean;
  /** Mounts the benchmark's fixture routes (GET /api/v1/ping/me). */
  benchRoutes: boolean;
  database: {
    /** Serves requests. */
    url?: string;
    /** Runs migrations as the owner of the tables; DATABASE_URL's role when unset. */
    migrationUrl?: string;
    embeddedPort: number;
    poolSize: number;
    statementTimeoutMs: number;
  };
  redisUrl?: string;
  /** Namespaces every Redis key and the invalidation channel: instances sharing counters share it. */
  redisKeyPrefix: string;
  jwt: { secret: string; accessTtlSeconds: number; refreshTtlSeconds: number };
  /** The OAuth authorization server (API.md §11): its issuer is the public origin clients discover it at. */
  oauth: { issuer: string };
  keys: {
    prefix: string;
    hashSecret: string;
    queryParam: boolean;
    defaultRateLimit: number;
    maxRateLimit: number;
    maxPerUser: number;
    cacheTtlSeconds: number;
  };
  admin: { email?: string; password?: string };
  rateLimits: { userPerHour: number; authPerMinute: number; windowSeconds: number };
  audit: {
    retentionDays: number;
    flushIntervalMs: number;
    batchSize: number;
    bufferLimit: number;
    alertWebhookUrl?: string;
    /** Every chain head that moved is signed once per this many seconds (API.md §13). */
    digestIntervalSeconds: number;
    /** The Ed25519 private key digests are signed with, as given (PKCS#8 PEM or JWK); unset outside production: one generated into DATA_DIR. */
    signingKey?: string;
    /** How often the background verifier walks each chain from its last verified checkpoint. */
    verifyIntervalSeconds: number;
    /** How often partitions are made ahead and the default partition's rows moved (once per interval across instances). */
    partitionIntervalSeconds: number;
  };
  detectors: {
    bruteForceThreshold: number;
    /** Failed logins to one account, from every network together, that block it for everyone. */
    bruteForceAccountThreshold: number;
    bruteForceWindowSeconds: number;
    bruteForceBlockSeconds: number;
    scopeProbingThreshold: number;
    scopeProbingWindowSeconds: number;
    rateLimitAbuseThreshold: number;
    rateLimitAbuseWindowSeconds: number;
  };
  http: { corsOrigins: string[]; requestTimeoutMs: number };
  /** `Authorization: Bearer <token>` guards /metrics whenever it is set. */
  metricsToken?: string;
  /** Production only starts with an unguarded /metrics when this says so. */
  metricsPublic: boolean;
  /** The OpenAPI UI (/docs) and document (/docs-json). */
  docsEnabled: boolean;
}

/**
 * Unset BRUTE_FORCE_ACCOUNT_THRESHOLD: the account is locked for everyone only once failures
 * from at least this many networks (each locked at BRUTE_FORCE_THRESHOLD) add up.
 */
const ACCOUNT_THRESHOLD_FACTOR = 5;

/**
 * Reads and validates the whole environment once. A wrong value throws a ConfigError naming
 * the variable; the service refuses to start rather than run half-configured.
 * `devSecrets` supplies generated secrets outside production (kept in DATA_DIR).
 */
export function parseConfig(env: Env, devSecrets?: (dataDir: string) => DevSecrets): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const dataDir = resolve(str(env, 'DATA_DIR', './.data'));
  const needsGenerated = !production && (!optionalStr(env, 'JWT_SECRET') || !optionalStr(env, 'KEY_HASH_SECRET'));
  const generated = needsGenerated && devSecrets ? devSecrets(dataDir) : undefined;

  const adminEmail = optionalStr(env, 'ADMIN_EMAIL')?.toLowerCase();
  const adminPassword = optionalStr(env, 'ADMIN_PASSWORD');
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) throw new ConfigError('ADMIN_EMAIL', 'must be an email address');
  if (adminPassword !== undefined && adminPassword.length < 8) throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters');
  if (adminPassword && !adminEmail) throw new ConfigError('ADMIN_EMAIL', 'is required when ADMIN_PASSWORD is set');

  const keyPrefix = str(env, 'KEY_PREFIX', 'kw');
  if (!/^[a-z][a-z0-9]{1,9}$/.test(keyPrefix)) {
    throw new ConfigError('KEY_PREFIX', 'must be 2–10 lowercase letters or digits, starting with a letter');
  }
  const redisKeyPrefix = str(env, 'REDIS_KEY_PREFIX', 'keyward:');
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(redisKeyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX', 'must be 1–64 letters, digits or : _ . -');
  }
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const migrationUrl = url(env, 'DATABASE_MIGRATION_URL', ['postgres:', 'postgresql:']);
  if (migrationUrl && !databaseUrl) throw new ConfigError('DATABASE_MIGRATION_URL', 'needs DATABASE_URL (the embedded database creates both roles itself)');
  const defaultRateLimit = int(env, 'DEFAULT_RATE_LIMIT', 1000, 1, 100_000_000);
  const maxRateLimit = int(env, 'MAX_RATE_LIMIT', 10_000, 1, 100_000_000);
  if (defaultRateLimit > maxRateLimit) throw new ConfigError('DEFAULT_RATE_LIMIT', `must not exceed MAX_RATE_LIMIT (${maxRateLimit})`);

  const bruteForceThreshold = int(env, 'BRUTE_FORCE_THRESHOLD', 20, 1, 1_000_000);

  return {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    dataDir,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    registrationOpen: bool(env, 'REGISTRATION_OPEN', true),
    benchRoutes: bool(env, 'BENCH_ROUTES', false),
    database: {
      url: databaseUrl,
      migrationUrl,
      embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
      poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
      statementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
    },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix,
    jwt: {
      secret: secret(env, 'JWT_SECRET', generated?.jwtSecret, production),
      accessTtlSeconds: duration(env, 'JWT_ACCESS_TTL', '15m'),
      refreshTtlSeconds: duration(env, 'JWT_REFRESH_TTL', '30d'),
    },
    oauth: {
      issuer: (url(env, 'OAUTH_ISSUER', ['http:', 'https:']) ?? `http://localhost:${int(env, 'PORT', 3000, 0, 65535)}`).replace(/\/+$/, ''),
    },
    keys: {
      prefix: keyPrefix,
      hashSecret: secret(env, 'KEY_HASH_SECRET', generated?.keyHashSecret, production),
      queryParam: bool(env, 'API_KEY_QUERY_PARAM', true),
      defaultRateLimit,
      maxRateLimit,
      maxPerUser: int(env, 'MAX_KEYS_PER_USER', 100, 1, 100_000),
      cacheTtlSeconds: int(env, 'KEY_CACHE_TTL_SECONDS', 30, 1, 30),
    },
    admin: { email: adminEmail, password: adminPassword },
    rateLimits: {
      userPerHour: int(env, 'USER_RATE_LIMIT', 10_000, 1, 100_000_000),
      authPerMinute: int(env, 'AUTH_RATE_LIMIT', 10, 1, 1_000_000),
      windowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 3600, 1, 86_400),
    },
    audit: {
      retentionDays: int(env, 'AUDIT_RETENTION_DAYS', 365, 1, 36_500),
      flushIntervalMs: int(env, 'AUDIT_FLUSH_INTERVAL_MS', 1000, 10, 1000),
      batchSize: int(env, 'AUDIT_BATCH_SIZE', 500, 1, 500),
      bufferLimit: int(env, 'AUDIT_BUFFER_LIMIT', 100_000, 1000, 10_000_000),
      alertWebhookUrl: url(env, 'ALERT_WEBHOOK_URL', ['http:', 'https:']),
      digestIntervalSeconds: int(env, 'AUDIT_DIGEST_INTERVAL_SECONDS', 3600, 1, 86_400),
      signingKey: signingKey(env, production),
      verifyIntervalSeconds: int(env, 'AUDIT_VERIFY_INTERVAL_SECONDS', 300, 1, 86_400),
      partitionIntervalSeconds: int(env, 'AUDIT_PARTITION_INTERVAL_SECONDS', 86_400, 1, 86_400),
    },
    detectors: {
      bruteForceThreshold,
      bruteForceAccountThreshold: int(env, 'BRUTE_FORCE_ACCOUNT_THRESHOLD', ACCOUNT_THRESHOLD_FACTOR * bruteForceThreshold, bruteForceThreshold, 1_000_000_000),
      bruteForceWindowSeconds: int(env, 'BRUTE_FORCE_WINDOW_SECONDS', 300, 1, 86_400),
      bruteForceBlockSeconds: int(env, 'BRUTE_FORCE_BLOCK_SECONDS', 900, 1, 86_400),
      scopeProbingThreshold: int(env, 'SCOPE_PROBING_THRESHOLD', 5, 1, 1_000_000),
      scopeProbingWindowSeconds: int(env, 'SCOPE_PROBING_WINDOW_SECONDS', 600, 1, 86_400),
      rateLimitAbuseThreshold: int(env, 'RATE_LIMIT_ABUSE_THRESHOLD', 3, 1, 1_000_000),
      rateLimitAbuseWindowSeconds: int(env, 'RATE_LIMIT_ABUSE_WINDOW_SECONDS', 86_400, 1, 604_800),
    },
    http: {
      corsOrigins: list(env, 'CORS_ORIGINS'),
      requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    ...metricsAccess(env, production),
    docsEnabled: bool(env, 'DOCS_ENABLED', true),
  };
}

/** AUDIT_SIGNING_KEY, checked to be an Ed25519 private key; production has no generated one to fall back on. */
function signingKey(env: Env, production: boolean): string | undefined {
  const text = optionalStr(env, 'AUDIT_SIGNING_KEY');
  if (text === undefined) {
    if (production) throw new ConfigError('AUDIT_SIGNING_KEY', 'is required when NODE_ENV=production (an Ed25519 private key: PKCS#8 PEM or JWK)');
    return undefined;
  }
  try {
    parseEd25519PrivateKey(text);
  } catch (error) {
    if (error instanceof KeyFormatError) throw new ConfigError('AUDIT_SIGNING_KEY', error.message);
    throw error;
  }
  return text;
}

/** In production /metrics is guarded by METRICS_TOKEN, and left open only by an explicit METRICS_PUBLIC=true. */
function metricsAccess(env: Env, production: boolean): Pick<AppConfig, 'metricsToken' | 'metricsPublic'> {
  const metricsToken = optionalStr(env, 'METRICS_TOKEN');
  const metricsPublic = bool(env, 'METRICS_PUBLIC', false);
  if (production && !metricsToken && !metricsPublic) {
    throw new ConfigError('METRICS_TOKEN', 'is required when NODE_ENV=production (or set METRICS_PUBLIC=true to serve /metrics to anyone)');
  }
  return { metricsToken, metricsPublic };
}
