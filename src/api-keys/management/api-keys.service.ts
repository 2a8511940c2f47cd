import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { CALL_WORKSPACES, type CallWorkspace, type CallWorkspaces, type KeyPolicy } from '../../access/call-workspace.js';
import { type Caller, callerEvent, callerPermissions, refusalEvent, workspaceOf } from '../../access/caller.js';
import { scopesNotHeld } from '../../access/permissions.js';
import { AppError } from '../../common/errors/app-error.js';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import { decodeCursor, type Page, toPage } from '../../common/pagination.js';
import type { AppConfig } from '../../config/app-config.js';
import { defaultKeyScopes } from '../../access/administration.js';
import { ApiKey } from '../api-key.entity.js';
import { type ApiKeyView, type CreatedApiKeyView, toApiKeyView, type TransferredApiKeyView } from './api-key.view.js';
import { type CreateApiKeyDto, KEY_MESSAGE, type ListApiKeysQuery, type UpdateApiKeyDto } from './api-keys.dto.js';
import { generateKey, hashKey } from '../verification/key-format.js';
import { isInstanceKeyAdmin, looseningRefused, mayListKeysOf, mayRotateKey, maySeeKey, ownsKey } from './api-key.policies.js';
import { changeViolations, defaultScopesWithin, keyPolicyViolations, rateLimitCeiling, refuseOutsidePolicy } from './key-policy.js';
import { assertWindow, resolveSettings, type RequestedSettings } from './key-settings.js';
import { type CreditsChange, resolveQuotaSettings } from './key-quota-settings.js';
import { creditsCell } from '../../access/limits/quota.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE } from '../../counters/counter-store.provider.js';
import { violatesPolicySql } from './key-policy-sql.js';
import { STATUS_CONDITIONS } from './key-status-sql.js';

// The successor's secret goes to whoever rotates, so rotating someone else's key would hand over their identity.
const ROTATE_OWNER_ONLY = 'only the key’s owner can rotate it; revoke or disable it and ask the owner to rotate';

/** A rotated key's successor has the same settings (API.md §5). */
const INHERITED_ON_ROTATION = [
  'name', 'description', 'scopes', 'rateLimit', 'allowedIps', 'metadata', 'active', 'validFrom', 'expiresAt',
  'creditsRemaining', 'creditsRefill', 'creditsNextRefillAt', 'limits',
] as const;

/** Key management (API.md §5). Every change is audited in its own transaction and invalidates caches at once. */
@Injectable()
export class ApiKeysService {
  private readonly keys: AppConfig['keys'];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CALL_WORKSPACES) private readonly workspaces: CallWorkspaces,
    private readonly audit: AuditLog,
    private readonly invalidations: InvalidationBus,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    config: ConfigService<AppConfig, true>,
  ) {
    this.keys = config.get('keys', { infer: true });
  }

  async create(caller: Caller, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const actor = caller.principal;
    const workspace = workspaceOf(caller);
    const granted = callerPermissions(caller);
    const policy = workspace.keyPolicy;
    const settings = resolveSettings({ ...dto, scopes: dto.scopes ?? defaultScopesWithin(policy, defaultKeyScopes(granted)) }, this.rules(granted, workspace));
    assertWindow(settings.validFrom ?? null, settings.expiresAt ?? null);
    const rateLimit = settings.rateLimit ?? Math.min(this.keys.defaultRateLimit, rateLimitCeiling(this.maxRateLimit(workspace), policy));
    refuseOutsidePolicy(keyPolicyViolations(policy, { scopes: settings.scopes ?? [], expiresAt: settings.expiresAt ?? null, allowedIps: settings.allowedIps ?? [], rateLimit }, new Date()));
    const quota = resolveQuotaSettings(dto.credits, dto.limits, null, new Date());
    const created = await this.db.transaction(async (manager) => {
      await this.assertRoomForKey(manager, actor.user.id, workspace);
      const { key, entity } = await this.insertKey(manager, { ...settings, ...quota.columns, userId: actor.user.id, workspaceId: workspace.id, rateLimit });
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'api_key.created', apiKeyId: entity.id, keyPrefix: entity.keyPrefix, details: { name: entity.name, scopes: entity.scopes } }));
      return { key, entity };
    });
    this.invalidations.publish({ kind: 'api_key_created', keyId: created.entity.keyId });
    return { ...toApiKeyView(created.entity), key: created.key, message: KEY_MESSAGE };
  }

  async list(caller: Caller, query: ListApiKeysQuery): Promise<Page<ApiKeyView>> {
    if (!mayListKeysOf(caller, query)) throw new AppError('permission.denied', undefined, [{ required: 'keys:admin' }]);
    const builder = this.db.getRepository(ApiKey).createQueryBuilder('k').where('k.deleted_at IS NULL AND k.workspace_id = :workspaceId', { workspaceId: workspaceOf(caller).id });
    if (!query.all) builder.andWhere('k.user_id = :userId', { userId: query.userId ?? caller.principal.user.id });
    if (query.status) builder.andWhere(STATUS_CONDITIONS[query.status]);
    const now = new Date();
    if (query.violatesPolicy !== undefined) {
      const policed = violatesPolicySql(workspaceOf(caller).keyPolicy, query.violatesPolicy, now);
      builder.andWhere(policed.where, policed.parameters);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      builder.andWhere('(k.created_at, k.id) < (:createdAt, :id)', { createdAt: cursor.createdAt, id: cursor.id });
    }
    const rows = await builder.orderBy('k.created_at', 'DESC').addOrderBy('k.id', 'DESC').take(query.limit + 1).getMany();
    return toPage(rows, query.limit, (key) => toApiKeyView(key, now));
  }

  async get(caller: Caller, id: string): Promise<ApiKeyView> {
    return toApiKeyView(await this.findAccessible(this.db.manager, caller, id));
  }

  async update(caller: Caller, id: string, dto: UpdateApiKeyDto): Promise<ApiKeyView> {
    const updated = await this.db.transaction(async (manager) => {
      const key = await this.findAccessible(manager, caller, id, true);
      const owner = ownsKey(caller, key) ? callerPermissions(caller) : ((await this.workspaces.memberPermissions(key.workspaceId, key.userId)) ?? []);
      const settings = resolveSettings(dto as RequestedSettings, this.rules(owner, workspaceOf(caller)));
      const quota = resolveQuotaSettings(dto.credits, dto.limits, key, new Date());
      const loosened = looseningRefused(caller, key, settings, quota);
      if (loosened.length) this.refuse(caller, key, 'Only the owner of a key can widen it', loosened);
      assertWindow(settings.validFrom !== undefined ? settings.validFrom : key.validFrom, settings.expiresAt !== undefined ? settings.expiresAt : key.expiresAt);
      refuseOutsidePolicy(changeViolations(await this.policyOf(caller, key.workspaceId), key, settings, new Date()));
      const changed = [...Object.keys(settings), ...Object.keys(quota.columns), ...(quota.credits?.kind === 'delta' ? ['creditsRemaining'] : [])];
      Object.assign(key, settings, quota.columns);
      const saved = await manager.getRepository(ApiKey).save(key);
      if (quota.credits?.kind === 'delta') saved.creditsRemaining = await this.changeStoredCredits(manager, key.id, quota.credits.delta);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'api_key.updated', apiKeyId: key.id, keyPrefix: key.keyPrefix, details: { changed, ownerId: key.userId } }));
      return { saved, credits: quota.credits };
    });
    const live = await this.followCredits(updated.saved, updated.credits);
    this.invalidations.publish({ kind: 'api_key', keyId: updated.saved.keyId });
    return toApiKeyView(live);
  }

  /** `{credits: {increment|decrement}}` in one statement, so concurrent changes add up. */
  private async changeStoredCredits(manager: EntityManager, id: string, delta: number): Promise<number> {
    const [row] = await manager.query<Array<{ remaining: string }>>(
      'UPDATE api_keys SET credits_remaining = GREATEST(0, credits_remaining + $2) WHERE id = $1 RETURNING credits_remaining AS remaining',
      [id, delta],
    );
    return Number(row.remaining);
  }

  /** Once the change committed, the live figure the hot path spends follows it; the view shows that figure. */
  private async followCredits(key: ApiKey, change: CreditsChange | undefined): Promise<ApiKey> {
    if (!change || change.kind === 'clear' || key.creditsRemaining === null) return key;
    const delta = change.kind === 'delta' ? change.delta : null;
    return { ...key, creditsRemaining: await this.counters.adjustCredits(creditsCell(key.id), delta, key.creditsRemaining) } as ApiKey;
  }

  async revoke(caller: Caller, id: string): Promise<ApiKeyView> {
    const revoked = await this.db.transaction(async (manager) => {
      const key = await this.findAccessible(manager, caller, id, true);
      const now = new Date();
      if (!key.revokedAt || key.revokedAt > now) key.revokedAt = now;
      const saved = await manager.getRepository(ApiKey).save(key);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'api_key.revoked', apiKeyId: key.id, keyPrefix: key.keyPrefix, details: { ownerId: key.userId } }));
      return saved;
    });
    this.invalidations.publish({ kind: 'api_key', keyId: revoked.keyId });
    return toApiKeyView(revoked);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const removed = await this.db.transaction(async (manager) => {
      const key = await this.findAccessible(manager, caller, id, true);
      await manager.query('UPDATE api_keys SET deleted_at = now(), revoked_at = LEAST(coalesce(revoked_at, now()), now()), updated_at = now() WHERE id = $1', [key.id]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'api_key.deleted', apiKeyId: key.id, keyPrefix: key.keyPrefix, details: { name: key.name, ownerId: key.userId } }));
      return key;
    });
    this.invalidations.publish({ kind: 'api_key', keyId: removed.keyId });
  }

  async revokeAll(caller: Caller): Promise<{ revoked: number }> {
    const revoked = await this.db.transaction(async (manager) => {
      const rows = await manager.query<Array<{ id: string; key_id: string }>>(
        `WITH revoked AS (
           UPDATE api_keys SET revoked_at = now(), updated_at = now()
           WHERE user_id = $1 AND workspace_id = $2 AND deleted_at IS NULL AND (revoked_at IS NULL OR revoked_at > now())
           RETURNING id, key_id)
         SELECT id, key_id FROM revoked`,
        [caller.principal.user.id, workspaceOf(caller).id],
      );
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'api_key.revoked_all', details: { revoked: rows.length, apiKeyIds: rows.map((row) => row.id) } }));
      return rows;
    });
    for (const row of revoked) this.invalidations.publish({ kind: 'api_key', keyId: row.key_id });
    return { revoked: revoked.length };
  }

  async rotate(caller: Caller, id: string, gracePeriodSeconds: number): Promise<CreatedApiKeyView> {
    const rotated = await this.db.transaction(async (manager) => {
      const old = await this.findAccessible(manager, caller, id, true);
      if (!mayRotateKey(caller, old)) this.refuse(caller, old, 'Only the owner of a key can rotate it', [{ field: 'id', message: ROTATE_OWNER_ONLY }]);
      // Revocation is irreversible: a successor would bring a revoked key's access back.
      if (old.revokedAt && old.revokedAt <= new Date()) {
        throw new AppError('validation.failed', undefined, [{ field: 'id', message: 'a revoked key cannot be rotated' }]);
      }
      // Its successor would inherit the past expiry and be born dead.
      if (old.expiresAt && old.expiresAt <= new Date()) {
        throw new AppError('validation.failed', undefined, [{ field: 'id', message: 'an expired key cannot be rotated; extend its expiresAt or create a new key' }]);
      }
      // With a grace period the old key still counts until it ends; with none it is revoked below.
      if (gracePeriodSeconds > 0) await this.assertRoomForKey(manager, old.userId, workspaceOf(caller));
      const inherited = Object.fromEntries(INHERITED_ON_ROTATION.map((field) => [field, old[field]])) as Pick<ApiKey, (typeof INHERITED_ON_ROTATION)[number]>;
      // The successor is a new key: it must meet the policy, whatever the one it replaces was allowed.
      refuseOutsidePolicy(keyPolicyViolations(await this.policyOf(caller, old.workspaceId), inherited, new Date()));
      const { key, entity } = await this.insertKey(manager, { ...inherited, userId: old.userId, workspaceId: old.workspaceId, rotatedFromId: old.id });
      const graceEnds = new Date(Date.now() + gracePeriodSeconds * 1000);
      if (!old.revokedAt || old.revokedAt > graceEnds) old.revokedAt = graceEnds;
      await manager.getRepository(ApiKey).save(old);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, {
          type: 'api_key.rotated',
          apiKeyId: old.id,
          keyPrefix: old.keyPrefix,
          details: { newApiKeyId: entity.id, newKeyPrefix: entity.keyPrefix, gracePeriodSeconds, oldKeyRevokedAt: old.revokedAt.toISOString(), ownerId: old.userId },
        }),
      );
      return { key, entity, oldKeyId: old.keyId };
    });
    this.invalidations.publish({ kind: 'api_key_created', keyId: rotated.entity.keyId });
    this.invalidations.publish({ kind: 'api_key', keyId: rotated.oldKeyId });
    return { ...toApiKeyView(rotated.entity), key: rotated.key, message: KEY_MESSAGE };
  }

  /**
   * Hands a key of this workspace to another of its members (keys:admin there): it then acts as
   * them from its next request. Scopes the new owner holds nothing of are dropped and reported.
   */
  async transfer(caller: Caller, id: string, userId: string): Promise<TransferredApiKeyView> {
    const workspace = workspaceOf(caller);
    const moved = await this.db.transaction(async (manager) => {
      const key = await this.findAccessible(manager, caller, id, true);
      if (key.workspaceId !== workspace.id) throw new AppError('api_key.not_found');
      const granted = await this.workspaces.memberPermissions(workspace.id, userId);
      if (!granted) throw new AppError('member.not_found');
      if (userId !== key.userId) await this.assertRoomForKey(manager, userId, workspace);
      const droppedScopes = scopesNotHeld(granted, key.scopes);
      const scopes = key.scopes.filter((scope) => !droppedScopes.includes(scope));
      // Its new owner gets it as a new key: within the policy, or fixed (or revoked) first.
      refuseOutsidePolicy(keyPolicyViolations(workspace.keyPolicy, { ...key, scopes }, new Date()));
      const fromUserId = key.userId;
      Object.assign(key, { userId, scopes });
      const saved = await manager.getRepository(ApiKey).save(key);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'api_key.transferred', apiKeyId: key.id, keyPrefix: key.keyPrefix, details: { fromUserId, toUserId: userId, droppedScopes } }),
      );
      return { saved, droppedScopes };
    });
    this.invalidations.publish({ kind: 'api_key', keyId: moved.saved.keyId });
    return { ...toApiKeyView(moved.saved), droppedScopes: moved.droppedScopes };
  }

  /** A key the caller may see (maySeeKey); any other does not exist for them (404, never 403). */
  async findAccessible(manager: EntityManager, caller: Caller, id: string, lock = false): Promise<ApiKey> {
    const query = manager.getRepository(ApiKey).createQueryBuilder('k').where('k.id = :id AND k.deleted_at IS NULL', { id });
    if (!isInstanceKeyAdmin(caller)) query.andWhere('k.workspace_id = :workspaceId', { workspaceId: workspaceOf(caller).id });
    if (lock) query.setLock('pessimistic_write');
    const key = await query.getOne();
    if (!key || !maySeeKey(caller, key)) throw new AppError('api_key.not_found');
    return key;
  }

  /** A refused attempt on someone else's key is a permission.denied like the guard's, and audited like one. */
  private refuse(caller: Caller, key: ApiKey, message: string, details: object[]): never {
    const error = new AppError('permission.denied', message, details);
    this.audit.record(refusalEvent(caller, error, { type: 'permission.denied', apiKeyId: key.id, keyPrefix: key.keyPrefix, details: { ownerId: key.userId, reason: message } }));
    throw error;
  }

  /**
   * The workspace's maxKeysPerUser (default MAX_KEYS_PER_USER) counts a user's keys there that
   * are not revoked; the owner's row lock makes concurrent creates count one at a time.
   */
  private async assertRoomForKey(manager: EntityManager, userId: string, workspace: Pick<CallWorkspace, 'id' | 'plan'>): Promise<void> {
    await manager.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const [{ count }] = await manager.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM api_keys
       WHERE user_id = $1 AND workspace_id = $2 AND deleted_at IS NULL AND (revoked_at IS NULL OR revoked_at > now())`,
      [userId, workspace.id],
    );
    const max = workspace.plan.maxKeysPerUser ?? this.keys.maxPerUser;
    if (count >= max) throw new AppError('api_key.limit_reached', `A user may hold at most ${max} keys that are not revoked in this workspace`);
  }

  /** The policy of the key's workspace: the call's, or, for an instance keys:admin acting on a key by id, the key's own. */
  private policyOf(caller: Caller, workspaceId: string): KeyPolicy | Promise<KeyPolicy> {
    const workspace = workspaceOf(caller);
    return workspace.id === workspaceId ? workspace.keyPolicy : this.workspaces.keyPolicyOf(workspaceId);
  }

  private maxRateLimit(workspace: Pick<CallWorkspace, 'plan'>): number {
    return workspace.plan.maxRateLimit ?? this.keys.maxRateLimit;
  }

  private rules(ownerPermissions: readonly string[], workspace: Pick<CallWorkspace, 'plan'>) {
    return { ownerPermissions, maxRateLimit: this.maxRateLimit(workspace), now: new Date() };
  }

  /** Inserts a new key under a fresh 8-hex id, drawing again on the rare id collision. */
  private async insertKey(manager: EntityManager, fields: Partial<ApiKey> & { userId: string; workspaceId: string }): Promise<{ key: string; entity: ApiKey }> {
    const repository = manager.getRepository(ApiKey);
    for (let attempt = 0; attempt < 5; attempt++) {
      const generated = generateKey(this.keys.prefix);
      const inserted = await repository
        .createQueryBuilder()
        .insert()
        .values({ ...fields, keyId: generated.id, keyPrefix: generated.keyPrefix, keyHash: hashKey(generated.key, this.keys.hashSecret).toString('hex') } as QueryDeepPartialEntity<ApiKey>)
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (id) return { key: generated.key, entity: await repository.findOneByOrFail({ id }) };
    }
    throw new Error('could not draw an unused key id');
  }
}
