import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.js';
import { BruteForceService, tooManyAttempts } from './limits/brute-force.service.js';
import { SIGN_IN_ROUTE } from './limits/throttling.decorators.js';
import { type AuthenticatedRequest, IS_PUBLIC } from './access.decorators.js';
import { CredentialVerifiers } from './credential-verifiers.js';
import { RouteMemo } from './route-memo.js';
import { type CredentialRequest, findCredential, FOUND_CREDENTIAL, type FoundCredential } from './credentials.js';

/**
 * The global guard: every route needs a principal unless marked @Public(). It refuses IPs
 * blocked for brute force, finds the credential (API.md §3) and hands it to the verifier of
 * the kind that recognises it.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly queryParam: boolean;
  private readonly routes: RouteMemo<{ isPublic: boolean; signIn: boolean }>;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifiers: CredentialVerifiers,
    private readonly bruteForce: BruteForceService,
    private readonly metrics: Metrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.queryParam = config.get('keys', { infer: true }).queryParam;
    this.routes = new RouteMemo((targets) => ({
      isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
      signIn: this.reflector.getAllAndOverride<boolean>(SIGN_IN_ROUTE, targets) ?? false,
    }));
  }

  /** Synchronous on a public route: a promise only where a credential is verified. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { isPublic, signIn } = this.routes.of(context);
    if (isPublic && !signIn) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & CredentialRequest>();
    this.refuseBlockedIp(request, context);
    if (isPublic) return true;
    return this.authenticate(context, request);
  }

  private async authenticate(context: ExecutionContext, request: AuthenticatedRequest & CredentialRequest): Promise<boolean> {
    const presented = findCredential(request.headers, request.query, this.queryParam);
    if (!presented) throw new AppError('auth.required');
    // Consumed here, even when a header credential won: the route's own query validation must not
    // see it as an unknown field.
    const query = request.query as Record<string, unknown> | undefined;
    if (this.queryParam && query && typeof query === 'object' && 'apikey' in query) delete query.apikey;
    // A credential no registered kind recognises is refused like a bad token: nothing is let through by default.
    const verifier = this.verifiers.for(presented);
    if (!verifier) throw new AppError('auth.token_invalid');
    const found = presented as FoundCredential; // named in place: no second object on the hot path
    found.kind = verifier.kind;
    request[FOUND_CREDENTIAL] = found;
    await verifier.verify(context);
    // A verifier vouches for its own kind only: whatever it set must say so.
    if (request.user?.authMethod !== verifier.kind) throw new AppError('auth.token_invalid');
    return true;
  }

  private refuseBlockedIp(request: AuthenticatedRequest, context: ExecutionContext): void {
    const blockedMs = this.bruteForce.ipBlockedFor(request.ip);
    if (blockedMs > 0) throw tooManyAttempts(context, blockedMs, this.metrics);
  }
}
