import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type KeyObject, randomBytes } from 'node:crypto';
import { AuditLog } from '../../audit/chain/audit-log.js';
import type { RequestContext } from '../../access/request-context.js';
import type { ApiKeyPrincipal, KeyTransport, UserSnapshot } from '../../access/principal.js';
import { AppError } from '../../common/errors/app-error.js';
import type { ErrorCode } from '../../common/errors/error-codes.js';
import type { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../metrics/metrics.js';
import { effectivePermissions } from '../../access/permissions.js';
import { UserSnapshots } from '../../users/user-snapshots.js';
import { ApiKeyRecords, type VerifiableKey } from './api-key.records.js';
import { hashingKey, hashKey, KeyFormat, sameHash, secretDigest } from './key-format.js';
import { type KeyRefusal, refuseKeyUse } from './key-status.js';
import { KeyUsageRecorder } from '../usage/key-usage.recorder.js';
import { waitOutFloor } from './refusal-floor.js';

export interface KeyRequest {
  ip: string;
  transport: KeyTransport;
  /** Where the request came from, for the audit trail of a refusal (computed only then). */
  context: () => RequestContext;
}

const OWNER_GONE: KeyRefusal = { code: 'user.disabled', reason: 'user_disabled' };

const principalMemo = new WeakMap<VerifiableKey, { owner: UserSnapshot; principal: ApiKeyPrincipal }>();
/** The record each principal was made from, for the one caller that needs more than the principal. */
const recordOf = new WeakMap<ApiKeyPrincipal, VerifiableKey>();

/**
 * The hot path of a key-authenticated request: shape and checksum (no database), the key by its
 * id (cached), the secret compared in constant time, then status, owner and IP.
 */
@Injectable()
export class ApiKeyVerifier {
  readonly format: KeyFormat;
  private readonly hashSecret: KeyObject;
  /** Compared against when the id is unknown, so unknown ids and wrong secrets cost the same. */
  private readonly dummyHash: Buffer;
  /** Per cached record, the digest of the secret its HMAC proved (see secretProven). */
  private readonly provenDigests = new WeakMap<VerifiableKey, Buffer>();

  constructor(
    private readonly records: ApiKeyRecords,
    private readonly snapshots: UserSnapshots,
    private readonly usage: KeyUsageRecorder,
    private readonly audit: AuditLog,
    private readonly metrics: Metrics,
    config: ConfigService<AppConfig, true>,
  ) {
    const keys = config.get('keys', { infer: true });
    this.format = new KeyFormat(keys.prefix);
    this.hashSecret = hashingKey(keys.hashSecret);
    this.dummyHash = hashKey(randomBytes(32).toString('hex'), keys.hashSecret);
  }

  /** As verify(), with the key's cached record beside its principal (POST /keys/verify shows its metadata). */
  async verifyKey(rawKey: string, request: KeyRequest): Promise<{ principal: ApiKeyPrincipal; key: VerifiableKey }> {
    const principal = await this.verify(rawKey, request);
    const key = recordOf.get(principal);
    if (!key) throw new Error('a verified principal always has its record');
    return { principal, key };
  }

  async verify(rawKey: string, request: KeyRequest): Promise<ApiKeyPrincipal> {
    const parsed = this.format.parse(rawKey);
    if (!parsed) {
      const shapedPrefix = this.format.looksLikeKey(rawKey) ? rawKey.slice(0, this.format.prefix.length + 9) : null;
      throw this.refuse(request, 'api_key.invalid', 'malformed', { keyPrefix: shapedPrefix });
    }

    const startedAt = performance.now();
    const key = await this.records.find(parsed.id);
    if (!this.secretProven(rawKey, key) || !key) {
      const error = this.refuse(request, 'api_key.invalid', key ? 'wrong_secret' : 'unknown_key', { keyPrefix: parsed.keyPrefix, key });
      // Whether the id exists (and was cached) must not show in how long the refusal took.
      await waitOutFloor(startedAt);
      throw error;
    }

    // Only now, with the secret proven, may the answer say more than "invalid".
    const owner = await this.snapshots.get(key.userId);
    const refusal = owner ? refuseKeyUse(key, owner.active, new Date(), request.ip) : OWNER_GONE;
    if (!owner || refusal) {
      this.usage.record(key.id, 'denied', request.ip);
      const { code, reason } = refusal ?? OWNER_GONE;
      throw this.refuse(request, code, reason, { keyPrefix: key.keyPrefix, key, ownerId: key.userId });
    }

    this.metrics.keyVerificationOk.inc();
    return this.principalOf(key, owner);
  }

  /**
   * Whether `rawKey` is the key's secret. The first presentation of a cached record is checked by
   * its HMAC against the stored one; a SHA-256 digest of the secret it proved is then kept with
   * the record, and a later presentation is proven by the same digest, compared in constant time.
   * That is as strong: equal SHA-256 digests mean the same secret (collision resistance), which
   * has the stored HMAC. Anything else — a record read anew, another secret — takes the HMAC,
   * against a dummy hash when the id is unknown; what a refusal took is hidden by the refusal floor.
   */
  private secretProven(rawKey: string, key: VerifiableKey | null): boolean {
    const digest = secretDigest(rawKey);
    const proven = key && this.provenDigests.get(key);
    if (proven && sameHash(digest, proven)) return true;
    const matches = sameHash(hashKey(rawKey, this.hashSecret), key?.hash ?? this.dummyHash);
    if (matches && key) this.provenDigests.set(key, digest);
    return matches;
  }

  /** The principal depends only on the key and its owner's snapshot: one object while both stand. */
  private principalOf(key: VerifiableKey, owner: UserSnapshot): ApiKeyPrincipal {
    const memo = principalMemo.get(key);
    if (memo?.owner === owner) return memo.principal;
    const { permissions: _all, ...user } = owner;
    const principal: ApiKeyPrincipal = {
      user,
      authMethod: 'api_key',
      permissions: effectivePermissions(owner.permissions, key.scopes),
      apiKey: { id: key.id, name: key.name, keyPrefix: key.keyPrefix, scopes: key.scopes, rateLimit: key.rateLimit, expiresAt: key.expiresAt, workspaceId: key.workspaceId, quota: key.quota },
    };
    principalMemo.set(key, { owner, principal });
    recordOf.set(principal, key);
    return principal;
  }

  /** Records the failed check (the detectors read these) and returns the error to throw. */
  private refuse(
    request: KeyRequest,
    code: ErrorCode,
    reason: string,
    about: { keyPrefix: string | null; key?: VerifiableKey | null; ownerId?: string },
  ): AppError {
    const error = new AppError(code);
    this.metrics.keyVerifications.inc({ outcome: code === 'api_key.invalid' ? 'invalid' : reason });
    this.audit.record({
      type: 'api_key.auth_failed',
      userId: about.ownerId ?? null,
      apiKeyId: about.key?.id ?? null,
      keyPrefix: about.keyPrefix,
      ...request.context(),
      statusCode: error.status,
      // A known key's refusals go to its workspace's chain; a made-up key belongs to nobody's.
      ...(about.key && { chainId: about.key.workspaceId }),
      details: { reason, transport: request.transport },
    });
    return error;
  }
}
