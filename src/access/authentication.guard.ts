import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
// eslint-disable-next-line keyward/layers -- access depends on a feature's strategy; r-access replaces this with a verifier registry
import { ApiKeyStrategy } from '../api-keys/verification/api-key.strategy.js';
// eslint-disable-next-line keyward/layers -- access depends on a feature's strategy; r-access replaces this with a verifier registry
import { ApiKeyVerifier } from '../api-keys/verification/api-key.verifier.js';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.js';
import { BruteForceService, tooManyAttempts } from './limits/brute-force.service.js';
import { SIGN_IN_ROUTE } from './limits/throttling.decorators.js';
import { type AuthenticatedRequest, IS_PUBLIC } from './access.decorators.js';
import { findCredential, FOUND_CREDENTIAL, type CredentialOptions } from './credentials.js';
// eslint-disable-next-line keyward/layers -- access depends on a feature's strategy; r-access replaces this with a verifier registry
import { JwtStrategy } from '../auth/jwt.strategy.js';
import { createPassportGuard } from './passport-guard.js';

/**
 * The global guard: every route needs a principal unless marked @Public(). It refuses IPs
 * blocked for brute force, finds the credential (API key or JWT, API.md §3) and hands it to the
 * matching passport strategy.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly jwt: CanActivate;
  private readonly apiKey: CanActivate;
  private readonly credentialOptions: CredentialOptions;

  constructor(
    private readonly reflector: Reflector,
    jwtStrategy: JwtStrategy,
    keyStrategy: ApiKeyStrategy,
    verifier: ApiKeyVerifier,
    private readonly bruteForce: BruteForceService,
    private readonly metrics: Metrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.jwt = createPassportGuard(jwtStrategy.strategyName, 'auth.token_invalid');
    this.apiKey = createPassportGuard(keyStrategy.strategyName, 'api_key.invalid');
    this.credentialOptions = {
      looksLikeKey: (value) => verifier.format.looksLikeKey(value),
      queryParam: config.get('keys', { infer: true }).queryParam,
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    if (isPublic && !this.reflector.getAllAndOverride<boolean>(SIGN_IN_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { [FOUND_CREDENTIAL]?: unknown }>();
    this.refuseBlockedIp(request, context);
    if (isPublic) return true;
    const credential = findCredential(request.headers, request.query, this.credentialOptions);
    if (!credential) throw new AppError('auth.required');
    request[FOUND_CREDENTIAL] = credential;
    // Consumed here, even when a header credential won: the route's own query validation must not
    // see it as an unknown field.
    const query = request.query as Record<string, unknown> | undefined;
    if (this.credentialOptions.queryParam && query && typeof query === 'object' && 'apikey' in query) delete query.apikey;
    await (credential.kind === 'api_key' ? this.apiKey : this.jwt).canActivate(context);
    return true;
  }

  private refuseBlockedIp(request: AuthenticatedRequest, context: ExecutionContext): void {
    const blockedMs = this.bruteForce.ipBlockedFor(request.ip);
    if (blockedMs > 0) throw tooManyAttempts(context, blockedMs, this.metrics);
  }
}
