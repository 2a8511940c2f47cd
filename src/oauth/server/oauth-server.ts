import { generateKeyPairSync, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import Provider from 'oidc-provider';
import type { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/chain/audit-log.js';
import type { AppConfig } from '../../config/app-config.js';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import { compareHashedClientSecret, providerConfiguration } from './provider-config.js';
import { auditRefreshReuse } from './refresh-reuse.js';

/** The one oidc-provider instance of this process; its state lives in PostgreSQL, so instances share it. */
@Injectable()
export class OAuthServer {
  readonly provider: Provider;

  constructor(@InjectDataSource() db: DataSource, config: ConfigService<AppConfig, true>, audit: AuditLog, bus: InvalidationBus) {
    const jwt = config.get('jwt', { infer: true });
    // Every instance derives the same cookie keys from the one configured secret: a consent
    // started on one instance resumes on another.
    const cookieKey = Buffer.from(hkdfSync('sha256', jwt.secret, 'keyward', 'oauth-cookies', 32)).toString('base64url');
    const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const configuration = providerConfiguration(
      db,
      { cookieKeys: [cookieKey], signingKey: { ...signingKey, alg: 'ES256', use: 'sig' } },
      { accessToken: jwt.accessTtlSeconds, refreshToken: jwt.refreshTtlSeconds },
      (grantId) => bus.publish({ kind: 'oauth_grant', grantId }),
    );
    this.provider = new Provider(config.get('oauth', { infer: true }).issuer, configuration);
    this.provider.proxy = true; // the mount rewrites the forwarded headers from Fastify's own answers
    (this.provider.Client.prototype as unknown as { compareClientSecret: typeof compareHashedClientSecret }).compareClientSecret = compareHashedClientSecret;
    auditRefreshReuse(this.provider, db, audit);
  }
}
