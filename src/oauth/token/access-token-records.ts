import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { InFlightReads } from '../../common/in-flight-reads.js';
import type { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../metrics/metrics.js';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import { scopePermissions } from '../oauth-app.policies.js';
import { OAuthServer } from '../server/oauth-server.js';

/** What accepting an access token needs, as the cache holds it. */
export interface VerifiableAccessToken {
  accountId: string;
  grantId: string;
  clientId: string;
  /** The app's workspace: the token acts there only. */
  workspaceId: string;
  /** The granted scopes as permissions (scopePermissions). */
  scopes: string[];
  /** Epoch ms. */
  expiresAt: number;
}

const NEGATIVE_TTL_MS = 5_000;
const MISSING: unique symbol = Symbol('missing');

/**
 * Finds access tokens for the hot path, as ApiKeyRecords finds keys: an LRU cache (the keys'
 * TTL, never past the token's own expiry, short negative entries) in front of the provider's
 * lookup and the app's workspace, one read per miss shared by concurrent requests. Revoking a
 * token or grant, a reused refresh token and deleting an app evict through the InvalidationBus
 * (on every instance), so a warm check runs no query and a revoked token is refused at once.
 */
@Injectable()
export class AccessTokenRecords {
  private readonly cache: LRUCache<string, VerifiableAccessToken | typeof MISSING>;
  private readonly reads = new InFlightReads<VerifiableAccessToken | null>();

  constructor(
    private readonly server: OAuthServer,
    @InjectDataSource() private readonly db: DataSource,
    private readonly metrics: Metrics,
    bus: InvalidationBus,
    config: ConfigService<AppConfig, true>,
  ) {
    this.cache = new LRUCache({ max: 100_000, ttl: config.get('keys', { infer: true }).cacheTtlSeconds * 1000, allowStale: false });
    bus.subscribe((event) => {
      if (event.kind === 'oauth_grant') this.forgetWhere((token) => token.grantId === event.grantId);
      if (event.kind === 'oauth_client') this.forgetWhere((token) => token.clientId === event.clientId);
    });
  }

  /** The live token with this value, or null when there is none (unknown, expired, revoked). */
  async find(value: string): Promise<VerifiableAccessToken | null> {
    const cached = this.cache.get(value);
    if (cached !== undefined) {
      this.metrics.cacheHit.inc();
      if (cached === MISSING) return null;
      if (cached.expiresAt > Date.now()) return cached;
      this.cache.delete(value);
      return null;
    }
    this.metrics.cacheMiss.inc();
    return this.reads.join(value, (stillCurrent) => this.load(value, stillCurrent));
  }

  private async load(value: string, stillCurrent: () => boolean): Promise<VerifiableAccessToken | null> {
    const found = await this.read(value);
    if (!stillCurrent()) return found;
    if (found) this.cache.set(value, found, { ttl: Math.min(this.cache.ttl, found.expiresAt - Date.now()) });
    else this.cache.set(value, MISSING, { ttl: NEGATIVE_TTL_MS });
    return found;
  }

  private async read(value: string): Promise<VerifiableAccessToken | null> {
    const token = await this.server.provider.AccessToken.find(value);
    if (!token?.accountId || !token.grantId || !token.clientId || token.isExpired) return null;
    const [app] = await this.db.query<Array<{ workspaceId: string }>>(`SELECT workspace_id AS "workspaceId" FROM oauth_apps WHERE client_id = $1`, [token.clientId]);
    if (!app) return null;
    return {
      accountId: token.accountId,
      grantId: token.grantId,
      clientId: token.clientId,
      workspaceId: app.workspaceId,
      scopes: scopePermissions((token.scope ?? '').split(' ').filter(Boolean)),
      expiresAt: (token.exp ?? 0) * 1000,
    };
  }

  /** Revocations are rare and the cache bounded: a scan is simpler than a second index to keep right. */
  private forgetWhere(matches: (token: VerifiableAccessToken) => boolean): void {
    // A read in flight may have found a token of what was just revoked: none may cache.
    this.reads.overtakeAll();
    for (const [value, token] of this.cache.entries()) {
      if (token !== MISSING && matches(token)) this.cache.delete(value);
    }
  }
}
